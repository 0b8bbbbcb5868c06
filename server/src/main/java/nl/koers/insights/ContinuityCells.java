package nl.koers.insights;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The continuity monitor's counts made safe to show, under the rules of the indicators ({@link
 * Publication}): a count stands for a group of people, and so does its complement among those who
 * turn 18 that month (those who do have a steady contact, a plan, ...). A cell is shown only when
 * each of those groups holds nobody or at least {@link Publication#THRESHOLD}. Per month the
 * organisations (and the young people no organisation is known for, never shown on their own) add
 * up to the region: more organisations are suppressed until no hidden one can be worked out from
 * the region's cell and the others shown ({@link Publication#hidden}), an organisation is hidden
 * wherever fewer than {@link Publication#MIN_PROFESSIONALS} case coordinators stand behind it (it
 * would show one person's work), and where an organisation's turning-18 count is hidden so are its
 * other counts (together they would give it back). Months are separate cohorts and are never
 * summed.
 */
final class ContinuityCells {

  /** What is counted per month: those turning 18, and of them those without each step. */
  enum Measure {
    TURNING_18("turning18"),
    NO_STEADY_CONTACT("noSteadyContact"),
    NO_PLAN("noPlan"),
    NO_EXTENDED_CARE_DECISION("noExtendedCareDecision"),
    NO_HANDOVER("noHandover");

    final String field;

    Measure(String field) {
      this.field = field;
    }
  }

  /** The part of a month no organisation is known for (no case coordinator, or none with one). */
  static final String UNATTRIBUTED = Publication.UNATTRIBUTED;

  /** One group's counts in one month: per measure, and the case coordinators behind them. */
  static final class Tally {
    final Map<Measure, Long> counts = new EnumMap<>(Measure.class);
    final Set<String> coordinators = new HashSet<>();

    long of(Measure measure) {
      return counts.getOrDefault(measure, 0L);
    }

    void add(Measure measure) {
      counts.merge(measure, 1L, Long::sum);
    }
  }

  /** A month's cells: per measure its count, or empty when suppressed. */
  record Cells(YearMonth month, Map<Measure, Optional<Long>> byMeasure) {}

  /** The region's cells and, for each organisation listed, its own. */
  record Shown(List<Cells> region, Map<String, List<Cells>> organisations) {}

  private ContinuityCells() {}

  /** Per month (in order), the tally of each organisation and of {@link #UNATTRIBUTED}. */
  static Shown show(Map<YearMonth, Map<String, Tally>> months) {
    Set<String> organisations = new TreeSet<>();
    months.values().forEach(parts -> organisations.addAll(parts.keySet()));
    organisations.remove(UNATTRIBUTED);
    List<Cells> region = new ArrayList<>();
    Map<String, List<Cells>> byOrganisation = new LinkedHashMap<>();
    organisations.forEach(o -> byOrganisation.put(o, new ArrayList<>()));
    months.forEach(
        (month, parts) -> {
          Map<Measure, Long> total = new EnumMap<>(Measure.class);
          parts.values().forEach(t -> t.counts.forEach((m, n) -> total.merge(m, n, Long::sum)));
          Map<Measure, Boolean> regionShown = regionShown(total);
          region.add(cells(month, total, m -> !regionShown.get(m)));
          Map<Measure, Optional<Set<String>>> hidden = hiddenOrganisations(parts, regionShown);
          for (String organisation : organisations) {
            Tally tally = parts.getOrDefault(organisation, new Tally());
            // Where the region's cell is hidden, or no choice is safe, every organisation's is
            // (even a 0 would tell the others apart).
            byOrganisation
                .get(organisation)
                .add(
                    cells(
                        month,
                        tally.counts,
                        m ->
                            !regionShown.get(m)
                                || hidden.get(m).map(h -> h.contains(organisation)).orElse(true)));
          }
        });
    return new Shown(region, byOrganisation);
  }

  /**
   * The region's cells that may be shown: those turning 18 when nobody or at least the threshold; a
   * step missing when those without it and those with it are each nobody or at least that.
   */
  private static Map<Measure, Boolean> regionShown(Map<Measure, Long> total) {
    long turning = total.getOrDefault(Measure.TURNING_18, 0L);
    Map<Measure, Boolean> shown = new EnumMap<>(Measure.class);
    for (Measure measure : Measure.values()) {
      long without = total.getOrDefault(measure, 0L);
      shown.put(
          measure,
          turning == 0
              || (turning >= Publication.THRESHOLD
                  && !small(without)
                  && !small(turning - without)));
    }
    return shown;
  }

  /**
   * Per measure, the parts that stay hidden; empty where no choice is safe (a single part would
   * hold all there is).
   */
  private static Map<Measure, Optional<Set<String>>> hiddenOrganisations(
      Map<String, Tally> parts, Map<Measure, Boolean> regionShown) {
    Set<String> forced = new TreeSet<>(Set.of(UNATTRIBUTED));
    parts.forEach(
        (part, tally) -> {
          if (tally.coordinators.size() < Publication.MIN_PROFESSIONALS) {
            forced.add(part);
          }
        });
    Optional<Set<String>> turningHidden =
        Publication.hidden(
            groups(parts, Measure.TURNING_18), forced, regionShown.get(Measure.TURNING_18), 2);
    Map<Measure, Optional<Set<String>>> hidden = new EnumMap<>(Measure.class);
    hidden.put(Measure.TURNING_18, turningHidden);
    for (Measure measure : Measure.values()) {
      if (measure != Measure.TURNING_18) {
        hidden.put(
            measure,
            turningHidden.flatMap(
                h -> Publication.hidden(groups(parts, measure), h, regionShown.get(measure), 2)));
      }
    }
    return hidden;
  }

  /**
   * Each part's groups of people for one measure: those turning 18 ({@code n}), and for a missing
   * step those without it ({@code yes}) and those with it ({@code no}).
   */
  private static Map<String, Map<String, Long>> groups(Map<String, Tally> parts, Measure measure) {
    Map<String, Map<String, Long>> groups = new TreeMap<>();
    parts.forEach(
        (part, tally) -> {
          long turning = tally.of(Measure.TURNING_18);
          if (turning == 0) {
            return;
          }
          Map<String, Long> people = new HashMap<>();
          people.put("n", turning);
          if (measure != Measure.TURNING_18) {
            people.put("yes", tally.of(measure));
            people.put("no", turning - tally.of(measure));
          }
          groups.put(part, people);
        });
    groups.computeIfAbsent(UNATTRIBUTED, k -> new HashMap<>(Map.of("n", 0L)));
    return groups;
  }

  private static Cells cells(
      YearMonth month, Map<Measure, Long> counts, java.util.function.Predicate<Measure> hidden) {
    Map<Measure, Optional<Long>> byMeasure = new EnumMap<>(Measure.class);
    for (Measure measure : Measure.values()) {
      byMeasure.put(
          measure,
          hidden.test(measure) ? Optional.empty() : Optional.of(counts.getOrDefault(measure, 0L)));
    }
    return new Cells(month, byMeasure);
  }

  private static boolean small(long people) {
    return people > 0 && people < Publication.THRESHOLD;
  }
}
