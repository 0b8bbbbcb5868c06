package nl.koers.privacy;

import java.time.Instant;
import java.util.Optional;

/**
 * A young person's request to be erased, as the young person sees it: when they asked, from when
 * Koers erases, and how far it is. Kept after it is done (the one thing that is), so that the
 * erasure is never undone by a retry and Koers can show it did what was asked.
 */
public record Erasure(
    String youthId,
    Instant requestedAt,
    Instant eraseAfter,
    Status status,
    Reason reason,
    Optional<Instant> doneAt) {

  /** Why the erasure runs. */
  public enum Reason {
    /** The young person asked. */
    REQUESTED,
    /** The region's horizon plus the grace period passed; the young adult was given notice. */
    RETENTION
  }

  /** Where an erasure stands. */
  public enum Status {
    /** Asked; erased once {@code eraseAfter} has passed. */
    SCHEDULED,
    /** Due, but a safety signal of the young person is still open: erased once it is closed. */
    WAITING,
    /** Erased. */
    DONE,
    /** Withdrawn by the young person before it ran (never shown: it answers as nothing asked). */
    WITHDRAWN
  }

  /** One thing that stays after the erasure, and why; named in every answer. */
  public enum Exception {
    /** Shown while waiting: an open safety signal is handled first. */
    OPEN_SAFETY_SIGNAL,
    /** The region's counts stay, with nothing that links them to the young person. */
    REGION_COUNTS,
    /** Lines of who looked at the data stay for security, the young person replaced by a code. */
    ACCESS_LOG,
    /** This record: that an erasure was asked and done, and when; no name, no text. */
    ERASURE_RECORD
  }
}
