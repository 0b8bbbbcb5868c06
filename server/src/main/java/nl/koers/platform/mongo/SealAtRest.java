package nl.koers.platform.mongo;

import com.mongodb.client.model.Sorts;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Seals the free text that documents written before sealing still hold in plain, once, at start-up.
 * It walks a collection by {@code _id} in batches (served by the built-in index, so no field needs
 * an index only for this) and rewrites each document that still has plain text, with a condition
 * that the plain fields are still as read: two instances starting together seal a text once, and a
 * sealed field (a sub-document under another name, never a string) is never sealed again. It reads
 * every document of those collections at every start, also once nothing is plain any more.
 *
 * <p>The same walk moves texts sealed with the master key to their young person's own key ({@link
 * DataKeys}), with the same condition, so it too happens once, however many instances start.
 */
public final class SealAtRest {

  /** How many documents one round trip reads. */
  static final int BATCH = 200;

  /** One rewrite: applied only while the document still matches {@code condition}. */
  public record Rewrite(Document condition, Bson update) {}

  private SealAtRest() {}

  /**
   * Rewrites every document of {@code documents} for which {@code rewrite} answers one; answers how
   * many were rewritten.
   */
  public static Future<Integer> migrate(
      Documents documents, Function<Document, Optional<Rewrite>> rewrite) {
    return batch(documents, doc -> Future.succeededFuture(rewrite.apply(doc)), null, 0);
  }

  /**
   * Re-seals, with each young person's own key, the texts of {@code documents} still in plain or
   * sealed with the master key ({@code legacy} says which documents hold such a text): {@code
   * rewrite} gets the texts of the document's young person ({@code youthOf}), their key made on
   * first use. A document that needs nothing costs no round trip; one that does, one for the key
   * and one for its conditional update. Answers how many were rewritten.
   */
  public static Future<Integer> migrate(
      Documents documents,
      DataKeys keys,
      Function<Document, String> youthOf,
      Predicate<Document> legacy,
      BiFunction<SealedTexts, Document, Optional<Rewrite>> rewrite) {
    return batch(
        documents,
        doc ->
            legacy.test(doc)
                ? keys.toWrite(youthOf.apply(doc)).map(texts -> rewrite.apply(texts, doc))
                : Future.succeededFuture(Optional.empty()),
        null,
        0);
  }

  private static Future<Integer> batch(
      Documents documents,
      Function<Document, Future<Optional<Rewrite>>> rewrite,
      Object after,
      int rewritten) {
    Document filter =
        new Document(
            "_id", after == null ? new Document("$exists", true) : new Document("$gt", after));
    return documents
        .list(documents.find(filter).sort(Sorts.ascending("_id")).limit(BATCH))
        .compose(
            docs ->
                rewriteAll(documents, rewrite, docs)
                    .compose(
                        count ->
                            docs.size() < BATCH
                                ? Future.succeededFuture(rewritten + count)
                                : batch(
                                    documents,
                                    rewrite,
                                    docs.get(docs.size() - 1).get("_id"),
                                    rewritten + count)));
  }

  private static Future<Integer> rewriteAll(
      Documents documents,
      Function<Document, Future<Optional<Rewrite>>> rewrite,
      List<Document> docs) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (Document doc : docs) {
      chain =
          chain.compose(
              count -> rewrite.apply(doc).compose(change -> apply(documents, doc, change, count)));
    }
    return chain;
  }

  private static Future<Integer> apply(
      Documents documents, Document doc, Optional<Rewrite> change, int count) {
    if (change.isEmpty()) {
      return Future.succeededFuture(count);
    }
    return documents
        .updateIf(doc.get("_id"), change.get().condition(), change.get().update())
        .map(done -> done ? count + 1 : count);
  }
}
