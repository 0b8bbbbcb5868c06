package nl.koers.insights;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.koers.circle.AgeRules;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.People;
import nl.koers.identity.Role;
import nl.koers.plan.Plans;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.EmbeddedOutbox;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * The region's indicators: facts counted into monthly rollups as they happen, circle states
 * snapshotted, and queries answered from the rollups with small cells suppressed. Only the region's
 * analysts and admins may ask, and every query is logged with its purpose: learning.
 */
public final class Insights {

  public static final CollectionSpec QUERY_LOG =
      CollectionSpec.of("insightsQueryLog", Index.ascending("byRegion", "regionId", "at"));

  /** The longest period one query may cover. */
  public static final int MAX_MONTHS = 36;

  public static final String PURPOSE = "learning";

  /** What a query answers: the region's cells and the all-regions comparison. */
  public record Report(
      String regionId,
      YearMonth from,
      YearMonth to,
      boolean synthetic,
      int regionsCompared,
      List<Publication.Cell> region,
      List<Publication.Cell> allRegions) {}

  private final Mongo mongo;
  private final Rollups rollups;
  private final People people;
  private final YouthRecords youth;
  private final Plans plans;
  private final List<String> factSources;
  private final EmbeddedOutbox outbox;
  private final Clock clock;

  public Insights(
      Mongo mongo,
      Rollups rollups,
      People people,
      YouthRecords youth,
      Plans plans,
      List<String> factSources,
      Clock clock) {
    this.mongo = mongo;
    this.rollups = rollups;
    this.people = people;
    this.youth = youth;
    this.plans = plans;
    this.factSources = factSources;
    this.outbox = new EmbeddedOutbox(mongo, Facts.OUTBOX, 100);
    this.clock = clock;
  }

  /** Counts the facts recorded since the last round into the rollups (idempotent by fact id). */
  public Future<Integer> relay() {
    return outbox.drain(factSources, rollups::apply);
  }

  /** The indicators of one region from {@code from} to {@code to} (months, inclusive). */
  public Future<Report> query(
      Caller caller,
      String regionId,
      java.util.Optional<YearMonth> asFrom,
      java.util.Optional<YearMonth> asTo,
      String format) {
    YearMonth to = asTo.orElseGet(() -> YearMonth.from(AgeRules.today(clock.instant())));
    YearMonth from = asFrom.orElseGet(() -> to.minusMonths(11));
    if (from.isAfter(to) || from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
      return Future.failedFuture(
          Problem.of(ProblemKind.BAD_REQUEST, "problem.bad-request.period", MAX_MONTHS));
    }
    return people
        .find(caller.personId())
        .compose(
            person -> {
              Role role =
                  person
                      .flatMap(
                          p ->
                              p.has(Role.REGION_ANALYST, regionId)
                                  ? java.util.Optional.of(Role.REGION_ANALYST)
                                  : p.has(Role.REGION_ADMIN, regionId)
                                      ? java.util.Optional.of(Role.REGION_ADMIN)
                                      : java.util.Optional.empty())
                      .orElse(null);
              if (role == null) {
                // The same answer as for a region that does not exist.
                return Future.failedFuture(Problem.of(ProblemKind.NOT_FOUND));
              }
              return log(caller, role, regionId, from, to, format);
            })
        .compose(
            v ->
                Future.all(
                    rollups.region(regionId, from.toString(), to.toString()),
                    rollups.allRegions(from.toString(), to.toString())))
        .map(
            all -> {
              List<Document> own = all.resultAt(0);
              List<Document> every = all.resultAt(1);
              long regions = every.stream().map(d -> d.getString("regionId")).distinct().count();
              return new Report(
                  regionId,
                  from,
                  to,
                  own.stream().anyMatch(d -> d.getBoolean("synthetic", false)),
                  (int) regions,
                  Publication.publish(Rollups.months(own)),
                  Publication.publish(Rollups.months(every)));
            });
  }

  private Future<Void> log(
      Caller caller, Role role, String regionId, YearMonth from, YearMonth to, String format) {
    return mongo
        .write(
            mongo
                .collection(QUERY_LOG.name())
                .insertOne(
                    new Document("_id", UUID.randomUUID().toString())
                        .append("regionId", regionId)
                        .append("personId", caller.personId())
                        .append("role", role.name())
                        .append("purpose", PURPOSE)
                        .append("from", from.toString())
                        .append("to", to.toString())
                        .append("format", format)
                        .append("requestId", caller.requestId())
                        .append("at", Date.from(clock.instant()))))
        .mapEmpty();
  }

