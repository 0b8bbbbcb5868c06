package nl.koers.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One request for a copy of a young person's data, as it stands: asked, built (ready), or past its
 * time. The document itself is opened only when it is downloaded, so a status read never decrypts
 * it.
 *
 * @param language the language of the request (the texts inside the copy are in it)
 */
public record DataExport(
    String id, String youthId, String language, Instant requestedAt, Optional<Instant> readyAt) {

  /** How long a ready copy may be downloaded; then it is deleted (GDPR: keep no second copy). */
  public static final Duration KEPT_FOR = Duration.ofDays(7);

  /**
   * How long any request is kept at all: a copy ready in time is gone after {@link #KEPT_FOR}
   * anyway; one never built (it kept failing) must not wait forever. Declared before {@code
   * ExportStore.SPEC} reads it.
   */
  public static final Duration ABANDONED_AFTER = Duration.ofDays(30);

  /** PENDING while built, READY for {@link #KEPT_FOR}, then EXPIRED (whatever is still stored). */
  public enum Status {
    PENDING,
    READY,
    EXPIRED
  }

  public Optional<Instant> expiresAt() {
    return readyAt.map(at -> at.plus(KEPT_FOR));
  }

  /** Decided from the time itself, never from whether the expiry job has run yet. */
  public Status statusAt(Instant now) {
    if (readyAt.isEmpty()) {
      return Status.PENDING;
    }
    return now.isBefore(expiresAt().orElseThrow()) ? Status.READY : Status.EXPIRED;
  }
}
