package nl.koers.privacy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.notify.NotificationIntent;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * Erasure requests, one per young person ({@code _id} is their id). Besides what the young person
 * sees, a request keeps what the job needs while it runs: the young person's region (their record
 * is erased early on), a random pseudonym for their access-log lines, the number of steps done, and
 * the claim of the instance running it. Once done, only the young person's id and the times are
 * left.
 */
final class ErasureStore {

  static final CollectionSpec SPEC =
      CollectionSpec.of(
          "erasures",
          Index.ascending("due", "status", "eraseAfter"),
          Index.ascending("outbox", NotificationIntent.OUTBOX + ".id"));

  /** A request as the job runs it. */
  record Running(String youthId, String regionId, String pseudonym, int step, String claimedBy) {}

  private static final List<String> OPEN =
      List.of(Erasure.Status.SCHEDULED.name(), Erasure.Status.WAITING.name());

  private final Documents erasures;

  ErasureStore(Mongo mongo) {
    this.erasures = mongo.documents(SPEC);
  }

  Future<Optional<Erasure>> find(String youthId) {
    return erasures.byId(youthId).map(doc -> Optional.ofNullable(doc).map(ErasureStore::erasure));
  }

  /**
   * Stores the request unless one is there (a second request, or a retry, answers the first); a
   * withdrawn one is asked afresh. {@code tell} goes out in the same write.
   */
  Future<Erasure> request(
      String youthId,
      String regionId,
      String pseudonym,
      Instant now,
      Instant eraseAfter,
      Erasure.Reason reason,
      List<NotificationIntent> tell) {
    Document fresh =
        new Document("_id", youthId)
            .append("regionId", regionId)
            .append("pseudonym", pseudonym)
            .append("requestedAt", Date.from(now))
            .append("eraseAfter", Date.from(eraseAfter))
            .append("status", Erasure.Status.SCHEDULED.name())
            .append("reason", reason.name())
            .append("step", 0)
            .append(
                NotificationIntent.OUTBOX,
                tell.stream().map(NotificationIntent::toDocument).toList());
    return erasures
        .insertOnce(fresh)
        .compose(
            stored ->
                Erasure.Status.WITHDRAWN.name().equals(stored.getString("status"))
                    ? erasures
                        .update(
                            new Document("_id", youthId)
                                .append("status", Erasure.Status.WITHDRAWN.name()),
                            Updates.combine(
                                new Document("$set", fieldsOf(fresh)),
                                NotificationIntent.pushAll(tell)))
                        .compose(v -> erasures.byId(youthId))
                    : Future.succeededFuture(stored))
        .map(ErasureStore::erasure);
  }

  /**
   * Withdraws a request that has not started (no step done, no instance on it); false when it has.
   * {@code tell} goes out in the same write.
   */
  Future<Boolean> withdraw(String youthId, Instant now, List<NotificationIntent> tell) {
    Document notStarted =
        new Document("status", new Document("$in", OPEN))
            .append("reason", new Document("$ne", Erasure.Reason.RETENTION.name()))
            .append("step", 0)
            .append("$or", unclaimedAt(now));
    return erasures.updateIf(
        youthId,
        notStarted,
        Updates.combine(
            Updates.set("status", Erasure.Status.WITHDRAWN.name()),
            Updates.set("withdrawnAt", Date.from(now)),
            NotificationIntent.pushAll(tell)));
  }

  /** Of these young people, those erased. */
  Future<java.util.Set<String>> doneAmong(java.util.Collection<String> youthIds) {
    return erasures
        .list(
            erasures
                .find(
                    Filters.and(
                        Filters.in("_id", youthIds),
                        Filters.eq("status", Erasure.Status.DONE.name())))
                .projection(new Document("_id", 1)))
        .map(
            docs ->
                docs.stream()
                    .map(doc -> doc.getString("_id"))
                    .collect(java.util.stream.Collectors.toSet()));
  }

  /** The ids of requests due at {@code now} (claimed or not), at most {@code limit}. */
  Future<List<String>> due(Instant now, int limit) {
    return erasures
        .list(
            erasures
                .find(
                    Filters.and(
                        Filters.in("status", OPEN), Filters.lte("eraseAfter", Date.from(now))))
                .projection(new Document("_id", 1))
                .limit(limit))
        .map(docs -> docs.stream().map(doc -> doc.getString("_id")).toList());
  }

  /**
   * Claims a due request for {@code owner} until {@code until}, if no other instance holds it now:
   * exactly one of two instances gets it. A claim of an instance that died lapses by itself.
   */
  Future<Optional<Running>> claim(String youthId, String owner, Instant now, Instant until) {
    return erasures
        .claim(
            new Document("_id", youthId)
                .append("status", new Document("$in", OPEN))
                .append("eraseAfter", new Document("$lte", Date.from(now)))
                .append("$or", unclaimedAt(now)),
            Updates.combine(
                Updates.set("claimedBy", owner), Updates.set("claimedUntil", Date.from(until))))
        .map(
            before ->
                Optional.ofNullable(before)
                    .map(
                        doc ->
                            new Running(
                                youthId,
                                doc.getString("regionId"),
                                doc.getString("pseudonym"),
                                doc.getInteger("step", 0),
                                owner)));
  }

  /** An open safety signal holds it back: waiting, and free for the next round. */
  Future<Void> markWaiting(Running running) {
    return erasures
        .updateIf(
            running.youthId(),
            new Document("claimedBy", running.claimedBy()),
            Updates.combine(
                Updates.set("status", Erasure.Status.WAITING.name()),
                Updates.unset("claimedBy"),
                Updates.unset("claimedUntil")))
        .mapEmpty();
  }

  /** {@code step} steps are done; the claim is renewed. False when another instance took over. */
  Future<Boolean> markStep(Running running, int step, Instant until) {
    return erasures.updateIf(
        running.youthId(),
        new Document("claimedBy", running.claimedBy()),
        Updates.combine(Updates.set("step", step), Updates.set("claimedUntil", Date.from(until))));
  }

  /** Every step is done: what the job needed goes, the pseudonym first of all. */
  Future<Boolean> markDone(Running running, Instant now) {
    return erasures.updateIf(
        running.youthId(),
        new Document("claimedBy", running.claimedBy()),
        Updates.combine(
            Updates.set("status", Erasure.Status.DONE.name()),
            Updates.set("doneAt", Date.from(now)),
            Updates.unset("regionId"),
            Updates.unset("pseudonym"),
            Updates.unset("step"),
            Updates.unset("claimedBy"),
            Updates.unset("claimedUntil")));
  }

  private static List<Document> unclaimedAt(Instant now) {
    return List.of(
        new Document("claimedUntil", null),
        new Document("claimedUntil", new Document("$lte", Date.from(now))));
  }

  /** A fresh request's fields to set on a withdrawn one (its outbox keeps what is pending). */
  private static Document fieldsOf(Document fresh) {
    Document fields = new Document(fresh);
    fields.remove("_id");
    fields.remove(NotificationIntent.OUTBOX);
    fields.put("withdrawnAt", null);
    return fields;
  }

  private static Erasure erasure(Document doc) {
    return new Erasure(
        doc.getString("_id"),
        doc.getDate("requestedAt").toInstant(),
        doc.getDate("eraseAfter").toInstant(),
        Erasure.Status.valueOf(doc.getString("status")),
        Erasure.Reason.valueOf(
            doc.getString("reason") == null ? "REQUESTED" : doc.getString("reason")),
        Optional.ofNullable(doc.getDate("doneAt")).map(Date::toInstant));
  }
}
