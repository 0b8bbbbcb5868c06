package nl.koers.platform.mongo;

import nl.koers.platform.crypto.FieldCipher;
import org.bson.Document;

/**
 * Free text about a young person as a store keeps it: sealed with the data key, bound to what it
 * belongs to, as one sub-document ({@code nonce}, {@code ciphertext}). One shape for every sealed
 * field, so a key rotation or an erasure finds them all the same way.
 */
public final class SealedTexts {

  private final FieldCipher cipher;

  public SealedTexts(FieldCipher cipher) {
    this.cipher = cipher;
  }

  /** The text sealed, bound to {@code boundTo} (it opens only with the same binding). */
  public Document seal(String text, String boundTo) {
    FieldCipher.Sealed sealed = cipher.seal(text, boundTo);
    return new Document("nonce", sealed.nonce()).append("ciphertext", sealed.ciphertext());
  }

  /** The text of a sub-document {@link #seal} wrote with the same binding. */
  public String open(Document sealed, String boundTo) {
    return cipher.open(
        new FieldCipher.Sealed(sealed.getString("nonce"), sealed.getString("ciphertext")), boundTo);
  }
}
