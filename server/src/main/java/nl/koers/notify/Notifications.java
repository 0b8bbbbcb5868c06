package nl.koers.notify;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.paging.Paging;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The notifications collection: each person's inbox (the truth) and the dispatcher's work queue
 * (the push, a nudge). One document per notification, its id the intent's id.
 */
public final class Notifications {

  /**
   * How long a notification stays in the inbox: a year and a month, so last year's news of the same
   * month can still be looked up. What it pointed at stays where it is kept.
   */
  public static final Duration KEPT = Duration.ofDays(395);

  // After KEPT: a static field is set in the order written, and SPEC reads KEPT.
  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "notifications",
          Index.ascending("inbox", "recipientId", "createdAt", "_id"),
          Index.ascending("due", "state", "nextAttemptAt"),
          Index.ascending("about", "recipientId", "youthId"),
          // Erasure: every notification about a young person, whoever got it.
          Index.ascending("aboutYouth", "youthId"),
          // The change feed: a person's notifications by when they last changed.
          Index.ascending("changes", "recipientId", "changedAt", "_id"),
          // The inbox's unread filter.
          Index.ascending("unread", "recipientId", "readAt", "state", "createdAt"),
          // An inbox is news, not a file: after KEPT a notification goes (docs/data-inventory.md).
          Index.ascending("kept", "createdAt").expiringAfter(KEPT));

  /** How long a push is worth trying, unless a type says otherwise. */
  public static final Duration TIME_TO_LIVE = Duration.ofDays(28);

  public enum State {
    /** Waiting for (another) push attempt. */
    PENDING,
    /** Pushed to every device the person had (or they had none): done. */
    SENT,
    /** The person turned this type off: in the inbox only. */
    SKIPPED,
    /** Its time to live passed before a push got through: in the inbox only. */
    EXPIRED,
    /** The person is no longer in the young person's circle: not shown, not pushed. */
    WITHDRAWN
  }

  /** What a device's push came to. */
  public enum DeviceState {
    SENDING,
    SENT,
    DROPPED,
    FAILED
  }

  private final Documents notifications;
  private final Paging paging;

  public Notifications(Mongo mongo) {
    this.notifications = mongo.documents(SPEC);
    this.paging = new Paging(mongo);
  }

  /** Turns an intent into a notification; doing it again changes nothing. */
  public Future<Void> insertOnce(NotificationIntent intent) {
    Document doc =
        new Document("recipientId", intent.recipientId())
            .append("type", intent.type().name())
            .append("urgent", intent.type().urgent())
            .append("resource", intent.resource())
            .append("createdAt", Date.from(intent.createdAt()))
            .append("readAt", null)
            .append("changedAt", Date.from(intent.createdAt()))
            .append("state", State.PENDING.name())
            .append("attempts", 0)
            .append("nextAttemptAt", Date.from(intent.createdAt()))
            .append("leaseUntil", new Date(0))
            .append("expiresAt", Date.from(intent.createdAt().plus(TIME_TO_LIVE)))
            .append("deliveries", new Document());
    intent.youthId().ifPresent(y -> doc.append("youthId", y));
    intent.milestone().ifPresent(m -> doc.append("milestone", m));
    doc.append("_id", intent.id());
    return notifications.insertOnce(doc).mapEmpty();
  }

  /**
   * A person's inbox, newest first; withdrawn notifications are not in it. {@code unreadOnly}: only
   * those not read yet.
   */
  public Future<Page<Document>> inbox(String recipientId, boolean unreadOnly, PageRequest request) {
    Document filter =
        new Document("recipientId", recipientId)
            .append("state", new Document("$ne", State.WITHDRAWN.name()));
    if (unreadOnly) {
      filter.append("readAt", null);
    }
    return paging.page(SPEC.name(), filter, Paging.Order.newestFirst("createdAt"), request);
  }

  /** Marks one of the person's notifications read (the first time counts); empty if not theirs. */
  public Future<Optional<Document>> markRead(String recipientId, String id, Instant now) {
    Document mine =
        new Document("_id", id)
            .append("recipientId", recipientId)
            .append("state", new Document("$ne", State.WITHDRAWN.name()));
    return notifications
        .update(
            new Document(mine).append("readAt", null),
            Updates.combine(
                Updates.set("readAt", Date.from(now)), Updates.set("changedAt", Date.from(now))))
        .compose(v -> notifications.first(mine))
        .map(Optional::ofNullable);
  }

  /** Withdraws every notification to a person about a young person (they left the circle). */
  public Future<Void> withdrawAbout(String recipientId, String youthId, Instant now) {
    return notifications
        .updateMany(
            new Document("recipientId", recipientId).append("youthId", youthId),
            Updates.combine(
                Updates.set("state", State.WITHDRAWN.name()),
                Updates.set("changedAt", Date.from(now))))
        .mapEmpty();
  }

  /** One notification as the change feed needs it. */
  public record Changed(
      String id,
      Optional<String> youthId,
      Instant changedAt,
      boolean withdrawn,
      Optional<String> milestone) {}

  /**
   * A person's notifications that changed after {@code at} (and, when {@code idAtSameTime} is
   * given, those changed at that very moment with a greater id) up to {@code until}, oldest change
   * first, at most {@code limit} (on the {@code changes} index).
   */
  public Future<List<Changed>> changedBetween(
      String recipientId, Instant at, Optional<String> idAtSameTime, Instant until, int limit) {
    Document later =
        new Document(
            "changedAt", new Document("$gt", Date.from(at)).append("$lte", Date.from(until)));
    Document filter = new Document("recipientId", recipientId);
    if (idAtSameTime.isPresent() && !at.isAfter(until)) {
      filter.append(
          "$or",
          List.of(
              later,
              new Document("changedAt", Date.from(at))
                  .append("_id", new Document("$gt", idAtSameTime.get()))));
    } else {
      filter.putAll(later);
    }
    return notifications
        .list(
            notifications
                .find(filter)
                .projection(
                    new Document("youthId", 1)
                        .append("changedAt", 1)
                        .append("state", 1)
                        .append("milestone", 1))
                .sort(Sorts.ascending("changedAt", "_id"))
                .limit(limit))
        .map(
            docs ->
                docs.stream()
                    .map(
                        doc ->
                            new Changed(
                                doc.getString("_id"),
                                Optional.ofNullable(doc.getString("youthId")),
                                doc.getDate("changedAt").toInstant(),
                                State.WITHDRAWN.name().equals(doc.getString("state")),
                                Optional.ofNullable(doc.getString("milestone"))))
                    .toList());
  }

  /** Claims the next due notification for this instance until the lease ends. */
  public Future<Optional<Document>> claimDue(String owner, Instant now, Duration lease) {
    Document due =
        new Document("state", State.PENDING.name())
            .append("nextAttemptAt", new Document("$lte", Date.from(now)))
            .append("leaseUntil", new Document("$lte", Date.from(now)));
    return notifications
        .updateAndGet(
            due,
            Updates.combine(
                Updates.set("leaseOwner", owner),
                Updates.set("leaseUntil", Date.from(now.plus(lease)))),
            new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt")))
        .map(Optional::ofNullable);
  }

  /** Records what happened to one device's push, if this instance still holds the lease. */
  public Future<Boolean> recordDevice(
      String id, String owner, String deviceId, DeviceState state, Instant now) {
    return notifications
        .update(
            leased(id, owner),
            Updates.set(
                "deliveries." + deviceId,
                new Document("state", state.name()).append("at", Date.from(now))))
        .map(result -> result.getModifiedCount() == 1);
  }

  /**
   * Forgets a device's attempt (it failed in a way worth retrying), so the next attempt resends.
   */
  public Future<Void> forgetDevice(String id, String owner, String deviceId) {
    return notifications
        .update(leased(id, owner), Updates.unset("deliveries." + deviceId))
        .mapEmpty();
  }

  /** Ends this attempt: a final state, or PENDING with the next attempt; releases the lease. */
  public Future<Void> finish(String id, String owner, State state, Map<String, Object> details) {
    Bson update =
        Updates.combine(
            Updates.set("state", state.name()),
            Updates.set("leaseUntil", new Date(0)),
            Updates.combine(
                details.entrySet().stream()
                    .map(e -> Updates.set(e.getKey(), e.getValue()))
                    .toList()));
    return notifications.update(leased(id, owner), update).mapEmpty();
  }

  /** The notification while this instance holds its lease. */
  private static Document leased(String id, String owner) {
    return new Document("_id", id).append("leaseOwner", owner);
  }

  /**
   * Erasure: the person's own inbox, and every notification anyone got about them (as a young
   * person): an inbox item about someone erased would still say that they existed, and link there.
   */
  public Future<Void> forgetPerson(String personId) {
    return notifications
        .deleteMany(Filters.eq("recipientId", personId))
        .compose(v -> notifications.deleteMany(Filters.eq("youthId", personId)))
        .mapEmpty();
  }
}
