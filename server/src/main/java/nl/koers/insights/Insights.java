package nl.koers.insights;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import nl.koers.circle.AgeRules;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.plan.Plans;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.EmbeddedOutbox;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import nl.koers.region.Regions;
import org.bson.Document;

/**
 * The region's indicators: facts counted into monthly rollups as they happen, circle states
 * snapshotted, and queries answered from the closed months' rollups as frozen at their first
 * publication ({@link PublishedIndicators}), with small cells suppressed. Only the region's
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
      List<PublishedIndicators.MonthStatus> months,
      boolean synthetic,
      int regionsCompared,
      List<Publication.Cell> region,
      List<Publication.Cell> allRegions) {}

  private final QueryLogStore queryLog;
  private final Rollups rollups;
  private final PublishedIndicators published;
  private final People people;
  private final Regions regions;
  private final YouthRecords youth;
  private final Plans plans;
  private final Supplier<List<String>> factSources;
  private final EmbeddedOutbox outbox;
  private final FieldCipher cipher;
  private final Clock clock;

  /** The purpose of the professionals' tokens in rollups. */
  private static final String CONTRIBUTOR = "insights-contributor";

  public Insights(
      Mongo mongo,
      Rollups rollups,
      People people,
      Regions regions,
      YouthRecords youth,
      Plans plans,
      Supplier<List<String>> factSources,
      FieldCipher cipher,
      Clock clock) {
    this.cipher = cipher;
    this.queryLog = new QueryLogStore(mongo, clock);
    this.rollups = rollups;
    this.people = people;
    this.regions = regions;
    this.youth = youth;
    this.plans = plans;
    this.factSources = factSources;
    this.outbox = new EmbeddedOutbox(mongo, Facts.OUTBOX, 100);
    this.clock = clock;
    this.published = new PublishedIndicators(mongo, clock);
  }

  /** Publishes the months that are due and not published yet (also done on the first query). */
  public Future<Integer> publishDue() {
    return published.publishDue();
  }

  /** Counts the facts recorded since the last round into the rollups (idempotent by fact id). */
  public Future<Integer> relay() {
    return outbox.drain(factSources.get(), this::count);
  }

  /** Adds a fact to its cell, and to the organisation of the professional it is about. */
  private Future<Void> count(Document fact) {
    String professional = fact.getString(Facts.ABOUT_HELP_OF);
    if (professional == null) {
      return rollups.apply(fact, Optional.empty());
    }
    String regionId = fact.getString("regionId");
    return people
        .find(professional)
        .compose(
            person ->
                rollups.apply(
                    fact,
                    person
                        .flatMap(p -> p.organisationIn(regionId))
                        .map(org -> attribution(org, professional))));
  }

  /**
   * The organisation and an opaque token of the professional: rollups count distinct professionals
   * per organisation without holding their ids, and without the data key file nobody can tell whose
   * a token is (the ids of every professional are no help). The key goes over the token Koers made
   * before tokens were keyed, so those stored then can be keyed without knowing whose they were.
   */
  Rollups.Attribution attribution(String organisationId, String professionalId) {
    return new Rollups.Attribution(
        organisationId, contributorToken(Ids.derived(CONTRIBUTOR, organisationId, professionalId)));
  }

  private String contributorToken(String unkeyed) {
    return cipher.keyedToken(CONTRIBUTOR, unkeyed);
  }

  /** Keys the contributor tokens stored before they were keyed; at every start, once in effect. */
  public Future<Integer> keyStoredContributors() {
    return rollups.rekeyContributors(this::contributorToken);
  }

  /**
   * The indicators of one region from {@code from} to {@code to} (months, inclusive; by default the
   * twelve months up to this one): the published months only, the others listed as not yet.
   */
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
          Problem.of(CommonProblem.BAD_REQUEST, "problem.bad-request.period", MAX_MONTHS));
    }
    // Anyone else gets the same answer as for a region that does not exist.
    return regions
        .require(caller, List.of(Role.REGION_ANALYST, Role.REGION_ADMIN), regionId)
        .compose(
            role ->
                queryLog.append(
                    caller, role, regionId, PURPOSE, from.toString(), to.toString(), format))
        .compose(v -> published.report(regionId, from, to));
  }

  /**
   * The published report from the frozen copies of the region's months and every region's, for the
   * same months: closed months only ({@code months} tells which).
   */
  public static Report report(
      String regionId,
      YearMonth from,
      YearMonth to,
      List<PublishedIndicators.MonthStatus> months,
      List<Document> own,
      List<Document> every) {
    Map<String, List<Publication.Month>> byRegion = new TreeMap<>();
    every.stream()
        .collect(Collectors.groupingBy(d -> d.getString("regionId")))
        .forEach((region, docs) -> byRegion.put(region, Rollups.months(docs)));
    return new Report(
        regionId,
        from,
        to,
        months,
        own.stream().anyMatch(d -> d.getBoolean("synthetic", false)),
        byRegion.size(),
        Publication.publish(Rollups.months(own)),
        Publication.compare(Rollups.months(every), byRegion));
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

  /** The state indicators: the snapshot replaces these for the month, and only these. */
  static final Set<Indicator> STATE =
      Set.of(
          Indicator.JIM_COVERAGE,
          Indicator.PLAN_COVERAGE,
          Indicator.STEADY_CONTACT_CONFIRMED,
          Indicator.HANDOVERS_PER_YOUTH);

  private Future<Void> snapshot(String regionId) {
    Instant now = clock.instant();
    return youth
        .inRegion(regionId)
        .compose(
            records -> {
              List<String> planAge = new ArrayList<>();
              Set<String> coordinators = new HashSet<>();
              for (Document record : records) {
                if (Facts.band(born(record), now).equals("16-17")) {
                  planAge.add(record.getString("_id"));
                }
                activeCoordinator(record, now).ifPresent(coordinators::add);
              }
              return Future.all(plans.started(planAge), people.findAll(coordinators))
                  .compose(
                      found -> {
                        Set<String> started = found.resultAt(0);
                        List<Person> professionals = found.resultAt(1);
                        Map<String, Rollups.Attribution> byCoordinator = new HashMap<>();
                        for (Person professional : professionals) {
                          professional
                              .organisationIn(regionId)
                              .ifPresent(
                                  org ->
                                      byCoordinator.put(
                                          professional.id(), attribution(org, professional.id())));
                        }
                        return rollups.snapshot(
                            regionId,
                            Facts.month(now),
                            STATE,
                            stateCells(records, started, byCoordinator, now));
                      });
            });
  }

  /** Counters per cell path: the bands, and the organisation of each young person's coordinator. */
  private static Map<String, Document> stateCells(
      List<Document> records,
      Set<String> started,
      Map<String, Rollups.Attribution> byCoordinator,
      Instant now) {
    Map<String, Document> cells = new HashMap<>();
    for (Document record : records) {
      LocalDate born = born(record);
      if (AgeRules.age(born, now) < AgeRules.OWN_ACCOUNT) {
        continue;
      }
      String band = Facts.band(born, now);
      String bandCell = Facts.Audience.YOUTH.name() + "|" + band;
      Optional<Rollups.Attribution> organisation =
          activeCoordinator(record, now).map(byCoordinator::get);
      List<Document> counted = new ArrayList<>();
      StateCount into =
          (indicator, counters) -> {
            counted.add(counter(cells, "cells." + bandCell + "." + indicator.id(), counters));
            organisation.ifPresent(
                by -> {
                  Document org =
                      counter(
                          cells,
                          Rollups.organisationKey(bandCell, by.organisationId())
                              + "."
                              + indicator.id(),
                          counters);
                  List<String> tokens = org.getList(Rollups.CONTRIBUTED_BY, String.class);
                  if (!tokens.contains(by.contributor())) {
                    tokens.add(by.contributor());
                  }
                });
          };
      into.add(Indicator.JIM_COVERAGE, yesNo(hasActiveJim(record, now)));
      if (band.equals("16-17")) {
        into.add(Indicator.PLAN_COVERAGE, yesNo(started.contains(record.getString("_id"))));
      }
      Document steady = record.get("steadyContact", Document.class);
      boolean lastQuarter =
          !now.isBefore(AgeRules.turns(born, 17).atZone(AgeRules.ZONE).plusMonths(9).toInstant())
              && now.isBefore(AgeRules.turns(born, AgeRules.ADULT));
      if (lastQuarter) {
        into.add(
            Indicator.STEADY_CONTACT_CONFIRMED,
            yesNo(steady != null && steady.getDate("confirmedAt") != null));
      }
      if (steady != null) {
        into.add(
            Indicator.HANDOVERS_PER_YOUTH,
            Map.of("n", 1L, "sum", (long) steady.getInteger("changes", 0)));
      }
    }
    return cells;
  }

  private interface StateCount {
    void add(Indicator indicator, Map<String, Long> counters);
  }

  private static Map<String, Long> yesNo(boolean yes) {
    return Map.of("n", 1L, "yes", yes ? 1L : 0L);
  }

  /** Adds counters to the cell at {@code path}; an organisation's cell keeps contributor tokens. */
  private static Document counter(
      Map<String, Document> cells, String path, Map<String, Long> counters) {
    Document cell =
        cells.computeIfAbsent(
            path,
            p ->
                p.startsWith("orgs.")
                    ? new Document(Rollups.CONTRIBUTED_BY, new ArrayList<String>())
                    : new Document());
    counters.forEach((k, v) -> cell.merge(k, v, (a, b) -> (Long) a + (Long) b));
    return cell;
  }

  private static Optional<String> activeCoordinator(Document record, Instant now) {
    return activeOfKind(record, RelationKind.CASE_COORDINATOR, now).findFirst();
  }

  private static boolean hasActiveJim(Document record, Instant now) {
    return activeOfKind(record, RelationKind.JIM, now).findAny().isPresent();
  }

  private static java.util.stream.Stream<String> activeOfKind(
      Document record, RelationKind kind, Instant now) {
    return Relation.allOf(record).stream()
        .filter(r -> r.kind() == kind && r.activeAt(now))
        .map(Relation::personId);
  }

  private static LocalDate born(Document record) {
    return LocalDate.parse(record.getString("dateOfBirth"));
  }

  /**
   * Erasure: the counts of a young person stay in the region's rollups (they name nobody), but the
   * ids of the facts behind them, which the rollups remember against double counting, go.
   */
  public Future<Void> forgetFactsOf(String regionId, java.util.Collection<String> sourceIds) {
    return rollups.forgetApplied(regionId, sourceIds);
  }
}
