package nl.koers.region;

import nl.koers.platform.problem.ProblemKind;

/**
 * Region settings: their own refusals. Titles and details are in the messages files, by slug. A
 * region role the caller does not hold is not one of these: it answers as a region that does not
 * exist ({@link Regions}).
 */
public final class RegionProblem {
  public static final ProblemKind NOT_ELIGIBLE_SAFETY_CONTACT =
      ProblemKind.of(422, "not-eligible-safety-contact");

  private RegionProblem() {}
}
