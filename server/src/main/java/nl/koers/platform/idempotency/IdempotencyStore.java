package nl.koers.platform.idempotency;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.DuplicateKey;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.SealedTexts;
import nl.koers.platform.security.Authorizations;
import org.bson.Document;

/**
 * Remembers, per caller and {@code Idempotency-Key}, which request was made and what it was
 * answered. The key is claimed first (a unique {@code _id}: no transaction needed), the answer is
 * stored when it is known. A claim whose request died mid-way (process crash) expires after a
 * lease, so a retry can take it over; the operation itself must then be safe to run again, which
 * {@link IdempotentRequests#resourceId} makes easy (a retry creates the same id, not a twin).
 *
 * <p>An answer can hold what must never lie about in plain text: a one-time activation or invite
 * code, the text of a message or a feedback answer. So the answer's body is sealed with the data
 * key, bound to its record, and opened only to replay it to the same caller and key.
 */
public final class IdempotencyStore {

  public static final String COLLECTION = "idempotency";

  /** Where a stored answer names the young person its request was about (its checks' facts). */
  private static final String YOUTH_FACT = "response.checks.facts.youthId";

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          COLLECTION,
          CollectionSpec.Index.ascending("expiresAt_ttl", "expiresAt").expiringAfter(Duration.ZERO),
          // Erasure: the answers kept for retries of requests about a young person.
          CollectionSpec.Index.ascending("byYouth", YOUTH_FACT));

  static final Duration KEEP = Duration.ofHours(24);

  /** The stored answer's body, sealed ({@link SealedTexts}). */
  static final String SEALED_BODY = "sealedBody";

  static final Duration LEASE = Duration.ofSeconds(30);

  /** What to do with a request that carries a key. */
  public sealed interface Claim {}

  /** First time (or a takeover after a crash): run it, then {@link #complete}. */
  public record Proceed(String id, Instant leaseUntil) implements Claim {}

  /**
   * Seen and answered: send the same answer again, once the checks the first request passed have
   * been made again.
   */
  public record Replay(
      int status, Map<String, String> headers, String body, List<Authorizations.Check> checks)
      implements Claim {}

  /** The same key was used for a different request. */
  public record Mismatch() implements Claim {}

  /** The first request with this key is still running. */
  public record InProgress() implements Claim {}

  private final Mongo mongo;
  private final Documents claims;
  private final SealedTexts bodies;
  private final Clock clock;

  public IdempotencyStore(Mongo mongo, FieldCipher cipher, Clock clock) {
    this.mongo = mongo;
    this.claims = mongo.documents(SPEC);
    this.bodies = new SealedTexts(cipher);
    this.clock = clock;
  }

  public Future<Claim> claim(String scope, String key, String fingerprint) {
    String id = scope + "|" + key;
    Instant now = clock.instant();
    return insertPending(id, fingerprint, now, () -> existing(id, fingerprint, now));
  }

  /** Claims a key nobody holds: Proceed, or what {@code whenHeld} says if someone was first. */
  private Future<Claim> insertPending(
      String id, String fingerprint, Instant now, Supplier<Future<Claim>> whenHeld) {
    return claims
        .insert(pending(id, fingerprint, now))
        .<Claim>map(inserted -> new Proceed(id, now.plus(LEASE)))
        .recover(
            failure -> DuplicateKey.is(failure) ? whenHeld.get() : Future.failedFuture(failure));
  }

  private Future<Claim> existing(String id, String fingerprint, Instant now) {
    return claims
        .first(claims.find(Filters.eq("_id", id)).limit(1))
        .compose(
            found -> {
              if (found == null) {
                // Deleted (abandoned) between our insert and this read: claim it again.
                return takeOver(id, fingerprint, now, null);
              }
              Instant expires = found.getDate("expiresAt").toInstant();
              if (!expires.isAfter(now)) {
                return takeOver(id, fingerprint, now, found);
              }
              if (!fingerprint.equals(found.getString("fingerprint"))) {
                return Future.succeededFuture(new Mismatch());
              }
              Document response = found.get("response", Document.class);
              if (response != null) {
                return Future.succeededFuture(replayOf(id, response));
              }
              Instant leaseUntil = found.getDate("leaseUntil").toInstant();
              if (leaseUntil.isAfter(now)) {
                return Future.succeededFuture(new InProgress());
              }
              return takeOver(id, fingerprint, now, found);
            });
  }

  /** Replaces a stale record, only if it is still the one we looked at (no lost race). */
  private Future<Claim> takeOver(String id, String fingerprint, Instant now, Document seen) {
    if (seen == null) {
      return insertPending(id, fingerprint, now, () -> Future.succeededFuture(new InProgress()));
    }
    Document fresh = pending(id, fingerprint, now);
    Document filter = new Document("_id", id).append("leaseUntil", seen.getDate("leaseUntil"));
    // Documents has no findOneAndReplace: the driver's call, made durable by Mongo.write.
    return mongo
        .write(
            claims
                .collection()
                .findOneAndReplace(
                    filter,
                    fresh,
                    new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER)))
        .map(replaced -> replaced == null ? new InProgress() : new Proceed(id, now.plus(LEASE)));
  }

  /** Stores the answer of a claimed request, with the checks it passed. */
  public Future<Void> complete(
      Proceed claim,
      int status,
      Map<String, String> headers,
      String body,
      List<Authorizations.Check> checks) {
    Document response =
        new Document("status", status)
            .append("headers", new Document(headers))
            .append(SEALED_BODY, body == null ? null : bodies.seal(body, claim.id()))
            .append("checks", checks.stream().map(IdempotencyStore::checkDocument).toList());
    Document filter =
        new Document("_id", claim.id()).append("leaseUntil", Date.from(claim.leaseUntil()));
    return claims
        .update(filter, new Document("$set", new Document("response", response)))
        .mapEmpty();
  }

  /** Forgets a claim whose request failed, so that a retry runs it afresh. */
  public Future<Void> abandon(Proceed claim) {
    Document filter =
        new Document("_id", claim.id()).append("leaseUntil", Date.from(claim.leaseUntil()));
    return claims.delete(filter).mapEmpty();
  }

  private Document pending(String id, String fingerprint, Instant now) {
    return new Document("_id", id)
        .append("fingerprint", fingerprint)
        .append("createdAt", Date.from(now))
        .append("leaseUntil", Date.from(now.plus(LEASE)))
        .append("expiresAt", Date.from(now.plus(KEEP)));
  }

  private Replay replayOf(String id, Document response) {
    Map<String, String> headers = new LinkedHashMap<>();
    Document stored = response.get("headers", Document.class);
    if (stored != null) {
      stored.forEach((name, value) -> headers.put(name, String.valueOf(value)));
    }
    List<Authorizations.Check> checks =
        response.getList("checks", Document.class, List.of()).stream()
            .map(IdempotencyStore::checkOf)
            .toList();
    Document sealed = response.get(SEALED_BODY, Document.class);
    // Stored before answers were sealed: deleted by the expiry sweep ({@code Expiry}) within a day.
    String body = sealed == null ? response.getString("body") : bodies.open(sealed, id);
    return new Replay(response.getInteger("status"), headers, body, checks);
  }

  private static Document checkDocument(Authorizations.Check check) {
    return new Document("kind", check.kind())
        .append("facts", new Document(new LinkedHashMap<>(check.facts())));
  }

  private static Authorizations.Check checkOf(Document doc) {
    Map<String, String> facts = new LinkedHashMap<>();
    Document stored = doc.get("facts", Document.class);
    if (stored != null) {
      stored.forEach((name, value) -> facts.put(name, String.valueOf(value)));
    }
    return new Authorizations.Check(doc.getString("kind"), facts);
  }

  /**
   * Erasure: the answers kept for retries of requests about this young person (their bodies may
   * hold what they wrote); a retry of one then runs afresh, and is refused as anyone's would be.
   */
  public Future<Void> forgetYouth(String youthId) {
    return claims.deleteMany(Filters.eq(YOUTH_FACT, youthId)).mapEmpty();
  }
}
