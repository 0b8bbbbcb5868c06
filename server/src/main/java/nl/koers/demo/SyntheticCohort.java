package nl.koers.demo;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Person.RegionRole;
import nl.koers.identity.Role;
import nl.koers.insights.SyntheticRegions;
import nl.koers.plan.Plans;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.security.Caller;
import nl.koers.transition.Handovers;
import nl.koers.transition.Milestones;

/**
 * Dev mode's synthetic cohort for the continuity monitor: the demo region has only a handful of
 * young people, so every cell of {@code GET /v1/regions/demo/continuity} would be suppressed. This
 * seeds {@value #SIZE} SYNTHETIC young people of region {@code demo} who turn 18 in the coming
 * months (born relative to the clock, re-dated on every start so their months stay ahead), each
 * coordinated by one of three synthetic case coordinators per organisation of {@link
 * SyntheticRegions#ORGANISATIONS}, some with a confirmed steady contact, a plan, an extended-care
 * decision or a handover - written through the stores the real flows write through.
 *
 * <p>They are nobody's business but the monitor's: no relation to any demo person, and the
 * milestone scheduler is told their milestones are done, so they never alarm the region admin, open
 * a follow-up or tell anyone anything. A restart reads the region's records once and writes only
 * what is missing or re-dated.
 */
final class SyntheticCohort {

  /** Per month ahead (this month first), how many turn 18 per organisation (in list order). */
  static final int[][] PER_MONTH = {{2, 2, 1}, {10, 5, 5}, {10, 5, 5}, {4, 4, 4}, {2, 1, 0}, {}};

  static final int SIZE = Arrays.stream(PER_MONTH).flatMapToInt(Arrays::stream).sum();

  /** Case coordinators per organisation: enough that an organisation's counts may be shown. */
  static final int COORDINATORS = 3;

  /** Which steps are done, by organisation, in the two big months (ahead 1 and 2). */
  private record Done(boolean steadyContact, boolean plan, boolean decision, boolean handover) {}

  /** One synthetic young person: its slot (month ahead, organisation, number) and its steps. */
  private record Slot(int monthAhead, int organisation, int number, Done done) {

    String id() {
      return Ids.derived("demo:synthetic:" + monthAhead + ":" + organisation + ":" + number);
    }

    String coordinator() {
      return coordinatorId(organisation, number % COORDINATORS);
    }
  }

  private final People people;
  private final YouthRecords records;
  private final Plans plans;
  private final Handovers handovers;
  private final Clock clock;

  SyntheticCohort(
      People people, YouthRecords records, Plans plans, Handovers handovers, Clock clock) {
    this.people = people;
    this.records = records;
    this.plans = plans;
    this.handovers = handovers;
    this.clock = clock;
  }

  /** The id of a synthetic case coordinator (never a demo handle: nobody signs in as one). */
  static String coordinatorId(int organisation, int number) {
    return Ids.derived("demo:synthetic:coordinator:" + organisation + ":" + number);
  }

  public Future<Void> seed() {
    LocalDate today = AgeRules.today(clock.instant());
    YearMonth first = YearMonth.from(today);
    // Those seeded at an earlier start were born up to a year earlier; one found nowhere is
    // written (again), which re-dates it too.
    return coordinators()
        .compose(
            v ->
                records.bornBetween(
                    DemoRegion.REGION,
                    first.atDay(1).minusYears(AgeRules.ADULT + 1),
                    first.plusMonths(PER_MONTH.length).atDay(1).minusYears(AgeRules.ADULT)))
        .compose(
            cohort -> {
              Map<String, LocalDate> bornOn = new HashMap<>();
              cohort.forEach(f -> bornOn.put(f.youth().id(), f.youth().dateOfBirth()));
              List<Future<Void>> writes = new ArrayList<>();
              for (Slot slot : slots()) {
                LocalDate born = bornOn(slot, today);
                LocalDate stored = bornOn.get(slot.id());
                if (stored == null) {
                  writes.add(youth(slot, born));
                } else if (!stored.equals(born)) {
                  writes.add(records.setDateOfBirth(slot.id(), born));
                }
              }
              return Future.all(writes).mapEmpty();
            });
  }

  private Future<Void> coordinators() {
    List<Future<Person>> created = new ArrayList<>();
    for (int o = 0; o < SyntheticRegions.ORGANISATIONS.size(); o++) {
      String organisation = SyntheticRegions.ORGANISATIONS.get(o);
      for (int n = 0; n < COORDINATORS; n++) {
        created.add(
            people.create(
                new Person(
                    coordinatorId(o, n),
                    Optional.empty(),
                    "Synthetic coordinator " + (n + 1),
                    List.of(
                        new RegionRole(
                            Role.PROFESSIONAL, DemoRegion.REGION, Optional.of(organisation))),
                    Optional.of(clock.instant()))));
      }
    }
    return Future.all(created).mapEmpty();
  }

