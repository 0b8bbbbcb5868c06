package nl.koers.notify;

import nl.koers.platform.problem.ProblemKind;

/** What the notification rules refuse. Titles and details are in the messages files, by slug. */
public final class NotifyProblem {

  /** A safety type turned off in the preferences: safety is never silenced. */
  public static final ProblemKind ALWAYS_ON = ProblemKind.of(422, "notification-always-on");

  private NotifyProblem() {}
}
