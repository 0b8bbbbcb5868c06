package nl.koers.mentor;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Relation;
import nl.koers.circle.YouthRecords;
import nl.koers.notify.NotificationIntent;

/**
 * The JIM's relation in the young person's record, which the circle keeps ({@link YouthRecords},
 * collection {@code youth}): the JIM joins or leaves there, and the notification intents and
 * consent lines of that change go into the same atomic write of that record.
 */
public final class JimRelationStore {

  private final YouthRecords records;

  public JimRelationStore(YouthRecords records) {
    this.records = records;
  }

  /**
   * The JIM joins the circle (unless a relation with its id is there already) and {@code told} are
   * told; false when the circle is full.
   */
  public Future<Boolean> join(String youthId, Relation jim, List<NotificationIntent> told) {
    return records.addRelation(youthId, jim, List.of(NotificationIntent.pushAll(told)));
  }

  /**
   * The JIM's relation ends at {@code until} (unless it ended earlier), with its consent lines, and
   * {@code told} are told.
   */
  public Future<Void> leave(
      String youthId,
      String relationId,
      Instant until,
      List<NotificationIntent> told,
      List<ConsentLog.Entry> lines) {
    return records.endRelation(
        youthId,
        relationId,
        until,
        List.of(NotificationIntent.pushAll(told), ConsentLog.record(lines)));
  }
}
