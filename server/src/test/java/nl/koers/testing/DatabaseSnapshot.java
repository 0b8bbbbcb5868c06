package nl.koers.testing;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Every document of a database, byte for byte, to put back later: a server shared by the tests of a
 * class starts each test on the database it had when it was new. Collections and indexes stay; only
 * documents are taken away and put back.
 */
public final class DatabaseSnapshot {

  private final MongoDatabase database;
  private final Map<String, List<RawBsonDocument>> documents;

  private DatabaseSnapshot(MongoDatabase database, Map<String, List<RawBsonDocument>> documents) {
    this.database = database;
    this.documents = documents;
  }

  /** What the database holds now. */
  public static DatabaseSnapshot of(MongoClient client, String databaseName) {
    MongoDatabase database = client.getDatabase(databaseName);
    Map<String, List<RawBsonDocument>> documents = new LinkedHashMap<>();
    for (String name : all(database.listCollectionNames())) {
      documents.put(name, all(raw(database, name).find()));
    }
    return new DatabaseSnapshot(database, documents);
  }

  /**
   * Makes the database hold what it held when this snapshot was taken. The server's background
   * rounds go on meanwhile (with nothing due, they renew a lease at most): each document is put
   * back by its id, whatever such a round wrote in between.
   */
  public void restore() {
    List<String> names = all(database.listCollectionNames());
    // Collection by collection they are independent: all at once, emptied first, then filled.
    await(
        names.stream()
            .<CompletableFuture<?>>map(
                name -> subscribe(raw(database, name).deleteMany(new Document()))));
    await(
        names.stream()
            .filter(name -> !documents.getOrDefault(name, List.of()).isEmpty())
            .<CompletableFuture<?>>map(
                name ->
                    subscribe(
                        raw(database, name)
                            .bulkWrite(
                                documents.get(name).stream()
                                    .map(DatabaseSnapshot::putBack)
                                    .toList(),
                                new BulkWriteOptions().ordered(false)))));
  }

  private static WriteModel<RawBsonDocument> putBack(RawBsonDocument document) {
    return new ReplaceOneModel<>(
        Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true));
  }

  private static com.mongodb.reactivestreams.client.MongoCollection<RawBsonDocument> raw(
      MongoDatabase database, String name) {
    return database.getCollection(name, RawBsonDocument.class);
  }

  /** Every element a publisher publishes, waited for on this (test) thread. */
  private static <T> List<T> all(Publisher<T> publisher) {
    CompletableFuture<List<T>> done = subscribe(publisher);
    await(Stream.<CompletableFuture<?>>of(done));
    return done.join();
  }

  private static void await(Stream<CompletableFuture<?>> running) {
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("MongoDB did not answer: " + e, e);
    }
  }

  private static <T> CompletableFuture<List<T>> subscribe(Publisher<T> publisher) {
    CompletableFuture<List<T>> done = new CompletableFuture<>();
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
            done.completeExceptionally(failure);
          }

          @Override
          public void onComplete() {
            done.complete(items);
          }
        });
    return done;
  }
}
