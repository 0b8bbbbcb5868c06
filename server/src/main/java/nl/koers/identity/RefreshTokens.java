package nl.koers.identity;

import com.google.common.hash.Hashing;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * Rotating refresh tokens. A sign-in starts a family that lives at most {@link #FAMILY_LIFETIME};
 * each refresh spends the presented token and issues the next one in the family. Presenting a spent
 * token means it was copied (or a refresh raced another): the whole family ends, so a stolen token
 * is worth one refresh at most. Tokens are random and only their SHA-256 is stored.
 */
public final class RefreshTokens {

  public static final Duration FAMILY_LIFETIME = Duration.ofDays(30);

  public static final CollectionSpec FAMILIES =
      CollectionSpec.of(
          "sessionFamilies",
          Index.ascending("byPerson", "personId"),
          Index.ascending("expiry", "expiresAt").expiringAfter(Duration.ZERO));
  public static final CollectionSpec TOKENS =
      CollectionSpec.of(
          "refreshTokens", Index.ascending("expiry", "expiresAt").expiringAfter(Duration.ZERO));

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token issued in a family (one sign-in), for a person. */
  public record Issued(String personId, String familyId, String token) {}

  private final Mongo mongo;
  private final Clock clock;

  public RefreshTokens(Mongo mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** Starts a family for a fresh sign-in; answers its first token. */
  public Future<Issued> start(String personId) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(FAMILY_LIFETIME);
    String familyId = UUID.randomUUID().toString();
    Document family =
        new Document("_id", familyId)
            .append("personId", personId)
            .append("createdAt", Date.from(now))
            .append("expiresAt", Date.from(expiresAt));
    return mongo
        .write(mongo.collection(FAMILIES.name()).insertOne(family))
        .compose(done -> issue(familyId, personId, expiresAt));
  }

  /** Spends a token and issues its successor; 401 for an unknown, spent or expired token. */
  public Future<Issued> rotate(String token) {
    String hash = hash(token);
    Instant now = clock.instant();
    return mongo
        .first(
            mongo
                .collection(TOKENS.name())
                .findOneAndUpdate(
                    new Document("_id", hash).append("usedAt", null),
                    Updates.set("usedAt", Date.from(now))))
        .compose(claimed -> claimed == null ? refuseSpent(hash) : continueFamily(claimed, now));
  }

  /** Ends the family of this token (logging out) and names it; unknown tokens are ignored. */
  public Future<Optional<String>> end(String token) {
    return mongo
        .first(mongo.collection(TOKENS.name()).find(Filters.eq("_id", hash(token))))
        .compose(
            doc ->
                doc == null
                    ? Future.succeededFuture(Optional.empty())
                    : endFamily(doc.getString("familyId"), "logout", null)
                        .map(Optional.of(doc.getString("familyId"))));
  }

  /** Ends every family of a person (their account now belongs to someone else). */
  public Future<Void> endAllOf(String personId) {
    return mongo
        .write(
            mongo
                .collection(FAMILIES.name())
                .updateMany(
                    new Document("personId", personId).append("endedAt", null),
                    Updates.combine(
                        Updates.set("endedAt", Date.from(clock.instant())),
                        Updates.set("endReason", "relinked"))))
        .mapEmpty();
  }

  private Future<Issued> continueFamily(Document claimed, Instant now) {
    String familyId = claimed.getString("familyId");
    return mongo
        .first(mongo.collection(FAMILIES.name()).find(Filters.eq("_id", familyId)))
        .compose(
            family -> {
              if (family == null
                  || endedFor(family, claimed.getString("_id"))
                  || !family.getDate("expiresAt").toInstant().isAfter(now)) {
                return refused();
              }
              String personId = family.getString("personId");
              return issue(familyId, personId, family.getDate("expiresAt").toInstant());
            });
  }

  /**
   * Whether the family is closed to this refresh. A family ended because the very token this
   * refresh just spent was presented again meanwhile (a race of copies of one token) still lets
   * this refresh answer - exactly one of the race succeeds - but stays ended, so the token it
   * answers with will not refresh again.
   */
  private static boolean endedFor(Document family, String claimedHash) {
    if (family.getDate("endedAt") == null) {
      return false;
    }
    return !("reuse".equals(family.getString("endReason"))
        && claimedHash.equals(family.getString("reusedToken")));
  }

  private Future<Issued> refuseSpent(String hash) {
    return mongo
        .first(mongo.collection(TOKENS.name()).find(Filters.eq("_id", hash)))
        .compose(
            spent ->
                spent == null
                    ? Future.<Void>succeededFuture()
                    : endFamily(spent.getString("familyId"), "reuse", hash))
        .compose(v -> refused());
  }

  private Future<Void> endFamily(String familyId, String reason, String reusedToken) {
    return mongo
        .write(
            mongo
                .collection(FAMILIES.name())
                .updateOne(
                    new Document("_id", familyId).append("endedAt", null),
                    Updates.combine(
                        Updates.set("endedAt", Date.from(clock.instant())),
                        Updates.set("endReason", reason),
                        Updates.set("reusedToken", reusedToken))))
        .mapEmpty();
  }

  private Future<Issued> issue(String familyId, String personId, Instant expiresAt) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Document doc =
        new Document("_id", hash(token))
            .append("familyId", familyId)
            .append("personId", personId)
            .append("expiresAt", Date.from(expiresAt))
            .append("usedAt", null);
    return mongo
        .write(mongo.collection(TOKENS.name()).insertOne(doc))
        .map(done -> new Issued(personId, familyId, token));
  }

  private static <T> Future<T> refused() {
    return Future.failedFuture(
        Problem.of(ProblemKind.UNAUTHORIZED, "problem.unauthorized.refresh"));
  }

  private static String hash(String token) {
    return Hashing.sha256().hashString(token, StandardCharsets.UTF_8).toString();
  }
}
