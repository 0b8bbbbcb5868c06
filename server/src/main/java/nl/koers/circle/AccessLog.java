package nl.koers.circle;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import nl.koers.platform.background.OneByOne;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.GroupedInserts;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.paging.Paging;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Who read or changed a young person's data: appended for every access the care circle allowed and
 * that was answered (a refusal goes to the {@link SecurityLog} instead; an attempt that failed
 * after it was allowed leaves no line), never changed or removed by the application (this class
 * offers no way to). The young person reads it newest first, without their own accesses unless they
 * ask for them. A line goes after {@link #KEEP}: long enough for a young person to ask, years
 * later, who saw their file and for a region to check that access was lawful (NEN 7513 asks for a
 * period set by policy, not forever); the data inventory names it.
 */
public final class AccessLog {

  /** How long a line is kept: five years, leap days included. */
  public static final Duration KEEP = Duration.ofDays(5 * 365 + 2);

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "accessLog",
          Index.ascending("byYouth", "youthId", "at", "_id"),
          Index.ascending("byYouthOwn", "youthId", "own", "at", "_id"),
          Index.ascending("kept", "at").expiringAfter(KEEP));

  public enum Action {
    READ,
    WRITE;

    /**
     * What an access was: a WRITE only when the permission changes something and the request can
     * (not a GET or HEAD); everything else is a READ. So a read is never shown as a change,
     * whichever permission it needed.
     */
    public static Action of(Action permitted, boolean readOnlyRequest) {
      return permitted == WRITE && !readOnlyRequest ? WRITE : READ;
    }
  }

  /**
   * One access. {@code capacity} is how the actor is related (SELF, a relation kind, or a region
   * role); {@code onBehalfOf} is whom they acted for: themselves, or the region they serve.
   */
  public record Entry(
      String youthId,
      String actorId,
      String capacity,
      String onBehalfOf,
      String resource,
      Action action,
      Instant at,
      String requestId) {}

  private final Documents lines;
  private final Paging paging;
  private final GroupedInserts appended;

  public AccessLog(Mongo mongo) {
    this.lines = mongo.documents(SPEC);
    this.paging = new Paging(mongo);
    this.appended = new GroupedInserts(mongo, SPEC.name());
  }

  /**
   * Stores the line; answers once it is acknowledged, so a caller that answers after it never shows
   * an access whose line could be lost. Lines of requests at the same moment go in one {@code
   * insertMany} ({@link GroupedInserts}): durable before the answer, one round trip for many.
   */
  public Future<Void> append(Entry entry) {
    Document doc =
        new Document("_id", UUID.randomUUID().toString())
            .append("youthId", entry.youthId())
            .append("actorId", entry.actorId())
            .append("capacity", entry.capacity())
            .append("onBehalfOf", entry.onBehalfOf())
            .append("resource", entry.resource())
            .append("own", entry.actorId().equals(entry.youthId()))
            .append("action", entry.action().name())
            .append("at", Date.from(entry.at()))
            .append("requestId", entry.requestId());
    return appended.insert(doc);
  }

  /** How many inserts carried lines so far (tests of the grouping). */
  long inserts() {
    return appended.sends();
  }

  /** The young person's log, newest first; their own accesses only when {@code includeOwn}. */
  public Future<Page<Entry>> newestFirst(String youthId, boolean includeOwn, PageRequest request) {
    // Lines written before "own" was stored have no such field: they count as not own.
    Bson filter =
        includeOwn
            ? Filters.eq("youthId", youthId)
            : new Document("youthId", youthId).append("own", new Document("$ne", true));
    return paging
        .page(SPEC.name(), filter, Paging.Order.newestFirst("at"), request)
        .map(page -> page.map(AccessLog::entryOf));
  }

  private static Entry entryOf(Document doc) {
    return new Entry(
        doc.getString("youthId"),
        doc.getString("actorId"),
        doc.getString("capacity"),
        doc.getString("onBehalfOf"),
        doc.getString("resource"),
        Action.valueOf(doc.getString("action")),
        doc.getDate("at").toInstant(),
        doc.getString("requestId"));
  }

  /**
   * Erasure: the young person's own accesses go; every other line stays, for security, with the
   * young person's id (also in its resource) replaced by {@code pseudonym}: who looked stays known,
   * whom they looked at does not. Line by line, so a run broken off is finished by the next.
   */
  public Future<Void> pseudonymise(String youthId, String pseudonym) {
    return lines
        .deleteMany(new Document("youthId", youthId).append("own", true))
        .compose(v -> lines.list(Filters.eq("youthId", youthId)))
        .compose(
            found ->
                OneByOne.countChanged(
                    found,
                    line ->
                        lines
                            .updateById(
                                line.getString("_id"),
                                Updates.combine(
                                    Updates.set("youthId", pseudonym),
                                    Updates.set(
                                        "resource",
                                        replaced(line.getString("resource"), youthId, pseudonym))))
                            .map(true)))
        .mapEmpty();
  }

  static String replaced(String text, String id, String pseudonym) {
    return text == null ? null : text.replace(id, pseudonym);
  }
}
