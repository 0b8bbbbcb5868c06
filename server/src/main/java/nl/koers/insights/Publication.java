package nl.koers.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns counters into published cells, with small cells suppressed. Every cell carries its {@code
 * n}; a cell with n below {@link #THRESHOLD} is published without n or values. Only closed months
 * are published, each from a copy frozen at its first publication ({@link PublishedIndicators}).
 *
 * <p>Besides n, a cell may stand for smaller groups of people: a share ({@code yes} of {@code n})
 * stands for those counted in it and those not, the safety signals for those acted on and those
 * not. Each such group must hold nobody or at least {@link #THRESHOLD}, or the cell is suppressed
 * ({@link #people}).
 *
 * <p>Within one indicator, month and audience, the age bands add up to the all-ages cell (with the
 * bands it was counted in before it had its own, {@link Indicator#formerBands}, which are never
 * shown on their own), and so do the organisations (with the facts no organisation is known for,
 * which are never shown on their own). In each such partition more parts are suppressed until none
 * can be recovered from the total: for n and for every smaller group, the hidden parts that are not
 * empty are never exactly one, and together at least {@link #THRESHOLD}. Bands and organisations
 * are never crossed, so neither partition tells anything about the other's hidden parts. An
 * organisation's cell also stays hidden while fewer than {@link #MIN_PROFESSIONALS} professionals
 * contributed to it: it would show one person's work.
 *
 * <p>The answers' distribution per questionnaire item is published only on the region's all-ages
 * cell: on bands, organisations or the comparison, subtracting one distribution from another would
 * give the buckets of the hidden part. Within it a bucket (the people who gave one answer) with 1-9
 * people is not published, and more are hidden until the hidden buckets hold nobody, or at least
 * {@link #THRESHOLD} people over at least {@link #MIN_HIDDEN_BUCKETS} answers: with two, the item's
 * mean and the shares shown would tell them apart. (A mean is not a count of people and is
 * published for every cell shown; like any exact mean, near the ends of the scale it can tell that
 * all but a few gave the highest or lowest answer.)
 *
 * <p>Cells are per month only (a period is never summed into a published total), so no difference
 * between two queries reveals a hidden cell. The all-regions comparison is published under the same
 * rules, and a comparison cell also stays hidden unless at least {@link #MIN_REGIONS} regions
 * contribute and the others besides any one region hold at least {@link #THRESHOLD} (and, for each
 * smaller group, nobody or at least {@link #THRESHOLD}): subtracting one's own region never yields
 * a small group of another region.
 */
public final class Publication {

  public static final int THRESHOLD = 10;

  /** Professionals behind an organisation's cell, at least; fewer would show a person's work. */
  public static final int MIN_PROFESSIONALS = 3;

  /** Regions behind a comparison cell, at least. */
  public static final int MIN_REGIONS = 3;

  /** Answers of an item that are hidden together, at least, when any is hidden. */
  public static final int MIN_HIDDEN_BUCKETS = 3;

  public static final List<String> BANDS = List.of("12-15", "16-17", "18+");

  /** The bands of the follow-up indicators ({@link Indicator#bands}): young adults only. */
  public static final List<String> YOUNG_ADULT_BANDS = List.of("18-20", "21-23", "24-27");

  public static final String ALL_AGES = "all";

  /** The part of the organisations' partition no organisation is known for: always hidden. */
  static final String UNATTRIBUTED = "";

  /** Counters of one cell: indicator → counter → value. */
  public record Counters(Map<String, Map<String, Long>> byIndicator) {
    Map<String, Long> of(Indicator indicator) {
      return byIndicator.getOrDefault(indicator.id(), Map.of());
    }
  }

  /**
   * The counters of one month: per band cell ({@code AUDIENCE|band}) and per organisation cell
   * ({@code AUDIENCE|organisation}, all ages).
   */
  public record Month(
      String month, Map<String, Counters> cells, Map<String, Counters> organisations) {

    public Month(String month, Map<String, Counters> cells) {
      this(month, cells, Map.of());
    }
  }

  /**
   * One published cell; {@code n}, {@code value} and {@code detail} are empty when suppressed. An
   * organisation's cell has the organisation and the all-ages band.
   */
  public record Cell(
      Indicator indicator,
      String month,
      Facts.Audience audience,
      String band,
      Optional<String> organisation,
      long trueN,
      boolean suppressed,
      Optional<Double> value,
      Optional<Map<String, Object>> detail) {

    public Optional<Long> n() {
      return suppressed ? Optional.empty() : Optional.of(trueN);
    }
  }

  /** Cells that must stay hidden whatever their n (the comparison's region rule). */
  interface Guard {
    Guard NONE = (month, indicator, audience, band) -> false;

    boolean hides(String month, Indicator indicator, Facts.Audience audience, String band);
  }

  private Publication() {}

  /** One region's cells per band and all ages, and per organisation. */
  public static List<Cell> publish(List<Month> months) {
    List<Cell> cells = new ArrayList<>();
    for (Month month : months) {
      for (Indicator indicator : Indicator.values()) {
        for (Facts.Audience audience : Facts.Audience.values()) {
          List<Cell> bands = bands(indicator, month, audience, Guard.NONE, true);
          cells.addAll(bands);
          cells.addAll(organisations(indicator, month, audience, bands));
        }
      }
    }
    return cells;
  }

  /**
   * All regions together ({@code all}), per band and all ages; {@code byRegion} holds the same
   * months region by region, for the region rule.
   */
  public static List<Cell> compare(List<Month> all, Map<String, List<Month>> byRegion) {
    Guard guard = fewRegions(byRegion);
    List<Cell> cells = new ArrayList<>();
    for (Month month : all) {
      for (Indicator indicator : Indicator.values()) {
        for (Facts.Audience audience : Facts.Audience.values()) {
          cells.addAll(bands(indicator, month, audience, guard, false));
        }
      }
    }
    return cells;
  }

  /**
   * The bands and the all-ages cell of one indicator, month and audience; {@code distributions}:
   * the all-ages cell publishes the items' answer distributions.
   */
  private static List<Cell> bands(
      Indicator indicator,
      Month month,
      Facts.Audience audience,
      Guard guard,
      boolean distributions) {
    Map<String, Map<String, Long>> bands = bandCounters(indicator, month, audience);
    Map<String, Long> total = sum(bands.values());
    if (n(total) == 0) {
      return List.of();
    }
    boolean totalHidden =
        !publishable(people(indicator, total))
            || guard.hides(month.month(), indicator, audience, ALL_AGES);
    Set<String> forced = new TreeSet<>(indicator.formerBands());
    for (String band : indicator.bands()) {
      if (guard.hides(month.month(), indicator, audience, band)) {
        forced.add(band);
      }
    }
    Map<String, Map<String, Long>> people = new LinkedHashMap<>();
    bands.forEach((band, counters) -> people.put(band, people(indicator, counters)));
    // All of it counted before the bands it is published in: they are empty, the total tells none.
    boolean onlyFormer = indicator.bands().stream().allMatch(b -> n(bands.get(b)) == 0);
    Optional<Set<String>> safelyHidden =
        onlyFormer ? Optional.of(bands.keySet()) : hidden(people, forced, !totalHidden, 2);
    // The total would tell the one hidden band: it goes too.
    totalHidden = totalHidden || safelyHidden.isEmpty();
    Set<String> hidden = safelyHidden.orElse(bands.keySet());
    List<Cell> cells = new ArrayList<>();
    for (String band : indicator.bands()) {
      cells.add(
          cell(
              indicator,
              month.month(),
              audience,
              band,
              Optional.empty(),
              bands.get(band),
              hidden.contains(band),
              false));
    }
    cells.add(
        cell(
            indicator,
            month.month(),
            audience,
            ALL_AGES,
            Optional.empty(),
            total,
            totalHidden,
            distributions));
    return cells;
  }

  /** The counters of every band the indicator was counted in, its former bands too. */
  private static Map<String, Map<String, Long>> bandCounters(
      Indicator indicator, Month month, Facts.Audience audience) {
    Map<String, Map<String, Long>> bands = new LinkedHashMap<>();
    List<String> counted = new ArrayList<>(indicator.bands());
    counted.addAll(indicator.formerBands());
    for (String band : counted) {
      Counters counters = month.cells().get(audience.name() + "|" + band);
      bands.put(band, counters == null ? Map.of() : counters.of(indicator));
    }
    return bands;
  }

  /**
   * The groups of people a cell stands for, by name: {@code n}, and for a share those counted in it
   * ({@code yes}) and those not ({@code no}); for the safety signals those acted on and those not.
   * Publishing the cell publishes each of them.
   */
  static Map<String, Long> people(Indicator indicator, Map<String, Long> counters) {
    long n = n(counters);
    Map<String, Long> people = new LinkedHashMap<>();
    people.put("n", n);
    switch (indicator.shape()) {
      case SHARE -> {
        long yes = Math.min(n, counters.getOrDefault("yes", 0L));
        people.put("yes", yes);
        people.put("no", n - yes);
      }
      case COUNT_AND_MEDIAN_HOURS -> {
        long acted = Math.min(n, counters.getOrDefault("acted", 0L));
        people.put("acted", acted);
        people.put("not-acted", n - acted);
      }
      default -> {}
    }
    return people;
  }

  /** At least {@link #THRESHOLD} in all, and each smaller group nobody or at least that. */
  static boolean publishable(Map<String, Long> people) {
    return people.getOrDefault("n", 0L) >= THRESHOLD
        && people.values().stream().noneMatch(Publication::small);
  }

  /** A group of 1 to 9 people. */
  private static boolean small(long people) {
    return people > 0 && people < THRESHOLD;
  }

  /** The organisations' cells beside the all-ages cell just published. */
  private static List<Cell> organisations(
      Indicator indicator, Month month, Facts.Audience audience, List<Cell> bands) {
    Optional<Cell> total = bands.stream().filter(c -> c.band().equals(ALL_AGES)).findFirst();
    if (total.isEmpty()) {
      return List.of();
    }
    String prefix = audience.name() + "|";
    Map<String, Map<String, Long>> parts = new TreeMap<>();
    month
        .organisations()
        .forEach(
            (key, counters) -> {
              Map<String, Long> of = counters.of(indicator);
              if (key.startsWith(prefix) && n(of) > 0) {
                parts.put(key.substring(prefix.length()), of);
              }
            });
    if (parts.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Long>> people = new TreeMap<>();
    parts.forEach(
        (organisation, counters) -> people.put(organisation, people(indicator, counters)));
    // The rest: what no organisation is known for, group by group.
    Map<String, Long> rest =
        new LinkedHashMap<>(
            people(indicator, sum(bandCounters(indicator, month, audience).values())));
    people.values().forEach(p -> p.forEach((k, v) -> rest.merge(k, -v, Long::sum)));
    rest.replaceAll((k, v) -> Math.max(0, v));
    people.put(UNATTRIBUTED, rest);
    Set<String> forced = new TreeSet<>(List.of(UNATTRIBUTED));
    parts.forEach(
        (organisation, counters) -> {
          if (counters.getOrDefault(Rollups.CONTRIBUTORS, 0L) < MIN_PROFESSIONALS) {
            forced.add(organisation);
          }
        });
    Optional<Set<String>> safelyHidden = hidden(people, forced, !total.get().suppressed(), 2);
    if (safelyHidden.isEmpty()) {
      // One organisation holds all there is: even listing it as hidden would show its numbers.
      return List.of();
    }
    Set<String> hidden = safelyHidden.get();
    List<Cell> cells = new ArrayList<>();
    parts.forEach(
        (organisation, counters) ->
            cells.add(
                cell(
                    indicator,
                    month.month(),
                    audience,
                    ALL_AGES,
                    Optional.of(organisation),
                    counters,
                    hidden.contains(organisation),
                    false)));
    return cells;
  }

  /**
   * Which parts of a partition stay hidden: the small and the {@code forced} ones, then the
   * smallest others until the hidden ones cannot be told apart from the total. With the total
   * hidden, every part is. Empty when no choice is safe: a single part holds all there is. Each
   * part is given as its groups of people ({@link #people}, or just {@code n}); {@code minHolding}
   * is how many hidden parts must hold someone when any does.
   */
  static Optional<Set<String>> hidden(
      Map<String, Map<String, Long>> parts,
      Set<String> forced,
      boolean totalPublished,
      int minHolding) {
    if (!totalPublished) {
      return Optional.of(parts.keySet());
    }
    Set<String> hidden = new TreeSet<>(forced);
    parts.forEach(
        (part, people) -> {
          if (n(people) < THRESHOLD || people.values().stream().anyMatch(Publication::small)) {
            hidden.add(part);
          }
        });
    while (!safe(hidden, parts, minHolding)) {
      Optional<String> smallest =
          parts.keySet().stream()
              .filter(p -> !hidden.contains(p))
              .min(Comparator.comparingLong((String p) -> n(parts.get(p))).thenComparing(p -> p));
      if (smallest.isEmpty()) {
        return Optional.empty();
      }
      hidden.add(smallest.get());
    }
    return Optional.of(hidden);
  }

  /**
   * Hidden parts cannot be told apart from the total: for n and for each smaller group, none holds
   * anyone, or {@code minHolding} or more do and together at least {@link #THRESHOLD}.
   */
  private static boolean safe(
      Set<String> hidden, Map<String, Map<String, Long>> parts, int minHolding) {
    Set<String> groups = new TreeSet<>();
    parts.values().forEach(p -> groups.addAll(p.keySet()));
    for (String group : groups) {
      long holding = hidden.stream().filter(p -> parts.get(p).getOrDefault(group, 0L) > 0).count();
      long together = hidden.stream().mapToLong(p -> parts.get(p).getOrDefault(group, 0L)).sum();
      if (holding != 0 && (holding < minHolding || together < THRESHOLD)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The comparison's region rule: a cell with fewer than {@link #MIN_REGIONS} regions in it, or
   * where all regions but one hold fewer than {@link #THRESHOLD}, stays hidden; so does one where
   * taking away any one region leaves a smaller group ({@link #people}) of 1 to 9.
   */
  private static Guard fewRegions(Map<String, List<Month>> byRegion) {
    Map<String, List<Map<String, Long>>> perCell = new HashMap<>();
    for (List<Month> months : byRegion.values()) {
      for (Month month : months) {
        for (Indicator indicator : Indicator.values()) {
          for (Facts.Audience audience : Facts.Audience.values()) {
            Map<String, Map<String, Long>> bands = bandCounters(indicator, month, audience);
            bands.put(ALL_AGES, sum(bands.values()));
            bands.forEach(
                (band, counters) -> {
                  if (n(counters) > 0) {
                    perCell
                        .computeIfAbsent(
                            guardKey(month.month(), indicator, audience, band),
                            k -> new ArrayList<>())
                        .add(people(indicator, counters));
                  }
                });
          }
        }
      }
    }
    return (month, indicator, audience, band) -> {
      List<Map<String, Long>> regions =
          perCell.getOrDefault(guardKey(month, indicator, audience, band), List.of());
      if (regions.size() < MIN_REGIONS) {
        return true;
      }
      Map<String, Long> total = sum(regions);
      for (Map<String, Long> region : regions) {
        for (Map.Entry<String, Long> group : total.entrySet()) {
          long others = group.getValue() - region.getOrDefault(group.getKey(), 0L);
          if (group.getKey().equals("n") ? others < THRESHOLD : small(others)) {
            return true;
          }
        }
      }
      return false;
    };
  }

  private static String guardKey(
      String month, Indicator indicator, Facts.Audience audience, String band) {
    return month + "|" + indicator.id() + "|" + audience + "|" + band;
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
      Optional<String> organisation,
      Map<String, Long> counters,
      boolean hidden,
      boolean distributions) {
    long n = n(counters);
    if (hidden || n == 0) {
      return new Cell(
          indicator,
          month,
          audience,
          band,
          organisation,
          n,
          true,
          Optional.empty(),
          Optional.empty());
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
          case SCORES -> scores(counters, detail, distributions);
        };
    return new Cell(
        indicator,
        month,
        audience,
        band,
        organisation,
        n,
        false,
        Optional.ofNullable(value),
        detail.isEmpty() ? Optional.empty() : Optional.of(detail));
  }

  private static double ratio(long part, long whole) {
    return Math.round(1000.0 * part / whole) / 1000.0;
  }

  /**
   * Per item: the mean, and with {@code distributions} the share of each answer that enough people
   * gave ({@link #distribution}); the value is the mean of the items' means.
   */
  private static Double scores(
      Map<String, Long> counters, Map<String, Object> detail, boolean distributions) {
    Map<String, Map<String, Object>> items = new TreeMap<>();
    counters.forEach(
        (key, count) -> {
          if (key.startsWith("count:") && count > 0) {
            String item = key.substring("count:".length());
            long sum = counters.getOrDefault("sum:" + item, 0L);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("mean", ratio(sum, count));
            if (distributions) {
              view.put("distribution", distribution(counters, item, count));
            }
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

  /**
   * The share of each answer of an item, for the answers given by at least {@link #THRESHOLD}
   * people; the others are left out, and with them more until together they hold nobody or at least
   * {@link #THRESHOLD} people over at least {@link #MIN_HIDDEN_BUCKETS} answers. The shares shown
   * may so add up to less than 1. Empty when no answer can be shown.
   */
  static Map<String, Double> distribution(Map<String, Long> counters, String item, long count) {
    String prefix = "dist:" + item + ":";
    Map<String, Map<String, Long>> buckets = new TreeMap<>();
    counters.forEach(
        (k, c) -> {
          if (k.startsWith(prefix) && c > 0) {
            buckets.put(k.substring(prefix.length()), Map.of("n", c));
          }
        });
    Set<String> hidden =
        hidden(buckets, Set.of(), true, MIN_HIDDEN_BUCKETS).orElse(buckets.keySet());
    Map<String, Double> distribution = new TreeMap<>();
    buckets.forEach(
        (answer, people) -> {
          if (!hidden.contains(answer)) {
            distribution.put(answer, ratio(n(people), count));
          }
        });
    return distribution;
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
