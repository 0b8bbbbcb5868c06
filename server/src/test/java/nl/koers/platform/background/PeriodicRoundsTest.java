package nl.koers.platform.background;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import nl.koers.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each job on its own timer: a stuck job holds up no other, a job never runs beside itself, {@code
 * runNow} runs every job (the frequent ones twice), a disabled job never runs. Counts and orders
 * only: nothing here depends on how fast the machine is.
 */
class PeriodicRoundsTest {

  private static final Duration OFTEN = Duration.ofMillis(5);
  private static final Duration RARELY = Duration.ofHours(1);

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  /** A job that counts its runs and is done at once. */
  private static Supplier<Future<?>> counting(AtomicInteger runs) {
    return () -> {
      runs.incrementAndGet();
      return Future.succeededFuture();
    };
  }

  private String deploy(PeriodicRounds rounds) {
    return await(vertx.deployVerticle(rounds));
  }

  @Test
  void aJobStuckOnAnAnswerThatNeverComesDoesNotHoldUpAnother() {
    Promise<Void> never = Promise.promise();
    AtomicInteger stuckRuns = new AtomicInteger();
    AtomicInteger dispatches = new AtomicInteger();
    String id =
        deploy(
            new PeriodicRounds(
                List.of(
                    new PeriodicRounds.Job(
                        "stuck",
                        OFTEN,
                        () -> {
                          stuckRuns.incrementAndGet();
                          return never.future();
                        }),
                    new PeriodicRounds.Job("push dispatch", OFTEN, counting(dispatches)))));

    try {
      Eventually.until("dispatch keeps running", () -> dispatches.get() >= 20);

      // Many of its periods went by, yet the stuck job was never started beside itself.
      assertThat(stuckRuns).hasValue(1);
    } finally {
      never.tryComplete();
    }
    Eventually.until("the stuck job runs again once released", () -> stuckRuns.get() >= 2);
    await(vertx.undeploy(id));
  }

  @Test
  void aJobNeverRunsBesideItselfNotEvenWhenRunNowIsAskedMeanwhile() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    PeriodicRounds rounds =
        new PeriodicRounds(
            List.of(
                new PeriodicRounds.Job(
                    "slowish",
                    Duration.ofMillis(1),
                    () -> {
                      most.accumulateAndGet(running.incrementAndGet(), Math::max);
                      runs.incrementAndGet();
                      Promise<Void> done = Promise.promise();
                      vertx.setTimer(
                          3,
                          t -> {
                            running.decrementAndGet();
                            done.complete();
                          });
                      return done.future();
                    })));
    deploy(rounds);

