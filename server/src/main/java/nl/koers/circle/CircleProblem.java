package nl.koers.circle;

import nl.koers.platform.problem.ProblemKind;

/**
 * Who may be in a young person's circle, and with what: what the circle's rules refuse. Titles and
 * details are in the messages files, by slug.
 */
public enum CircleProblem implements ProblemKind {
  AGE_OUT_OF_RANGE(422, "age-out-of-range"),
  ACCOUNT_IN_USE(409, "account-in-use"),
  NOT_ADULT_YET(403, "not-adult-yet"),
  SCOPE_NOT_ALLOWED(422, "scope-not-allowed");

  private final int status;
  private final String slug;

  CircleProblem(int status, String slug) {
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
