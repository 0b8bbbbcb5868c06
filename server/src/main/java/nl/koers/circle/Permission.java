package nl.koers.circle;

/** What a caller wants to do with a young person's data; each is a read or a write. */
public enum Permission {
  /** The profile card: the young person and every member of their circle. */
  READ_PROFILE(AccessLog.Action.READ),
  /** The circle itself: the young person and members whose scopes include it. */
  READ_CIRCLE(AccessLog.Action.READ),
  /** Who looked at the data: only the young person. */
  READ_ACCESS_LOG(AccessLog.Action.READ),
  /** Adding and ending relations: the case coordinator. */
  MANAGE_CIRCLE(AccessLog.Action.WRITE),
  /** Choosing the case coordinator: a region admin of the young person's region, blind to data. */
  ASSIGN_CASE_COORDINATOR(AccessLog.Action.WRITE);

  private final AccessLog.Action action;

  Permission(AccessLog.Action action) {
    this.action = action;
  }

  public AccessLog.Action action() {
    return action;
  }
}
