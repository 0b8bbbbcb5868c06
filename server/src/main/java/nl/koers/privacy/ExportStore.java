package nl.koers.privacy;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import nl.koers.notify.NotificationIntent;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.DataKeys;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * The young people's export requests and their built copies. One document per export: the request,
 * the claim of the instance building it, and once built the whole copy as ONE sealed field (the
 * JSON text, encrypted with the data key and bound to the export's id) with the young person's
 * notification in the same write. A MongoDB document holds at most 16 MB: a young person's copy is
 * far below that (their own feedback, plan, messages, inbox and log, text only), but a copy that
 * ever outgrows it must move to GridFS rather than be cut short.
 */
final class ExportStore {

  /**
   * Ready copies expire 7 days after {@code readyAt}; a request that was never built (a copy that
   * keeps failing) goes after {@link #ABANDONED_AFTER}. TTL indexes, also swept by Expiry.
   */
  static final CollectionSpec SPEC =
      CollectionSpec.of(
          "exports",
          Index.ascending("toBuild", "status", "leaseUntil"),
          Index.ascending("expiry", "readyAt").expiringAfter(DataExport.KEPT_FOR),
          Index.ascending("abandoned", "requestedAt").expiringAfter(DataExport.ABANDONED_AFTER),
          Index.ascending("outbox", "outbox.id"),
          Index.ascending("byYouth", "youthId"));

  private static final String PENDING = DataExport.Status.PENDING.name();
  private static final String READY = DataExport.Status.READY.name();
  private static final String DOCUMENT = "document";

  private final Documents exports;
  private final DataKeys keys;

  /**
   * The copy is sealed with the young person's own data key, like every text it holds: erasure
   * destroys that key first, so a copy in a backup is as unreadable as the originals.
   */
  ExportStore(Mongo mongo, DataKeys keys) {
    this.exports = mongo.documents(SPEC);
    this.keys = keys;
  }

  /** Deletes every export of a young person (erasure): each holds a copy of all their data. */
  Future<Void> eraseYouth(String youthId) {
    return exports.deleteMany(com.mongodb.client.model.Filters.eq("youthId", youthId)).mapEmpty();
  }

  /** Stores the request unless one with its id is there (a retry); answers the stored one. */
  Future<DataExport> insertOnce(DataExport export) {
    Document doc =
        new Document("_id", export.id())
            .append("youthId", export.youthId())
            .append("language", export.language())
            .append("status", PENDING)
            .append("requestedAt", Date.from(export.requestedAt()))
            .append("leaseUntil", new Date(0));
    return exports.insertOnce(doc).map(ExportStore::from);
  }

  Future<Optional<DataExport>> find(String id) {
    return exports.byId(id).map(doc -> Optional.ofNullable(doc).map(ExportStore::from));
  }

  /**
   * Claims the oldest export waiting to be built for {@code owner} until {@code lease} ends: one
   * atomic update, so two instances never build the same export at once, and an instance that dies
   * while building leaves it to be claimed again once its lease has lapsed.
   */
  Future<Optional<DataExport>> claimNext(String owner, Instant now, Duration lease) {
    Document due =
        new Document("status", PENDING).append("leaseUntil", new Document("$lte", Date.from(now)));
    return exports
        .updateAndGet(
            due,
            Updates.combine(
                Updates.set("leaseOwner", owner),
                Updates.set("leaseUntil", Date.from(now.plus(lease)))),
            new FindOneAndUpdateOptions().sort(Sorts.ascending("leaseUntil")))
        .map(doc -> Optional.ofNullable(doc).map(ExportStore::from));
  }

  /**
   * Stores the built copy sealed, marks it ready and records the young person's notification, in
   * one write; only while {@code owner} still holds the claim (false if another instance took it).
   */
  Future<Boolean> markReady(
      String id,
      String youthId,
      String owner,
      String json,
      Instant readyAt,
      NotificationIntent tell) {
    return keys.toWrite(youthId)
        .compose(
            texts ->
                exports.updateIf(
                    id,
                    new Document("status", PENDING).append("leaseOwner", owner),
                    Updates.combine(
                        Updates.set("status", READY),
                        Updates.set("readyAt", Date.from(readyAt)),
                        Updates.set(DOCUMENT, texts.seal(json, binding(id))),
                        Updates.unset("leaseOwner"),
                        Updates.unset("leaseUntil"),
                        tell.push())));
  }

  /** The built copy's JSON text, opened; empty while it is not built. */
  Future<Optional<String>> document(String id) {
    return exports
        .byId(id)
        .compose(
            doc -> {
              Document box = doc == null ? null : doc.get(DOCUMENT, Document.class);
              if (box == null) {
                return Future.succeededFuture(Optional.<String>empty());
              }
              return keys.toRead(doc.getString("youthId"))
                  .map(texts -> Optional.of(texts.open(box, binding(id))));
            });
  }

  private static String binding(String id) {
    return "exports/" + id + "/document";
  }

  private static DataExport from(Document doc) {
    return new DataExport(
        doc.getString("_id"),
        doc.getString("youthId"),
        doc.getString("language"),
        doc.getDate("requestedAt").toInstant(),
        Optional.ofNullable(doc.getDate("readyAt")).map(Date::toInstant));
  }
}
