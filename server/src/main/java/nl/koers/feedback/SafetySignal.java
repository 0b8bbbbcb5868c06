package nl.koers.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A young person's "Ik voel me niet veilig", with who was told, who picked it up, its escalation,
 * the 48-hour follow-up and how it was closed. Never deleted.
 *
 * @param routedTo who was told at once: the case coordinator and the safety contacts on duty
 * @param escalationDueAt when it escalates if nobody picks it up; empty once picked up, escalated,
 *     or for signals stored before there was a pick-up
 * @param escalatedTo who was told when it escalated
 * @param insightsCell where it counts in the region's indicators; empty on signals stored before
 */
public record SafetySignal(
    String id,
    String youthId,
    String regionId,
    Optional<String> text,
    boolean mayCallMe,
    Instant raisedAt,
    Status status,
    List<String> routedTo,
    Optional<Instant> escalationDueAt,
    Optional<Instant> escalatedAt,
    List<String> escalatedTo,
    Instant followUpAt,
    Optional<Instant> followUpSentAt,
    Optional<InsightsCell> insightsCell,
    Optional<PickedUp> pickedUp,
    Optional<Instant> closedAt,
    Optional<String> closedBy,
    Optional<String> closingNote,
    Optional<FollowUp> followUp) {

  /**
   * {@code RECEIVED} → {@code PICKED_UP} → {@code CLOSED}. Signals stored before there was a
   * pick-up say {@code OPEN}: they read as {@code RECEIVED}.
   */
  public enum Status {
    RECEIVED,
    PICKED_UP,
    CLOSED
  }

  /** Who took the signal on, as the young person sees them: their first name only. */
  public record PickedUp(String by, String firstName, Instant at) {}

  /** The young person's answer to "Is het nu veiliger?". */
  public record FollowUp(boolean saferNow, Instant at) {}

  /** A signal just raised: nobody picked it up yet, nothing escalated or asked yet. */
  static SafetySignal raised(
      String id,
      String youthId,
      String regionId,
      Optional<String> text,
      boolean mayCallMe,
      Instant raisedAt,
      List<String> routedTo,
      Instant escalationDueAt,
      Instant followUpAt,
      InsightsCell cell) {
    return new SafetySignal(
        id,
        youthId,
        regionId,
        text,
        mayCallMe,
        raisedAt,
        Status.RECEIVED,
        List.copyOf(routedTo),
        Optional.of(escalationDueAt),
        Optional.empty(),
        List.of(),
        followUpAt,
        Optional.empty(),
        Optional.of(cell),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
