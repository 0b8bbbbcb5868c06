package nl.koers.transition;

import nl.koers.platform.problem.ProblemKind;

/**
 * The move to adulthood's own refusals (the region's follow-up horizon). Titles and details are in
 * the messages files, by slug.
 */
public final class TransitionProblem {
  public static final ProblemKind BEYOND_HORIZON = ProblemKind.of(422, "beyond-horizon");

  /** A pause of the follow-up check-ins ends on a day after today, at most a year ahead. */
  public static final ProblemKind PAUSE_OUT_OF_RANGE = ProblemKind.of(422, "pause-out-of-range");

  private TransitionProblem() {}
}
