package nl.koers.support;

import java.time.Instant;
import java.util.Optional;

/**
 * A carer's request for support with the care of one young person: who asked (a foster parent or
 * the JIM), who holds it (the one who must answer), until when, and the answer. Texts are plain
 * here; only the store sees them sealed.
 */
record SupportRequest(
    String id,
    String youthId,
    String regionId,
    Topic topic,
    Urgency urgency,
    String text,
    Member requester,
    Optional<Member> holder,
    Instant requestedAt,
    Instant dueAt,
    Optional<Instant> escalatedAt,
    long version,
    Optional<Answer> answer) {

  /** What a carer asks support with; the contract's {@code CarerSupportTopic}. */
  enum Topic {
    PLACEMENT,
    BEHAVIOUR,
    CONTACT_WITH_PARENTS,
    SCHOOL,
    HEALTH,
    MONEY,
    RESPITE,
    TRAINING,
    MENTORING,
    OTHER
  }

  /** How soon an answer is due. */
  enum Urgency {
    NORMAL,
    URGENT
  }

  /** Where a request stands: stored, so the escalation round and region lists find it by index. */
  enum State {
    OPEN,
    ESCALATED,
    ANSWERED
  }

  /** Who holds a request the region admin gave them (they need not be in the circle). */
  static final String ASSIGNED = "ASSIGNED";

  /** A person as they stand to the young person ({@code kind}: a relation kind, or ASSIGNED). */
  record Member(String personId, String kind) {}

  record Answer(String text, Instant at, Member by) {}

  State state() {
    if (answer.isPresent()) {
      return State.ANSWERED;
    }
    return escalatedAt.isPresent() ? State.ESCALATED : State.OPEN;
  }
}
