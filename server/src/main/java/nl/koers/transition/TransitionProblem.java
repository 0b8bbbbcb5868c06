package nl.koers.transition;

import nl.koers.platform.problem.ProblemKind;

/**
 * The move to adulthood's own refusals (the region's follow-up horizon, the warm handover's rules).
 * Titles and details are in the messages files, by slug.
 */
public final class TransitionProblem {
  public static final ProblemKind BEYOND_HORIZON = ProblemKind.of(422, "beyond-horizon");

  /** A pause of the follow-up check-ins ends on a day after today, at most a year ahead. */
  public static final ProblemKind PAUSE_OUT_OF_RANGE = ProblemKind.of(422, "pause-out-of-range");

  /** The adult service's side of a handover, or the young person's answer, before the meeting. */
  public static final ProblemKind HANDOVER_NOT_MET_YET =
      ProblemKind.of(409, "handover-not-met-yet");

  /** The case coordinator asks to confirm the adult service's side: it is theirs, not hers. */
  public static final ProblemKind HANDOVER_SIDE_NOT_YOURS =
      ProblemKind.of(403, "handover-side-not-yours");

  /** The young person, a parent or a foster parent tries to accept for the adult service. */
  public static final ProblemKind HANDOVER_CONTACT_NOT_ALLOWED =
      ProblemKind.of(422, "handover-contact-not-allowed");

  /** The same kinds as a JIM invite's (one catalogue entry each), with the handover's details. */
  public static final ProblemKind INVITE_USED = ProblemKind.of(409, "invite-used");

  public static final ProblemKind INVITE_EXPIRED = ProblemKind.of(410, "invite-expired");

  private TransitionProblem() {}
}
