package nl.koers.platform.mongo;

import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;

/**
 * Moves items out of an embedded outbox list (each item with an {@code id}): first {@code deliver}
 * (which must be idempotent by the item's id), then the item leaves the outbox. A crash between the
 * two only means the next round delivers it again, to no effect.
 */
public final class EmbeddedOutbox {

  private final Mongo mongo;
  private final String field;
  private final int batch;

  public EmbeddedOutbox(Mongo mongo, String field, int batch) {
    this.mongo = mongo;
    this.field = field;
    this.batch = batch;
  }

  /** One round over one collection; answers how many items it moved. */
  public Future<Integer> drain(String source, Function<Document, Future<Void>> deliver) {
    return drain(source, new Document(), deliver);
  }

  /**
   * One round over the documents of one collection that match {@code where} (a flat filter, e.g.
   * one young person's documents, so a reader can have their items moved before reading).
   */
  public Future<Integer> drain(
      String source, Document where, Function<Document, Future<Void>> deliver) {
    Document filter = new Document(where).append(field + ".id", new Document("$exists", true));
    Documents documents = new Documents(mongo, source);
    return documents
        .list(documents.find(filter).projection(new Document(field, 1)).limit(batch))
        .compose(
            docs -> {
              Future<Integer> moved = Future.succeededFuture(0);
              for (Document doc : docs) {
                for (Document item : doc.getList(field, Document.class, List.of())) {
                  moved =
                      moved.compose(
                          n ->
                              deliver
                                  .apply(item)
                                  .compose(v -> pull(documents, doc.get("_id"), item.get("id")))
                                  .map(n + 1));
                }
              }
              return moved;
            });
  }

  /** One round over several collections. */
  public Future<Integer> drain(List<String> sources, Function<Document, Future<Void>> deliver) {
    Future<Integer> total = Future.succeededFuture(0);
    for (String source : sources) {
      total = total.compose(sum -> drain(source, deliver).map(moved -> sum + moved));
    }
    return total;
  }

  private Future<Void> pull(Documents source, Object documentId, Object itemId) {
    return source
        .updateById(documentId, Updates.pull(field, new Document("id", itemId)))
        .mapEmpty();
  }
}
