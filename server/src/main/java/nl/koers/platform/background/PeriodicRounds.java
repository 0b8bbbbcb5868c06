package nl.koers.platform.background;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work on a timer: each round runs the jobs one after another, and the next round is
 * scheduled only when this one is done (rounds never overlap). Jobs must be safe with any number of
 * instances running them (claims, leases or conditional updates in MongoDB). Stopping waits for the
 * round in progress. {@link #runNow()} runs a round at once (dev mode's clock), queued behind the
 * round in progress, never beside it.
 */
public final class PeriodicRounds extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PeriodicRounds.class);

  /** A job and how often it runs; {@link Duration#ZERO} switches it off. */
  public record Job(String name, Duration period, Supplier<Future<?>> work) {
    long everyNthRound(long intervalMillis) {
      return Math.max(1, period.toMillis() / intervalMillis);
    }
  }

  private final List<Job> jobs;
  private final long intervalMillis;
  private volatile boolean stopping;
  private Future<Void> round = Future.succeededFuture();
  private long rounds;

  public PeriodicRounds(List<Job> jobs) {
    this.jobs = jobs.stream().filter(job -> !job.period().isZero()).toList();
    this.intervalMillis =
        Math.max(
            1, this.jobs.stream().mapToLong(job -> job.period().toMillis()).min().orElse(1000));
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

  /**
   * Runs every job once now, then the every-round jobs once more (so what the first pass recorded,
   * e.g. a milestone's notifications, is relayed and dispatched too); answers when that is done, on
   * the caller's context. The timer's rounds go on as before.
   */
  public Future<Void> runNow() {
    Context caller = vertx.getOrCreateContext();
    Promise<Void> answer = Promise.promise();
    context.runOnContext(
        v -> {
          Future<Void> now =
              round.transform(previous -> runJobs(jobs).compose(done -> runJobs(everyRoundJobs())));
          round = now;
          now.onComplete(done -> caller.runOnContext(x -> answer.handle(done)));
        });
    return answer.future();
  }

  private List<Job> everyRoundJobs() {
    return jobs.stream().filter(job -> job.everyNthRound(intervalMillis) == 1).toList();
  }

  private void runRound() {
    if (stopping) {
      return;
    }
    long number = rounds++;
    List<Job> due =
        jobs.stream().filter(job -> number % job.everyNthRound(intervalMillis) == 0).toList();
    // After whatever round is in progress (one run now may be): rounds never overlap.
    round = round.transform(previous -> runJobs(due)).onComplete(done -> schedule());
  }

  private static Future<Void> runJobs(List<Job> due) {
    Future<Void> chain = Future.succeededFuture();
    for (Job job : due) {
      chain =
          chain.compose(
              v ->
                  job.work()
                      .get()
                      .<Void>mapEmpty()
                      .recover(
                          e -> {
                            LOG.atWarn()
                                .addKeyValue("job", job.name())
                                .setCause(e)
                                .log("background job failed");
                            return Future.succeededFuture();
                          }));
    }
    return chain;
  }
}
