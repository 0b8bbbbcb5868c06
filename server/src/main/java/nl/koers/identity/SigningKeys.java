package nl.koers.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The RSA keys that sign access tokens. The newest key that is not retired signs; a retired key
 * still verifies until the last token it signed has expired. Kept as a JSON file (private keys
 * PKCS#8, public keys X.509, base64); the file comes from configuration, or on the embedded default
 * is generated once under the data directory.
 */
public final class SigningKeys {

  /** One key of the set. */
  public record SigningKey(
      String kid,
      Instant createdAt,
      Instant retiredAt,
      PrivateKey privateKey,
      RSAPublicKey publicKey) {

    boolean verifiesAt(Instant now, Duration tokenLifetime) {
      return retiredAt == null || now.isBefore(retiredAt.plus(tokenLifetime));
    }
  }

  private final List<SigningKey> keys;

  private SigningKeys(List<SigningKey> keys) {
    if (keys.stream().noneMatch(k -> k.retiredAt() == null)) {
      throw new IllegalStateException("the signing key set has no active key");
    }
    this.keys =
        keys.stream().sorted(Comparator.comparing(SigningKey::createdAt).reversed()).toList();
  }

  /** The key that signs new tokens: the newest one not retired. */
  public SigningKey signing() {
    return keys.stream().filter(k -> k.retiredAt() == null).findFirst().orElseThrow();
  }

  /** The key a token names, if it may still verify tokens now. */
  public Optional<SigningKey> verifying(String kid, Instant now, Duration tokenLifetime) {
    return keys.stream()
        .filter(k -> k.kid().equals(kid) && k.verifiesAt(now, tokenLifetime))
        .findFirst();
  }

  /** The public keys clients and other services may verify with (RFC 7517). */
  public JsonObject jwks(Instant now, Duration tokenLifetime) {
    JsonArray published = new JsonArray();
    for (SigningKey key : keys) {
      if (key.verifiesAt(now, tokenLifetime)) {
        published.add(
            new JsonObject()
                .put("kty", "RSA")
                .put("use", "sig")
                .put("alg", AccessTokens.ALGORITHM)
                .put("kid", key.kid())
                .put("n", base64Url(key.publicKey().getModulus()))
                .put("e", base64Url(key.publicKey().getPublicExponent())));
      }
    }
    return new JsonObject().put("keys", published);
  }

  /** Reads the key file; if it does not exist and {@code createIfMissing}, makes one key. */
  public static SigningKeys load(Path file, boolean createIfMissing, Clock clock) {
    try {
      if (!Files.exists(file)) {
        if (!createIfMissing) {
          throw new IllegalStateException("signing key file not found: " + file);
        }
        write(file, new JsonObject().put("keys", new JsonArray().add(newKey(clock.instant()))));
      }
      return parse(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read signing keys from " + file, e);
    }
  }

  /** Parses a key set: {@code {"keys": [{kid, createdAt, retiredAt?, privateKey, publicKey}]}}. */
  public static SigningKeys parse(JsonObject json) {
    List<SigningKey> keys = new ArrayList<>();
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      for (Object item : json.getJsonArray("keys")) {
        JsonObject key = (JsonObject) item;
        keys.add(
            new SigningKey(
                key.getString("kid"),
                Instant.parse(key.getString("createdAt")),
                key.getString("retiredAt") == null
                    ? null
                    : Instant.parse(key.getString("retiredAt")),
                rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(
                        Base64.getDecoder().decode(key.getString("privateKey")))),
                (RSAPublicKey)
                    rsa.generatePublic(
                        new X509EncodedKeySpec(
                            Base64.getDecoder().decode(key.getString("publicKey"))))));
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("the signing key set is not valid", e);
    }
    return new SigningKeys(keys);
  }

  /** A new 3072-bit RSA key in the file format, named by its creation time and a random part. */
  public static JsonObject newKey(Instant createdAt) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(3072);
      KeyPair pair = generator.generateKeyPair();
      return new JsonObject()
          .put(
              "kid",
              "k" + createdAt.getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8))
          .put("createdAt", createdAt.toString())
          .put("privateKey", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()))
          .put("publicKey", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is part of every JDK", e);
    }
  }

  private static void write(Path file, JsonObject keys) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, keys.encodePrettily(), StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file stays with the directory's permissions.
    }
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
