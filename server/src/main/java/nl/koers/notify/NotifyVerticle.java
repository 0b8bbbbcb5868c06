package nl.koers.notify;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the outbox relay and the dispatcher on a timer, one round at a time (a round never overlaps
 * the previous one). Stopping waits for the round in progress.
 */
public final class NotifyVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NotifyVerticle.class);

  private final OutboxRelay relay;
  private final Dispatcher dispatcher;
  private final Devices devices;
  private final long intervalMillis;
  private volatile boolean stopping;
  private Future<Void> round = Future.succeededFuture();
  private long rounds;

  public NotifyVerticle(
      OutboxRelay relay, Dispatcher dispatcher, Devices devices, long intervalMillis) {
    this.relay = relay;
    this.dispatcher = dispatcher;
    this.devices = devices;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public Future<?> start() {
    schedule();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return round;
  }

  private void schedule() {
    if (!stopping) {
      vertx.setTimer(intervalMillis, id -> runRound());
    }
  }

  private void runRound() {
    if (stopping) {
      return;
    }
    // Stale devices go about once an hour at the default interval.
    boolean purge = rounds++ % 3600 == 0;
    round =
        relay
            .relay()
            .compose(moved -> dispatcher.dispatchDue())
            .compose(sent -> purge ? devices.purgeStale() : Future.succeededFuture())
            .onFailure(e -> LOG.atWarn().setCause(e).log("notification round failed"))
            .<Void>mapEmpty()
            .recover(e -> Future.succeededFuture())
            .onComplete(done -> schedule());
  }
}
