package nl.koers.privacy;

import nl.koers.platform.problem.ProblemKind;

/** Erasure's own refusals. Titles and details are in the messages files, by slug. */
public final class ErasureProblem {

  /** A withdrawal once the erasure has started: what is erased cannot come back. */
  public static final ProblemKind ERASURE_UNDER_WAY = ProblemKind.of(409, "erasure-under-way");

  private ErasureProblem() {}
}
