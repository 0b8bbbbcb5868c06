package nl.koers.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.koers.platform.idempotency.ReplayGuard;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Authorizations;
import nl.koers.platform.security.Caller;

/**
 * Allows a replayed {@code Idempotency-Key} again the way a fresh request would be allowed: every
 * check the first request passed is made again, in order, for the caller now. A care-circle check
 * is authorized again (same permission, resource and capacity; logged like a fresh access, refused
 * into the security log with the same 404 as for nothing); a condition a capability checked itself
 * after that is asked of that capability again ({@link #on}). A check nobody can make again fails
 * the replay: none is ever skipped. A request that passed no check (e.g. accepting an invite by its
 * code) replays as it was.
 */
public final class Replays implements ReplayGuard {

  /** A care-circle authorization: youthId, permission, resource, capacity. */
  public static final String CIRCLE = "circle";

  /** This request ended the caller's own relation: youthId, relationId. */
  public static final String LEFT = "circle.left";

  /** Makes a capability's own check again for the caller now, logging it when it holds. */
  @FunctionalInterface
  public interface Recheck {
    /** Succeeds when the check still holds; otherwise fails as a fresh request would. */
    Future<Void> again(Caller caller, Authorizations.Check check, Optional<Youth> youthNow);
  }

  private final CareCircle circle;
  private final YouthRecords records;
  private final SecurityLog securityLog;
  private final Clock clock;
  private final Map<String, Recheck> rechecks = new ConcurrentHashMap<>();

  public Replays(CareCircle circle, YouthRecords records, SecurityLog securityLog, Clock clock) {
    this.circle = circle;
    this.records = records;
    this.securityLog = securityLog;
    this.clock = clock;
  }

  /** Who makes a check of this kind again. */
  public Replays on(String kind, Recheck recheck) {
    rechecks.put(kind, recheck);
    return this;
  }

  @Override
  public Future<Void> allowAgain(Caller caller, List<Authorizations.Check> checks) {
    Future<Void> chain = Future.succeededFuture();
    for (Authorizations.Check check : checks) {
      chain = chain.compose(v -> again(caller, check, checks));
    }
    return chain;
  }

  private Future<Void> again(
      Caller caller, Authorizations.Check check, List<Authorizations.Check> all) {
    if (check.kind().equals(CIRCLE)) {
      Optional<String> left =
          all.stream()
              .filter(c -> c.kind().equals(LEFT))
              .filter(c -> c.fact("youthId").equals(check.fact("youthId")))
              .map(c -> c.fact("relationId"))
              .findFirst();
      return left.isPresent()
          ? circle.leftAgain(caller, check, left.get())
          : circle.authorizeAgain(caller, check);
    }
    if (check.kind().equals(LEFT)) {
      // Made again with the circle check it belongs to.
      return Future.succeededFuture();
    }
    Recheck recheck = rechecks.get(check.kind());
    if (recheck == null) {
      return refused(caller, check);
    }
    String youthId = check.fact("youthId");
    Future<Optional<Youth>> youth =
        youthId == null ? Future.succeededFuture(Optional.empty()) : records.find(youthId);
    return youth
        .compose(now -> recheck.again(caller, check, now))
        .recover(
            failure ->
                failure instanceof Problem problem && problem.kind() == CommonProblem.NOT_FOUND
                    ? refused(caller, check)
                    : Future.failedFuture(failure));
  }

  private Future<Void> refused(Caller caller, Authorizations.Check check) {
    return securityLog
        .append(
            new SecurityLog.Refusal(
                caller.personId(),
                check.fact("youthId"),
                check.kind(),
                check.fact("resource"),
                clock.instant(),
                caller.requestId()))
        .compose(v -> Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND)));
  }
}
