package nl.koers.platform.mongo;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The one way into MongoDB: collections by name, and the driver's publishers turned into Vert.x
 * futures that complete on the caller's Vert.x context (never on a driver thread, never blocking).
 *
 * <p>Every state change is one atomic write to one document; nothing here opens a session or a
 * transaction, so the same code runs on a single node, a replica set, a sharded cluster and the
 * embedded stand-in.
 */
public final class Mongo {

  private final Vertx vertx;
  private final MongoClient client;
  private final MongoDatabase database;
  private final Durability durability;

  /** What must happen after an acknowledged write before the caller hears of it. */
  @FunctionalInterface
  public interface Durability {
    Future<Void> afterWrite();

    Durability NONE = Future::succeededFuture;
  }

  public Mongo(Vertx vertx, MongoClient client, String databaseName, Durability durability) {
    this.vertx = vertx;
    this.client = client;
    this.database = client.getDatabase(databaseName);
    this.durability = durability;
  }

  /** The declared collection as a store works with it. */
  public Documents documents(CollectionSpec spec) {
    return new Documents(this, spec.name());
  }

  public MongoCollection<Document> collection(String name) {
    return database.getCollection(name);
  }

  /** The first element a read publishes, or {@code null} when there is none. */
  public <T> Future<T> first(Publisher<T> read) {
    return collect(read).map(items -> items.isEmpty() ? null : items.get(0));
  }

  /** Every element a read publishes. */
  public <T> Future<List<T>> list(Publisher<T> read) {
    return collect(read);
  }

  /** The result of a write, once it is acknowledged and (on the embedded server) on disk. */
  public <T> Future<T> write(Publisher<T> write) {
    return first(write).compose(result -> durability.afterWrite().map(result));
  }

  /**
   * Stores the document unless one with its {@code _id} is there (a retry, another instance);
   * answers the stored one. One command either way: an upsert that only sets on insert and answers
   * the document after it, so a retry changes nothing and reads what the first attempt stored.
   */
  public Future<Document> insertOnce(String collection, Document document) {
    Object id = document.get("_id");
    return write(
            collection(collection)
                .findOneAndUpdate(
                    new Document("_id", id),
                    new Document("$setOnInsert", document),
                    new FindOneAndUpdateOptions()
                        .upsert(true)
                        .returnDocument(ReturnDocument.AFTER)))
        // Two at once: one inserted it, the other reads it.
        .recover(
            e ->
                DuplicateKey.is(e)
                    ? first(collection(collection).find(new Document("_id", id)))
                    : Future.failedFuture(e));
  }

  /** Applies {@code update} if the document still matches {@code condition}; false if not. */
  public Future<Boolean> updateIf(String collection, Object id, Document condition, Bson update) {
    Document filter = new Document("_id", id);
    filter.putAll(condition);
    return write(collection(collection).updateOne(filter, update))
        .map(result -> result.getModifiedCount() == 1);
  }

  /** Answers when the database answers a ping. */
  public Future<Void> ping() {
    return first(database.runCommand(new Document("ping", 1))).mapEmpty();
  }

  /** Creates the declared collections and indexes; safe to run on every start. */
  public Future<Void> ensure(List<CollectionSpec> specs) {
    QueryShapes.recording().ifPresent(shapes -> shapes.declare(database.getName(), specs));
    return list(database.listCollectionNames())
        .compose(
            existing -> {
              Set<String> present = new HashSet<>(existing);
              // Collections side by side, each one's indexes in one command: start-up waits for
              // the slowest collection, not for the sum of every index.
              return Future.all(
                      specs.stream()
                          .map(spec -> ensureOne(spec, present.contains(spec.name())))
                          .toList())
                  .mapEmpty();
            });
  }

  private Future<Void> ensureOne(CollectionSpec spec, boolean exists) {
    Future<Void> created =
        exists ? Future.succeededFuture() : write(database.createCollection(spec.name()));
    if (spec.indexes().isEmpty()) {
      return created;
    }
    List<IndexModel> indexes = spec.indexes().stream().map(Mongo::model).toList();
    return created.compose(v -> write(collection(spec.name()).createIndexes(indexes)).mapEmpty());
  }

  private static IndexModel model(CollectionSpec.Index index) {
    IndexOptions options = new IndexOptions().name(index.name()).unique(index.unique());
    if (index.sparse()) {
      options.sparse(true);
    }
    if (index.expireAfter() != null) {
      options.expireAfter(index.expireAfter().toSeconds(), TimeUnit.SECONDS);
    }
    return new IndexModel(index.keys(), options);
  }

  public void close() {
    client.close();
  }

  private <T> Future<List<T>> collect(Publisher<T> publisher) {
    Context context = vertx.getOrCreateContext();
    Promise<List<T>> promise = Promise.promise();
    publisher.subscribe(
        new Subscriber<T>() {
          private final List<T> items = new ArrayList<>();

          @Override
          public void onSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(T item) {
            items.add(item);
          }

          @Override
          public void onError(Throwable failure) {
            context.runOnContext(v -> promise.fail(failure));
          }

          @Override
          public void onComplete() {
            context.runOnContext(v -> promise.complete(items));
          }
        });
    return promise.future();
  }
}
