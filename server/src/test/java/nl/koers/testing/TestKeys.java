package nl.koers.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import nl.koers.identity.SigningKeys;

/** One signing key file for the whole test JVM (RSA key generation is slow). */
public final class TestKeys {

  private static Path file;

  private TestKeys() {}

  /** The key in the file, private part included (for tests that forge tokens with it). */
  public static JsonObject key() {
    try {
      return new JsonObject(Files.readString(file())).getJsonArray("keys").getJsonObject(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path dataKey;

  /** One data key file (AES-256 for text at rest) for the whole test JVM. */
  public static synchronized Path dataKeyFile() {
    if (dataKey == null) {
      try {
        Path dir = Files.createTempDirectory("koers-test-data-key");
        dataKey = dir.resolve("data-key.json");
        nl.koers.platform.crypto.FieldCipher.load(dataKey, true);
        dataKey.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dataKey;
  }

  public static synchronized Path file() {
    if (file == null) {
      try {
        file = Files.createTempFile("koers-test-keys", ".json");
        file.toFile().deleteOnExit();
        JsonObject keys =
            new JsonObject().put("keys", new JsonArray().add(SigningKeys.newKey(Instant.now())));
        Files.writeString(file, keys.encode());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }
}
