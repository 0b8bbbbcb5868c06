package nl.koers.insights;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.koers.circle.AgeRules;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * Dev mode's demo numbers: a year of SYNTHETIC rollups for the demo region and two made-up
 * neighbours, with trends for every chart and some small cells to show suppression. Marked {@code
 * synthetic: true} (the API and the dashboard say so); written only where a month has no rollup
 * yet, so a restart adds nothing and real demo activity counts on top.
 */
public final class SyntheticRegions {

  public static final List<String> REGIONS = List.of("demo", "demo-noord", "demo-zuid");

  /** The demo region's organisations; the demo's professionals work for the first. */
  public static final List<String> ORGANISATIONS =
      List.of("jeugdhulp-west", "gezinshuis-oost", "wijkteam-centrum");

  /** How an organisation of the demo is called (its id in words). */
  public static String nameOf(String organisationId) {
    return switch (organisationId) {
      case "jeugdhulp-west" -> "Jeugdhulp West";
      case "gezinshuis-oost" -> "Gezinshuis Oost";
      case "wijkteam-centrum" -> "Wijkteam Centrum";
      default -> organisationId;
    };
  }

  private static final List<String> PULSE_ITEMS =
      List.of("heard", "my-goals", "approach", "overall");
  private static final List<String> SURVEY_ITEMS =
      List.of("taken-seriously", "listened", "say", "fits", "on-time", "better");

  private static final List<String> FOSTER_PARENT_ITEMS =
      List.of("know-who", "reachable", "support-fits", "involved", "informed");

  private final Documents rollups;
  private final Clock clock;

  public SyntheticRegions(Mongo mongo, Clock clock) {
    this.rollups = mongo.documents(Rollups.SPEC);
    this.clock = clock;
  }

  public Future<Void> seed() {
    YearMonth now = YearMonth.from(AgeRules.today(clock.instant()));
    // Side by side: each month is its own document, written only if missing.
    List<Future<?>> writes = new ArrayList<>();
    for (String region : REGIONS) {
      for (int back = 12; back >= 1; back--) {
        YearMonth month = now.minusMonths(back);
        Document rollup = rollup(region, month, 12 - back);
        writes.add(
            rollups.upsertById(
                Rollups.id(region, month.toString()), new Document("$setOnInsert", rollup)));
      }
    }
    return Future.all(writes).mapEmpty();
  }

  /** One month of one region; {@code step} 0..11 drives the trend upwards. */
  static Document rollup(String region, YearMonth month, int step) {
    Random random = new Random((region + month).hashCode());
    double trend = step / 11.0;
    Document cells = new Document();
    int[][] sizes = {{14, 30}, {10, 24}, {3, 14}};
    for (int b = 0; b < Publication.BANDS.size(); b++) {
      String band = Publication.BANDS.get(b);
      int people = sizes[b][0] + random.nextInt(sizes[b][1] - sizes[b][0]);
      Document youth = new Document();
      int requested = people + random.nextInt(people / 2 + 1);
      int answered = (int) Math.round(requested * (0.45 + 0.3 * trend));
      youth.put(Indicator.RESPONSE_RATE.id(), counters(Map.of("n", requested, "yes", answered)));
      youth.put(
          Indicator.SHARED_WITH_PROFESSIONAL.id(),
          counters(Map.of("n", answered, "yes", (int) Math.round(answered * (0.5 + 0.2 * trend)))));
      youth.put(Indicator.PULSE_SCORE.id(), scores(random, answered, PULSE_ITEMS, 3.0 + trend));
      youth.put(
          Indicator.SURVEY_SCORE.id(),
          scores(random, answered / 2, SURVEY_ITEMS, 3.2 + 0.8 * trend));
      int replies = answered / 2;
      youth.put(Indicator.REPLY_TIME.id(), hours(random, replies, 120 - 70 * trend));
      youth.put(
          Indicator.JIM_COVERAGE.id(),
          counters(
              Map.of("n", people * 3, "yes", (int) Math.round(people * 3 * (0.2 + 0.25 * trend)))));
      if (band.equals("16-17")) {
        youth.put(
            Indicator.PLAN_COVERAGE.id(),
            counters(
                Map.of(
                    "n", people * 2, "yes", (int) Math.round(people * 2 * (0.4 + 0.4 * trend)))));
        youth.put(
            Indicator.STEADY_CONTACT_CONFIRMED.id(),
            counters(
                Map.of(
                    "n",
                    people / 2 + 6,
                    "yes",
                    (int) Math.round((people / 2 + 6) * (0.5 + 0.4 * trend)))));
        youth.put(
            Indicator.HANDOVERS_PER_YOUTH.id(),
            counters(Map.of("n", people, "sum", (int) Math.round(people * (1.2 - 0.5 * trend)))));
      }
      int signals = 3 + random.nextInt(6);
      Document safety = hours(random, signals, 20 - 12 * trend);
      safety.put("acted", (long) signals);
      youth.put(Indicator.SAFETY_SIGNALS.id(), safety);
      cells.put(Facts.Audience.YOUTH.name() + "|" + band, youth);
      if (!band.equals("18+")) {
        int parents = people / 2 + random.nextInt(6);
        Document parent = new Document();
        parent.put(
            Indicator.SURVEY_SCORE.id(),
            scores(
                random,
                parents,
                List.of("taken-seriously", "informed", "fits", "better"),
                3.4 + 0.5 * trend));
        parent.put(
            Indicator.RESPONSE_RATE.id(), counters(Map.of("n", parents + 4, "yes", parents)));
        cells.put(Facts.Audience.PARENT.name() + "|" + band, parent);
      }
      cells.put(
          Facts.Audience.FOSTER_PARENT.name() + "|" + band, fosterParents(random, people, trend));
    }
    youngAdults(cells, step, trend);
    return new Document("regionId", region)
        .append("month", month.toString())
        .append("synthetic", true)
        .append("applied", List.of())
        .append("cells", cells)
        .append("orgs", organisations(region, cells, random));
  }

