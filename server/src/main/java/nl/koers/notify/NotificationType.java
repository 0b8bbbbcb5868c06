package nl.koers.notify;

/**
 * What a notification is about. The push itself never says more than that there is something new:
 * its {@link #pushCode()} is deliberately coarse (a safety signal looks like any other update on
 * the wire and on the lock screen); the app reads the precise type from the inbox, signed in.
 * Urgent types ignore quiet hours; the safety types ({@link #mayBeTurnedOff()}) ignore preferences.
 */
public enum NotificationType {
  /** A test, sent from dev mode. */
  TEST(false, "test"),
  /** Someone joined or left the young person's care circle. */
  CIRCLE_CHANGED(false, "update"),
  /** A questionnaire is waiting for the young person (or parent). */
  FEEDBACK_REQUESTED(false, "update"),
  /** Shared feedback asks the case coordinator (or whom the region admin gave it) for a reply. */
  FEEDBACK_TASK(false, "update"),
  /** The case coordinator replied to what the young person said. */
  FEEDBACK_ANSWERED(false, "update"),
  /**
   * A reply is overdue: the region admin hears of it (linked to the task), and so, once, does who
   * gave the feedback (linked to their own feedback: someone will answer).
   */
  FEEDBACK_ESCALATED(false, "update"),
  /** A safety signal that a responsible person must see now. */
  SAFETY(true, "update"),
  /** The invited adult accepted (to the young person). */
  MENTOR_INVITE_ACCEPTED(false, "update"),
  /** A JIM waits for the case coordinator's confirmation. */
  MENTOR_CONFIRMATION_NEEDED(false, "update"),
  /** The JIM is active (to the young person and the JIM). */
  MENTOR_ACTIVE(false, "update"),
  /** The JIM relation ended (to both, and the case coordinator). */
  MENTOR_ENDED(false, "update"),
  /** Time for the JIM's own check-in. */
  MENTOR_CHECK_IN(false, "update"),
  /** A JIM's check-in was low: the case coordinator looks into it. */
  MENTOR_CHECK_IN_LOW(false, "update"),
  /** A milestone on the way to adulthood (16, 17, 17½, 18, and after). */
  MILESTONE(false, "update"),
  /** 17¾ and no steady contact confirmed: the case coordinator and region admins must act. */
  STEADY_CONTACT_MISSING(false, "update"),
  /** Someone named as steady contact is asked to confirm. */
  STEADY_CONTACT_REQUESTED(false, "update"),
  /** A transition checklist item is past its due date. */
  CHECKLIST_OVERDUE(false, "update"),
  /** A new message in a conversation (never its content). */
  MESSAGE(false, "update"),
  /** The young person's own signal was received (at once, whatever the hour). */
  SAFETY_RECEIVED(true, "update"),
  /** Two days later: is it safer now? */
  SAFETY_FOLLOW_UP(false, "update"),
  /** A JIM nomination waits for a parent's agreement (to the parents of a young person 12-15). */
  MENTOR_AGREEMENT_NEEDED(false, "update"),
  /**
   * A parent (or the guardian, through the case coordinator) decided on a JIM nomination: to the
   * young person either way, and on a refusal to the case coordinator.
   */
  MENTOR_PARENT_DECIDED(false, "update"),
  /** What you may see of a young person changed, or your access ended (never what or why). */
  ACCESS_CHANGED(false, "update"),
  /** To the young person: a professional picked up their signal ("someone is on it"). */
  SAFETY_PICKED_UP(true, "update"),
  /**
   * A safety signal nobody picked up in time: to the region's whole safety-contact roster and its
   * admins, once (never the young person's name or words; the inbox item points to the signal).
   */
  SAFETY_ESCALATED(true, "update"),
  /** A plan action or checklist item was given to you (by someone else). */
  TASK_ASSIGNED(false, "update"),
  /** Something you own is due in 7 days. */
  TASK_DUE_SOON(false, "update"),
  /** Something you own is past its due date and not done. */
  TASK_OVERDUE(false, "update"),
  /**
   * To the foster parent, at 17 and at 17½ while nothing is decided: the decision on extended
   * (foster) care to 21 is coming.
   */
  EXTENDED_CARE_DECISION_DUE(false, "update"),
  /** To the foster parent: the decision on extended (foster) care was made. */
  EXTENDED_CARE_DECIDED(false, "update"),
  /** A carer (foster parent, JIM) asked you for support: answer it in time (never the text). */
  SUPPORT_REQUESTED(false, "update"),
  /** Your support request was answered. */
  SUPPORT_ANSWERED(false, "update"),
  /**
   * A support request was not answered in time: to the region's admins (linked to the region's view
   * of it), and once to the requester (someone will answer).
   */
  SUPPORT_ESCALATED(false, "update"),
  /** The case coordinator replied to your check-in as JIM. */
  MENTOR_CHECK_IN_REPLIED(false, "update"),
  /** To the young person: a warm handover to an adult service was planned. */
  HANDOVER_PLANNED(false, "update"),
  /** To the young person: youth care or the adult service confirmed its side of the handover. */
  HANDOVER_CONFIRMED(false, "update"),
  /** To the case coordinator: the young person says the handover meeting did not take place. */
  HANDOVER_MISSED(false, "update"),
  /** To the young person: the copy of their data they asked for is ready (never its content). */
  EXPORT_READY(false, "update"),
  /** To the case coordinator: the young person asked to be erased (never a name in the push). */
  ERASURE_REQUESTED(false, "update"),
  /** To the case coordinator: the young person withdrew their erasure request. */
  ERASURE_WITHDRAWN(false, "update"),
  /**
   * To the young adult: the region's follow-up ended a while ago, so Koers will erase their data
   * (the inbox item links the erasure, with the date).
   */
  RETENTION_NOTICE(false, "update");

  private final boolean urgent;
  private final String pushCode;

  NotificationType(boolean urgent, String pushCode) {
    this.urgent = urgent;
    this.pushCode = pushCode;
  }

  /** What the push's {@code type} says: no more than the app needs to fetch the inbox item. */
  public String pushCode() {
    return pushCode;
  }

  public boolean urgent() {
    return urgent;
  }

  /**
   * Whether a person may turn its pushes off. The safety types never: a young person in danger, and
   * whoever must act on it, must never be silenced by a setting. That is the urgent ones and the
   * follow-up that asks the young person, two days later, whether it is safer now.
   */
  public boolean mayBeTurnedOff() {
    return !urgent && this != SAFETY_FOLLOW_UP;
  }
}
