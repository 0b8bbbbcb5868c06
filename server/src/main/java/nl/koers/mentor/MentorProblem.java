package nl.koers.mentor;

import nl.koers.platform.problem.ProblemKind;

/**
 * A JIM mentor's nomination, invite and parent agreement: what the mentor rules refuse. Titles and
 * details are in the messages files, by slug.
 */
public final class MentorProblem {
  public static final ProblemKind INVITE_USED = ProblemKind.of(409, "invite-used");
  public static final ProblemKind INVITE_EXPIRED = ProblemKind.of(410, "invite-expired");
  public static final ProblemKind INVITE_WITHDRAWN = ProblemKind.of(410, "invite-withdrawn");
  public static final ProblemKind OWN_INVITE = ProblemKind.of(422, "invite-own");
  public static final ProblemKind MENTOR_IS_PARENT = ProblemKind.of(422, "mentor-is-parent");
  public static final ProblemKind MENTOR_TOO_YOUNG = ProblemKind.of(422, "mentor-too-young");
  public static final ProblemKind TOO_MANY_NOMINATIONS =
      ProblemKind.of(422, "too-many-nominations");
  public static final ProblemKind PARENT_AGREEMENT_NEEDED =
      ProblemKind.of(409, "parent-agreement-needed");
  public static final ProblemKind PARENT_REFUSED = ProblemKind.of(409, "parent-refused");
  public static final ProblemKind DECIDES_ALONE = ProblemKind.of(422, "decides-alone");

  private MentorProblem() {}
}
