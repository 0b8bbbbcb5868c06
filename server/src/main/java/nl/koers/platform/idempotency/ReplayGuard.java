package nl.koers.platform.idempotency;

import io.vertx.core.Future;
import java.util.List;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Authorizations;
import nl.koers.platform.security.Caller;

/**
 * Allows a replayed request again, as a fresh request would be allowed now: every check the first
 * request passed is made again for the current caller (and logged like a fresh access), and a check
 * that fails now fails the replay exactly as the fresh request would. Implemented by whoever made
 * the checks; the platform only keeps the list and says who is asking now. Asked only when the
 * first request passed at least one check: one that passed none replays as it was.
 */
@FunctionalInterface
public interface ReplayGuard {

  /** Succeeds when the replay may be answered; otherwise fails with the fresh request's problem. */
  Future<Void> allowAgain(Caller caller, List<Authorizations.Check> checks);

  /**
   * For an application that makes no checks: a request that passed none replays as it was; a check
   * nobody can make again is never skipped (the replay answers 404, like a denied object).
   */
  ReplayGuard NO_CHECKS =
      (caller, checks) ->
          checks.isEmpty()
              ? Future.succeededFuture()
              : Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
}
