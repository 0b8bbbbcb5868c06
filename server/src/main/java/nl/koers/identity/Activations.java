package nl.koers.identity;

import com.google.common.hash.Hashing;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * Single-use activation codes: a professional registers someone, hands them the code, and that
 * person redeems it after signing in on their own phone. Codes are 8 characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), valid {@link #VALIDITY}; only their hash is
 * stored.
 */
public final class Activations {

  public static final Duration VALIDITY = Duration.ofDays(14);
  public static final String ALPHABET = "ACDEFGHJKMNPQRTUVWXY345679";
  public static final int LENGTH = 8;

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "activations",
          Index.ascending("byPerson", "personId"),
          Index.ascending("expiry", "expiresAt").expiringAfter(Duration.ofDays(30)));

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A code as handed out, with its end. */
  public record Code(String code, Instant expiresAt) {}

  private final Documents codes;
  private final Clock clock;

  public Activations(Mongo mongo, Clock clock) {
    this.codes = mongo.documents(SPEC);
    this.clock = clock;
  }

  /** A new code for this person; earlier unredeemed codes for them stay valid until they expire. */
  public Future<Code> issue(String personId, String issuedBy) {
    String code = randomCode();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(VALIDITY);
    Document doc =
        new Document("_id", hash(code))
            .append("personId", personId)
            .append("issuedBy", issuedBy)
            .append("createdAt", Date.from(now))
            .append("expiresAt", Date.from(expiresAt))
            .append("redeemedBy", null);
    return codes.insert(doc).map(done -> new Code(code, expiresAt));
  }

  /**
   * Spends the code for the caller and answers whose record it opens. The same caller redeeming the
   * same code again (a retry, also one signed in as the opened record) gets the same answer; anyone
   * else, or an expired or unknown code, gets nothing.
   */
  public Future<Optional<String>> redeem(String code, String callerPersonId) {
    String hash = hash(normalise(code));
    Instant now = clock.instant();
    Document unspent =
        new Document("_id", hash)
            .append("redeemedBy", null)
            .append("expiresAt", new Document("$gt", Date.from(now)));
    return codes
        .claim(
            unspent,
            Updates.combine(
                Updates.set("redeemedBy", callerPersonId),
                Updates.set("redeemedAt", Date.from(now))))
        .compose(
            claimed ->
                claimed != null
                    ? Future.succeededFuture(Optional.of(claimed.getString("personId")))
                    : redeemedEarlierBy(hash, callerPersonId));
  }

  private Future<Optional<String>> redeemedEarlierBy(String hash, String callerPersonId) {
    return codes
        .byId(hash)
        .map(
            doc ->
                Optional.ofNullable(doc)
                    .filter(
                        d ->
                            callerPersonId.equals(d.getString("redeemedBy"))
                                || callerPersonId.equals(d.getString("personId")))
                    .map(d -> d.getString("personId")));
  }

  /** What people type: lower case, spaces or a dash in the middle are fine. */
  public static String normalise(String code) {
    return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }

  /** A fresh code from {@link #ALPHABET} (also for other single-use invites). */
  public static String randomCode() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** What is stored instead of a code. */
  public static String hash(String code) {
    return Hashing.sha256().hashString(code, StandardCharsets.UTF_8).toString();
  }

  /** Erasure: every code that opens this person, redeemed or not. */
  public Future<Void> forget(String personId) {
    return codes.deleteMany(new Document("personId", personId)).mapEmpty();
  }
}
