package nl.koers.privacy;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.feedback.SafetySignals;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.background.OneByOne;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * The young person's right to be erased (AVG art. 17): they ask, their case coordinator is told,
 * and after {@code eraseAfter} (default 30 days, {@code KOERS_ERASURE_AFTER}) a background round
 * erases them, step by step ({@link ErasureSteps}). Only the young person may ask, look or
 * withdraw; anyone else gets the 404 of a young person that does not exist. While a safety signal
 * of theirs is open, the erasure waits: someone with a duty must be able to act on it first.
 */
final class Erasures {

  /** How long one instance holds a request it is erasing before another may take it over. */
  static final Duration CLAIM = Duration.ofMinutes(10);

  /** How many due requests one round takes on. */
  private static final int BATCH = 20;

  private final ErasureStore store;
  private final List<ErasureSteps.Step> steps;
  private final CareCircle circle;
  private final SafetySignals signals;
  private final Retention retention;
  private final Duration eraseAfter;
  private final String instanceId;
  private final Clock clock;

  Erasures(
      ErasureStore store,
      List<ErasureSteps.Step> steps,
      CareCircle circle,
      SafetySignals signals,
      Retention retention,
      Duration eraseAfter,
      String instanceId,
      Clock clock) {
    this.store = store;
    this.steps = List.copyOf(steps);
    this.circle = circle;
    this.signals = signals;
    this.retention = retention;
    this.eraseAfter = eraseAfter;
    this.instanceId = instanceId;
    this.clock = clock;
  }

  static String resource(String youthId) {
    return "youth/" + youthId + "/erasure";
  }

  /** Asks for erasure; a second request (or a retry) answers the first one. */
  Future<Erasure> request(Caller caller, String youthId) {
    return allowed(caller, youthId)
        .compose(
            grant -> {
              Instant now = clock.instant();
              Youth youth = grant.youth();
              return store.request(
                  youthId,
                  youth.regionId(),
                  UUID.randomUUID().toString(),
                  now,
                  now.plus(eraseAfter),
                  Erasure.Reason.REQUESTED,
                  coordinatorTold(youth, NotificationType.ERASURE_REQUESTED, now));
            });
  }

  /** How far the young person's erasure is; 404 when none was asked (or it was withdrawn). */
  Future<Erasure> status(Caller caller, String youthId) {
    return allowed(caller, youthId).compose(grant -> asked(youthId));
  }

