package nl.koers.feedback;

import nl.koers.platform.problem.ProblemKind;

/**
 * The refusals of a pulse the young person starts and of widening a sharing choice, each with its
 * own type so the app can say what to change. Titles and details are in the messages files.
 */
public final class PulseProblem {

  /** "With whom" is not a professional, JIM or steady contact of the circle now. */
  public static final ProblemKind CONTACT_NOT_IN_CIRCLE =
      ProblemKind.of(422, "pulse-contact-not-in-circle");

  /** "Which day" is in the future or more than a week ago (Amsterdam). */
  public static final ProblemKind DAY_OUT_OF_RANGE = ProblemKind.of(422, "pulse-day-out-of-range");

  /** The young person started as many pulses today as one day allows. */
  public static final ProblemKind LIMIT_REACHED = ProblemKind.of(422, "pulse-limit-reached");

  /** A sharing choice only widens: what a professional may have read is never taken back. */
  public static final ProblemKind SHARING_NOT_WIDER = ProblemKind.of(409, "sharing-not-wider");

  private PulseProblem() {}
}
