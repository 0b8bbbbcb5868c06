package nl.koers.region;

import nl.koers.platform.problem.ProblemKind;

/**
 * Region settings: their own refusals. Titles and details are in the messages files, by slug. A
 * region role the caller does not hold is not one of these: it answers as a region that does not
 * exist ({@link Regions}).
 */
public enum RegionProblem implements ProblemKind {
  NOT_ELIGIBLE_SAFETY_CONTACT(422, "not-eligible-safety-contact");

  private final int status;
  private final String slug;

  RegionProblem(int status, String slug) {
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