  /** Withdraws the request before it starts; 409 once it has. */
  Future<Void> withdraw(Caller caller, String youthId) {
    return allowed(caller, youthId)
        .compose(
            grant ->
                asked(youthId)
                    .compose(
                        erasure -> {
                          if (erasure.reason() == Erasure.Reason.RETENTION) {
                            return Future.failedFuture(
                                Problem.of(
                                    ErasureProblem.ERASURE_UNDER_WAY,
                                    "problem.erasure-under-way.retention"));
                          }
                          Instant now = clock.instant();
                          return store.withdraw(
                              youthId,
                              now,
                              coordinatorTold(
                                  grant.youth(), NotificationType.ERASURE_WITHDRAWN, now));
                        }))
        .compose(
            withdrawn ->
                withdrawn
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        Problem.of(
                            ErasureProblem.ERASURE_UNDER_WAY, "problem.erasure-under-way.detail")));
  }

  /** Of these young people, those erased (a seed must not bring them back). */
  Future<java.util.Set<String>> erasedAmong(java.util.Collection<String> youthIds) {
    return store.doneAmong(youthIds);
  }

  /**
   * The retention round: every young adult past their region's horizon plus the grace period gets
   * an erasure, with notice ({@code RETENTION_NOTICE}); it runs {@code eraseAfter} later, as an
   * asked one does. Answers how many got one now (one already asked or done is left as it is).
   */
  Future<Integer> scheduleRetention() {
    Instant now = clock.instant();
    return retention
        .pastHorizon(now)
        .compose(
            youth ->
                OneByOne.countChanged(
                    youth,
                    young ->
                        store
                            .request(
                                young.id(),
                                young.regionId(),
                                UUID.randomUUID().toString(),
                                now,
                                now.plus(eraseAfter),
                                Erasure.Reason.RETENTION,
                                List.of(noticeTo(young, now)))
                            .map(
                                erasure ->
                                    erasure.reason() == Erasure.Reason.RETENTION
                                        && erasure.requestedAt().equals(now))));
  }

  /** The background round: every due request, claimed one at a time; answers how many finished. */
  Future<Integer> eraseDue() {
    return store
        .due(clock.instant(), BATCH)
        .compose(ids -> OneByOne.countChanged(ids, id -> eraseOne(id, steps.size())));
  }

  /**
   * Claims one request and runs its steps up to {@code upTo} (all of them: {@code steps.size()});
   * true when it is done. Stopping short leaves it claimed, as a crash would: what tests use to
   * show that the next round finishes it.
   */
  Future<Boolean> eraseOne(String youthId, int upTo) {
    Instant now = clock.instant();
    return store
        .claim(youthId, instanceId, now, now.plus(CLAIM))
        .compose(
            claimed ->
                claimed
                    .map(running -> holdOrRun(running, upTo))
                    .orElseGet(() -> Future.succeededFuture(false)));
  }

  private Future<Boolean> holdOrRun(ErasureStore.Running running, int upTo) {
    if (running.step() > 0) {
      // Begun already: finish it (the signals may be gone by now).
      return run(running, upTo);
    }
    return signals
        .anyOpen(running.youthId())
        .compose(open -> open ? store.markWaiting(running).map(false) : run(running, upTo));
  }

  private Future<Boolean> run(ErasureStore.Running running, int upTo) {
    Future<Boolean> chain = Future.succeededFuture(true);
    for (int i = running.step(); i < Math.min(upTo, steps.size()); i++) {
      ErasureSteps.Step step = steps.get(i);
      int done = i + 1;
      chain =
          chain.compose(
              mine ->
                  mine
                      ? step.erase()
                          .apply(running)
                          .compose(v -> store.markStep(running, done, clock.instant().plus(CLAIM)))
                      : Future.succeededFuture(false));
    }
    if (upTo < steps.size()) {
      return chain.map(false);
    }
    return chain.compose(
        mine -> mine ? store.markDone(running, clock.instant()) : Future.succeededFuture(false));
  }

  private Future<CareCircle.Grant> allowed(Caller caller, String youthId) {
    return circle.authorize(caller, youthId, Permission.REQUEST_ERASURE, resource(youthId));
  }

  private Future<Erasure> asked(String youthId) {
    return store
        .find(youthId)
        .compose(
            found ->
                found
                    .filter(erasure -> erasure.status() != Erasure.Status.WITHDRAWN)
                    .map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                Problem.of(CommonProblem.NOT_FOUND, "problem.not-found.erasure"))));
  }

  /** The young adult hears of it first; the item links their erasure and its date. */
  private static NotificationIntent noticeTo(Youth youth, Instant now) {
    return NotificationIntent.keyed(
        NotificationType.RETENTION_NOTICE.name() + ":" + youth.id(),
        NotificationType.RETENTION_NOTICE,
        youth.id(),
        Optional.of(youth.id()),
        resource(youth.id()),
        now);
  }

  /** The case coordinator hears of it (no name in the push; the inbox item links the profile). */
  private static List<NotificationIntent> coordinatorTold(
      Youth youth, NotificationType type, Instant now) {
    Optional<String> coordinator =
        youth.activeOfKind(RelationKind.CASE_COORDINATOR, now).map(Relation::personId);
    return coordinator.stream()
        .map(
            personId ->
                NotificationIntent.keyed(
                    type.name() + ":" + youth.id() + ":" + now,
                    type,
                    personId,
                    Optional.of(youth.id()),
                    "youth/" + youth.id(),
                    now))
        .toList();
  }
}
