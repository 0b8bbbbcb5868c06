package nl.koers.mentor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.ConsentLog;

/**
 * One JIM nomination from invite to end: who was invited (first name, how they know each other),
 * who accepted, the parents' agreement, the confirmation, the end, and the JIM's check-ins.
 *
 * @param regionId the young person's region when they invited
 * @param mentorId the adult who accepted, from then on
 * @param relationId the JIM's relation in the circle, from the confirmation on
 * @param nextCheckInAt when the active JIM is next asked how it goes
 */
public record Nomination(
    String id,
    String youthId,
    String regionId,
    String firstName,
    String relation,
    Instant createdAt,
    Instant expiresAt,
    Status status,
    Optional<String> mentorId,
    Optional<Instant> acceptedAt,
    Optional<ParentAgreement> parentAgreement,
    Optional<String> relationId,
    Optional<Instant> confirmedAt,
    Optional<Instant> nextCheckInAt,
    Optional<Instant> endedAt,
    List<CheckIn> checkIns) {

  /** Where a nomination is, from invite to end. */
  public enum Status {
    /** Invited; nobody accepted yet. */
    INVITED,
    /** The adult accepted; the parents' agreement (12-15) and the confirmation wait. */
    PENDING_CONFIRMATION,
    /** Confirmed: the JIM is in the circle. */
    ACTIVE,
    /** The young person took the invite back. */
    WITHDRAWN,
    /** A parent (or the guardian) refused; that binds. */
    PARENT_REFUSED,
    /** The young person ended it, or the JIM stepped down, or a new JIM came. */
    ENDED
  }

  /** Who decided on the nomination (12-15): a parent of the circle, or the guardian. */
  public enum DecidedBy {
    PARENT,
    /** The guardian's decision, recorded by the case coordinator (no parent in the circle). */
    GUARDIAN
  }

  /**
   * The parents' (or the guardian's) decision.
   *
   * @param by who recorded it: the parent, or the case coordinator for the guardian
   * @param guardian the guardian's name and reason, when the case coordinator recorded it
   */
  public record ParentAgreement(
      boolean agreed,
      String by,
      DecidedBy decidedBy,
      Instant at,
      Optional<ConsentLog.Guardian> guardian) {}

  /** The JIM's own check-in: how it goes, 1-5, and a word if they like. */
  public record CheckIn(
      String id, Instant at, int score, Optional<String> text, Optional<Reply> reply) {}

  /** The case coordinator's reply to a check-in (the latest one). */
  public record Reply(String text, Instant at) {}

  /** A new invite, valid for {@code validity} from {@code now}. */
  public static Nomination invite(
      String id,
      String youthId,
      String regionId,
      String firstName,
      String relation,
      Instant now,
      Duration validity) {
    return new Nomination(
        id,
        youthId,
        regionId,
        firstName,
        relation,
        now,
        now.plus(validity),
        Status.INVITED,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }
}