  /**
   * The state indicators of this month (JIM coverage, plan coverage at 16-17, steady contact
   * confirmed at 17¾, changes of steady contact), per region, from the young people's records.
   */
  public Future<Integer> snapshot() {
    return youth
        .regions()
        .compose(
            regions -> {
              Future<Integer> done = Future.succeededFuture(0);
              for (String region : regions) {
                done = done.compose(n -> snapshot(region).map(n + 1));
              }
              return done;
            });
  }

  private Future<Void> snapshot(String regionId) {
    Instant now = clock.instant();
    String month = Facts.month(now);
    return youth
        .inRegion(regionId)
        .compose(
            records -> {
              List<String> planAge = new ArrayList<>();
              for (Document record : records) {
                if (Facts.band(born(record), now).equals("16-17")) {
                  planAge.add(record.getString("_id"));
                }
              }
              return plans
                  .started(planAge)
                  .compose(started -> writeSnapshot(regionId, month, records, started, now));
            });
  }

  private Future<Void> writeSnapshot(
      String regionId, String month, List<Document> records, Set<String> started, Instant now) {
    Map<String, Map<Indicator, Map<String, Long>>> cells = new HashMap<>();
    for (Document record : records) {
      LocalDate born = born(record);
      if (AgeRules.age(born, now) < AgeRules.OWN_ACCOUNT) {
        continue;
      }
      String band = Facts.band(born, now);
      Map<Indicator, Map<String, Long>> cell =
          cells.computeIfAbsent(Facts.Audience.YOUTH.name() + "|" + band, c -> new HashMap<>());
      count(cell, Indicator.JIM_COVERAGE, hasActiveJim(record, now));
      if (band.equals("16-17")) {
        count(cell, Indicator.PLAN_COVERAGE, started.contains(record.getString("_id")));
      }
      Document steady = record.get("steadyContact", Document.class);
      boolean lastQuarter =
          !now.isBefore(AgeRules.turns(born, 17).atZone(AgeRules.ZONE).plusMonths(9).toInstant())
              && now.isBefore(AgeRules.turns(born, AgeRules.ADULT));
      if (lastQuarter) {
        count(
            cell,
            Indicator.STEADY_CONTACT_CONFIRMED,
            steady != null && steady.getDate("confirmedAt") != null);
      }
      if (steady != null) {
        Map<String, Long> handovers =
            cell.computeIfAbsent(Indicator.HANDOVERS_PER_YOUTH, i -> new HashMap<>());
        handovers.merge("n", 1L, Long::sum);
        handovers.merge("sum", (long) steady.getInteger("changes", 0), Long::sum);
      }
    }
    Future<Void> written = Future.succeededFuture();
    for (Map.Entry<String, Map<Indicator, Map<String, Long>>> cell : cells.entrySet()) {
      for (Map.Entry<Indicator, Map<String, Long>> indicator : cell.getValue().entrySet()) {
        written =
            written.compose(
                v ->
                    rollups.snapshot(
                        regionId, month, cell.getKey(), indicator.getKey(), indicator.getValue()));
      }
    }
    return written;
  }

  private static void count(
      Map<Indicator, Map<String, Long>> cell, Indicator indicator, boolean yes) {
    Map<String, Long> counters = cell.computeIfAbsent(indicator, i -> new HashMap<>());
    counters.merge("n", 1L, Long::sum);
    counters.merge("yes", yes ? 1L : 0L, Long::sum);
  }

  private static boolean hasActiveJim(Document record, Instant now) {
    return record.getList("relations", Document.class, List.of()).stream()
        .anyMatch(
            r ->
                "JIM".equals(r.getString("kind"))
                    && !r.getDate("since").toInstant().isAfter(now)
                    && (r.getDate("until") == null
                        || now.isBefore(r.getDate("until").toInstant())));
  }

  private static LocalDate born(Document record) {
    return LocalDate.parse(record.getString("dateOfBirth"));
  }
}
