package nl.koers.feedback;

import nl.koers.platform.problem.ProblemKind;

/**
 * Feedback and safety signals: their own refusals. Titles and details are in the messages files, by
 * slug.
 */
public enum FeedbackProblem implements ProblemKind {
  NOT_ELIGIBLE_SAFETY_CONTACT(422, "not-eligible-safety-contact");

  private final int status;
  private final String slug;

  FeedbackProblem(int status, String slug) {
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
