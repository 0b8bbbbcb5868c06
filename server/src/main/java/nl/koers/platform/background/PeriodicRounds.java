package nl.koers.platform.background;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work on a timer: each round runs the jobs one after another, and the next round is
 * scheduled only when this one is done (rounds never overlap). Jobs must be safe with any number of
 * instances running them (claims, leases or conditional updates in MongoDB). Stopping waits for the
 * round in progress.
 */
public final class PeriodicRounds extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PeriodicRounds.class);

  /** A job, run every {@code everyNthRound} rounds (1 = every round). */
  public record Job(String name, Supplier<Future<?>> work, int everyNthRound) {
    public static Job everyRound(String name, Supplier<Future<?>> work) {
      return new Job(name, work, 1);
    }
  }

  private final List<Job> jobs;
  private final long intervalMillis;
  private volatile boolean stopping;
  private Future<Void> round = Future.succeededFuture();
  private long rounds;

  public PeriodicRounds(List<Job> jobs, long intervalMillis) {
    this.jobs = List.copyOf(jobs);
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
    long number = rounds++;
    Future<Void> chain = Future.succeededFuture();
    for (Job job : jobs) {
      if (number % job.everyNthRound() == 0) {
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
    }
    round = chain.onComplete(done -> schedule());
  }
}
