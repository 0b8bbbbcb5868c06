package nl.koers.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;

/**
 * Makes and rotates the signing key file that {@code KOERS_JWT_KEYS_FILE} names.
 *
 * <pre>
 * java -cp koers-server.jar nl.koers.identity.SigningKeysTool new    keys.json
 * java -cp koers-server.jar nl.koers.identity.SigningKeysTool rotate keys.json
 * </pre>
 *
 * {@code rotate} retires the signing key (it keeps verifying until its last token expired) and adds
 * a new one that signs from then on; restart the instances to pick the file up.
 */
public final class SigningKeysTool {

  private SigningKeysTool() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2 || !(args[0].equals("new") || args[0].equals("rotate"))) {
      System.err.println("usage: SigningKeysTool new|rotate <file>");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    Instant now = Clock.systemUTC().instant();
    JsonObject keys;
    if (args[0].equals("new")) {
      if (Files.exists(file)) {
        System.err.println(file + " exists already; use rotate");
        System.exit(1);
      }
      keys = new JsonObject().put("keys", new JsonArray().add(SigningKeys.newKey(now)));
    } else {
      keys = rotate(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)), now);
    }
    SigningKeys.parse(keys); // refuse to write a set the server could not load
    Files.writeString(file, keys.encodePrettily(), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    System.out.println("wrote " + file);
  }

  /** Retires every active key and adds a new one. */
  static JsonObject rotate(JsonObject keys, Instant now) {
    JsonArray rotated = new JsonArray();
    for (Object item : keys.getJsonArray("keys")) {
      JsonObject key = ((JsonObject) item).copy();
      if (key.getString("retiredAt") == null) {
        key.put("retiredAt", now.toString());
      }
      rotated.add(key);
    }
    return new JsonObject().put("keys", rotated.add(SigningKeys.newKey(now)));
  }
}
