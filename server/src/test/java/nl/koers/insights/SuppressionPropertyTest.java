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
            group.getValue(), "seed " + seed + ", data set " + set + ", " + group.getKey());
      }
    }
    assertThat(hiddenSeen).as("the data sets exercise suppression").isGreaterThan(1000);
  }

  /**
   * What an attacker can work out: with the all-ages n published, the hidden bands together are
   * total minus the published bands. That must not single out one band, nor be a group under 10.
   */
  private static void assertNotDerivable(List<Publication.Cell> group, String why) {
    Publication.Cell total =
        group.stream().filter(c -> c.band().equals(Publication.ALL_AGES)).findFirst().orElseThrow();
    List<Publication.Cell> hidden =
        group.stream()
            .filter(c -> !c.band().equals(Publication.ALL_AGES) && c.suppressed())
            .toList();
    if (total.suppressed() || hidden.isEmpty()) {
      // No total to subtract from, or nothing hidden: every band is hidden or shown as it is.
      if (total.suppressed()) {
        assertThat(group.stream().filter(c -> !c.suppressed())).as(why).isEmpty();
      }
      return;
    }
    long publishedBands =
        group.stream()
            .filter(c -> !c.band().equals(Publication.ALL_AGES) && !c.suppressed())
            .mapToLong(c -> c.n().orElseThrow())
            .sum();
    long hiddenTogether = total.n().orElseThrow() - publishedBands;
    assertThat(hidden.size())
        .as(why + ": one hidden band next to a published total")
        .isGreaterThan(1);
    assertThat(hiddenTogether).as(why + ": hidden bands together").isGreaterThanOrEqualTo(10);
  }

  private static String key(Publication.Cell cell) {
    return cell.indicator().id() + "|" + cell.month() + "|" + cell.audience() + "|" + cell.band();
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
    }
    return truth;
  }

  /** Months with random cells: many small, some empty, some large; scores and shares. */
  private static List<Publication.Month> randomMonths(Random random) {
    List<Publication.Month> months = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int m = 0; m < count; m++) {
      Map<String, Publication.Counters> cells = new HashMap<>();
      for (Facts.Audience audience : Facts.Audience.values()) {
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
            Map<String, Long> counters = new HashMap<>();
            counters.put("n", n);
            counters.put("yes", (long) random.nextInt((int) n + 1));
            counters.put("sum", n * random.nextInt(3));
            counters.put("count:q", n);
            counters.put("sum:q", n * (1 + random.nextInt(5)));
            counters.put("dist:q:3", n);
            counters.put("hist:" + random.nextInt(100), n);
            byIndicator.put(indicator.id(), counters);
          }
          cells.put(audience.name() + "|" + band, new Publication.Counters(byIndicator));
        }
      }
      months.add(new Publication.Month("2026-" + String.format("%02d", m + 1), cells));
    }
    return months;
  }
}
