package nl.koers.insights;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.DuplicateKey;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The region's monthly rollups: one small document per region and month holding every cell's
 * counters, kept up to date as facts come in, so a query reads a handful of documents and never the
 * answers themselves.
 */
public final class Rollups {

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "insightRollups",
          Index.ascending("byRegionMonth", "regionId", "month"),
          Index.ascending("byMonth", "month"));

  /**
   * How many recent fact ids a rollup remembers: a fact retried after a crash (seconds later) is
   * recognised and not counted twice.
   */
  static final int REMEMBERED = 1000;

  private final Mongo mongo;

  public Rollups(Mongo mongo) {
    this.mongo = mongo;
  }

  static String id(String regionId, String month) {
    return regionId + "|" + month;
  }

  /** Adds a fact's counters to its cell, once. */
  public Future<Void> apply(Document fact) {
    return apply(fact, false);
  }

  /** As {@link #apply(Document)}, for demo data: the rollup is marked synthetic. */
  public Future<Void> applySynthetic(Document fact) {
    return apply(fact, true);
  }

  private Future<Void> apply(Document fact, boolean synthetic) {
    String regionId = fact.getString("regionId");
    String month = fact.getString("month");
    String prefix = "cells." + fact.getString("cell") + "." + fact.getString("indicator") + ".";
    List<Bson> changes = new ArrayList<>();
    Document counters = fact.get("counters", Document.class);
    counters.forEach(
        (counter, value) ->
            changes.add(Updates.inc(prefix + counter, ((Number) value).longValue())));
    changes.add(
        Updates.pushEach(
            "applied", List.of(fact.getString("id")), new PushOptions().slice(-REMEMBERED)));
    changes.add(Updates.setOnInsert("regionId", regionId));
    changes.add(Updates.setOnInsert("month", month));
    if (synthetic) {
      changes.add(Updates.set("synthetic", true));
    }
    return mongo
        .write(
            mongo
                .collection(SPEC.name())
                .updateOne(
                    new Document("_id", id(regionId, month))
                        .append("applied", new Document("$ne", fact.getString("id"))),
                    Updates.combine(changes),
                    new UpdateOptions().upsert(true)))
        .<Void>mapEmpty()
        // Counted already: the filter missed, and the upsert ran into the existing rollup.
        .recover(e -> DuplicateKey.is(e) ? Future.succeededFuture() : Future.failedFuture(e));
  }

  /** Replaces a state indicator's counters (a snapshot of the circles now) for this month. */
  public Future<Void> snapshot(
      String regionId, String month, String cell, Indicator indicator, Map<String, Long> counters) {
    return mongo
        .write(
            mongo
                .collection(SPEC.name())
                .updateOne(
                    Filters.eq("_id", id(regionId, month)),
                    Updates.combine(
                        Updates.set("cells." + cell + "." + indicator.id(), new Document(counters)),
                        Updates.setOnInsert("regionId", regionId),
                        Updates.setOnInsert("month", month)),
                    new UpdateOptions().upsert(true)))
        .mapEmpty();
  }

  /** One region's months from {@code from} to {@code to} (as yyyy-MM), oldest first. */
  public Future<List<Document>> region(String regionId, String from, String to) {
    return mongo.list(
        mongo
            .collection(SPEC.name())
            .find(
                new Document("regionId", regionId)
                    .append("month", new Document("$gte", from).append("$lte", to)))
            .projection(new Document("applied", 0))
            .sort(Sorts.ascending("month")));
  }

  /** Every region's months from {@code from} to {@code to}: for the comparison. */
  public Future<List<Document>> allRegions(String from, String to) {
    return mongo.list(
        mongo
            .collection(SPEC.name())
            .find(new Document("month", new Document("$gte", from).append("$lte", to)))
            .projection(new Document("applied", 0)));
  }

  /** Rollup documents as the publication reads them; several regions' documents add up. */
  public static List<Publication.Month> months(List<Document> rollups) {
    Map<String, Map<String, Map<String, Map<String, Long>>>> byMonth = new java.util.TreeMap<>();
    for (Document rollup : rollups) {
      Map<String, Map<String, Map<String, Long>>> cells =
          byMonth.computeIfAbsent(rollup.getString("month"), m -> new HashMap<>());
      Document stored = rollup.get("cells", new Document());
      for (String cell : stored.keySet()) {
        Document indicators = stored.get(cell, Document.class);
        for (String indicator : indicators.keySet()) {
          Map<String, Long> counters =
              cells
                  .computeIfAbsent(cell, c -> new HashMap<>())
                  .computeIfAbsent(indicator, i -> new HashMap<>());
          indicators
              .get(indicator, Document.class)
              .forEach((k, v) -> counters.merge(k, ((Number) v).longValue(), Long::sum));
        }
      }
    }
    List<Publication.Month> months = new ArrayList<>();
    byMonth.forEach(
        (month, cells) -> {
          Map<String, Publication.Counters> counters = new HashMap<>();
          cells.forEach(
              (cell, indicators) -> counters.put(cell, new Publication.Counters(indicators)));
          months.add(new Publication.Month(month, counters));
        });
    return months;
  }
}
