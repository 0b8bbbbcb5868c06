package nl.koers.notify;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.sync.Change;
import org.bson.Document;

/** A person's notifications, newest first: the truth, whether or not a push got through. */
public final class Inbox {

  /**
   * One notification as its recipient sees it.
   *
   * @param milestone the step on the way to adulthood it is about, if any
   * @param words what it says about that step, if the recipient is the young person it is about
   */
  public record Item(
      String id,
      NotificationType type,
      String resource,
      Instant createdAt,
      Optional<Instant> readAt,
      Optional<String> milestone,
      Optional<MilestoneWords.Words> words) {

    static Item from(Document doc) {
      Optional<String> milestone = Optional.ofNullable(doc.getString("milestone"));
      return new Item(
          doc.getString("_id"),
          NotificationType.valueOf(doc.getString("type")),
          doc.getString("resource"),
          doc.getDate("createdAt").toInstant(),
          Optional.ofNullable(doc.getDate("readAt")).map(Date::toInstant),
          milestone,
          MilestoneWords.forRecipient(
              milestone,
              doc.getString("recipientId"),
              Optional.ofNullable(doc.getString("youthId"))));
    }
  }

  private final Notifications notifications;
  private final Clock clock;

  public Inbox(Notifications notifications, Clock clock) {
    this.notifications = notifications;
    this.clock = clock;
  }

  public Future<Page<Item>> of(String personId, boolean unreadOnly, PageRequest request) {
    return notifications.inbox(personId, unreadOnly, request).map(page -> page.map(Item::from));
  }

  /**
   * The change feed's entries for a person's notifications changed after {@code after} up to {@code
   * until}, oldest first (at most {@code limit}): a withdrawn one is a tombstone, a milestone
   * notification names its milestone (its words are said by {@link MilestoneWords#forRecipient}).
   */
  public Future<List<Change>> changes(
      String personId, Change.Position after, Instant until, int limit) {
    Optional<String> sameTime =
        after.kind() == Change.Kind.NOTIFICATION ? Optional.of(after.id()) : Optional.empty();
    return notifications
        .changedBetween(personId, after.at(), sameTime, until, limit)
        .map(
            changed ->
                changed.stream()
                    .map(
                        n ->
                            n.withdrawn()
                                ? Change.tombstone(
                                    Change.Kind.NOTIFICATION,
                                    n.id(),
                                    n.youthId().orElse(null),
                                    n.changedAt(),
                                    Change.Reason.GONE,
                                    INBOX)
                                : Change.item(
                                        Change.Kind.NOTIFICATION,
                                        n.id(),
                                        n.youthId().orElse(null),
                                        n.changedAt(),
                                        INBOX)
                                    .withMilestone(n.milestone()))
                    .toList());
  }

  private static final String INBOX = "/v1/me/notifications";

  /**
   * Takes back what a person was to be told about a young person whose circle they left: not shown,
   * not pushed.
   */
  public Future<Void> withdrawAbout(String personId, String youthId) {
    return notifications.withdrawAbout(personId, youthId, clock.instant());
  }

  /** Marks one read; a notification that is not the caller's answers like a missing one. */
  public Future<Item> markRead(String personId, String notificationId) {
    return notifications
        .markRead(personId, notificationId, clock.instant())
        .compose(
            found ->
                found
                    .map(doc -> Future.succeededFuture(Item.from(doc)))
                    .orElseGet(() -> Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND))));
  }
}
