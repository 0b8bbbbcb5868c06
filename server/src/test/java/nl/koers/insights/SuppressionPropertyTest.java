package nl.koers.insights;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.koers.testing.MongoTest;
import nl.koers.testing.MutableClock;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Random data sets, published: no published cell has n below 10 or stands for a smaller group of
 * 1-9 people (a share's yes or no, signals acted on or not, an answer of a questionnaire item), and
 * no hidden band, organisation or answer can be worked out from what is published. Checked from the
 * published cells alone, the way someone reading the export would try. And, against the store: no
 * two reads around fewer than 10 added facts differ.
 */
class SuppressionPropertyTest extends MongoTest {

  private static final int DATA_SETS = 2_000;

  @Test
  void noPublishedCellIsSmallAndNoHiddenCellCanBeWorkedOut() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int hiddenSeen = 0;
    int organisationsPublished = 0;
    int bucketsHidden = 0;
    for (int set = 0; set < DATA_SETS; set++) {
      List<Publication.Month> months = randomMonths(random);
      List<Publication.Cell> published = Publication.publish(months);
      Map<String, Map<String, Long>> truth = truth(months);

      for (Publication.Cell cell : published) {
        String why = "seed " + seed + ", data set " + set + ", " + cell;
        if (!cell.suppressed()) {
          assertPublishedGroups(cell, truth, why);
          if (cell.organisation().isPresent()) {
            organisationsPublished++;
            assertThat(truth.get(key(cell)).get(Rollups.CONTRIBUTORS))
                .as(why + ": professionals behind an organisation's cell")
                .isGreaterThanOrEqualTo((long) Publication.MIN_PROFESSIONALS);
          }
          boolean distributions =
              cell.band().equals(Publication.ALL_AGES) && cell.organisation().isEmpty();
          bucketsHidden += assertDistributions(cell, truth, distributions, why);
        } else {
          assertThat(cell.n()).as(why).isEmpty();
          assertThat(cell.value()).as(why).isEmpty();
          assertThat(cell.detail()).as(why).isEmpty();
          hiddenSeen++;
        }
      }
      Map<String, List<Publication.Cell>> groups =
          published.stream()
              .collect(
                  Collectors.groupingBy(c -> c.indicator() + "|" + c.month() + "|" + c.audience()));
      for (Map.Entry<String, List<Publication.Cell>> group : groups.entrySet()) {
        assertNotDerivable(
            group.getValue(), truth, "seed " + seed + ", data set " + set + ", " + group.getKey());
      }
    }
    assertThat(hiddenSeen).as("the data sets exercise suppression").isGreaterThan(1000);
    assertThat(organisationsPublished).as("organisations' cells published").isGreaterThan(100);
    assertThat(bucketsHidden).as("distributions with answers left out").isGreaterThan(100);
  }

  /**
   * Random regions compared: besides the rules above, no published comparison cell has fewer than
   * three regions in it, and taking away any one region leaves at least 10 (and of each smaller
   * group nobody or at least 10) — so an analyst who subtracts their own region never learns a
   * small group of another.
   */
  @Test
  void theComparisonNeverRevealsAnotherRegionsSmallGroup() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int publishedSeen = 0;
    for (int set = 0; set < DATA_SETS / 4; set++) {
      List<Document> rollups = new ArrayList<>();
      Map<String, Map<String, Map<String, Long>>> truthByRegion = new HashMap<>();
      int regions = 1 + random.nextInt(5);
      for (int r = 0; r < regions; r++) {
        List<Publication.Month> months = randomMonths(random);
        truthByRegion.put("r" + r, truth(months));
        for (Publication.Month month : months) {
          rollups.add(rollup("r" + r, month));
        }
      }
      Map<String, List<Publication.Month>> byRegion = new HashMap<>();
      for (int r = 0; r < regions; r++) {
        String region = "r" + r;
        byRegion.put(
            region,
            Rollups.months(
                rollups.stream().filter(d -> d.getString("regionId").equals(region)).toList()));
      }
      List<Publication.Month> all = Rollups.months(rollups);
      List<Publication.Cell> published = Publication.compare(all, byRegion);
      Map<String, Map<String, Long>> truth = truth(all);
      String why = "seed " + seed + ", data set " + set;
      for (Publication.Cell cell : published) {
        if (cell.suppressed()) {
          continue;
        }
        publishedSeen++;
        assertPublishedGroups(cell, truth, why + ", " + cell);
        assertDistributions(cell, truth, false, why + ", " + cell);
        long contributing =
            truthByRegion.values().stream()
                .filter(t -> t.containsKey(key(cell)) && t.get(key(cell)).get("n") > 0)
                .count();
        assertThat(contributing).as(why + ", regions in " + cell).isGreaterThanOrEqualTo(3);
        Map<String, Long> shown = shownGroups(cell);
        for (Map<String, Map<String, Long>> region : truthByRegion.values()) {
          Map<String, Long> own =
              groups(cell.indicator(), region.getOrDefault(key(cell), Map.of()));
          shown.forEach(
              (group, n) -> {
                long others = n - own.getOrDefault(group, 0L);
                if (group.equals("n")) {
                  assertThat(others)
                      .as(why + ", the others besides one region in " + cell)
                      .isGreaterThanOrEqualTo(10);
                } else {
                  assertThat(others > 0 && others < 10)
                      .as(why + ", " + group + " of the others besides one region in " + cell)
                      .isFalse();
                }
              });
        }
      }
      published.stream()
          .collect(Collectors.groupingBy(c -> c.indicator() + "|" + c.month() + "|" + c.audience()))
          .forEach((group, cells) -> assertNotDerivable(cells, truth, why + ", " + group));
    }
    assertThat(publishedSeen).as("the data sets publish comparison cells").isGreaterThan(100);
  }

  /**
   * Against the store, with the clock moved: random regions' rollups, a read, then one to nine
   * facts (into closed months already published, closed months not yet published, the open month,
   * new regions and organisations), then a read again. Without a publication date between them the
   * two reads are the same; with one, the months published at the first read are the same and the
   * months not published have no cells. No read ever has a cell of the open month.
   */
  @Test
  void noTwoReadsAroundFewerThanTenAddedFactsDiffer() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    MutableClock clock = new MutableClock(Instant.EPOCH);
    PublishedIndicators publications = new PublishedIndicators(mongo, clock);
    Rollups counting = new Rollups(mongo);
    YearMonth from = YearMonth.of(2026, 1);
    YearMonth to = YearMonth.of(2026, 4);
    int lateFacts = 0;
    int openFacts = 0;
    int crossed = 0;
    for (int set = 0; set < 60; set++) {
      String why = "seed " + seed + ", data set " + set;
      await(mongo.write(mongo.collection(Rollups.SPEC.name()).deleteMany(new Document())));
      await(
          mongo.write(
              mongo.collection(PublishedIndicators.SPEC.name()).deleteMany(new Document())));
      int regions = 1 + random.nextInt(4);
      for (int r = 0; r < regions; r++) {
        for (Publication.Month month : randomMonths(random)) {
          await(
              mongo.write(
                  mongo
                      .collection(Rollups.SPEC.name())
                      .insertOne(
                          rollup("r" + r, month)
                              .append("_id", Rollups.id("r" + r, month.month())))));
        }
      }
      // Between 20 January and 20 April 2026.
      clock.set(
          Instant.parse("2026-01-20T00:00:00Z").plus(Duration.ofMinutes(random.nextInt(130_000))));
      Instant firstAt = clock.instant();
      JsonObject first = InsightsViews.json(await(publications.report("r0", from, to)));

      int facts = 1 + random.nextInt(9);
      for (int f = 0; f < facts; f++) {
        YearMonth month = from.plusMonths(random.nextInt(4));
        if (!clock.instant().isBefore(PublishedIndicators.publishedFrom(month))) {
          lateFacts++;
        } else if (month.equals(YearMonth.from(nl.koers.circle.AgeRules.today(clock.instant())))) {
          openFacts++;
        }
        Indicator indicator = Indicator.values()[random.nextInt(Indicator.values().length)];
        await(
            counting.apply(
                Facts.fact(
                    UUID.randomUUID().toString(),
                    "r" + random.nextInt(regions + 1),
                    month.toString(),
                    Facts.Audience.values()[random.nextInt(2)],
                    bandOf(indicator, random),
                    indicator.id(),
                    counters(random, 1),
                    Optional.empty()),
                random.nextBoolean()
                    ? Optional.empty()
                    : Optional.of(
                        new Rollups.Attribution(
                            "org" + random.nextInt(5), "professional-" + random.nextInt(8)))));
      }
      boolean moved = random.nextBoolean();
      if (moved) {
        clock.advance(Duration.ofHours(random.nextInt(24 * 40)));
      }
      JsonObject second = InsightsViews.json(await(publications.report("r0", from, to)));

      for (JsonObject read : List.of(first, second)) {
        Instant at = read == first ? firstAt : clock.instant();
        for (Object line : read.getJsonArray("months")) {
          YearMonth month = YearMonth.parse(((JsonObject) line).getString("month"));
          Instant third =
              month
                  .plusMonths(1)
                  .atDay(3)
                  .atStartOfDay(java.time.ZoneId.of("Europe/Amsterdam"))
                  .toInstant();
          assertThat(((JsonObject) line).getBoolean("published"))
              .as(why + ": " + month + " published at " + at)
              .isEqualTo(!at.isBefore(third));
        }
        assertThat(allCells(read).stream().map(c -> c.getString("month")))
            .as(why + ": a cell of the open month or a month not yet published")
            .allMatch(m -> published(read).contains(m));
      }
      if (first.getJsonArray("months").equals(second.getJsonArray("months"))) {
        assertThat(second).as(why + ": " + facts + " facts later").isEqualTo(first);
      } else {
        crossed++;
        for (String month : published(first)) {
          assertThat(cellsOf(second, month))
              .as(why + ": " + month + ", " + facts + " facts and a publication date later")
              .isEqualTo(cellsOf(first, month));
        }
      }
    }
    assertThat(lateFacts).as("facts for months already published").isGreaterThan(20);
    assertThat(openFacts).as("facts for the open month").isGreaterThan(20);
    assertThat(crossed).as("reads on both sides of a publication date").isGreaterThan(3);
  }

  private static List<String> published(JsonObject report) {
    return report.getJsonArray("months").stream()
        .map(JsonObject.class::cast)
        .filter(m -> m.getBoolean("published"))
        .map(m -> m.getString("month"))
        .toList();
  }

  private static List<JsonObject> allCells(JsonObject report) {
    List<JsonObject> cells = new ArrayList<>();
    for (JsonArray array :
        List.of(
            report.getJsonArray("cells"),
            report.getJsonObject("organisations").getJsonArray("cells"),
            report.getJsonObject("comparison").getJsonArray("cells"))) {
      array.forEach(c -> cells.add((JsonObject) c));
    }
    return cells;
  }

  private static List<JsonObject> cellsOf(JsonObject report, String month) {
    return allCells(report).stream().filter(c -> c.getString("month").equals(month)).toList();
  }

  /** A month as the rollup document the store would hold for a region. */
  private static Document rollup(String region, Publication.Month month) {
    return new Document("regionId", region)
        .append("month", month.month())
        .append("cells", stored(month.cells()))
        .append("orgs", stored(month.organisations()));
  }

  /** Counters as stored: an organisation's contributors as that many opaque tokens. */
  private static Document stored(Map<String, Publication.Counters> cells) {
    Document stored = new Document();
    cells.forEach(
        (cell, counters) -> {
          Document indicators = new Document();
          counters
              .byIndicator()
              .forEach(
                  (indicator, values) -> {
                    Document doc = new Document();
                    values.forEach(
                        (k, v) -> {
                          if (k.equals(Rollups.CONTRIBUTORS)) {
                            List<String> tokens = new ArrayList<>();
                            for (int i = 0; i < v; i++) {
                              tokens.add(cell + "-" + i);
                            }
                            doc.put(Rollups.CONTRIBUTED_BY, tokens);
                          } else {
                            doc.put(k, v);
                          }
                        });
                    indicators.put(indicator, doc);
                  });
          stored.put(cell, indicators);
        });
    return stored;
  }

  /**
   * Every group a published cell shows equals the truth and is nobody or at least 10 (n: at least
   * 10).
   */
  private static void assertPublishedGroups(
      Publication.Cell cell, Map<String, Map<String, Long>> truth, String why) {
    Map<String, Long> shown = shownGroups(cell);
    assertThat(shown)
        .as(why + ": the true groups")
        .isEqualTo(groups(cell.indicator(), truth.get(key(cell))));
    assertThat(shown.get("n")).as(why).isGreaterThanOrEqualTo(10);
    shown.forEach(
        (group, n) -> assertThat(n > 0 && n < 10).as(why + ": " + group + " = " + n).isFalse());
  }

  /**
   * Distributions only where asked for; there, every answer shown was given by at least 10 people,
   * and those left out hold nobody, or at least 10 people over at least three answers (or all are
   * left out). Answers the number of cells with some answers shown and some left out.
   */
  @SuppressWarnings("unchecked")
  private static int assertDistributions(
      Publication.Cell cell,
      Map<String, Map<String, Long>> truth,
      boolean distributions,
      String why) {
    if (cell.indicator().shape() != Indicator.Shape.SCORES || cell.detail().isEmpty()) {
      return 0;
    }
    Map<String, Map<String, Object>> items =
        (Map<String, Map<String, Object>>) cell.detail().get().get("items");
    int hidden = 0;
    for (Map.Entry<String, Map<String, Object>> item : items.entrySet()) {
      if (!distributions) {
        assertThat(item.getValue()).as(why + ": no distribution").containsOnlyKeys("mean");
        continue;
      }
      Map<String, Long> counters = truth.get(key(cell));
      long count = counters.get("count:" + item.getKey());
      Map<String, Double> shares = (Map<String, Double>) item.getValue().get("distribution");
      long shown = 0;
      for (Map.Entry<String, Double> share : shares.entrySet()) {
        long people = Math.round(share.getValue() * count);
        assertThat(people)
            .as(why + ": answer " + share.getKey())
            .isEqualTo(counters.get("dist:" + item.getKey() + ":" + share.getKey()))
            .isGreaterThanOrEqualTo(10);
        shown += people;
      }
      long leftOut = count - shown;
      // With no answer shown nothing is told but the count.
      if (leftOut > 0 && !shares.isEmpty()) {
        hidden++;
        long answersLeftOut =
            counters.entrySet().stream()
                .filter(e -> e.getKey().startsWith("dist:" + item.getKey() + ":"))
                .filter(e -> e.getValue() > 0)
                .filter(
                    e ->
                        !shares.containsKey(
                            e.getKey().substring(("dist:" + item.getKey() + ":").length())))
                .count();
        assertThat(leftOut).as(why + ": people in the answers left out").isGreaterThanOrEqualTo(10);
        assertThat(answersLeftOut)
            .as(why + ": answers left out")
            .isGreaterThanOrEqualTo(Publication.MIN_HIDDEN_BUCKETS);
      }
    }
    return hidden;
  }

  /**
   * What an attacker can work out: with the all-ages cell published, the hidden parts (bands, or
   * organisations with the facts of no organisation) together are the total minus the published
   * parts, for n and for each smaller group. That must be nobody, or a group of at least 10 of at
   * least two parts that hold someone.
   */
  private static void assertNotDerivable(
      List<Publication.Cell> group, Map<String, Map<String, Long>> truth, String why) {
    Publication.Cell total =
        group.stream()
            .filter(c -> c.band().equals(Publication.ALL_AGES) && c.organisation().isEmpty())
            .findFirst()
            .orElseThrow();
    for (boolean organisations : List.of(false, true)) {
      List<Publication.Cell> parts =
          group.stream()
              .filter(
                  c ->
                      organisations
                          ? c.organisation().isPresent()
                          : !c.band().equals(Publication.ALL_AGES))
              .toList();
      if (organisations && parts.isEmpty()) {
        continue;
      }
      if (total.suppressed()) {
        assertThat(parts.stream().filter(c -> !c.suppressed()))
            .as(why + ": a part published beside a hidden total")
            .isEmpty();
        continue;
      }
      Map<String, Long> totalGroups = shownGroups(total);
      for (Map.Entry<String, Long> people : totalGroups.entrySet()) {
        String name = people.getKey();
        long hiddenTogether =
            people.getValue()
                - parts.stream()
                    .filter(c -> !c.suppressed())
                    .mapToLong(c -> shownGroups(c).get(name))
                    .sum();
        List<Long> hiddenHolding =
            new ArrayList<>(
                parts.stream()
                    .filter(Publication.Cell::suppressed)
                    .map(
                        c ->
                            groups(c.indicator(), truth.getOrDefault(key(c), Map.of()))
                                .getOrDefault(name, 0L))
                    .filter(n -> n > 0)
                    .toList());
        long unattributed =
            people.getValue()
                - parts.stream()
                    .mapToLong(
                        c ->
                            groups(c.indicator(), truth.getOrDefault(key(c), Map.of()))
                                .getOrDefault(name, 0L))
                    .sum();
        // Unattributed facts, or a band counted in before the indicator had its own: never shown.
        if (unattributed > 0) {
          hiddenHolding.add(unattributed);
        }
        // All of it in a former band: the bands are empty, and the total tells nothing of them.
        boolean onlyFormer =
            !organisations
                && parts.stream()
                    .allMatch(c -> truth.getOrDefault(key(c), Map.of()).getOrDefault("n", 0L) == 0);
        if (hiddenTogether == 0 || onlyFormer) {
          continue;
        }
        String where = why + (organisations ? ": organisations" : ": bands") + ", " + name;
        assertThat(hiddenHolding.size()).as(where + ", one hidden part").isGreaterThan(1);
        assertThat(hiddenTogether).as(where + ", hidden parts together").isGreaterThanOrEqualTo(10);
      }
    }
  }

  /** Every band any indicator is counted in: its own, and those it was counted in before. */
  private static final List<String> EVERY_BAND =
      List.of("12-15", "16-17", "18+", "18-20", "21-23", "24-27");

  private static List<String> countedIn(Indicator indicator) {
    List<String> bands = new ArrayList<>(indicator.bands());
    bands.addAll(indicator.formerBands());
    return bands;
  }

  private static String bandOf(Indicator indicator, Random random) {
    List<String> bands = countedIn(indicator);
    return bands.get(random.nextInt(bands.size()));
  }

  /** The groups a published cell shows, as a reader works them out from n, value and detail. */
  private static Map<String, Long> shownGroups(Publication.Cell cell) {
    long n = cell.n().orElseThrow();
    Map<String, Long> shown = new TreeMap<>();
    shown.put("n", n);
    switch (cell.indicator().shape()) {
      case SHARE -> {
        long yes = Math.round(cell.value().orElseThrow() * n);
        shown.put("yes", yes);
        shown.put("no", n - yes);
      }
      case COUNT_AND_MEDIAN_HOURS -> {
        long acted = ((Number) cell.detail().orElseThrow().get("acted")).longValue();
        shown.put("acted", acted);
        shown.put("not-acted", n - acted);
      }
      default -> {}
    }
    return shown;
  }

  /** The groups of people in a cell's true counters. */
  private static Map<String, Long> groups(Indicator indicator, Map<String, Long> counters) {
    long n = counters.getOrDefault("n", 0L);
    Map<String, Long> groups = new TreeMap<>();
    groups.put("n", n);
    switch (indicator.shape()) {
      case SHARE -> {
        groups.put("yes", counters.getOrDefault("yes", 0L));
        groups.put("no", n - counters.getOrDefault("yes", 0L));
      }
      case COUNT_AND_MEDIAN_HOURS -> {
        groups.put("acted", counters.getOrDefault("acted", 0L));
        groups.put("not-acted", n - counters.getOrDefault("acted", 0L));
      }
      default -> {}
    }
    return groups;
  }

  private static String key(Publication.Cell cell) {
    return cell.indicator().id()
        + "|"
        + cell.month()
        + "|"
        + cell.audience()
        + "|"
        + cell.organisation().map(o -> "org:" + o).orElse(cell.band());
  }

  /**
   * The counters per cell straight from the data, the all-ages cell as the sum of the bands; an
   * organisation's with its number of contributors.
   */
  private static Map<String, Map<String, Long>> truth(List<Publication.Month> months) {
    Map<String, Map<String, Long>> truth = new HashMap<>();
    for (Publication.Month month : months) {
      month
          .cells()
          .forEach(
              (cell, counters) ->
                  counters
                      .byIndicator()
                      .forEach(
                          (indicator, values) -> {
                            String audience = cell.substring(0, cell.indexOf('|'));
                            String prefix = indicator + "|" + month.month() + "|" + audience + "|";
                            for (String key :
                                List.of(
                                    prefix + cell.substring(cell.indexOf('|') + 1),
                                    prefix + Publication.ALL_AGES)) {
                              Map<String, Long> sum =
                                  truth.computeIfAbsent(key, k -> new HashMap<>());
                              values.forEach((k, v) -> sum.merge(k, v, Long::sum));
                            }
                          }));
      month
          .organisations()
          .forEach(
              (cell, counters) ->
                  counters
                      .byIndicator()
                      .forEach(
                          (indicator, values) -> {
                            String audience = cell.substring(0, cell.indexOf('|'));
                            String key =
                                indicator
                                    + "|"
                                    + month.month()
                                    + "|"
                                    + audience
                                    + "|org:"
                                    + cell.substring(cell.indexOf('|') + 1);
                            truth.put(key, new HashMap<>(values));
                          }));
    }
    return truth;
  }

  /**
   * Months with random cells: many small, some empty, some large; scores, shares and signals acted
   * on. Each indicator's all-ages cell is split over up to four organisations with one to six
   * professionals each (each with part of its people, those counted in its share and acted on), and
   * a rest that no organisation is known for.
   */
  static List<Publication.Month> randomMonths(Random random) {
    List<Publication.Month> months = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int m = 0; m < count; m++) {
      Map<String, Publication.Counters> cells = new HashMap<>();
      Map<String, Map<String, Map<String, Long>>> organisations = new HashMap<>();
      for (Facts.Audience audience : Facts.Audience.values()) {
        Map<String, Map<String, Long>> allAges = new HashMap<>();
        for (String band : EVERY_BAND) {
          if (random.nextInt(5) == 0) {
            continue;
          }
          Map<String, Map<String, Long>> byIndicator = new HashMap<>();
          for (Indicator indicator : Indicator.values()) {
            long n = random.nextInt(4) == 0 ? random.nextInt(60) : random.nextInt(14);
            if (n == 0 || !countedIn(indicator).contains(band)) {
              continue;
            }
            Map<String, Long> counters = counters(random, n);
            byIndicator.put(indicator.id(), counters);
            Map<String, Long> sum = allAges.computeIfAbsent(indicator.id(), i -> new HashMap<>());
            counters.forEach((k, v) -> sum.merge(k, v, Long::sum));
          }
          cells.put(audience.name() + "|" + band, new Publication.Counters(byIndicator));
        }
        allAges.forEach(
            (indicator, total) -> {
              Map<String, Long> left = new HashMap<>(total);
              int orgs = random.nextInt(5);
              for (int o = 0; o < orgs && left.get("n") > 0; o++) {
                long part =
                    o == orgs - 1 && random.nextBoolean()
                        ? left.get("n")
                        : random.nextLong(left.get("n") + 1);
                if (part == 0) {
                  continue;
                }
                Map<String, Long> counters = counters(random, part);
                // The organisation's people are some of those left: of those counted in the share
                // (or acted on) and of the others, no more than are left of each.
                for (String bounded : List.of("yes", "acted")) {
                  long lowest = Math.max(0, part - (left.get("n") - left.get(bounded)));
                  long highest = Math.min(part, left.get(bounded));
                  counters.put(bounded, lowest + random.nextLong(highest - lowest + 1));
                  left.merge(bounded, -counters.get(bounded), Long::sum);
                }
                left.merge("n", -part, Long::sum);
                counters.put(Rollups.CONTRIBUTORS, 1L + random.nextInt(6));
                organisations
                    .computeIfAbsent(audience.name() + "|org" + o, k -> new HashMap<>())
                    .put(indicator, counters);
              }
            });
      }
      Map<String, Publication.Counters> byOrganisation = new HashMap<>();
      organisations.forEach((k, v) -> byOrganisation.put(k, new Publication.Counters(v)));
      months.add(
          new Publication.Month("2026-" + String.format("%02d", m + 1), cells, byOrganisation));
    }
    return months;
  }

  /** Counters of {@code n} people: a share, signals acted on, and answers 1-5 to item q. */
  private static Map<String, Long> counters(Random random, long n) {
    Map<String, Long> counters = new HashMap<>();
    counters.put("n", n);
    counters.put("yes", (long) random.nextInt((int) n + 1));
    counters.put("acted", random.nextBoolean() ? n : (long) random.nextInt((int) n + 1));
    counters.put("sum", n * random.nextInt(3));
    counters.put("count:q", n);
    long sum = 0;
    for (long person = 0; person < n; person++) {
      // Mostly middle answers, some at the ends: many small buckets.
      int value = Math.max(1, Math.min(5, 3 + (int) Math.round(random.nextGaussian() * 1.1)));
      counters.merge("dist:q:" + value, 1L, Long::sum);
      sum += value;
    }
    counters.put("sum:q", sum);
    counters.put("hist:" + random.nextInt(100), n);
    return counters;
  }
}
