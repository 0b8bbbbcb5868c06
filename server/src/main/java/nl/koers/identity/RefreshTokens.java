package nl.koers.identity;

import com.google.common.hash.Hashing;
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
import java.util.function.Consumer;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import org.bson.Document;

/**
 * Rotating refresh tokens. A sign-in starts a family that lives at most {@link #FAMILY_LIFETIME};
 * each refresh spends the presented token and issues the next one in the family. Presenting a spent
 * token means it was copied (or a refresh raced another): the whole family ends, so a stolen token
 * is worth one refresh at most. Tokens are random and only their SHA-256 is stored.
 *
 * <p>A family is the session its access tokens name ({@code sid}): once it has ended ({@code
 * endedAt}, {@code endReason}: logout, reuse, revoked, relinked) those tokens stop working too
 * ({@link SessionChecks}). A family started by a Firebase sign-in remembers the Firebase user and
 * the sign-in's {@code auth_time}, and when Firebase was last asked whether that sign-in stands.
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
          "refreshTokens",
          Index.ascending("expiry", "expiresAt").expiringAfter(Duration.ZERO),
          // Erasure: every token of a person.
          Index.ascending("byPerson", "personId"));

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token issued in a family (one sign-in), for a person. */
  public record Issued(String personId, String familyId, String token) {}

  /** The Firebase sign-in a family came from: the user and when they signed in there. */
  public record FirebaseSignIn(String uid, Instant authTime) {}

  /** A family as stored: ended or not, and the Firebase sign-in behind it, if any. */
  public record Family(
      String id,
      String personId,
      Instant expiresAt,
      Optional<Instant> endedAt,
      Optional<FirebaseSignIn> firebase,
      Optional<Instant> firebaseCheckedAt) {

    /** Whether its tokens may still be used at {@code now}. */
    public boolean standsAt(Instant now) {
      return endedAt.isEmpty() && now.isBefore(expiresAt);
    }
  }

  private final Documents families;
  private final Documents tokens;
  private final Clock clock;
  private volatile Consumer<String> whenEnded = familyId -> {};

  public RefreshTokens(Mongo mongo, Clock clock) {
    this.families = mongo.documents(FAMILIES);
    this.tokens = mongo.documents(TOKENS);
    this.clock = clock;
  }

  /** Is told the id of every family this instance ends, right after the write. */
  void onEnded(Consumer<String> listener) {
    this.whenEnded = listener;
  }

  /** Starts a family for a fresh sign-in; answers its first token. */
  public Future<Issued> start(String personId) {
    return start(personId, Optional.empty());
  }

  /** Starts a family for a sign-in, remembering the Firebase sign-in it came from, if any. */
  public Future<Issued> start(String personId, Optional<FirebaseSignIn> signIn) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(FAMILY_LIFETIME);
    String familyId = UUID.randomUUID().toString();
    Document family =
        new Document("_id", familyId)
            .append("personId", personId)
            .append("createdAt", Date.from(now))
            .append("expiresAt", Date.from(expiresAt));
    signIn.ifPresent(
        firebase ->
            family
                .append("firebaseUid", firebase.uid())
                .append("authTime", Date.from(firebase.authTime()))
                // Firebase was asked just now, revocation checked, to let this sign-in in.
                .append("firebaseCheckedAt", Date.from(now)));
    return families.insert(family).compose(done -> issue(familyId, personId, expiresAt));
  }

  /** Spends a token and issues its successor; 401 for an unknown, spent or expired token. */
  public Future<Issued> rotate(String token) {
    String hash = hash(token);
    Instant now = clock.instant();
    return tokens
        .claim(
            new Document("_id", hash).append("usedAt", null), Updates.set("usedAt", Date.from(now)))
        .compose(claimed -> claimed == null ? refuseSpent(hash) : continueFamily(claimed, now));
  }

  /** Ends the family of this token (logging out) and names it; unknown tokens are ignored. */
  public Future<Optional<String>> end(String token) {
    return tokens
        .byId(hash(token))
        .compose(
            doc ->
                doc == null
                    ? Future.succeededFuture(Optional.empty())
                    : endFamily(doc.getString("familyId"), "logout", null)
                        .map(Optional.of(doc.getString("familyId"))));
  }

  /** Ends every family of a person (their account now belongs to someone else). */
  public Future<Void> endAllOf(String personId) {
    return endAllOf(personId, "relinked");
  }

  /**
   * Erasure: every family of the person ends (this instance refuses its tokens at once, others
   * within {@link SessionChecks#CACHE_WINDOW}), then families and tokens are deleted: an unknown
   * session does not stand either, and nothing is left that names the person.
   */
  public Future<Void> forget(String personId) {
    return endAllOf(personId, "erased")
        .compose(v -> tokens.deleteMany(new Document("personId", personId)))
        .compose(v -> families.deleteMany(new Document("personId", personId)))
        .mapEmpty();
  }

  private Future<Void> endAllOf(String personId, String reason) {
    Document openOfPerson = new Document("personId", personId).append("endedAt", null);
    return families
        .list(families.find(openOfPerson).projection(new Document("_id", 1)))
        .compose(
            open ->
                families
                    .updateMany(
                        openOfPerson,
                        Updates.combine(
                            Updates.set("endedAt", Date.from(clock.instant())),
                            Updates.set("endReason", reason)))
                    .onSuccess(done -> open.forEach(doc -> whenEnded.accept(doc.getString("_id")))))
        .mapEmpty();
  }

  /** The family (session) of this id, as stored; empty when there is none. */
  public Future<Optional<Family>> family(String familyId) {
    return families.byId(familyId).map(doc -> Optional.ofNullable(doc).map(RefreshTokens::family));
  }

  /**
   * Claims the next Firebase check of a family: true for exactly one caller (of any instance) that
   * saw it last checked at {@code lastChecked}; the others leave it to that one.
   */
  public Future<Boolean> claimFirebaseCheck(String familyId, Instant lastChecked) {
    return families.updateIf(
        familyId,
        new Document("endedAt", null).append("firebaseCheckedAt", Date.from(lastChecked)),
        Updates.set("firebaseCheckedAt", Date.from(clock.instant())));
  }

  /** Ends a family because Firebase no longer stands behind its sign-in. */
  public Future<Void> endRevoked(String familyId) {
    return endFamily(familyId, "revoked", null);
  }

  private static Family family(Document doc) {
    Optional<FirebaseSignIn> firebase =
        Optional.ofNullable(doc.getString("firebaseUid"))
            .map(uid -> new FirebaseSignIn(uid, doc.getDate("authTime").toInstant()));
    return new Family(
        doc.getString("_id"),
        doc.getString("personId"),
        doc.getDate("expiresAt").toInstant(),
        Optional.ofNullable(doc.getDate("endedAt")).map(Date::toInstant),
        firebase,
        Optional.ofNullable(doc.getDate("firebaseCheckedAt")).map(Date::toInstant));
  }

  private Future<Issued> continueFamily(Document claimed, Instant now) {
    String familyId = claimed.getString("familyId");
    return families
        .byId(familyId)
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
    return tokens
        .byId(hash)
        .compose(
            spent ->
                spent == null
                    ? Future.<Void>succeededFuture()
                    : endFamily(spent.getString("familyId"), "reuse", hash))
        .compose(v -> refused());
  }

  private Future<Void> endFamily(String familyId, String reason, String reusedToken) {
    return families
        .update(
            new Document("_id", familyId).append("endedAt", null),
            Updates.combine(
                Updates.set("endedAt", Date.from(clock.instant())),
                Updates.set("endReason", reason),
                Updates.set("reusedToken", reusedToken)))
        .onSuccess(done -> whenEnded.accept(familyId))
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
    return tokens.insert(doc).map(done -> new Issued(personId, familyId, token));
  }

  private static <T> Future<T> refused() {
    return Future.failedFuture(
        Problem.of(CommonProblem.UNAUTHORIZED, "problem.unauthorized.refresh"));
  }

  private static String hash(String token) {
    return Hashing.sha256().hashString(token, StandardCharsets.UTF_8).toString();
  }
}