  private static List<Slot> slots() {
    List<Slot> slots = new ArrayList<>();
    for (int month = 0; month < PER_MONTH.length; month++) {
      for (int o = 0; o < PER_MONTH[month].length; o++) {
        for (int n = 0; n < PER_MONTH[month][o]; n++) {
          slots.add(new Slot(month, o, n, done(month, o, n)));
        }
      }
    }
    return slots;
  }

  /**
   * The steps done. Next month the first organisation confirmed every steady contact and decided on
   * extended care, the others started every plan, nobody has a handover yet; the month after, the
   * others confirmed every steady contact and the first started plans and recorded handovers.
   * Elsewhere every other young person has each step.
   */
  private static Done done(int month, int organisation, int number) {
    boolean first = organisation == 0;
    return switch (month) {
      case 1 -> new Done(first, !first, first, false);
      case 2 -> new Done(!first, first, false, first);
      default -> {
        boolean even = number % 2 == 0;
        yield new Done(even, even, !even, even);
      }
    };
  }

  /** Born so that they turn 18 in their month, spread over its first 28 days. */
  private static LocalDate bornOn(Slot slot, LocalDate today) {
    int day = 1 + (slot.organisation() * 11 + slot.number() * 3) % 28;
    return YearMonth.from(today)
        .plusMonths(slot.monthAhead())
        .atDay(day)
        .minusYears(AgeRules.ADULT);
  }

  /** One young person, as the real flows leave them; the scheduler has nothing to do for them. */
  private Future<Void> youth(Slot slot, LocalDate born) {
    Instant now = clock.instant();
    String id = slot.id();
    String coordinator = slot.coordinator();
    Done done = slot.done();
    List<Relation> relations = new ArrayList<>();
    relations.add(relation(id, RelationKind.CASE_COORDINATOR, coordinator, now));
    if (done.steadyContact()) {
      relations.add(relation(id, RelationKind.STEADY_CONTACT, coordinator, now));
    }
    // A record there already (seeded long before: not found by its date) is only re-dated.
    return records
        .create(new Youth(id, "Synthetic", born, DemoRegion.REGION, relations))
        .compose(
            stored ->
                stored.dateOfBirth().equals(born)
                    ? steps(slot, born)
                    : records.setDateOfBirth(id, born));
  }

  /** The steps a new synthetic young person has done, as the real flows record them. */
  private Future<Void> steps(Slot slot, LocalDate born) {
    Instant now = clock.instant();
    String id = slot.id();
    String coordinator = slot.coordinator();
    Done done = slot.done();
    Future<Void> chain = Future.succeededFuture();
    if (done.steadyContact()) {
      // As Transitions records a steady contact who confirmed: the relation, and this part.
      Instant named = now.minus(Duration.ofDays(30));
      chain =
          chain.compose(
              v ->
                  records.setSteadyContact(
                      id,
                      new YouthRecords.SteadyContact(coordinator, named, Optional.of(now), 0),
                      List.of()));
    }
    if (done.decision()) {
      boolean extended = slot.number() % 2 == 0;
      chain =
          chain.compose(
              v ->
                  records
                      .setExtendedCare(
                          id,
                          new YouthRecords.ExtendedCareDecision(
                              extended,
                              extended ? Optional.of("verlengde-jeugdhulp") : Optional.empty(),
                              extended ? 21 : AgeRules.ADULT,
                              now,
                              coordinator),
                          Optional.empty(),
                          List.of())
                      .mapEmpty());
    }
    // Last of the record's writes (a decision makes the scheduler look again): all done, none next.
    chain =
        chain.compose(
            v ->
                records
                    .recordMilestones(
                        id,
                        Instant.EPOCH,
                        Milestones.schedule(born, AgeRules.OLDEST, AgeRules.OLDEST).stream()
                            .map(Milestones.Step::name)
                            .toList(),
                        Optional.empty(),
                        List.of(),
                        List.of())
                    .mapEmpty());
    if (done.plan()) {
      chain =
          chain.compose(
              v ->
                  plans.seedAction(
                      id,
                      "wonen",
                      "woonplek-na-18",
                      "Woonplek na 18 regelen",
                      coordinator,
                      AgeRules.birthday(born, AgeRules.ADULT),
                      coordinator));
    }
    if (done.handover()) {
      Caller asCoordinator = new Caller(coordinator, "demo-seed", "demo-seed:" + id);
      chain =
          chain.compose(
              v ->
                  handovers
                      .record(
                          asCoordinator,
                          id,
                          new Handovers.Plan(
                              "WMO",
                              new Handovers.Contact(
                                  "Wmo-loket", "Gemeente Demo", Optional.empty(), Optional.empty()),
                              AgeRules.birthday(born, AgeRules.ADULT).toString()),
                          id)
                      .mapEmpty());
    }
    return chain;
  }

  private static Relation relation(String youthId, RelationKind kind, String member, Instant now) {
    return new Relation(
        Ids.derived(youthId, kind.name(), member),
        kind,
        member,
        kind.defaultScopes(),
        now.minus(Duration.ofDays(100)),
        Optional.empty(),
        Optional.empty());
  }
}
