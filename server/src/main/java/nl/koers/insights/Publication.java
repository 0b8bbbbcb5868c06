package nl.koers.insights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns counters into published cells, with small cells suppressed. Every cell carries its {@code
 * n}; a cell with n below {@link #THRESHOLD} is published without n or values. Within one
 * indicator, month and audience the age bands add up to the all-ages cell, so more bands are
 * suppressed until no hidden band can be recovered: never exactly one hidden band next to a
 * published total, and hidden bands together at least {@link #THRESHOLD}. Cells are per month only
 * (a period is never summed into a published total), so no difference between two queries reveals a
 * hidden cell.
 */
public final class Publication {

  public static final int THRESHOLD = 10;

  public static final List<String> BANDS = List.of("12-15", "16-17", "18+");
  public static final String ALL_AGES = "all";

  /** Counters of one cell: indicator → counter → value. */
  public record Counters(Map<String, Map<String, Long>> byIndicator) {
    Map<String, Long> of(Indicator indicator) {
      return byIndicator.getOrDefault(indicator.id(), Map.of());
    }
  }

  /** The counters of one month, per cell key ({@code AUDIENCE|band}). */
  public record Month(String month, Map<String, Counters> cells) {}

  /** One published cell; {@code n}, {@code value} and {@code detail} are empty when suppressed. */
  public record Cell(
      Indicator indicator,
      String month,
      Facts.Audience audience,
      String band,
      long trueN,
      boolean suppressed,
      Optional<Double> value,
      Optional<Map<String, Object>> detail) {

    public Optional<Long> n() {
      return suppressed ? Optional.empty() : Optional.of(trueN);
    }
  }

  private Publication() {}

  public static List<Cell> publish(List<Month> months) {
    List<Cell> cells = new ArrayList<>();
    for (Month month : months) {
      for (Indicator indicator : Indicator.values()) {
        for (Facts.Audience audience : Facts.Audience.values()) {
          cells.addAll(group(indicator, month, audience));
        }
      }
    }
    return cells;
  }

  /** The bands and the all-ages cell of one indicator, month and audience. */
  private static List<Cell> group(Indicator indicator, Month month, Facts.Audience audience) {
    Map<String, Map<String, Long>> bands = new LinkedHashMap<>();
    for (String band : BANDS) {
      Counters counters = month.cells().get(audience.name() + "|" + band);
      bands.put(band, counters == null ? Map.of() : counters.of(indicator));
    }
    Map<String, Long> total = sum(bands.values());
    if (n(total) == 0) {
      return List.of();
    }
    TreeSet<String> hidden = new TreeSet<>();
    for (String band : BANDS) {
      if (n(bands.get(band)) < THRESHOLD) {
        hidden.add(band);
      }
    }
    boolean totalHidden = n(total) < THRESHOLD;
    while (!totalHidden && !hidden.isEmpty() && !safe(hidden, bands)) {
      String smallest =
          BANDS.stream()
              .filter(b -> !hidden.contains(b))
              .min((a, b) -> Long.compare(n(bands.get(a)), n(bands.get(b))))
              .orElse(null);
      if (smallest == null) {
        break;
      }
      hidden.add(smallest);
    }
    List<Cell> cells = new ArrayList<>();
    for (String band : BANDS) {
      cells.add(
          cell(indicator, month.month(), audience, band, bands.get(band), hidden.contains(band)));
    }
    cells.add(cell(indicator, month.month(), audience, ALL_AGES, total, totalHidden));
    return cells;
  }

  /** Hidden bands cannot be told apart from the total: two or more, together at least 10. */
  private static boolean safe(TreeSet<String> hidden, Map<String, Map<String, Long>> bands) {
    long together = hidden.stream().mapToLong(b -> n(bands.get(b))).sum();
    return hidden.size() >= 2 && together >= THRESHOLD;
  }

  static Map<String, Long> sum(Iterable<Map<String, Long>> parts) {
    Map<String, Long> total = new HashMap<>();
    for (Map<String, Long> part : parts) {
      part.forEach((k, v) -> total.merge(k, v, Long::sum));
    }
    return total;
  }

  private static long n(Map<String, Long> counters) {
    return counters.getOrDefault("n", 0L);
  }

  private static Cell cell(
      Indicator indicator,
      String month,
      Facts.Audience audience,
      String band,
      Map<String, Long> counters,
      boolean hidden) {
    long n = n(counters);
    if (hidden || n == 0) {
      return new Cell(
          indicator, month, audience, band, n, true, Optional.empty(), Optional.empty());
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    Double value =
        switch (indicator.shape()) {
          case SHARE -> ratio(counters.getOrDefault("yes", 0L), n);
          case MEAN -> ratio(counters.getOrDefault("sum", 0L), n);
          case MEDIAN_HOURS -> median(counters, "hist:").orElse(null);
          case COUNT_AND_MEDIAN_HOURS -> {
            detail.put("acted", counters.getOrDefault("acted", 0L));
            median(counters, "hist:").ifPresent(m -> detail.put("medianHoursToFirstAction", m));
            yield (double) n;
          }
          case SCORES -> scores(counters, detail);
        };
    return new Cell(
        indicator,
        month,
        audience,
        band,
        n,
        false,
        Optional.ofNullable(value),
        detail.isEmpty() ? Optional.empty() : Optional.of(detail));
  }

  private static double ratio(long part, long whole) {
    return Math.round(1000.0 * part / whole) / 1000.0;
  }

  /** Per item: mean and the share of each answer; the value is the mean of the items' means. */
  private static Double scores(Map<String, Long> counters, Map<String, Object> detail) {
    Map<String, Map<String, Object>> items = new TreeMap<>();
    counters.forEach(
        (key, count) -> {
          if (key.startsWith("count:")) {
            String item = key.substring("count:".length());
            long sum = counters.getOrDefault("sum:" + item, 0L);
            Map<String, Double> distribution = new TreeMap<>();
            counters.forEach(
                (k, c) -> {
                  if (k.startsWith("dist:" + item + ":")) {
                    distribution.put(k.substring(("dist:" + item + ":").length()), ratio(c, count));
                  }
                });
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("mean", ratio(sum, count));
            view.put("distribution", distribution);
            items.put(item, view);
          }
        });
    if (items.isEmpty()) {
      return null;
    }
    detail.put("items", items);
    double mean =
        items.values().stream().mapToDouble(v -> (Double) v.get("mean")).average().orElse(0);
    return Math.round(mean * 100.0) / 100.0;
  }

  private static Optional<Double> median(Map<String, Long> counters, String prefix) {
    TreeMap<Long, Long> histogram = new TreeMap<>();
    counters.forEach(
        (k, c) -> {
          if (k.startsWith(prefix)) {
            histogram.merge(Long.parseLong(k.substring(prefix.length())), c, Long::sum);
          }
        });
    long total = histogram.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return Optional.empty();
    }
    long seen = 0;
    for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
      seen += bucket.getValue();
      if (seen * 2 >= total) {
        return Optional.of(bucket.getKey().doubleValue());
      }
    }
    return Optional.empty();
  }
}
