package nl.koers.privacy;

import nl.koers.platform.problem.ProblemKind;

/**
 * The export's own refusals: a copy asked for but not built yet, and a copy past its 7 days. Titles
 * and details are in the messages files, by slug.
 */
public final class ExportProblem {

  /** The file or summary of an export that is still being built. */
  public static final ProblemKind NOT_READY = ProblemKind.of(409, "export-not-ready");

  /** The file or summary of an export past its 7 days (until the expiry job deletes it). */
  public static final ProblemKind EXPIRED = ProblemKind.of(410, "export-expired");

  private ExportProblem() {}
}
