package nl.koers.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random data sets, published: no published cell has n below 10, and no hidden band can be worked
 * out from what is published (the all-ages cell minus the published bands). Checked from the
 * published cells alone, the way someone reading the export would try.
 */
class SuppressionPropertyTest {

  private static final int DATA_SETS = 2_000;

  @Test
  void noPublishedCellIsSmallAndNoHiddenCellCanBeWorkedOut() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int hiddenSeen = 0;
    int organisationsPublished = 0;
    for (int set = 0; set < DATA_SETS; set++) {
      List<Publication.Month> months = randomMonths(random);
      List<Publication.Cell> published = Publication.publish(months);
      Map<String, Long> truth = trueN(months);

      for (Publication.Cell cell : published) {
        String why = "seed " + seed + ", data set " + set + ", " + cell;
        if (!cell.suppressed()) {
          assertThat(cell.n())
              .as(why)
              .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(10));
          assertThat(cell.n()).as(why + ": the true n").contains(truth.get(key(cell)));
          if (cell.organisation().isPresent()) {
            organisationsPublished++;
            assertThat(truth.get(key(cell) + "|contributors"))
                .as(why + ": professionals behind an organisation's cell")
                .isGreaterThanOrEqualTo((long) Publication.MIN_PROFESSIONALS);
          }
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
  }

  /**
   * Random regions compared: besides the rules above, no published comparison cell has fewer than
   * three regions in it, and taking away any one region leaves at least 10 — so an analyst who
   * subtracts their own region never learns a small group of another.
   */
  @Test
  void theComparisonNeverRevealsAnotherRegionsSmallGroup() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int publishedSeen = 0;
    for (int set = 0; set < DATA_SETS / 4; set++) {
      List<org.bson.Document> rollups = new ArrayList<>();
      Map<String, Map<String, Long>> truthByRegion = new HashMap<>();
      int regions = 1 + random.nextInt(5);
      for (int r = 0; r < regions; r++) {
        List<Publication.Month> months = randomMonths(random);
        truthByRegion.put("r" + r, trueN(months));
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
      Map<String, Long> truth = trueN(all);
      String why = "seed " + seed + ", data set " + set;
      for (Publication.Cell cell : published) {
        if (cell.suppressed()) {
          continue;
        }
        publishedSeen++;
        assertThat(cell.n()).as(why + ", " + cell).contains(truth.get(key(cell)));
        long contributing =
            truthByRegion.values().stream().filter(t -> t.getOrDefault(key(cell), 0L) > 0).count();
        assertThat(contributing).as(why + ", regions in " + cell).isGreaterThanOrEqualTo(3);
        for (Map<String, Long> region : truthByRegion.values()) {
          assertThat(cell.n().orElseThrow() - region.getOrDefault(key(cell), 0L))
              .as(why + ", the others besides one region in " + cell)
              .isGreaterThanOrEqualTo(10);
        }
      }
      published.stream()
          .collect(Collectors.groupingBy(c -> c.indicator() + "|" + c.month() + "|" + c.audience()))
          .forEach((group, cells) -> assertNotDerivable(cells, truth, why + ", " + group));
    }
    assertThat(publishedSeen).as("the data sets publish comparison cells").isGreaterThan(100);
  }

  /** A month as the rollup document the store would hold for a region. */
  private static org.bson.Document rollup(String region, Publication.Month month) {
    org.bson.Document cells = new org.bson.Document();
    month
        .cells()
        .forEach(
            (cell, counters) -> {
              org.bson.Document indicators = new org.bson.Document();
              counters
                  .byIndicator()
                  .forEach(
                      (indicator, values) ->
                          indicators.put(indicator, new org.bson.Document(values)));
              cells.put(cell, indicators);
            });
    return new org.bson.Document("regionId", region)
        .append("month", month.month())
        .append("cells", cells);
  }

  /**
   * What an attacker can work out: with the all-ages n published, the hidden parts (bands, or
   * organisations with the facts of no organisation) together are the total minus the published
   * parts. That must be nobody, or a group under 10 of at least two parts that hold someone.
   */
  private static void assertNotDerivable(
      List<Publication.Cell> group, Map<String, Long> truth, String why) {
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
      long hiddenTogether =
          total.n().orElseThrow()
              - parts.stream()
                  .filter(c -> !c.suppressed())
                  .mapToLong(c -> c.n().orElseThrow())
                  .sum();
      List<Long> hiddenHolding =
          new ArrayList<>(
              parts.stream()
                  .filter(Publication.Cell::suppressed)
                  .map(c -> truth.getOrDefault(key(c), 0L))
                  .filter(n -> n > 0)
                  .toList());
      long unattributed =
          total.n().orElseThrow()
              - parts.stream().mapToLong(c -> truth.getOrDefault(key(c), 0L)).sum();
      if (organisations && unattributed > 0) {
        hiddenHolding.add(unattributed);
      }
      if (hiddenTogether == 0) {
        continue;
      }
      assertThat(hiddenHolding.size())
          .as(why + (organisations ? ": organisations" : ": bands") + ", one hidden part")
          .isGreaterThan(1);
      assertThat(hiddenTogether).as(why + ": hidden parts together").isGreaterThanOrEqualTo(10);
    }
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

  /** n per cell straight from the data, the all-ages cell as the sum of the bands. */
  private static Map<String, Long> trueN(List<Publication.Month> months) {
    Map<String, Long> truth = new HashMap<>();
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
                            long n = values.getOrDefault("n", 0L);
                            truth.merge(
                                prefix + cell.substring(cell.indexOf('|') + 1), n, Long::sum);
                            truth.merge(prefix + Publication.ALL_AGES, n, Long::sum);
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
                            truth.put(key, values.getOrDefault("n", 0L));
                            truth.put(
                                key + "|contributors",
                                values.getOrDefault(Rollups.CONTRIBUTORS, 0L));
                          }));
    }
    return truth;
  }

  /**
   * Months with random cells: many small, some empty, some large; scores and shares. Each
   * indicator's all-ages n is split over up to four organisations with one to six professionals
   * each, and a rest that no organisation is known for.
   */
  static List<Publication.Month> randomMonths(Random random) {
    List<Publication.Month> months = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int m = 0; m < count; m++) {
      Map<String, Publication.Counters> cells = new HashMap<>();
      Map<String, Map<String, Map<String, Long>>> organisations = new HashMap<>();
      for (Facts.Audience audience : Facts.Audience.values()) {
        Map<String, Long> allAges = new HashMap<>();
        for (String band : Publication.BANDS) {
          if (random.nextInt(5) == 0) {
            continue;
          }
          Map<String, Map<String, Long>> byIndicator = new HashMap<>();
          for (Indicator indicator : Indicator.values()) {
            long n = random.nextInt(4) == 0 ? random.nextInt(60) : random.nextInt(14);
            if (n == 0) {
              continue;
            }
            byIndicator.put(indicator.id(), counters(random, n));
            allAges.merge(indicator.id(), n, Long::sum);
          }
          cells.put(audience.name() + "|" + band, new Publication.Counters(byIndicator));
        }
        allAges.forEach(
            (indicator, n) -> {
              long left = n;
              int orgs = random.nextInt(5);
              for (int o = 0; o < orgs && left > 0; o++) {
                long part =
                    o == orgs - 1 && random.nextBoolean() ? left : random.nextLong(left + 1);
                left -= part;
                if (part == 0) {
                  continue;
                }
                Map<String, Long> counters = counters(random, part);
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

  private static Map<String, Long> counters(Random random, long n) {
    Map<String, Long> counters = new HashMap<>();
    counters.put("n", n);
    counters.put("yes", (long) random.nextInt((int) n + 1));
    counters.put("sum", n * random.nextInt(3));
    counters.put("count:q", n);
    counters.put("sum:q", n * (1 + random.nextInt(5)));
    counters.put("dist:q:3", n);
    counters.put("hist:" + random.nextInt(100), n);
    return counters;
  }
}
