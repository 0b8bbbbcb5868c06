package nl.koers.mentor;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.ConsentLog;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * JIM nominations, one document each from invite to end: the invite code (hashed), who accepted,
 * the parents' agreement, the confirmation, the end, and the JIM's check-ins.
 */
public final class Nominations {

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "mentorNominations",
          Index.ascending("byYouth", "youthId", "createdAt"),
          Index.ascending("byCode", "codeHash").asUnique(),
          Index.ascending("checkInDue", "status", "nextCheckInAt"),
          Index.ascending("outbox", "outbox.id"),
          ConsentLog.outboxIndex());

  private final Mongo mongo;

  public Nominations(Mongo mongo) {
    this.mongo = mongo;
  }

  public Future<Document> createOnce(Document nomination) {
    return mongo.insertOnce(SPEC.name(), nomination);
  }

  public Future<Optional<Document>> find(String id) {
    return mongo
        .first(mongo.collection(SPEC.name()).find(Filters.eq("_id", id)))
        .map(Optional::ofNullable);
  }

  public Future<Optional<Document>> byCode(String codeHash) {
    return mongo
        .first(mongo.collection(SPEC.name()).find(Filters.eq("codeHash", codeHash)))
        .map(Optional::ofNullable);
  }

  public Future<List<Document>> ofYouth(String youthId) {
    return mongo.list(
        mongo
            .collection(SPEC.name())
            .find(Filters.eq("youthId", youthId))
            .sort(Sorts.descending("createdAt")));
  }

  /** Applies an update only while the nomination still matches {@code condition}. */
  public Future<Boolean> updateIf(String id, Document condition, Bson update) {
    return mongo.updateIf(SPEC.name(), id, condition, update);
  }

  /** Active JIMs whose next check-in is due. */
  public Future<List<Document>> checkInsDue(Instant now, int limit) {
    return mongo.list(
        mongo
            .collection(SPEC.name())
            .find(
                new Document("status", "ACTIVE")
                    .append("nextCheckInAt", new Document("$lte", Date.from(now))))
            .limit(limit));
  }
}
