package nl.koers.platform.mongo;

import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import nl.koers.platform.background.PeriodicRounds;
import org.bson.conversions.Bson;

/**
 * Deletes what a collection's TTL index says is past its time. A TTL index alone is not a retention
 * rule Koers can promise: a real MongoDB removes expired documents when its monitor runs (once a
 * minute, or later under load), and the embedded stand-in never does. So every declared TTL index
 * ({@link CollectionSpec.Index#expiringAfter}) is also swept by this job, on the same field and
 * period, and each deletion is counted in the metrics ({@value #DELETED}, per collection).
 */
public final class Expiry {

  /** The counter of documents deleted for being past their time. */
  public static final String DELETED = "koers.retention.deleted";

  /** How often the sweep runs. */
  public static final Duration EVERY = Duration.ofHours(1);

  /** One TTL index: documents whose {@code field} is older than {@code ttl} are past their time. */
  private record Rule(String collection, String field, Duration ttl) {}

  private final Mongo mongo;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final List<Rule> rules;

  public Expiry(Mongo mongo, Clock clock, MeterRegistry metrics, List<CollectionSpec> specs) {
    this.mongo = mongo;
    this.clock = clock;
    this.metrics = metrics;
    this.rules = rulesOf(specs);
  }

  /** The sweep as a background job. */
  public PeriodicRounds.Job job() {
    return new PeriodicRounds.Job("expiry", EVERY, this::sweep);
  }

  /** Deletes every document past its time; answers how many. */
  public Future<Long> sweep() {
    Instant now = clock.instant();
    Future<Long> deleted = Future.succeededFuture(0L);
    for (Rule rule : rules) {
      deleted = deleted.compose(sum -> sweep(rule, now).map(n -> sum + n));
    }
    return deleted;
  }

  private Future<Long> sweep(Rule rule, Instant now) {
    Bson past = Filters.lte(rule.field(), Date.from(now.minus(rule.ttl())));
    return mongo
        .write(mongo.collection(rule.collection()).deleteMany(past))
        .map(
            result -> {
              long n = result.getDeletedCount();
              Counter.builder(DELETED)
                  .description("documents deleted for being past their retention time")
                  .tag("collection", rule.collection())
                  .register(metrics)
                  .increment(n);
              return n;
            });
  }

  private static List<Rule> rulesOf(List<CollectionSpec> specs) {
    List<Rule> rules = new ArrayList<>();
    for (CollectionSpec spec : specs) {
      for (CollectionSpec.Index index : spec.indexes()) {
        if (index.expireAfter() != null) {
          // A TTL index has exactly one field (MongoDB refuses any other).
          String field = index.keys().toBsonDocument().getFirstKey();
          rules.add(new Rule(spec.name(), field, index.expireAfter()));
        }
      }
    }
    return List.copyOf(rules);
  }
}
