package nl.koers.insights;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import nl.koers.platform.background.OneByOne;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
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

  private final Documents rollups;

  public Rollups(Mongo mongo) {
    this.rollups = mongo.documents(SPEC);
  }

  /** Where an organisation's tokens of contributing professionals are kept, per indicator. */
  static final String CONTRIBUTED_BY = "by";

  /** The counter under which a published cell learns how many professionals contributed. */
  static final String CONTRIBUTORS = "contributors";

  static String id(String regionId, String month) {
    return regionId + "|" + month;
  }

  /** The organisation's cell beside a band cell ({@code AUDIENCE|band}): all ages, per audience. */
  static String organisationKey(String bandCell, String organisationId) {
    return "orgs." + bandCell.substring(0, bandCell.indexOf('|')) + "|" + organisationId;
  }

  /**
   * The organisation a fact counts for, and an opaque token for the professional behind it: the
   * number of distinct tokens tells whether an organisation's cell would show one person's work.
   */
  public record Attribution(String organisationId, String contributor) {}

  /** Adds a fact's counters to its cell (and its organisation's cell), once. */
  public Future<Void> apply(Document fact, Optional<Attribution> attribution) {
    String regionId = fact.getString("regionId");
    String month = fact.getString("month");
    String cell = fact.getString("cell");
    String indicator = fact.getString("indicator");
    List<Bson> changes = new ArrayList<>();
    Document counters = fact.get("counters", Document.class);
    List<String> prefixes = new ArrayList<>(List.of("cells." + cell + "." + indicator + "."));
    attribution.ifPresent(
        by -> {
          String prefix = organisationKey(cell, by.organisationId()) + "." + indicator + ".";
          prefixes.add(prefix);
          changes.add(Updates.addToSet(prefix + CONTRIBUTED_BY, by.contributor()));
        });
    for (String prefix : prefixes) {
      counters.forEach(
          (counter, value) ->
              changes.add(Updates.inc(prefix + counter, ((Number) value).longValue())));
    }
    changes.add(
        Updates.pushEach(
            "applied", List.of(fact.getString("id")), new PushOptions().slice(-REMEMBERED)));
    changes.add(Updates.setOnInsert("regionId", regionId));
    changes.add(Updates.setOnInsert("month", month));
    return rollups
        .upsert(
            new Document("_id", id(regionId, month))
                .append("applied", new Document("$ne", fact.getString("id"))),
            Updates.combine(changes))
        .<Void>mapEmpty()
        // Counted already: the filter missed, and the upsert ran into the existing rollup.
        .recover(e -> DuplicateKey.is(e) ? Future.succeededFuture() : Future.failedFuture(e));
  }

  /**
   * Replaces every contributor token not keyed yet ({@link FieldCipher#KEYED}) with {@code rekey}
   * of it, cell by cell; answers how many cells changed. A cell that changed meanwhile is left for
   * the next start, never overwritten: a lost token would count a professional too few, which only
   * hides more.
   */
  public Future<Integer> rekeyContributors(UnaryOperator<String> rekey) {
    // Every month (the month index serves the read of them all).
    return rollups
        .list(Filters.gte("month", ""))
        .compose(
            all -> {
              Future<Integer> changed = Future.succeededFuture(0);
              for (Document rollup : all) {
                for (Map.Entry<String, List<String>> unkeyed : unkeyedTokens(rollup).entrySet()) {
                  List<String> keyed = unkeyed.getValue().stream().map(keep(rekey)).toList();
                  changed =
                      changed.compose(
                          n ->
                              rollups
                                  .updateIf(
                                      rollup.get("_id"),
                                      new Document(unkeyed.getKey(), unkeyed.getValue()),
                                      Updates.set(unkeyed.getKey(), keyed))
                                  .map(done -> done ? n + 1 : n));
                }
              }
              return changed;
            });
  }

  /** The token itself if keyed already, else its keyed form. */
  private static Function<String, String> keep(UnaryOperator<String> rekey) {
    return token -> token.startsWith(FieldCipher.KEYED) ? token : rekey.apply(token);
  }

  /** The paths of the organisations' token lists that hold a token not keyed yet, with the list. */
  private static Map<String, List<String>> unkeyedTokens(Document rollup) {
    Map<String, List<String>> found = new TreeMap<>();
    Document orgs = rollup.get("orgs", new Document());
    for (String cell : orgs.keySet()) {
      Document indicators = orgs.get(cell, Document.class);
      for (String indicator : indicators.keySet()) {
        List<String> tokens =
            indicators.get(indicator, Document.class).getList(CONTRIBUTED_BY, String.class);
        if (tokens != null && tokens.stream().anyMatch(t -> !t.startsWith(FieldCipher.KEYED))) {
          found.put("orgs." + cell + "." + indicator + "." + CONTRIBUTED_BY, tokens);
        }
      }
    }
    return found;
  }

  /**
   * Replaces the state indicators of this month (a snapshot of the circles now): {@code values}
   * maps a cell path ({@code cells.AUDIENCE|band.indicator} or {@code orgs.AUDIENCE|org.indicator})
   * to its counters. Paths of {@code indicators} the snapshot no longer has are removed, so a band
   * or organisation that emptied does not keep last hour's value.
   */
  public Future<Void> snapshot(
      String regionId, String month, Set<Indicator> indicators, Map<String, Document> values) {
    return rollups
        .byId(id(regionId, month))
        .compose(
            current -> {
              List<Bson> changes = new ArrayList<>();
              if (current != null) {
                stalePaths(current, indicators, values.keySet())
                    .forEach(path -> changes.add(Updates.unset(path)));
              }
              values.forEach((path, counters) -> changes.add(Updates.set(path, counters)));
              changes.add(Updates.setOnInsert("regionId", regionId));
              changes.add(Updates.setOnInsert("month", month));
              return rollups.upsertById(id(regionId, month), Updates.combine(changes));
            })
        .mapEmpty();
  }

  private static List<String> stalePaths(
      Document rollup, Set<Indicator> indicators, Set<String> kept) {
    List<String> stale = new ArrayList<>();
    for (String level : List.of("cells", "orgs")) {
      Document cells = rollup.get(level, new Document());
      for (String cell : cells.keySet()) {
        for (Indicator indicator : indicators) {
          String path = level + "." + cell + "." + indicator.id();
          if (cells.get(cell, Document.class).containsKey(indicator.id()) && !kept.contains(path)) {
            stale.add(path);
          }
        }
      }
    }
    return stale;
  }

  /**
   * Rollup documents as the publication reads them; several regions' documents add up. An
   * organisation's tokens of contributing professionals become its {@link #CONTRIBUTORS} count.
   */
  public static List<Publication.Month> months(List<Document> rollups) {
    Map<String, Map<String, Map<String, Map<String, Long>>>> bands = new TreeMap<>();
    Map<String, Map<String, Map<String, Map<String, Long>>>> organisations = new TreeMap<>();
    for (Document rollup : rollups) {
      String month = rollup.getString("month");
      addUp(
          rollup.get("cells", new Document()), bands.computeIfAbsent(month, m -> new HashMap<>()));
      addUp(
          rollup.get("orgs", new Document()),
          organisations.computeIfAbsent(month, m -> new HashMap<>()));
    }
    List<Publication.Month> months = new ArrayList<>();
    bands.forEach(
        (month, cells) ->
            months.add(
                new Publication.Month(
                    month,
                    counters(cells),
                    counters(organisations.getOrDefault(month, Map.of())))));
    return months;
  }

  private static void addUp(Document stored, Map<String, Map<String, Map<String, Long>>> cells) {
    for (String cell : stored.keySet()) {
      Document indicators = stored.get(cell, Document.class);
      for (String indicator : indicators.keySet()) {
        Map<String, Long> counters =
            cells
                .computeIfAbsent(cell, c -> new HashMap<>())
                .computeIfAbsent(indicator, i -> new HashMap<>());
        indicators
            .get(indicator, Document.class)
            .forEach(
                (k, v) -> {
                  if (k.equals(CONTRIBUTED_BY)) {
                    counters.merge(CONTRIBUTORS, (long) ((List<?>) v).size(), Long::sum);
                  } else {
                    counters.merge(k, ((Number) v).longValue(), Long::sum);
                  }
                });
      }
    }
  }

  private static Map<String, Publication.Counters> counters(
      Map<String, Map<String, Map<String, Long>>> cells) {
    Map<String, Publication.Counters> counters = new HashMap<>();
    cells.forEach((cell, indicators) -> counters.put(cell, new Publication.Counters(indicators)));
    return counters;
  }

  /**
   * Forgets the ids of facts that came from these sources (a fact's id is its source's id, or
   * starts with it and a slash) in every rollup of the region; the counters stay as they are.
   */
  public Future<Void> forgetApplied(String regionId, java.util.Collection<String> sourceIds) {
    if (sourceIds.isEmpty()) {
      return Future.succeededFuture();
    }
    java.util.Set<String> sources = java.util.Set.copyOf(sourceIds);
    return rollups
        .list(rollups.find(Filters.eq("regionId", regionId)).projection(new Document("applied", 1)))
        .compose(
            found ->
                OneByOne.countChanged(
                    found,
                    rollup -> {
                      List<String> drop =
                          rollup.getList("applied", String.class, List.of()).stream()
                              .filter(id -> sources.contains(id.split("/", 2)[0]))
                              .toList();
                      return drop.isEmpty()
                          ? Future.succeededFuture(false)
                          : rollups
                              .updateById(rollup.get("_id"), Updates.pullAll("applied", drop))
                              .map(true);
                    }))
        .mapEmpty();
  }
}
