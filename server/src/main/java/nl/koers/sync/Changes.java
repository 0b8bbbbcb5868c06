package nl.koers.sync;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.Standings;
import nl.koers.feedback.Feedback;
import nl.koers.notify.Inbox;
import nl.koers.plan.Plans;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.sync.Change;
import nl.koers.platform.sync.ChangeCursor;
import nl.koers.transition.Checklists;
import nl.koers.transition.Conversations;

/**
 * A person's change feed, derived on every read from what is stored - no change log, no counter:
 * each capability's documents carry when they last changed (stamped in the same atomic write as the
 * change), and the circle decides, from what holds now, what the reader may see. An item they may
 * no longer see comes as a tombstone, never as a reference.
 *
 * <p>Order and cursor: entries are ordered by (time, kind, id) and the cursor is the position of
 * the last one delivered. Times come from each instance's clock when it writes, so the newest
 * {@link #SETTLE} are held back: a write stamped a moment before a read may still be on its way.
 * Round trips per read: the circle (records, then consent decisions), then in parallel the inbox,
 * the plans, the checklists, the conversations (two) and the feedback requests - eight, whatever
 * the page size.
 */
public final class Changes {

  /** How long the newest changes are held back: longer than a write takes to be stored. */
  public static final Duration SETTLE = Duration.ofSeconds(2);

  /**
   * How old a cursor may be (since it was given out; every read gives a fresh one): beyond this,
   * sync again from the start (410). What the feed derives from may be purged after that.
   */
  public static final Duration KEPT = Duration.ofDays(180);

  /** A cursor from the future (a clock far ahead) is not one this server wrote. */
  private static final Duration AHEAD = Duration.ofMinutes(5);

  /** A page of the feed: the entries, where to continue (as given out now), more ready now. */
  public record Page(List<Change> items, String next, boolean more) {}

  private final Standings standings;
  private final Inbox inbox;
  private final Plans plans;
  private final Checklists checklists;
  private final Conversations conversations;
  private final Feedback feedback;
  private final Clock clock;

  Changes(
      Standings standings,
      Inbox inbox,
      Plans plans,
      Checklists checklists,
      Conversations conversations,
      Feedback feedback,
      Clock clock) {
    this.standings = standings;
    this.inbox = inbox;
    this.plans = plans;
    this.checklists = checklists;
    this.conversations = conversations;
    this.feedback = feedback;
    this.clock = clock;
  }

  /** The page after {@code since} (from the start without one), at most {@code limit} entries. */
  public Future<Page> read(String personId, Optional<String> since, int limit) {
    Instant now = clock.instant();
    Optional<ChangeCursor.Read> cursor = since.flatMap(ChangeCursor::decode);
    if (since.isPresent() && cursor.isEmpty()) {
      return Future.failedFuture(Problem.of(SyncProblem.CURSOR_INVALID));
    }
    Change.Position after = cursor.map(ChangeCursor.Read::position).orElse(Change.Position.START);
    Instant issued = cursor.map(ChangeCursor.Read::issuedAt).orElse(now);
    if (issued.isBefore(now.minus(KEPT))) {
      return Future.failedFuture(Problem.of(SyncProblem.CURSOR_EXPIRED));
    }
    if (after.at().isAfter(now.plus(AHEAD)) || issued.isAfter(now.plus(AHEAD))) {
      return Future.failedFuture(Problem.of(SyncProblem.CURSOR_INVALID));
    }
    Instant horizon = now.minus(SETTLE);
    Instant from = after.at();
    return standings
        .of(personId, from)
        .compose(
            mine -> {
              List<Change> circle = new ArrayList<>();
              mine.forEach(standing -> circle.addAll(Standings.changes(standing, from)));
              Future<List<Change>> notifications =
                  inbox.changes(personId, after, horizon, limit + 1);
              Future<List<Change>> plan = plans.changes(personId, mine, from);
              Future<List<Change>> checklist = checklists.changes(mine, from);
              Future<List<Change>> messages = conversations.changes(personId, mine, from);
              Future<List<Change>> requests = feedback.changes(personId, mine, from);
              return Future.all(notifications, plan, checklist, messages, requests)
                  .map(
                      all -> {
                        List<Change> candidates = new ArrayList<>(circle);
                        for (int i = 0; i < all.size(); i++) {
                          List<Change> some = all.resultAt(i);
                          candidates.addAll(some);
                        }
                        return page(candidates, after, horizon, limit, now);
                      });
            });
  }

  private static Page page(
      List<Change> candidates, Change.Position after, Instant horizon, int limit, Instant now) {
    List<Change> due =
        candidates.stream()
            .filter(c -> c.position().compareTo(after) > 0 && !c.at().isAfter(horizon))
            .sorted((a, b) -> a.position().compareTo(b.position()))
            .toList();
    List<Change> items = due.subList(0, Math.min(limit, due.size()));
    Change.Position next = items.isEmpty() ? after : items.get(items.size() - 1).position();
    return new Page(items, ChangeCursor.encode(next, now), due.size() > limit);
  }
}
