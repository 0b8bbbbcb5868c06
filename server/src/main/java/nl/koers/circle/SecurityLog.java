package nl.koers.circle;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import nl.koers.platform.background.OneByOne;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.DuplicateKey;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Refused attempts: someone asked for a young person's data (or to act on it) and the care circle
 * said no. Not the young person's access log ("who looked at my data" shows what was seen or done,
 * not what was tried), and not readable through the API at all: it is for the people who run Koers,
 * to notice someone probing.
 *
 * <p>Its growth is bounded per actor: one document per actor, target (young person, permission,
 * resource) and minute, counting the attempts; at most {@link #TARGETS_PER_MINUTE} such documents
 * per actor and minute, beyond which only a per-minute counter for that actor grows. Documents
 * expire after {@link #KEEP} (a TTL index on a real MongoDB).
 */
public final class SecurityLog {

  public static final int TARGETS_PER_MINUTE = 20;
  public static final Duration KEEP = Duration.ofDays(180);

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "securityLog",
          Index.ascending("byActor", "actorId", "at"),
          // Erasure: the refusals about a young person, pseudonymised.
          Index.ascending("byYouth", "youthId"),
          Index.ascending("expiresAt_ttl", "expiresAt").expiringAfter(Duration.ZERO));

  /** One refused attempt. */
  public record Refusal(
      String actorId,
      String youthId,
      String permission,
      String resource,
      Instant at,
      String requestId) {}

  private final Documents refusals;

  public SecurityLog(Mongo mongo) {
    this.refusals = mongo.documents(SPEC);
  }

  public Future<Void> append(Refusal refusal) {
    Instant minute = refusal.at().truncatedTo(ChronoUnit.MINUTES);
    String id =
        Ids.derived(
            "refusal",
            refusal.actorId(),
            minute.toString(),
            String.valueOf(refusal.youthId()),
            refusal.permission(),
            String.valueOf(refusal.resource()));
    return refusals
        .update(new Document("_id", id), seenAgain(refusal))
        .compose(
            result ->
                result.getMatchedCount() == 1
                    ? Future.succeededFuture()
                    : countTarget(refusal, minute)
                        .compose(
                            targets ->
                                targets <= TARGETS_PER_MINUTE
                                    ? insert(id, refusal, minute)
                                    : Future.succeededFuture()));
  }

  /** How many targets this actor was refused this minute, this one included. */
  private Future<Integer> countTarget(Refusal refusal, Instant minute) {
    String id = Ids.derived("minute", refusal.actorId(), minute.toString());
    return refusals
        .updateAndGet(
            new Document("_id", id),
            Updates.combine(
                Updates.inc("targets", 1),
                Updates.setOnInsert("kind", "minute"),
                Updates.setOnInsert("actorId", refusal.actorId()),
                Updates.setOnInsert("at", Date.from(minute)),
                Updates.setOnInsert("expiresAt", Date.from(minute.plus(KEEP)))),
            new FindOneAndUpdateOptions().upsert(true))
        .map(counter -> counter == null ? 1 : counter.getInteger("targets", 1))
        .recover(e -> DuplicateKey.is(e) ? countTarget(refusal, minute) : Future.failedFuture(e));
  }

  private Future<Void> insert(String id, Refusal refusal, Instant minute) {
    Document first =
        new Document("kind", "refusal")
            .append("actorId", refusal.actorId())
            .append("youthId", refusal.youthId())
            .append("permission", refusal.permission())
            .append("resource", refusal.resource())
            .append("at", Date.from(refusal.at()))
            .append("requestId", refusal.requestId())
            .append("expiresAt", Date.from(minute.plus(KEEP)));
    return refusals
        .upsert(
            new Document("_id", id),
            Updates.combine(new Document("$setOnInsert", first), seenAgain(refusal)))
        .<Void>mapEmpty()
        .recover(
            e ->
                DuplicateKey.is(e)
                    ? refusals.update(new Document("_id", id), seenAgain(refusal)).mapEmpty()
                    : Future.failedFuture(e));
  }

  /** One more attempt at a target already logged this minute. */
  private static Bson seenAgain(Refusal refusal) {
    return Updates.combine(
        Updates.inc("attempts", 1), Updates.set("lastAt", Date.from(refusal.at())));
  }

  /**
   * Erasure: the person's own refused attempts go; refusals of others at the young person's data
   * stay until their time (probing must stay visible), with the young person's id replaced by
   * {@code pseudonym}, in the resource too.
   */
  public Future<Void> pseudonymise(String youthId, String pseudonym) {
    return refusals
        .deleteMany(Filters.eq("actorId", youthId))
        .compose(v -> refusals.list(Filters.eq("youthId", youthId)))
        .compose(
            found ->
                OneByOne.countChanged(
                    found,
                    line ->
                        refusals
                            .updateById(
                                line.getString("_id"),
                                Updates.combine(
                                    Updates.set("youthId", pseudonym),
                                    Updates.set(
                                        "resource",
                                        AccessLog.replaced(
                                            line.getString("resource"), youthId, pseudonym))))
                            .map(true)))
        .mapEmpty();
  }
}
