package nl.koers.sync;

import nl.koers.platform.problem.ProblemKind;

/** The change feed's own refusals. Titles and details are in the messages files, by slug. */
public final class SyncProblem {
  /** A {@code since} this server never wrote. */
  public static final ProblemKind CURSOR_INVALID = ProblemKind.of(400, "changes-cursor-invalid");

  /** A {@code since} older than the feed keeps its promises for: sync again from the start. */
  public static final ProblemKind CURSOR_EXPIRED = ProblemKind.of(410, "changes-cursor-expired");

  private SyncProblem() {}
}
