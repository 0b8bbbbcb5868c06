package nl.koers.platform.paging;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Keyset pagination over a collection: sorted by one field, ties broken by {@code _id}, so pages
 * never skip or repeat an item when others are added meanwhile. The index to declare for a query is
 * (its equality fields…, sort field, _id). The sort field may be one of an embedded document.
 */
public final class Paging {

  /** How a list is ordered. */
  public record Order(String field, boolean descending) {
    public static Order newestFirst(String field) {
      return new Order(field, true);
    }

    public static Order ascending(String field) {
      return new Order(field, false);
    }
  }

  private final Mongo mongo;

  public Paging(Mongo mongo) {
    this.mongo = mongo;
  }

  public Future<Page<Document>> page(
      String collection, Bson filter, Order order, PageRequest request) {
    Bson where =
        request.after().map(after -> Filters.and(filter, beyond(order, after))).orElse(filter);
    Bson sort =
        order.descending()
            ? Sorts.descending(order.field(), "_id")
            : Sorts.ascending(order.field(), "_id");
    return mongo
        .list(mongo.collection(collection).find(where).sort(sort).limit(request.limit() + 1))
        .map(found -> toPage(found, order, request.limit()));
  }

  private static Bson beyond(Order order, Document after) {
    Object value = after.get("v");
    Object id = after.get("id");
    if (order.field().equals("_id")) {
      return order.descending() ? Filters.lt("_id", id) : Filters.gt("_id", id);
    }
    return order.descending()
        ? Filters.or(
            Filters.lt(order.field(), value),
            Filters.and(Filters.eq(order.field(), value), Filters.lt("_id", id)))
        : Filters.or(
            Filters.gt(order.field(), value),
            Filters.and(Filters.eq(order.field(), value), Filters.gt("_id", id)));
  }

  /** A field's value, also of an embedded document ({@code task.dueAt}). */
  private static Object valueAt(Document doc, String field) {
    return doc.getEmbedded(List.of(field.split("\\.")), Object.class);
  }

  private static Page<Document> toPage(List<Document> found, Order order, int limit) {
    if (found.size() <= limit) {
      return new Page<>(found, null);
    }
    List<Document> items = new ArrayList<>(found.subList(0, limit));
    Document last = items.get(items.size() - 1);
    Document position =
        new Document("v", valueAt(last, order.field())).append("id", last.get("_id"));
    return new Page<>(items, PageRequest.encode(position));
  }
}
