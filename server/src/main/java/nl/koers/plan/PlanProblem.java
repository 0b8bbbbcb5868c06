package nl.koers.plan;

import nl.koers.platform.problem.ProblemKind;

/**
 * The future plan's own refusals (it opens at 16). Titles and details are in the messages files, by
 * slug.
 */
public enum PlanProblem implements ProblemKind {
  NOT_OPEN_YET(403, "not-open-yet");

  private final int status;
  private final String slug;

  PlanProblem(int status, String slug) {
    this.status = status;
    this.slug = slug;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String slug() {
    return slug;
  }
}
