package nl.koers.insights;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.koers.circle.AgeRules;
import nl.koers.circle.RelationKind;
import nl.koers.circle.YouthRecords;
import nl.koers.circle.YouthRecords.TransitionFacts;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.insights.ContinuityCells.Measure;
import nl.koers.insights.ContinuityCells.Tally;
import nl.koers.plan.Plans;
import nl.koers.platform.security.Caller;
import nl.koers.region.Regions;
import nl.koers.transition.Handovers;

/**
 * The continuity monitor: for each of the coming months, how many of the region's young people turn
 * 18 and how many of them still have no confirmed steady contact, no plan, no extended-care
 * decision or no handover - so a region sees in time where continuity past 18 is at risk. Counted
 * live from the records (it is for planning work, not a published statistic), per organisation of
 * the young person's case coordinator now, small groups suppressed ({@link ContinuityCells}). Only
 * the region's analysts and admins may ask; every query is logged with its purpose.
 *
 * <p>One query costs six round trips whatever the region's size: the caller's roles, the log line,
 * the birth cohort of the six months (an index range on region and date of birth), then in parallel
 * the case coordinators' organisations, the plans and the handovers of that cohort.
 */
public final class Continuity {

  /** How many months ahead, this month first. */
  public static final int MONTHS = 6;

  public static final String PURPOSE = "continuity";

  /** What the monitor answers. */
  public record Report(
      String regionId,
      LocalDate asOf,
      List<ContinuityCells.Cells> months,
      Map<String, List<ContinuityCells.Cells>> organisations) {}

  private final QueryLogStore queryLog;
  private final Regions regions;
  private final YouthRecords youth;
  private final People people;
  private final Plans plans;
  private final Handovers handovers;
  private final Clock clock;

  Continuity(
      QueryLogStore queryLog,
      Regions regions,
      YouthRecords youth,
      People people,
      Plans plans,
      Handovers handovers,
      Clock clock) {
    this.queryLog = queryLog;
    this.regions = regions;
    this.youth = youth;
    this.people = people;
    this.plans = plans;
    this.handovers = handovers;
    this.clock = clock;
  }

  /** The monitor of one region; anyone but its analysts and admins gets the 404 of no region. */
  public Future<Report> query(Caller caller, String regionId) {
    LocalDate today = AgeRules.today(clock.instant());
    YearMonth first = YearMonth.from(today);
    YearMonth last = first.plusMonths(MONTHS - 1);
    return regions
        .require(caller, List.of(Role.REGION_ANALYST, Role.REGION_ADMIN), regionId)
        .compose(
            role ->
                queryLog.append(
                    caller, role, regionId, PURPOSE, first.toString(), last.toString(), "json"))
        // A day either side: a 29 February birthday falls in February or March.
        .compose(
            v ->
                youth.bornBetween(
                    regionId,
                    first.atDay(1).minusYears(AgeRules.ADULT).minusDays(1),
                    last.plusMonths(1).atDay(1).minusYears(AgeRules.ADULT).plusDays(1)))
        .compose(cohort -> count(regionId, first, cohort))
        .map(shown -> new Report(regionId, today, shown.region(), shown.organisations()));
  }

  private Future<ContinuityCells.Shown> count(
      String regionId, YearMonth first, List<TransitionFacts> found) {
    Map<YearMonth, List<TransitionFacts>> byMonth = new LinkedHashMap<>();
    for (int i = 0; i < MONTHS; i++) {
      byMonth.put(first.plusMonths(i), new ArrayList<>());
    }
    List<String> ids = new ArrayList<>();
    List<String> coordinators = new ArrayList<>();
    for (TransitionFacts facts : found) {
      List<TransitionFacts> month = byMonth.get(turns18In(facts));
      if (month != null) {
        month.add(facts);
        ids.add(facts.youth().id());
        coordinator(facts).ifPresent(coordinators::add);
      }
    }
    return Future.all(people.findAll(coordinators), plans.started(ids), handovers.recordedFor(ids))
        .map(
            all -> {
              Map<String, String> organisationOf = new HashMap<>();
              for (Person person : all.<List<Person>>resultAt(0)) {
                person.organisationIn(regionId).ifPresent(o -> organisationOf.put(person.id(), o));
              }
              Set<String> withPlan = all.resultAt(1);
              Set<String> withHandover = all.resultAt(2);
              Map<YearMonth, Map<String, Tally>> tallies = new LinkedHashMap<>();
              byMonth.forEach(
                  (month, cohort) -> {
                    Map<String, Tally> parts = new HashMap<>();
                    for (TransitionFacts facts : cohort) {
                      tally(facts, organisationOf, withPlan, withHandover, parts);
                    }
                    tallies.put(month, parts);
                  });
              return ContinuityCells.show(tallies);
            });
  }

  /**
   * Counts one young person under the organisation of their case coordinator now; without one (or
   * with one whose organisation is not known) under no organisation.
   */
  private void tally(
      TransitionFacts facts,
      Map<String, String> organisationOf,
      Set<String> withPlan,
      Set<String> withHandover,
      Map<String, Tally> parts) {
    Optional<String> coordinator = coordinator(facts);
    String organisation = coordinator.map(organisationOf::get).orElse(ContinuityCells.UNATTRIBUTED);
    Tally tally = parts.computeIfAbsent(organisation, o -> new Tally());
    coordinator.ifPresent(tally.coordinators::add);
    String id = facts.youth().id();
    tally.add(Measure.TURNING_18);
    if (!facts.steadyContactConfirmed()) {
      tally.add(Measure.NO_STEADY_CONTACT);
    }
    if (!withPlan.contains(id)) {
      tally.add(Measure.NO_PLAN);
    }
    if (facts.extendedCare().isEmpty()) {
      tally.add(Measure.NO_EXTENDED_CARE_DECISION);
    }
    if (!withHandover.contains(id)) {
      tally.add(Measure.NO_HANDOVER);
    }
  }

  private Optional<String> coordinator(TransitionFacts facts) {
    return facts
        .youth()
        .activeOfKind(RelationKind.CASE_COORDINATOR, clock.instant())
        .map(r -> r.personId());
  }

  private static YearMonth turns18In(TransitionFacts facts) {
    return YearMonth.from(AgeRules.birthday(facts.youth().dateOfBirth(), AgeRules.ADULT));
  }
}
