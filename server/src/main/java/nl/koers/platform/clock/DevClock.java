package nl.koers.platform.clock;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * Dev mode's clock: the real clock plus an offset that only grows, so a newcomer can let time pass
 * (a birthday, a milestone, an overdue reply) without waiting. The offset is kept in MongoDB
 * (collection {@code devClock}, document {@code offset}), so a restart of the dev server does not
 * jump back in time. It is read at start-up: another instance on the same database picks up an
 * advance when it restarts. Never used outside dev mode.
 */
public final class DevClock extends Clock {

  public static final CollectionSpec SPEC = CollectionSpec.of("devClock");
  private static final String ID = "offset";

  private final Clock base;
  private final AtomicReference<Duration> offset;
  private final Documents store;

  private DevClock(Clock base, AtomicReference<Duration> offset, Documents store) {
    this.base = base;
    this.offset = offset;
    this.store = store;
  }

  /** The dev clock over {@code base}, with the offset an earlier run left behind. */
  public static Future<DevClock> load(Mongo mongo, Clock base) {
    Documents store = mongo.documents(SPEC);
    return store
        .byId(ID)
        .map(
            doc ->
                new DevClock(
                    base,
                    new AtomicReference<>(Duration.ofMillis(doc == null ? 0 : millis(doc))),
                    store));
  }

  /** How far ahead of the real clock this clock is. */
  public Duration offset() {
    return offset.get();
  }

  /** Moves the clock forward by {@code by} (positive), for this and every later start. */
  public Future<Duration> advance(Duration by) {
    if (by.isNegative() || by.isZero()) {
      throw new IllegalArgumentException("the dev clock only moves forward");
    }
    // A durable write like every other: the offset must survive a restart of the embedded server.
    return store
        .updateAndGet(
            new Document("_id", ID),
            Updates.combine(
                Updates.inc("offsetMillis", by.toMillis()),
                Updates.set("advancedAt", Date.from(base.instant()))),
            new FindOneAndUpdateOptions().upsert(true))
        .map(
            doc -> {
              Duration stored = Duration.ofMillis(millis(doc));
              // Never back, even if two advances answer out of order.
              return offset.accumulateAndGet(
                  stored, (mine, theirs) -> theirs.compareTo(mine) > 0 ? theirs : mine);
            });
  }

  private static long millis(Document doc) {
    return ((Number) doc.get("offsetMillis")).longValue();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new DevClock(base.withZone(zone), offset, store);
  }
}
