package nl.koers.transition;

import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The checklist templates (one per region, {@code _id} the region) and each young person's
 * checklist ({@code _id} the young person; per item who does it and when it was done).
 */
final class ChecklistStore {

  static final CollectionSpec TEMPLATES = CollectionSpec.of("checklistTemplates");
  static final CollectionSpec CHECKLISTS = CollectionSpec.of("checklists");

  private final Documents templates;
  private final Documents checklists;

  ChecklistStore(Mongo mongo) {
    this.templates = mongo.documents(TEMPLATES);
    this.checklists = mongo.documents(CHECKLISTS);
  }

  /** Stores a region's template unless it has one. */
  Future<Void> seedTemplate(String regionId, List<Checklists.Item> items) {
    return templates
        .upsertById(
            regionId,
            Updates.setOnInsert("items", items.stream().map(ChecklistStore::toDocument).toList()))
        .mapEmpty();
  }

  /** The region's own template, if it has one. */
  Future<Optional<List<Checklists.Item>>> templateOf(String regionId) {
    return templates
        .byId(regionId)
        .map(
            doc ->
                Optional.ofNullable(doc)
                    .map(
                        d ->
                            d.getList("items", Document.class, List.of()).stream()
                                .map(ChecklistStore::item)
                                .toList()));
  }

  /** Who does which item and when it was done, by item id (empty before anything was set). */
  Future<Map<String, Checklists.Progress>> progressOf(String youthId) {
    return checklists
        .byId(youthId)
        .map(
            stored -> {
              Document items =
                  stored == null ? new Document() : stored.get("items", new Document());
              Map<String, Checklists.Progress> progress = new LinkedHashMap<>();
              items.forEach(
                  (id, value) -> {
                    Document mine = (Document) value;
                    progress.put(
                        id,
                        new Checklists.Progress(
                            Optional.ofNullable(mine.getString("ownerId")),
                            Optional.ofNullable(mine.getDate("doneAt")).map(Date::toInstant)));
                  });
              return progress;
            });
  }

  /**
   * Sets an item's owner and/or whether it is done (done at {@code at}, or not done) in one write,
   * creating the checklist if there is none yet.
   */
  Future<Void> updateItem(
      String youthId, String itemId, Optional<String> ownerId, Optional<Boolean> done, Instant at) {
    List<Bson> changes = new ArrayList<>();
    ownerId.ifPresent(o -> changes.add(Updates.set("items." + itemId + ".ownerId", o)));
    done.ifPresent(
        d -> changes.add(Updates.set("items." + itemId + ".doneAt", d ? Date.from(at) : null)));
    return checklists.upsertById(youthId, Updates.combine(changes)).mapEmpty();
  }

  /** Marks an item done unless it already is. */
  Future<Void> markDoneUnlessDone(String youthId, String itemId, Instant at) {
    return checklists
        .updateIf(
            youthId,
            new Document("items." + itemId + ".doneAt", null),
            Updates.set("items." + itemId + ".doneAt", Date.from(at)))
        .compose(
            marked ->
                marked
                    ? Future.succeededFuture()
                    : checklists
                        .insertOnce(
                            new Document("_id", youthId)
                                .append(
                                    "items",
                                    new Document(itemId, new Document("doneAt", Date.from(at)))))
                        .mapEmpty());
  }

  private static Document toDocument(Checklists.Item item) {
    return new Document("id", item.id())
        .append("title", new Document(item.title()))
        .append("monthsFrom18", item.monthsFrom18());
  }

  private static Checklists.Item item(Document doc) {
    Map<String, String> title = new LinkedHashMap<>();
    doc.get("title", new Document())
        .forEach((language, text) -> title.put(language, (String) text));
    return new Checklists.Item(doc.getString("id"), title, doc.getInteger("monthsFrom18"));
  }
}
