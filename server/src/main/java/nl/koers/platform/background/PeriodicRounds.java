package nl.koers.platform.background;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work, each job on its own timer with a real period ({@code PT1S}, {@code PT1H}), so a
 * slow job never holds up another (push dispatch never waits behind an hourly snapshot). A job runs
 * at start-up, then {@code period} after each of its runs ended: a job never overlaps itself, and
 * how often it runs no longer depends on any other job's interval. Jobs must be safe beside each
 * other and with any number of instances running them (claims, leases or conditional updates in
 * MongoDB). A job whose period is zero is disabled: never scheduled, never run. Stopping waits for
 * the runs in progress. {@link #runNow()} runs every job once at once (dev mode's clock, tests),
 * each queued behind its own run in progress, never beside it.
 *
 * <p>The jobs with the shortest period (relays, push dispatch, escalations) run that often only
 * when there is something to do: otherwise every {@code idle}. {@link #hurry()} (called after this
 * instance took a write) brings their next run forward to one period from now, or, for a lane
 * running right now, makes its next run come one period after it ends, so a write made during a run
 * is never left for the idle wait. Polling an empty outbox every second on every instance was most
 * of what an idle Koers sent to MongoDB.
 */
public final class PeriodicRounds extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PeriodicRounds.class);

  /**
   * A job, run every {@code period} ({@link Duration#ZERO}: disabled). A job whose run answers a
   * positive number did that much work.
   */
  public record Job(String name, Duration period, Supplier<Future<?>> work) {
    public Job {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(work, "work");
      if (period.isNegative()) {
        throw new IllegalArgumentException("job " + name + ": negative period " + period);
      }
    }

    boolean disabled() {
      return period.isZero();
    }
  }

  /** One job's timer and its latest run (in progress or done); touched only on our context. */
  private static final class Lane {
    final Job job;
    Future<Void> last = Future.succeededFuture();
    long timer = -1;
    long dueAtMillis;
    boolean hurried;

    Lane(Job job) {
      this.job = job;
    }
  }

  private final List<Lane> lanes;
  private final List<Lane> frequent;
  private final Duration idle;

  /** Many writes at once queue one hurry on our context, not one each. */
  private final AtomicBoolean hurryQueued = new AtomicBoolean();

  private volatile boolean stopping;

  /** Every job on its own period, the frequent ones too (no idle wait). */
  public PeriodicRounds(List<Job> jobs) {
    this(jobs, Duration.ZERO);
  }

  /** The frequent jobs every {@code idle} (at least their period) until {@link #hurry()}. */
  public PeriodicRounds(List<Job> jobs, Duration idle) {
    this.lanes = jobs.stream().filter(job -> !job.disabled()).map(Lane::new).toList();
    Duration shortest =
        lanes.stream().map(lane -> lane.job.period()).min(Duration::compareTo).orElse(null);
    this.frequent = lanes.stream().filter(lane -> lane.job.period().equals(shortest)).toList();
    this.idle = shortest == null || idle.compareTo(shortest) < 0 ? shortest : idle;
  }

  @Override
  public Future<?> start() {
    for (Lane lane : lanes) {
      context.runOnContext(v -> runScheduled(lane));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    lanes.forEach(lane -> vertx.cancelTimer(lane.timer));
    return Future.join(lanes.stream().map(lane -> lane.last).toList()).mapEmpty();
  }

  /**
   * Runs every job once now, one after another in the list's order (each after its own run in
   * progress), then the jobs with the shortest period once more, so that what the first pass
   * recorded (e.g. a milestone's notifications) is relayed and dispatched too; answers when that is
   * done, on the caller's context. The timers go on as before.
   */
  public Future<Void> runNow() {
    Context caller = vertx.getOrCreateContext();
    Promise<Void> answer = Promise.promise();
    context.runOnContext(
        v ->
            inTurn(lanes)
                .compose(first -> inTurn(frequent))
                .onComplete(done -> caller.runOnContext(x -> answer.handle(done))));
    return answer.future();
  }

  /**
   * Something was written here: the frequent jobs run within one period, not after the idle wait.
   * Safe from any thread; cheap when called often (one queued task, at most one timer change per
   * lane).
   */
  public void hurry() {
    if (context != null && !stopping && hurryQueued.compareAndSet(false, true)) {
      context.runOnContext(
          v -> {
            hurryQueued.set(false);
            frequent.forEach(this::hurry);
          });
    }
  }

  private void hurry(Lane lane) {
    long period = lane.job.period().toMillis();
    if (lane.timer == -1) {
      lane.hurried = true; // running now: the next run comes one period after this one
    } else if (lane.dueAtMillis - System.currentTimeMillis() > period) {
      vertx.cancelTimer(lane.timer);
      schedule(lane, period);
    }
  }

  private Future<Void> inTurn(List<Lane> these) {
    Future<Void> chain = done();
    for (Lane lane : these) {
      chain = chain.compose(v -> after(lane));
    }
    return chain;
  }

  /** The timer's run: then the next one, a period after this one ended. */
  private void runScheduled(Lane lane) {
    lane.timer = -1;
    if (stopping) {
      return;
    }
    after(lane).onComplete(done -> schedule(lane, nextDelay(lane)));
  }

  private long nextDelay(Lane lane) {
    boolean waitIdle = frequent.contains(lane) && !lane.hurried;
    lane.hurried = false;
    return (waitIdle ? idle : lane.job.period()).toMillis();
  }

  private void schedule(Lane lane, long delayMillis) {
    if (!stopping) {
      long delay = Math.max(1, delayMillis);
      lane.dueAtMillis = System.currentTimeMillis() + delay;
      lane.timer = vertx.setTimer(delay, id -> runScheduled(lane));
    }
  }

  /**
   * Queues a run of the lane's job behind its latest one; answers when this run is done. A frequent
   * job that did work hurries the frequent lanes: what a relay moved is dispatched within a period,
   * and a full batch is followed by the next one, not by the idle wait.
   */
  private Future<Void> after(Lane lane) {
    Future<Void> next =
        lane.last
            .transform(previous -> runOnce(lane.job))
            .map(
                didWork -> {
                  if (didWork && frequent.contains(lane)) {
                    frequent.forEach(this::hurry);
                  }
                  return null;
                });
    lane.last = next;
    return next;
  }

  /**
   * One run of a job, answered on this verticle's context (so lanes are only touched there): true
   * when it did work (answered a positive count). A failure is logged, never passed on (the next
   * run tries again).
   */
  private Future<Boolean> runOnce(Job job) {
    Promise<Boolean> ran = Promise.promise();
    done()
        .compose(v -> job.work().get())
        .onComplete(
            result -> {
              if (result.failed()) {
                LOG.atWarn()
                    .addKeyValue("job", job.name())
                    .setCause(result.cause())
                    .log("background job failed");
              }
              boolean didWork =
                  result.succeeded()
                      && result.result() instanceof Number count
                      && count.longValue() > 0;
              context.runOnContext(v -> ran.complete(didWork));
            });
    return ran.future();
  }

  private static Future<Void> done() {
    return Future.succeededFuture();
  }
}
