package nl.koers.circle;

import nl.koers.platform.problem.ProblemKind;

/**
 * Who may be in a young person's circle, and with what: what the circle's rules refuse. Titles and
 * details are in the messages files, by slug.
 */
public final class CircleProblem {
  public static final ProblemKind AGE_OUT_OF_RANGE = ProblemKind.of(422, "age-out-of-range");
  public static final ProblemKind ACCOUNT_IN_USE = ProblemKind.of(409, "account-in-use");
  public static final ProblemKind NOT_ADULT_YET = ProblemKind.of(403, "not-adult-yet");
  public static final ProblemKind SCOPE_NOT_ALLOWED = ProblemKind.of(422, "scope-not-allowed");

  /** A professional registered into an organisation the region does not have open. */
  public static final ProblemKind UNKNOWN_ORGANISATION =
      ProblemKind.of(422, "unknown-organisation");

  /**
   * Work about a young person (a late reply, a carer's support request) can only be given to a
   * professional of their region who never was their parent or foster parent, and does not hold it
   * already ({@link CareCircle#mayBeGivenWork}).
   */
  public static final ProblemKind NOT_ELIGIBLE_ASSIGNEE =
      ProblemKind.of(422, "not-eligible-assignee");

  private CircleProblem() {}
}
