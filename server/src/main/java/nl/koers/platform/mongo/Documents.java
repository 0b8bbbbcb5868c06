package nl.koers.platform.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.FindPublisher;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.reactivestreams.Publisher;

/**
 * One collection as a store uses it. Each method is one round trip whose answer arrives on the
 * caller's Vert.x context, and each write is acknowledged (and durable, see {@link Mongo#write})
 * before its future completes. Stores hold one of these per collection instead of spelling out
 * {@code mongo.write(mongo.collection(name).updateOne(…))} at every call: the way into the driver
 * is then written once, here.
 */
public final class Documents {

  private final Mongo mongo;
  private final String name;

  Documents(Mongo mongo, String name) {
    this.mongo = mongo;
    this.name = name;
  }

  /** The driver's collection, for queries this class does not name (sorted, limited, projected). */
  public MongoCollection<Document> collection() {
    return mongo.collection(name);
  }

  /**
   * A query to refine ({@code sort}, {@code limit}, {@code projection}) and hand to {@link #list}.
   */
  public FindPublisher<Document> find(Bson filter) {
    return collection().find(filter);
  }

  /** The document with this {@code _id}, or {@code null}. */
  public Future<Document> byId(Object id) {
    return first(Filters.eq("_id", id));
  }

  /** The first document matching the filter, or {@code null}. */
  public Future<Document> first(Bson filter) {
    return mongo.first(find(filter));
  }

  /** The first element a refined query publishes, or {@code null}. */
  public <T> Future<T> first(Publisher<T> query) {
    return mongo.first(query);
  }

  /** Every document matching the filter. */
  public Future<List<Document>> list(Bson filter) {
    return mongo.list(find(filter));
  }

  /** Every element a refined query publishes. */
  public <T> Future<List<T>> list(Publisher<T> query) {
    return mongo.list(query);
  }

  public Future<Void> insert(Document document) {
    return mongo.write(collection().insertOne(document)).mapEmpty();
  }

  /** Stores the document unless one with its {@code _id} is there; answers the stored one. */
  public Future<Document> insertOnce(Document document) {
    return mongo.insertOnce(name, document);
  }

  public Future<UpdateResult> updateById(Object id, Bson update) {
    return update(Filters.eq("_id", id), update);
  }

  public Future<UpdateResult> update(Bson filter, Bson update) {
    return mongo.write(collection().updateOne(filter, update));
  }

  /** Updates the matching document, creating it when there is none. */
  public Future<UpdateResult> upsert(Bson filter, Bson update) {
    return mongo.write(collection().updateOne(filter, update, new UpdateOptions().upsert(true)));
  }

  public Future<UpdateResult> upsertById(Object id, Bson update) {
    return upsert(Filters.eq("_id", id), update);
  }

  public Future<UpdateResult> updateMany(Bson filter, Bson update) {
    return mongo.write(collection().updateMany(filter, update));
  }

  /** Puts the whole document in place of the one with this {@code _id}, or stores it. */
  public Future<UpdateResult> replaceById(Object id, Document document) {
    return mongo.write(
        collection()
            .replaceOne(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true)));
  }

  /**
   * Puts {@code document} in place of the one with this {@code _id}, with a {@value
   * VersionedWrites#VERSION} one higher, only if that one is still at {@code expectedVersion} (0:
   * there is none yet, or it was stored before it had a version); false when it moved on. One
   * atomic write: of two writes based on the same version exactly one wins.
   */
  public Future<Boolean> replaceIfVersion(Object id, long expectedVersion, Document document) {
    Document versioned =
        new Document(document).append(VersionedWrites.VERSION, expectedVersion + 1);
    if (expectedVersion == 0) {
      Document none =
          new Document("_id", id)
              .append(
                  VersionedWrites.VERSION, new Document("$in", java.util.Arrays.asList(0L, null)));
      return mongo
          .write(collection().replaceOne(none, versioned, new ReplaceOptions().upsert(true)))
          .map(done -> true)
          .recover(
              failure ->
                  DuplicateKey.is(failure)
                      ? Future.succeededFuture(false)
                      : Future.failedFuture(failure));
    }
    return mongo
        .write(
            collection()
                .replaceOne(
                    new Document("_id", id).append(VersionedWrites.VERSION, expectedVersion),
                    versioned))
        .map(done -> done.getMatchedCount() == 1);
  }

  /**
   * As {@link #replaceIfVersion}, failing with {@link StaleVersion} when the document moved on
   * (nothing changed); answers the new version.
   */
  public Future<Long> replaceAtVersion(Object id, long expectedVersion, Document document) {
    return replaceIfVersion(id, expectedVersion, document)
        .compose(
            replaced ->
                replaced
                    ? Future.succeededFuture(expectedVersion + 1)
                    : Future.failedFuture(new StaleVersion(id, expectedVersion)));
  }

  /** Applies {@code update} if the document still matches {@code condition}; false if not. */
  public Future<Boolean> updateIf(Object id, Document condition, Bson update) {
    return mongo.updateIf(name, id, condition, update);
  }

  /**
   * As {@link #updateIf}, answering the document as it is after the update, or {@code null} when it
   * no longer matched: one round trip where an update and a read back would be two.
   */
  public Future<Document> updateIfAndGet(Object id, Document condition, Bson update) {
    Document filter = new Document("_id", id);
    filter.putAll(condition);
    return updateAndGet(filter, update, new FindOneAndUpdateOptions());
  }

  /**
   * Updates the first match and answers it as it was before, or {@code null} when nothing matched:
   * how a token or a code is spent exactly once, even by two requests at the same moment.
   */
  public Future<Document> claim(Bson filter, Bson update) {
    return mongo.write(collection().findOneAndUpdate(filter, update));
  }

  /** Updates the first match and answers it as it is now; options add sort, projection, upsert. */
  public Future<Document> updateAndGet(Bson filter, Bson update, FindOneAndUpdateOptions options) {
    return mongo.write(
        collection()
            .findOneAndUpdate(filter, update, options.returnDocument(ReturnDocument.AFTER)));
  }

  public Future<DeleteResult> delete(Bson filter) {
    return mongo.write(collection().deleteOne(filter));
  }

  public Future<DeleteResult> deleteMany(Bson filter) {
    return mongo.write(collection().deleteMany(filter));
  }
}