    List<Future<Void>> asked = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      asked.add(rounds.runNow());
    }
    await(Future.all(asked));
    Eventually.until("the timer goes on too", () -> runs.get() >= 20);

    assertThat(most).hasValue(1);
  }

  @Test
  void withNothingWrittenTheFrequentJobsWaitTheIdleTimeAndAWriteHurriesThem() {
    AtomicInteger relays = new AtomicInteger();
    AtomicInteger hourly = new AtomicInteger();
    PeriodicRounds rounds =
        new PeriodicRounds(
            List.of(
                new PeriodicRounds.Job("outbox relay", OFTEN, counting(relays)),
                new PeriodicRounds.Job("snapshot", RARELY, counting(hourly))),
            RARELY);
    deploy(rounds);
    Eventually.until("the start-up run", () -> relays.get() == 1 && hourly.get() == 1);

    rounds.hurry();
    Eventually.until("hurried, the relay runs again", () -> relays.get() == 2);
    rounds.hurry();
    Eventually.until("and again for the next write", () -> relays.get() == 3);

    // Many periods with no write: the relay waits its idle hour, and the rare job was never
    // hurried.
    Eventually.pause(Duration.ofMillis(200));
    assertThat(relays).hasValue(3);
    assertThat(hourly).hasValue(1);
  }

  @Test
  void workFoundByOneFrequentJobBringsTheOthersOnAndABacklogDrainsWithoutIdleWaits() {
    AtomicInteger backlog = new AtomicInteger(3); // three full batches waiting at start-up
    AtomicInteger dispatches = new AtomicInteger();
    AtomicInteger relays = new AtomicInteger();
    AtomicInteger hourly = new AtomicInteger();
    PeriodicRounds rounds =
        new PeriodicRounds(
            List.of(
                new PeriodicRounds.Job("outbox relay", OFTEN, counting(relays)),
                new PeriodicRounds.Job(
                    "push dispatch",
                    OFTEN,
                    () -> {
                      dispatches.incrementAndGet();
                      return Future.succeededFuture(Math.max(0, backlog.getAndDecrement()));
                    }),
                new PeriodicRounds.Job("snapshot", RARELY, counting(hourly))),
            RARELY);
    deploy(rounds);

    // No write at all: only the work the jobs found keeps them going.
    Eventually.until("every batch dispatched", () -> backlog.get() < 0);
    Eventually.pause(Duration.ofMillis(200));
    int settled = dispatches.get();
    Eventually.pause(Duration.ofMillis(200));
    assertThat(dispatches.get())
        .as("once the work is done, the idle wait again")
        .isEqualTo(settled);
    assertThat(relays.get()).as("the relay brought on by the dispatch's work").isGreaterThan(1);
    assertThat(hourly).hasValue(1);
  }

  @Test
  void aWriteDuringARunIsNotLeftForTheIdleWait() {
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> firstRun = Promise.promise();
    PeriodicRounds rounds =
        new PeriodicRounds(
            List.of(
                new PeriodicRounds.Job(
                    "outbox relay",
                    OFTEN,
                    () ->
                        runs.incrementAndGet() == 1
                            ? firstRun.future()
                            : Future.succeededFuture())),
            RARELY);
    deploy(rounds);
    Eventually.until("the start-up run is under way", () -> runs.get() == 1);

    rounds.hurry(); // written while the relay was reading its outbox
    Eventually.pause(Duration.ofMillis(50));
    firstRun.complete();

    Eventually.until("the relay runs once more, a period later", () -> runs.get() == 2);
  }

  @Test
  void runNowRunsEveryJobInTurnThenTheFrequentOnesAgainAndAnswersOnTheCallersContext() {
    List<String> ran = new CopyOnWriteArrayList<>();
    List<PeriodicRounds.Job> jobs = new ArrayList<>();
    for (String name : List.of("outbox relay", "push dispatch")) {
      jobs.add(new PeriodicRounds.Job(name, Duration.ofMinutes(10), recording(ran, name)));
    }
    for (String name : List.of("insights snapshot", "milestones")) {
      jobs.add(new PeriodicRounds.Job(name, RARELY, recording(ran, name)));
    }
    PeriodicRounds rounds = new PeriodicRounds(jobs);
    deploy(rounds);
    Eventually.until("each job ran at start-up", () -> ran.size() == 4);
    assertThat(ran)
        .containsExactlyInAnyOrder(
            "outbox relay", "push dispatch", "insights snapshot", "milestones");
    ran.clear();

    Context caller = vertx.getOrCreateContext();
    Promise<Context> answeredOn = Promise.promise();
    caller.runOnContext(
        v -> rounds.runNow().onComplete(done -> answeredOn.complete(Vertx.currentContext())));

    assertThat(await(answeredOn.future())).isSameAs(caller);
    assertThat(ran)
        .containsExactly(
            "outbox relay",
            "push dispatch",
            "insights snapshot",
            "milestones",
            "outbox relay",
            "push dispatch");
  }

  @Test
  void aJobWithAZeroPeriodIsDisabledAndNeverRunsNotEvenByRunNow() {
    AtomicInteger disabled = new AtomicInteger();
    AtomicInteger enabled = new AtomicInteger();
    PeriodicRounds rounds =
        new PeriodicRounds(
            List.of(
                new PeriodicRounds.Job("milestones", Duration.ZERO, counting(disabled)),
                new PeriodicRounds.Job("outbox relay", OFTEN, counting(enabled))));
    deploy(rounds);

    Eventually.until("the enabled job runs", () -> enabled.get() >= 10);
    await(rounds.runNow());

    assertThat(disabled).hasValue(0);
  }

  @Test
  void stoppingWaitsForTheRunInProgress() {
    Promise<Void> slow = Promise.promise();
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicInteger started = new AtomicInteger();
    String id =
        deploy(
            new PeriodicRounds(
                List.of(
                    new PeriodicRounds.Job(
                        "snapshot",
                        RARELY,
                        () -> {
                          started.incrementAndGet();
                          return slow.future();
                        }))));
    Eventually.until("the run started", () -> started.get() == 1);

    Future<Void> undeployed = vertx.undeploy(id).onComplete(v -> events.add("undeployed"));
    // A stop that did not wait would be done long before this.
    Eventually.pause(Duration.ofMillis(300));
    events.add("run done");
    slow.complete();
    await(undeployed);

    assertThat(events).containsExactly("run done", "undeployed");
  }

  @Test
  void aNegativePeriodIsRefused() {
    assertThatThrownBy(
            () ->
                new PeriodicRounds.Job(
                    "backwards", Duration.ofSeconds(-1), Future::succeededFuture))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backwards");
  }

  private static Supplier<Future<?>> recording(List<String> ran, String name) {
    return () -> {
      ran.add(name);
      return Future.succeededFuture();
    };
  }
}
