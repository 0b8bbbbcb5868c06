package nl.koers.platform.sync;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * One entry of a person's change feed: this item changed at {@code at}; fetch {@code resource}, or
 * (a tombstone, {@code deleted}) forget your copy. Entries are ordered by their {@link Position},
 * which is also what a cursor holds.
 *
 * @param milestone a notification's milestone (the contract's {@code NotificationMilestone}), so
 *     the feed can say what the inbox says about it; empty for every other entry
 */
public record Change(
    Kind kind,
    String id,
    Optional<String> youthId,
    Instant at,
    boolean deleted,
    Optional<Reason> reason,
    String resource,
    Optional<String> milestone) {

  /** What kind of item changed (the contract's {@code ChangeKind}). */
  public enum Kind {
    NOTIFICATION,
    FEEDBACK_REQUESTS,
    PLAN,
    CHECKLIST,
    CIRCLE,
    MESSAGES,
    STEADY_CONTACT,
    YOUTH
  }

  /** Why a tombstone. */
  public enum Reason {
    /** The item is no more (e.g. a notification withdrawn). */
    GONE,
    /** It is still there, but the reader may no longer see it. */
    ACCESS_ENDED
  }

  /** Where an entry sits in the feed: by time, then kind, then id - the same on every instance. */
  public record Position(Instant at, Kind kind, String id) implements Comparable<Position> {

    private static final Comparator<Position> ORDER =
        Comparator.comparing(Position::at)
            .thenComparing(Position::kind)
            .thenComparing(Position::id);

    /** Before everything: a full sync. */
    public static final Position START = new Position(Instant.EPOCH, Kind.NOTIFICATION, "");

    @Override
    public int compareTo(Position other) {
      return ORDER.compare(this, other);
    }
  }

  public Position position() {
    return new Position(at, kind, id);
  }

  public static Change item(Kind kind, String id, String youthId, Instant at, String resource) {
    return new Change(
        kind,
        id,
        Optional.ofNullable(youthId),
        at,
        false,
        Optional.empty(),
        resource,
        Optional.empty());
  }

  public static Change tombstone(
      Kind kind, String id, String youthId, Instant at, Reason reason, String resource) {
    return new Change(
        kind,
        id,
        Optional.ofNullable(youthId),
        at,
        true,
        Optional.of(reason),
        resource,
        Optional.empty());
  }

  /** The same entry naming a milestone (a tombstone names none: there is nothing left to say). */
  public Change withMilestone(Optional<String> milestone) {
    return new Change(
        kind, id, youthId, at, deleted, reason, resource, deleted ? Optional.empty() : milestone);
  }

  /**
   * The entry, if any, for one item about a young person, decided from what holds now. {@code
   * contentAt}: when the item itself last changed (empty: there is none). {@code accessAt}: when
   * the reader's access to the young person last changed (a relation began or ended, scopes were
   * decided, an age boundary passed). {@code involved}: the reader is the young person or in the
   * circle now. An item the reader may see comes at the later of the two; one they may not see
   * comes as a tombstone when their access changed since {@code after} - or, while they are in the
   * circle, when the item changed (its visibility may be what changed) - and not at all otherwise,
   * so someone who left learns nothing of what happens after.
   */
  public static Optional<Change> about(
      Kind kind,
      String id,
      String youthId,
      String resource,
      Optional<Instant> contentAt,
      Instant accessAt,
      boolean visible,
      boolean involved,
      Instant after) {
    // One time per item and state, whatever the cursor: so an entry sits at the same position on
    // every page, and a reader gets it once. Someone outside the circle: only their access's time.
    Instant latest =
        involved && contentAt.filter(c -> c.isAfter(accessAt)).isPresent()
            ? contentAt.get()
            : accessAt;
    if (visible) {
      return contentAt.map(content -> item(kind, id, youthId, latest, resource));
    }
    boolean changed =
        !accessAt.isBefore(after)
            || (involved && contentAt.filter(c -> !c.isBefore(after)).isPresent());
    if (changed) {
      return Optional.of(tombstone(kind, id, youthId, latest, Reason.ACCESS_ENDED, resource));
    }
    return Optional.empty();
  }
}
