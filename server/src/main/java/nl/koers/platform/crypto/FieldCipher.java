package nl.koers.platform.crypto;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts free text at rest with AES-256-GCM. Each value gets a fresh 96-bit nonce and is bound to
 * its document (associated data), so a ciphertext copied into another document does not decrypt.
 * The key comes from a file (configured, or generated once under the data directory on the embedded
 * default). The same key, never the database, also keys opaque tokens ({@link #keyedToken}), so a
 * copy of the database and a list of person ids cannot be joined on them.
 */
public final class FieldCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A sealed value as stored: nonce and ciphertext, base64. */
  public record Sealed(String nonce, String ciphertext) {}

  private final SecretKey key;

  private FieldCipher(SecretKey key) {
    this.key = key;
  }

  /** Loads the key file, or (when allowed) makes one, readable by its owner only. */
  public static FieldCipher load(Path file, boolean createIfMissing) throws IOException {
    if (!Files.exists(file)) {
      if (!createIfMissing) {
        throw new IllegalStateException("data key file missing: " + file);
      }
      create(file);
    }
    JsonObject json = new JsonObject(Files.readString(file));
    byte[] bytes = Base64.getDecoder().decode(json.getString("aes256"));
    if (bytes.length != 32) {
      throw new IllegalStateException("data key must be 256 bits: " + file);
    }
    return new FieldCipher(new SecretKeySpec(bytes, "AES"));
  }

  private static void create(Path file) throws IOException {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, RANDOM);
      String encoded = Base64.getEncoder().encodeToString(generator.generateKey().getEncoded());
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, "data-key", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Only on file systems without POSIX permissions.
      }
      Files.writeString(temp, new JsonObject().put("aes256", encoded).encode());
      Files.move(temp, file);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is part of every JDK", e);
    }
  }

  /**
   * A cipher with a key of its own (a young person's data key, see {@code
   * platform.mongo.DataKeys}): it seals and opens like this one, but never keys tokens, which stay
   * with the master key.
   */
  public static FieldCipher ofKey(byte[] aes256) {
    if (aes256.length != 32) {
      throw new IllegalArgumentException("a data key has 256 bits");
    }
    return new FieldCipher(new SecretKeySpec(aes256, "AES"));
  }

  /** A fresh random AES-256 key, for {@link #ofKey}. */
  public static byte[] randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  /** What starts a {@link #keyedToken}: a stored token without it was made before keying. */
  public static final String KEYED = "k1:";

  /**
   * An opaque, stable token for {@code value} within {@code purpose}: HMAC-SHA256 under a key
   * derived from the data key for that purpose. Without the key file, nobody holding the database
   * and a list of candidate values can tell which token is whose.
   */
  public String keyedToken(String purpose, String value) {
    byte[] purposeKey = hmac(key.getEncoded(), "koers/keyed-token/" + purpose);
    byte[] token = hmac(purposeKey, value);
    return KEYED + Base64.getUrlEncoder().withoutPadding().encodeToString(token).substring(0, 32);
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }

  public Sealed seal(String plaintext, String boundTo) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return new Sealed(
          Base64.getEncoder().encodeToString(nonce), Base64.getEncoder().encodeToString(sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not encrypt", e);
    }
  }

  public String open(Sealed sealed, String boundTo) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, Base64.getDecoder().decode(sealed.nonce())));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      return new String(
          cipher.doFinal(Base64.getDecoder().decode(sealed.ciphertext())), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not decrypt (wrong key or tampered value)", e);
    }
  }
}