  /**
   * The follow-up check-ins per young adults' band: fewer as the bands get older (the oldest always
   * under 10, so the demo shows a suppressed band), fewer answered and fewer of those low as the
   * trend rises. No random numbers: the other cells' stay as they were.
   */
  private static void youngAdults(Document cells, int step, double trend) {
    int[] sizes = {16, 11, 7};
    for (int b = 0; b < Publication.YOUNG_ADULT_BANDS.size(); b++) {
      int asked = sizes[b] + step % 3;
      int answered = (int) Math.round(asked * (0.4 + 0.3 * trend - 0.08 * b));
      int low = (int) Math.round(answered * (0.35 - 0.15 * trend));
      Document youth = new Document();
      youth.put(Indicator.FOLLOW_UP_RESPONSE.id(), counters(Map.of("n", asked, "yes", answered)));
      youth.put(Indicator.FOLLOW_UP_LOW.id(), counters(Map.of("n", answered, "yes", low)));
      cells.put(Facts.Audience.YOUTH.name() + "|" + Publication.YOUNG_ADULT_BANDS.get(b), youth);
    }
  }

  /**
   * Made-up organisations: each takes a share of every all-ages cell (the rest is counted for no
   * organisation). The smallest has two professionals, so it is never shown on its own.
   */
  private static Document organisations(String region, Document cells, Random random) {
    Map<String, Integer> professionals =
        Map.of(ORGANISATIONS.get(0), 6, ORGANISATIONS.get(1), 4, ORGANISATIONS.get(2), 2);
    double[] shares = {0.45 + 0.1 * random.nextDouble(), 0.25 + 0.1 * random.nextDouble(), 0.1};
    Document orgs = new Document();
    for (Facts.Audience audience : Facts.Audience.values()) {
      Map<String, Map<String, Long>> allAges = new HashMap<>();
      List<String> bands = new java.util.ArrayList<>(Publication.BANDS);
      bands.addAll(Publication.YOUNG_ADULT_BANDS);
      for (String band : bands) {
        Document cell = cells.get(audience.name() + "|" + band, Document.class);
        if (cell != null) {
          cell.forEach(
              (indicator, counters) ->
                  ((Document) counters)
                      .forEach(
                          (k, v) ->
                              allAges
                                  .computeIfAbsent(indicator, i -> new HashMap<>())
                                  .merge(k, ((Number) v).longValue(), Long::sum)));
        }
      }
      for (int o = 0; o < ORGANISATIONS.size(); o++) {
        String organisation = ORGANISATIONS.get(o);
        double share = shares[o];
        Document indicators = new Document();
        allAges.forEach(
            (indicator, counters) -> {
              Document part = new Document();
              counters.forEach((k, v) -> part.put(k, (long) Math.floor(v * share)));
              part.put(
                  Rollups.CONTRIBUTED_BY,
                  java.util.stream.IntStream.range(0, professionals.get(organisation))
                      .mapToObj(i -> "synthetic-" + region + "-" + organisation + "-" + i)
                      .toList());
              indicators.put(indicator, part);
            });
        orgs.put(audience.name() + "|" + organisation, indicators);
      }
    }
    return orgs;
  }

  /**
   * The foster parents of a band: fewer than parents (so some cells fall under 10 and show as
   * suppressed), feeling a little better supported as the year goes on.
   */
  private static Document fosterParents(Random random, int people, double trend) {
    int answered = people / 3 + random.nextInt(4);
    Document cell = new Document();
    cell.put(
        Indicator.FOSTER_PARENT_SUPPORT.id(),
        scores(random, answered, FOSTER_PARENT_ITEMS, 3.1 + 0.6 * trend));
    cell.put(Indicator.RESPONSE_RATE.id(), counters(Map.of("n", answered + 3, "yes", answered)));
    return cell;
  }

  private static Document counters(Map<String, Integer> values) {
    Document doc = new Document();
    values.forEach((k, v) -> doc.put(k, v.longValue()));
    return doc;
  }

  private static Document scores(Random random, int answers, List<String> items, double mean) {
    Map<String, Long> counters = new HashMap<>();
    counters.put("n", (long) answers);
    for (String item : items) {
      for (int i = 0; i < answers; i++) {
        long value = Math.max(1, Math.min(5, Math.round(mean + random.nextGaussian() * 0.9)));
        counters.merge("count:" + item, 1L, Long::sum);
        counters.merge("sum:" + item, value, Long::sum);
        counters.merge("dist:" + item + ":" + value, 1L, Long::sum);
      }
    }
    return new Document(new HashMap<>(counters));
  }

  private static Document hours(Random random, int count, double median) {
    Map<String, Long> counters = new HashMap<>();
    counters.put("n", (long) count);
    for (int i = 0; i < count; i++) {
      long hours = Math.max(0, Math.round(median * Math.exp(random.nextGaussian() * 0.5)));
      counters.merge("hist:" + hours, 1L, Long::sum);
    }
    return new Document(new HashMap<>(counters));
  }
}
