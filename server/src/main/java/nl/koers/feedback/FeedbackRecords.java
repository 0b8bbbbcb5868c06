package nl.koers.feedback;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.ConsentLog;
import nl.koers.insights.Facts;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.paging.Paging;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Feedback, one document per request: the request, its answer, the reply task and the replies, read
 * and changed together. Every change is one atomic update of that document (with its outbox).
 */
public final class FeedbackRecords {

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "feedback",
          Index.ascending("open", "youthId", "respondentId", "status"),
          Index.ascending("answered", "youthId", "status", "answeredAt", "_id"),
          Index.ascending("tasksDue", "task.status", "task.dueAt"),
          // The escalation round: open, not yet escalated, due (escalated ones stay OPEN).
          Index.ascending("tasksToEscalate", "task.status", "task.escalatedAt", "task.dueAt"),
          Index.ascending("outbox", "outbox.id"),
          ConsentLog.outboxIndex(),
          // The insights relay's poll ($exists: true): only documents with pending facts.
          Index.ascending(Facts.OUTBOX, Facts.OUTBOX + ".id").asSparse());

  private final Mongo mongo;
  private final Paging paging;

  public FeedbackRecords(Mongo mongo) {
    this.mongo = mongo;
    this.paging = new Paging(mongo);
  }

  /** Creates the request unless it exists (a retry); answers the stored one. */
  public Future<Document> createOnce(Document request) {
    return mongo.insertOnce(SPEC.name(), request);
  }

  public Future<Optional<Document>> find(String id) {
    return mongo
        .first(mongo.collection(SPEC.name()).find(Filters.eq("_id", id)))
        .map(Optional::ofNullable);
  }

  public Future<List<Document>> open(String youthId, String respondentId) {
    return mongo.list(
        mongo
            .collection(SPEC.name())
            .find(
                new Document("youthId", youthId)
                    .append("respondentId", respondentId)
                    .append("status", "OPEN"))
            .sort(Sorts.ascending("requestedAt")));
  }

  /** Answered feedback of a young person matching {@code also}, newest first. */
  public Future<Page<Document>> answered(String youthId, Document also, PageRequest request) {
    Document filter = new Document("youthId", youthId).append("status", "ANSWERED");
    filter.putAll(also);
    return paging.page(SPEC.name(), filter, Paging.Order.newestFirst("answeredAt"), request);
  }

  /** Applies an update only if the document still matches {@code condition}; false if not. */
  public Future<Boolean> updateIf(String id, Document condition, Bson update) {
    return mongo.updateIf(SPEC.name(), id, condition, update);
  }

  /** Reply tasks past their due time that have not been escalated yet. */
  public Future<List<Document>> overdueTasks(Instant now, int limit) {
    return mongo.list(
        mongo
            .collection(SPEC.name())
            .find(
                new Document("task.status", "OPEN")
                    .append("task.dueAt", new Document("$lte", Date.from(now)))
                    .append("task.escalatedAt", null))
            .limit(limit));
  }

  static Bson push(String field, Document value) {
    return Updates.push(field, value);
  }
}
