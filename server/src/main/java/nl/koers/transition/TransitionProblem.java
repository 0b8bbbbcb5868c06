package nl.koers.transition;

import nl.koers.platform.problem.ProblemKind;

/**
 * The move to adulthood's own refusals (the region's follow-up horizon). Titles and details are in
 * the messages files, by slug.
 */
public enum TransitionProblem implements ProblemKind {
  BEYOND_HORIZON(422, "beyond-horizon");

  private final int status;
  private final String slug;

  TransitionProblem(int status, String slug) {
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
