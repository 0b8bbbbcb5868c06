package nl.koers.mentor;

import nl.koers.platform.problem.ProblemKind;

/**
 * A JIM mentor's nomination, invite and parent agreement: what the mentor rules refuse. Titles and
 * details are in the messages files, by slug.
 */
public enum MentorProblem implements ProblemKind {
  INVITE_USED(409, "invite-used"),
  INVITE_EXPIRED(410, "invite-expired"),
  INVITE_WITHDRAWN(410, "invite-withdrawn"),
  OWN_INVITE(422, "invite-own"),
  MENTOR_IS_PARENT(422, "mentor-is-parent"),
  MENTOR_TOO_YOUNG(422, "mentor-too-young"),
  TOO_MANY_NOMINATIONS(422, "too-many-nominations"),
  PARENT_AGREEMENT_NEEDED(409, "parent-agreement-needed"),
  PARENT_REFUSED(409, "parent-refused"),
  DECIDES_ALONE(422, "decides-alone");

  private final int status;
  private final String slug;

  MentorProblem(int status, String slug) {
    this.status = status;
    this.slug = slug;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String slug() {
    return slug;
  }
}
