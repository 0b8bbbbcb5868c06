package nl.koers.notify;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;
import nl.koers.platform.mongo.EmbeddedOutbox;
import nl.koers.platform.mongo.Mongo;

/**
 * Moves notification intents from the outboxes of changed documents into the notifications
 * collection: first the notification (idempotent by the intent's id), then the intent leaves the
 * outbox. A crash between the two only means the next round does the first step again, to no
 * effect. Any number of instances may relay at once.
 */
public final class OutboxRelay {

  private static final int BATCH = 100;

  private final Notifications notifications;
  private final Supplier<List<String>> sources;
  private final EmbeddedOutbox outbox;

  /** {@code sources}: the collections whose documents keep an outbox. */
  public OutboxRelay(Mongo mongo, Notifications notifications, Supplier<List<String>> sources) {
    this.notifications = notifications;
    this.sources = sources;
    this.outbox = new EmbeddedOutbox(mongo, NotificationIntent.OUTBOX, BATCH);
  }

  /** One round over every source; answers how many intents it moved. */
  public Future<Integer> relay() {
    return outbox.drain(sources.get(), item -> copy(NotificationIntent.from(item)));
  }

  /** Step one: the notification exists (package-visible so tests can crash after it). */
  Future<Void> copy(NotificationIntent intent) {
    return notifications.insertOnce(intent);
  }
}
