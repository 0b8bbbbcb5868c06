package nl.koers.platform.background;

import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.DuplicateKey;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * Named leases in MongoDB, so that a job runs on one instance at a time: the holder renews it,
 * anyone takes it over once it has lapsed (a dead instance's lease ends by itself).
 */
public final class Leases {

  public static final CollectionSpec SPEC = CollectionSpec.of("leases");

  private final Documents leases;
  private final Clock clock;

  public Leases(Mongo mongo, Clock clock) {
    this.leases = mongo.documents(SPEC);
    this.clock = clock;
  }

  /** Whether {@code owner} holds the lease {@code name} for the next {@code duration}. */
  public Future<Boolean> acquire(String name, String owner, Duration duration) {
    Instant now = clock.instant();
    Date until = Date.from(now.plus(duration));
    Future<Boolean> renewed = take(new Document("_id", name).append("owner", owner), owner, until);
    return renewed.compose(
        mine ->
            mine
                ? Future.succeededFuture(true)
                : take(
                        new Document("_id", name)
                            .append("until", new Document("$lte", Date.from(now))),
                        owner,
                        until)
                    .compose(
                        taken ->
                            taken ? Future.succeededFuture(true) : create(name, owner, until)));
  }

  private Future<Boolean> take(Document filter, String owner, Date until) {
    return leases
        .update(filter, Updates.combine(Updates.set("owner", owner), Updates.set("until", until)))
        .map(result -> result.getMatchedCount() == 1);
  }

  private Future<Boolean> create(String name, String owner, Date until) {
    return leases
        .byId(name)
        .compose(
            existing ->
                existing != null
                    ? Future.succeededFuture(false)
                    : leases
                        .insert(
                            new Document("_id", name).append("owner", owner).append("until", until))
                        .map(true)
                        .recover(
                            e ->
                                DuplicateKey.is(e)
                                    ? Future.succeededFuture(false)
                                    : Future.failedFuture(e)));
  }
}
