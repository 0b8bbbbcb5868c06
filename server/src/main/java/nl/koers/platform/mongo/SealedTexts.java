package nl.koers.platform.mongo;

import nl.koers.platform.crypto.FieldCipher;
import org.bson.Document;

/**
 * Free text about a young person as a store keeps it: sealed, bound to what it belongs to, as one
 * sub-document ({@code nonce}, {@code ciphertext}). One shape for every sealed field, so a key
 * rotation or an erasure finds them all the same way.
 *
 * <p>Texts about a young person are sealed with that young person's own data key ({@link
 * DataKeys}), and the sub-document says so ({@code key: "youth"}): destroying that key makes every
 * copy of them unreadable, in backups and replicas too (crypto-shredding). A sub-document without
 * {@code key} was sealed with the master key: records that are no one person's data (idempotency
 * replays) and texts written before per-person keys, which still open until the start-up migration
 * re-seals them.
 */
public final class SealedTexts {

  /** The field of a sealed sub-document that names the key that sealed it. */
  public static final String KEY = "key";

  /** {@link #KEY}'s value for the young person's own data key. */
  public static final String YOUTH = "youth";

  /**
   * What a text reads as once its young person's key is destroyed. Erasure deletes the records
   * after the key, so an API reader meets this only in the moment in between (or on a replica that
   * lags): the record is shown, its words are gone, and nothing crashes.
   */
  public static final String ERASED = "[erased]";

  private final FieldCipher master;

  /** The young person's key; null when it was destroyed (or for master-only texts). */
  private final FieldCipher youth;

  private final boolean perYouth;

  /** Texts sealed with the master key: for records that are no one person's data. */
  public SealedTexts(FieldCipher cipher) {
    this(cipher, null, false);
  }

  private SealedTexts(FieldCipher master, FieldCipher youth, boolean perYouth) {
    this.master = master;
    this.youth = youth;
    this.perYouth = perYouth;
  }

  /**
   * Texts of one young person: sealed with their key, opened with it (or with the master key when
   * older); {@code youth} null when their key is gone, so their texts read as {@link #ERASED}.
   */
  static SealedTexts ofYouth(FieldCipher master, FieldCipher youth) {
    return new SealedTexts(master, youth, true);
  }

  /** Whether a stored value is a text sealed with a young person's own key. */
  public static boolean sealedWithYouthKey(Object value) {
    return value instanceof Document sealed && YOUTH.equals(sealed.getString(KEY));
  }

  /** The text sealed, bound to {@code boundTo} (it opens only with the same binding). */
  public Document seal(String text, String boundTo) {
    if (!perYouth) {
      return shape(master.seal(text, boundTo));
    }
    if (youth == null) {
      throw new IllegalStateException("no data key to seal with (read keys are not for writing)");
    }
    Document sealed = new Document(KEY, YOUTH);
    sealed.putAll(shape(youth.seal(text, boundTo)));
    return sealed;
  }

  private static Document shape(FieldCipher.Sealed sealed) {
    return new Document("nonce", sealed.nonce()).append("ciphertext", sealed.ciphertext());
  }

  /**
   * The text of a sub-document {@link #seal} wrote with the same binding; {@link #ERASED} when it
   * was sealed with a young person's key that is destroyed (or replaced since: a key made anew
   * after an erasure does not open what the old one sealed).
   */
  public String open(Document sealed, String boundTo) {
    FieldCipher.Sealed value =
        new FieldCipher.Sealed(sealed.getString("nonce"), sealed.getString("ciphertext"));
    if (!YOUTH.equals(sealed.getString(KEY))) {
      return master.open(value, boundTo);
    }
    if (youth == null) {
      return ERASED;
    }
    try {
      return youth.open(value, boundTo);
    } catch (IllegalStateException shredded) {
      return ERASED;
    }
  }
}
