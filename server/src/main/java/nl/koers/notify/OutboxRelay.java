package nl.koers.notify;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.util.List;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * Moves notification intents from the outboxes of changed documents into the notifications
 * collection: first the notification (idempotent by the intent's id), then the intent leaves the
 * outbox. A crash between the two only means the next round does the first step again, to no
 * effect. Any number of instances may relay at once.
 */
public final class OutboxRelay {

  private static final int BATCH = 100;

  private final Mongo mongo;
  private final Notifications notifications;
  private final List<String> sources;

  /** {@code sources}: the collections whose documents keep an outbox. */
  public OutboxRelay(Mongo mongo, Notifications notifications, List<String> sources) {
    this.mongo = mongo;
    this.notifications = notifications;
    this.sources = sources;
  }

  /** One round over every source; answers how many intents it moved. */
  public Future<Integer> relay() {
    Future<Integer> total = Future.succeededFuture(0);
    for (String source : sources) {
      total = total.compose(sum -> relay(source).map(moved -> sum + moved));
    }
    return total;
  }

  private Future<Integer> relay(String source) {
    return mongo
        .list(
            mongo
                .collection(source)
                .find(Filters.exists(NotificationIntent.OUTBOX + ".id"))
                .projection(new Document(NotificationIntent.OUTBOX, 1))
                .limit(BATCH))
        .compose(
            docs -> {
              Future<Integer> moved = Future.succeededFuture(0);
              for (Document doc : docs) {
                for (Document item :
                    doc.getList(NotificationIntent.OUTBOX, Document.class, List.of())) {
                  NotificationIntent intent = NotificationIntent.from(item);
                  moved =
                      moved.compose(
                          n ->
                              copy(intent)
                                  .compose(v -> pull(source, doc.get("_id"), intent))
                                  .map(n + 1));
                }
              }
              return moved;
            });
  }

  /** Step one: the notification exists (package-visible so tests can crash after it). */
  Future<Void> copy(NotificationIntent intent) {
    return notifications.insertOnce(intent);
  }

  private Future<Void> pull(String source, Object documentId, NotificationIntent intent) {
    return mongo
        .write(
            mongo
                .collection(source)
                .updateOne(
                    Filters.eq("_id", documentId),
                    Updates.pull(NotificationIntent.OUTBOX, new Document("id", intent.id()))))
        .mapEmpty();
  }
}
