package nl.koers.circle;

/** What a caller wants to do with a young person's data; each is a read or a write. */
public enum Permission {
  /** The profile card: the young person and every member of their circle. */
  READ_PROFILE(AccessLog.Action.READ),
  /** The circle itself: the young person and members whose scopes include it. */
  READ_CIRCLE(AccessLog.Action.READ),
  /** Who looked at the data: only the young person. */
  READ_ACCESS_LOG(AccessLog.Action.READ),
  /** Adding relations: the case coordinator. */
  MANAGE_CIRCLE(AccessLog.Action.WRITE),
  /** Choosing the case coordinator: a region admin of the young person's region, blind to data. */
  ASSIGN_CASE_COORDINATOR(AccessLog.Action.WRITE),
  /** Seeing who the case coordinator is, before choosing another: the same region admin. */
  READ_CASE_COORDINATOR(AccessLog.Action.READ),
  /**
   * Reading a reply task about the young person's feedback that is late or open: a region admin of
   * the young person's region (no name; the answers only where the young person shared them).
   */
  READ_FEEDBACK_TASK(AccessLog.Action.READ),
  /** Giving a reply task to another professional of the region: a region admin of that region. */
  REASSIGN_FEEDBACK_TASK(AccessLog.Action.WRITE),
  /** Logging a contact moment (which asks the young person for a pulse): their professionals. */
  LOG_CONTACT_MOMENT(AccessLog.Action.WRITE),
  /**
   * Seeing and answering one's own feedback requests: the young person, parents and foster parents
   * (theirs about the support they get).
   */
  ANSWER_FEEDBACK(AccessLog.Action.WRITE),
  /**
   * Reading feedback: the young person, the case coordinator (shared only), parents (their own).
   */
  READ_FEEDBACK(AccessLog.Action.READ),
  /**
   * Answering shared feedback ("you said, we did"): the case coordinator, and the professional the
   * region admin gave the reply task to ({@link CareCircle#authorizeAssigned}).
   */
  RESPOND_TO_FEEDBACK(AccessLog.Action.WRITE),
  /** Saying "I do not feel safe": only the young person. */
  RAISE_SAFETY_SIGNAL(AccessLog.Action.WRITE),
  /**
   * Reading safety signals: the young person, the case coordinator now and the region's safety
   * contacts on the roster now; never a parent or foster parent of the young person.
   */
  READ_SAFETY_SIGNALS(AccessLog.Action.READ),
  /** Picking up a safety signal ("someone is on it"): the case coordinator or a safety contact. */
  PICK_UP_SAFETY_SIGNAL(AccessLog.Action.WRITE),
  /** Closing a safety signal with a note: the case coordinator or a safety contact. */
  CLOSE_SAFETY_SIGNAL(AccessLog.Action.WRITE),
  /** Nominating, ending and scoping a JIM: only the young person. */
  CHOOSE_MENTOR(AccessLog.Action.WRITE),
  /**
   * Seeing the JIM nominations: the young person and the case coordinator; before 16 also the
   * parents (only the nominations waiting for or past their agreement, and only a few fields).
   */
  READ_MENTOR_NOMINATIONS(AccessLog.Action.READ),
  /**
   * Agreeing to a JIM for a young person under 16: a parent of the circle; only where no parent is
   * in the circle (guardianship), the case coordinator records the guardian's decision.
   */
  AGREE_TO_MENTOR(AccessLog.Action.WRITE),
  /** Confirming a JIM after the intake talk, reading check-ins: the case coordinator. */
  CONFIRM_MENTOR(AccessLog.Action.WRITE),
  /** Reading check-ins: the case coordinator all of them, the JIM their own. */
  READ_MENTOR_CHECK_INS(AccessLog.Action.READ),
  /** What the JIM does as JIM: step down, check in. */
  ACT_AS_MENTOR(AccessLog.Action.WRITE),
  /**
   * The future plan as a whole (its ending, its versions, the transition checklist): the young
   * person, and members whose scopes include the plan. Its domains: {@link #READ_PLAN_PART}.
   */
  READ_PLAN(AccessLog.Action.READ),
  /** Writing the future plan: the young person, and the case coordinator (a draft from 15½). */
  WRITE_PLAN(AccessLog.Action.WRITE),
  /** Naming the steady contact: only the young person. */
  NAME_STEADY_CONTACT(AccessLog.Action.WRITE),
  /** Confirming to be the steady contact: the person named, as a member of the circle. */
  CONFIRM_STEADY_CONTACT(AccessLog.Action.WRITE),
  /**
   * Confirming who stays in the circle after 18 (and granting a parent access again): the adult.
   */
  CONFIRM_CIRCLE(AccessLog.Action.WRITE),
  /** Recording the decision on extended care: the case coordinator. */
  RECORD_EXTENDED_CARE(AccessLog.Action.WRITE),
  /** The follow-up check-ins after youth care and the choice about them: only the young person. */
  READ_FOLLOW_UP(AccessLog.Action.READ),
  /** Pausing, stopping or restarting the follow-up check-ins: only the young adult. */
  CHOOSE_FOLLOW_UP(AccessLog.Action.WRITE),
  /** Reading and writing messages: the young person, and members whose scopes include them. */
  CONVERSE(AccessLog.Action.WRITE),
  /**
   * Deciding what one member of the circle sees: only the young person - from 16 any member but the
   * case coordinator, before 16 only their JIM ({@link CareCircle#mayDecideAbout}).
   */
  DECIDE_SCOPES(AccessLog.Action.WRITE),
  /**
   * Ending a relation: the case coordinator (any), and the young person from 16 (a parent's or a
   * foster parent's access; {@link CareCircle#mayDecideAbout}).
   */
  END_RELATION(AccessLog.Action.WRITE),
  /** The consent history: the young person and the case coordinator. */
  READ_CONSENTS(AccessLog.Action.READ),
  /**
   * The parts of the future plan shown to a member: any member may ask; what they see is decided
   * per domain and per action ({@link CareCircle#planSight}).
   */
  READ_PLAN_PART(AccessLog.Action.READ),
  /**
   * The young person's next transition steps in their case coordinator's caseload ({@code GET
   * /v1/me/caseload}): the case coordinator.
   */
  READ_CASELOAD(AccessLog.Action.READ),
  /**
   * The placement (first name, age band, foster parents, professionals, the extended-care
   * decision): the young person, a foster parent whose access includes the profile, the case
   * coordinator.
   */
  READ_PLACEMENT(AccessLog.Action.READ),
  /**
   * The plan actions and checklist items one owns, and marking them done: the young person, and any
   * member whose relation grants something now ({@link CareCircle#mayWorkOnOwnTasks}).
   */
  WORK_ON_OWN_TASKS(AccessLog.Action.WRITE),
  /** Asking for support with the care: a foster parent (while they see the profile), the JIM. */
  REQUEST_CARER_SUPPORT(AccessLog.Action.WRITE),
  /**
   * Reading support requests: their requesters, the foster-care worker and the case coordinator may
   * ask; which requests each sees is the capability's (its own, the ones it holds, all).
   */
  READ_CARER_SUPPORT(AccessLog.Action.READ),
  /** Answering a support request: the foster-care worker holding it, the case coordinator. */
  ANSWER_CARER_SUPPORT(AccessLog.Action.WRITE),
  /** The region admin's view of one support request (never its text). */
  READ_REGION_SUPPORT_REQUEST(AccessLog.Action.READ),
  /** The region admin gives a support request to another professional of the region. */
  REASSIGN_SUPPORT_REQUEST(AccessLog.Action.WRITE),
  /** Saying whether the meeting of a warm handover took place: only the young person. */
  ANSWER_HANDOVER(AccessLog.Action.WRITE),
  /**
   * Reading the one handover whose invite they accepted: the adult service's contact, outside the
   * circle ({@link CareCircle#authorizeHandoverContact}).
   */
  READ_HANDOVER_AS_CONTACT(AccessLog.Action.READ),
  /** Confirming the adult service's side of that handover: the same contact. */
  CONFIRM_HANDOVER_AS_CONTACT(AccessLog.Action.WRITE),
  /**
   * Asking for, and reading, a copy of all one's own data (access and portability): only the young
   * person themself, from 12 (their own right, also before 16); never a parent or anyone else.
   */
  EXPORT_OWN_DATA(AccessLog.Action.READ),
  /** Asking for erasure, reading how far it is, withdrawing it: only the young person. */
  REQUEST_ERASURE(AccessLog.Action.WRITE),
  /**
   * Starting a pulse about a recent contact ("how did today's conversation go?"): only the young
   * person themself; a parent's questionnaire is theirs, not a pulse about the young person's help.
   */
  START_PULSE(AccessLog.Action.WRITE),
  /**
   * Widening who sees one of their own answers (or statements): only the young person; nobody can
   * widen, or narrow, it for them.
   */
  WIDEN_FEEDBACK_SHARING(AccessLog.Action.WRITE),
  /**
   * Choosing how questions are worded for them (standard or easy-read): only the young person, at
   * any age; never a parent, whatever they see.
   */
  CHOOSE_READING_LEVEL(AccessLog.Action.WRITE),
  /**
   * Saying something any time, with a tracked answer ("you said, we did"): only the young person,
   * addressed to a professional of their circle ({@link CareCircle#mayReceiveStatement}).
   */
  SEND_STATEMENT(AccessLog.Action.WRITE),
  /**
   * Reading statements: the young person their own; the professionals of the circle who may be
   * addressed may ask, and see only those addressed to them or whose reply task they hold.
   */
  READ_STATEMENTS(AccessLog.Action.READ);

  private final AccessLog.Action action;

  Permission(AccessLog.Action action) {
    this.action = action;
  }

  public AccessLog.Action action() {
    return action;
  }
}
