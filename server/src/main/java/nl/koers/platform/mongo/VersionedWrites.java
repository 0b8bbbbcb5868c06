package nl.koers.platform.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Optimistic concurrency for editable documents: each carries a {@value #VERSION} number; a write
 * names the version it was based on and succeeds only if nobody wrote in between. One atomic
 * findOneAndUpdate, so it needs no transaction.
 */
public final class VersionedWrites {

  public static final String VERSION = "version";

  private final Mongo mongo;

  public VersionedWrites(Mongo mongo) {
    this.mongo = mongo;
  }

  /**
   * Applies {@code update} to the document if it still has {@code expectedVersion}, and raises the
   * version by one. Fails with {@link StaleVersion} when it changed meanwhile (the HTTP edge
   * answers 412), with a not-found problem when it is not there.
   */
  public Future<Document> update(String collection, Object id, long expectedVersion, Bson update) {
    // A flat {_id, version} filter: the stand-in would not use the _id index for an $and.
    Document filter = new Document("_id", id).append(VERSION, expectedVersion);
    Documents documents = new Documents(mongo, collection);
    return documents
        .updateAndGet(
            filter,
            Updates.combine(update, Updates.inc(VERSION, 1L)),
            new FindOneAndUpdateOptions())
        .compose(
            updated -> {
              if (updated != null) {
                return Future.succeededFuture(updated);
              }
              return documents
                  .first(documents.find(Filters.eq("_id", id)).limit(1))
                  .compose(
                      current ->
                          Future.failedFuture(
                              current == null
                                  ? Problem.of(CommonProblem.NOT_FOUND)
                                  : new StaleVersion(id, expectedVersion)));
            });
  }
}
