package nl.koers.platform.mongo;

import com.mongodb.client.model.Sorts;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Seals the free text that documents written before sealing still hold in plain, once, at start-up.
 * It walks a collection by {@code _id} in batches (served by the built-in index, so no field needs
 * an index only for this) and rewrites each document that still has plain text, with a condition
 * that the plain fields are still as read: two instances starting together seal a text once, and a
 * sealed field (a sub-document under another name, never a string) is never sealed again. It reads
 * every document of those collections at every start, also once nothing is plain any more.
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
    return batch(documents, rewrite, null, 0);
  }

  private static Future<Integer> batch(
      Documents documents,
      Function<Document, Optional<Rewrite>> rewrite,
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
      Documents documents, Function<Document, Optional<Rewrite>> rewrite, List<Document> docs) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (Document doc : docs) {
      Optional<Rewrite> change = rewrite.apply(doc);
      if (change.isEmpty()) {
        continue;
      }
      chain =
          chain.compose(
              count ->
                  documents
                      .updateIf(doc.get("_id"), change.get().condition(), change.get().update())
                      .map(done -> done ? count + 1 : count));
    }
    return chain;
  }
}
