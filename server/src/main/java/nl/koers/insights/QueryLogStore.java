package nl.koers.insights;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import nl.koers.identity.Role;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.security.Caller;
import org.bson.Document;

/**
 * Who asked a region for its aggregates, in which role, for what purpose and which months: one line
 * per query in {@code insightsQueryLog}, written before the answer is made. Aggregates hold no
 * young person's data, but a region must be able to say who looked at its numbers and why; the
 * indicators and the continuity monitor share this one log.
 */
final class QueryLogStore {

  private final Documents lines;
  private final Clock clock;

  QueryLogStore(Mongo mongo, Clock clock) {
    this.lines = mongo.documents(Insights.QUERY_LOG);
    this.clock = clock;
  }

  /** One query: the months it covers ({@code from}..{@code to}), its format and its purpose. */
  Future<Void> append(
      Caller caller,
      Role role,
      String regionId,
      String purpose,
      String from,
      String to,
      String format) {
    return lines.insert(
        new Document("_id", UUID.randomUUID().toString())
            .append("regionId", regionId)
            .append("personId", caller.personId())
            .append("role", role.name())
            .append("purpose", purpose)
            .append("from", from)
            .append("to", to)
            .append("format", format)
            .append("requestId", caller.requestId())
            .append("at", Date.from(clock.instant())));
  }
}
