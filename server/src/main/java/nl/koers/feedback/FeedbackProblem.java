package nl.koers.feedback;

import nl.koers.platform.problem.ProblemKind;

/**
 * Feedback's own refusals, besides the common ones. Titles and details are in the messages files,
 * by slug.
 */
public final class FeedbackProblem {

  /**
   * A reply task can only go to another professional of the young person's region, who never was
   * their parent or foster parent.
   */
  public static final ProblemKind NOT_ELIGIBLE_ASSIGNEE =
      ProblemKind.of(422, "not-eligible-assignee");

  private FeedbackProblem() {}
}
