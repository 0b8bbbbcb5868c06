package nl.koers.plan;

import nl.koers.platform.problem.ProblemKind;

/**
 * The future plan's own refusals (it opens at 16). Titles and details are in the messages files, by
 * slug.
 */
public final class PlanProblem {
  public static final ProblemKind NOT_OPEN_YET = ProblemKind.of(403, "not-open-yet");

  private PlanProblem() {}
}
