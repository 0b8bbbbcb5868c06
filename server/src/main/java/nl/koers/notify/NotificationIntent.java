package nl.koers.notify;

import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import nl.koers.platform.idempotency.Ids;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * That someone must be told something, recorded in the same write as the change that causes it: an
 * item of the changed document's {@value #OUTBOX} list. The relay later turns it into a
 * notification, idempotently by {@code id}, so a crash between the change and the notification
 * loses nothing.
 *
 * @param youthId the young person it is about, if any: only their circle may be told
 * @param resource what it points to, e.g. {@code youth/<id>/circle}
 * @param milestone the step on the way to adulthood it is about, if any (a {@link MilestoneWords}
 *     name): the young person's own notification then carries words for their age
 */
public record NotificationIntent(
    String id,
    NotificationType type,
    String recipientId,
    Optional<String> youthId,
    String resource,
    Instant createdAt,
    Optional<String> milestone) {

  public NotificationIntent {
    milestone.ifPresent(MilestoneWords::requireKnown);
  }

  /** An intent about no milestone (most of them). */
  public NotificationIntent(
      String id,
      NotificationType type,
      String recipientId,
      Optional<String> youthId,
      String resource,
      Instant createdAt) {
    this(id, type, recipientId, youthId, resource, createdAt, Optional.empty());
  }

  /**
   * The same intent, about {@code milestone} (e.g. {@code ADULT}, {@code FOLLOW_UP_6_MONTHS}); a
   * name {@link MilestoneWords} has no words for is refused here, not when someone reads it.
   */
  public NotificationIntent withMilestone(String milestone) {
    return new NotificationIntent(
        id, type, recipientId, youthId, resource, createdAt, Optional.of(milestone));
  }

  /** The field every document that can cause notifications keeps its outbox in. */
  public static final String OUTBOX = "outbox";

  /**
   * An intent whose id derives from {@code key} (what the change is and for whom), so a retried
   * change records the same intent and the relay makes one notification of it.
   */
  public static NotificationIntent keyed(
      String key,
      NotificationType type,
      String recipientId,
      Optional<String> youthId,
      String resource,
      Instant createdAt) {
    return new NotificationIntent(
        Ids.derived(key), type, recipientId, youthId, resource, createdAt);
  }

  /** The update that records this intent, to combine with the change itself. */
  public Bson push() {
    return Updates.push(OUTBOX, toDocument());
  }

  /**
   * The update that records several intents. One update may name the outbox only once, so several
   * intents of one change always go through here, never as several {@link #push()}es.
   */
  public static Bson pushAll(java.util.List<NotificationIntent> intents) {
    return Updates.pushEach(OUTBOX, intents.stream().map(NotificationIntent::toDocument).toList());
  }

  public Document toDocument() {
    Document doc =
        new Document("id", id)
            .append("type", type.name())
            .append("recipientId", recipientId)
            .append("resource", resource)
            .append("createdAt", Date.from(createdAt));
    youthId.ifPresent(y -> doc.append("youthId", y));
    milestone.ifPresent(m -> doc.append("milestone", m));
    return doc;
  }

  public static NotificationIntent from(Document doc) {
    return new NotificationIntent(
        doc.getString("id"),
        NotificationType.valueOf(doc.getString("type")),
        doc.getString("recipientId"),
        Optional.ofNullable(doc.getString("youthId")),
        doc.getString("resource"),
        doc.getDate("createdAt").toInstant(),
        Optional.ofNullable(doc.getString("milestone")));
  }
}
