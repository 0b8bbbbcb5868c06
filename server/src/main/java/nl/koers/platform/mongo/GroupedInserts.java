package nl.koers.platform.mongo;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Group commit for an append-only collection: documents handed in while an insert is on its way
 * wait and then go together in one {@code insertMany}, so under load many requests' lines cost one
 * round trip, and a quiet instance adds no delay (nothing waits for a timer). Each caller's future
 * completes, on its own Vert.x context, only once the insert that carried its document is
 * acknowledged (and on the embedded stand-in on disk): a caller that waits for it before answering
 * never tells anyone about a line that could still be lost. A failed insert fails every caller of
 * that batch (unordered, so a duplicate id cannot hold back the others' lines: a retry is a new
 * line with a new id).
 */
public final class GroupedInserts {

  /** A batch never grows past this; the next one starts when it is sent. */
  static final int MAX_BATCH = 500;

  private record Waiting(Document document, Context context, Promise<Void> done) {}

  private final Mongo mongo;
  private final String collection;
  private List<Waiting> queued = new ArrayList<>();
  private boolean sending;
  private long sends;

  public GroupedInserts(Mongo mongo, String collection) {
    this.mongo = mongo;
    this.collection = collection;
  }

  /** Stores the document with the next insert; answers when that insert is acknowledged. */
  public Future<Void> insert(Document document) {
    Context context = io.vertx.core.Vertx.currentContext();
    Promise<Void> done = Promise.promise();
    boolean start;
    synchronized (this) {
      queued.add(new Waiting(document, context, done));
      start = !sending;
      sending = true;
    }
    if (start) {
      sendNext();
    }
    return done.future();
  }

  /** How many inserts were sent (for tests of the grouping). */
  public synchronized long sends() {
    return sends;
  }

  private void sendNext() {
    List<Waiting> batch;
    synchronized (this) {
      if (queued.isEmpty()) {
        sending = false;
        return;
      }
      if (queued.size() <= MAX_BATCH) {
        batch = queued;
        queued = new ArrayList<>();
      } else {
        batch = new ArrayList<>(queued.subList(0, MAX_BATCH));
        queued = new ArrayList<>(queued.subList(MAX_BATCH, queued.size()));
      }
      sends++;
    }
    List<Document> documents = batch.stream().map(Waiting::document).toList();
    Future<?> written;
    try {
      written =
          mongo.write(
              mongo
                  .collection(collection)
                  .insertMany(
                      documents, new com.mongodb.client.model.InsertManyOptions().ordered(false)));
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(
        result -> {
          for (Waiting waiting : batch) {
            Runnable answer =
                result.succeeded()
                    ? () -> waiting.done().complete()
                    : () -> waiting.done().fail(result.cause());
            if (waiting.context() == null) {
              answer.run();
            } else {
              waiting.context().runOnContext(v -> answer.run());
            }
          }
          sendNext();
        });
  }
}
