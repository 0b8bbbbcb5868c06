package nl.koers.demo;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import nl.koers.platform.idempotency.Ids;

/**
 * The demo region of dev mode: a few people to sign in as, seeded on every start without making
 * duplicates. Dates of birth follow today, so sam is always 16, noor 13, daan 17 years and 10
 * months and lotte 19 years and 3 months. "Today" is the real date: dev mode's movable clock (see
 * {@code DevClock}) moves the server's now ahead of it, so a restart keeps whatever the demo people
 * reached.
 */
public final class DemoRegion {

  public static final String REGION = "demo";

  /** The youth care provider pro-eva works for. */
  public static final String ORGANISATION = SyntheticRegions.ORGANISATIONS.get(0);

  /** The nomination behind jim-sam's relation to sam. */
  public static final String JIM_SAM_NOMINATION = Ids.derived("demo:sam:jim-sam:nomination");

  /** Every demo person's handle, as {@code POST /v1/dev/session} takes it. */
  public static final List<String> HANDLES =
      List.of(
          "sam",
          "noor",
          "daan",
          "lotte",
          "ilse",
          "karin",
          "marco",
          "jim-sam",
          "tess",
          "pro-eva",
          "pro-joris",
          "pro-femke",
          "analyst",
          "admin",
          "wmo-ruben");

  private final People people;
  private final YouthRecords records;
  private final Clock clock;
  private final Set<String> erased;

  public DemoRegion(People people, YouthRecords records, Clock clock) {
    this(people, records, clock, Set.of());
  }

  /**
   * {@code erased}: the demo young people erased at their own request, whom a new start must not
   * bring back (nor their person, nor relations to them).
   */
  public DemoRegion(People people, YouthRecords records, Clock clock, Set<String> erased) {
    this.people = people;
    this.records = records;
    this.clock = clock;
    this.erased = Set.copyOf(erased);
  }

  /** The demo's young people, by handle (whose erasure the seed respects). */
  public static final List<String> YOUTH = List.of("sam", "noor", "daan", "lotte");

  /** The id of a demo person: fixed, so every start and every instance agree on it. */
  public static String idOf(String handle) {
    return Ids.derived("demo:" + handle);
  }

  public Future<Void> seed() {
    LocalDate today = AgeRules.today(clock.instant());
    Future<Void> chain = Future.succeededFuture();
    chain = chain.compose(v -> person("ilse", "Ilse", List.of()));
    chain = chain.compose(v -> person("karin", "Karin", List.of()));
    chain = chain.compose(v -> person("marco", "Marco", List.of()));
    chain = chain.compose(v -> person("jim-sam", "Jesse", List.of()));
    chain = chain.compose(v -> person("tess", "Tess", List.of()));
    chain =
        chain.compose(
            v ->
                person(
                    "pro-eva",
                    "Eva",
                    List.of(new RegionRole(Role.PROFESSIONAL, REGION, Optional.of(ORGANISATION)))));
    // A second professional of the region, in no young person's circle: on its safety-contact
    // roster.
    chain = chain.compose(v -> person("pro-joris", "Joris", List.of(role(Role.PROFESSIONAL))));
    // sam's foster-care worker (pleegzorgbegeleider): supports marco and answers his requests.
    chain =
        chain.compose(
            v ->
                person(
                    "pro-femke",
                    "Femke",
                    List.of(new RegionRole(Role.PROFESSIONAL, REGION, Optional.of(ORGANISATION)))));
    chain = chain.compose(v -> person("analyst", "Amir", List.of(role(Role.REGION_ANALYST))));
    chain = chain.compose(v -> person("admin", "Anouk", List.of(role(Role.REGION_ADMIN))));
    // The Wmo-loket's contact for daan's warm handover: no role in the region, in no circle.
    chain = chain.compose(v -> person("wmo-ruben", "Ruben", List.of()));
    chain = chain.compose(v -> youth("sam", "Sam", today.minusYears(16).minusMonths(3)));
    chain = chain.compose(v -> youth("noor", "Noor", today.minusYears(13).minusMonths(5)));
    chain = chain.compose(v -> youth("daan", "Daan", today.minusYears(17).minusMonths(10)));
    chain = chain.compose(v -> relation("sam", "pro-eva", RelationKind.CASE_COORDINATOR));
    chain = chain.compose(v -> relation("noor", "pro-eva", RelationKind.CASE_COORDINATOR));
    chain = chain.compose(v -> relation("daan", "pro-eva", RelationKind.CASE_COORDINATOR));
    chain = chain.compose(v -> relation("noor", "ilse", RelationKind.PARENT));
    // daan's mother: on his 18th birthday her access ends unless he keeps her.
    chain = chain.compose(v -> relation("daan", "karin", RelationKind.PARENT));
    chain = chain.compose(v -> relation("sam", "marco", RelationKind.FOSTER_PARENT));
    chain = chain.compose(v -> relation("sam", "jim-sam", RelationKind.JIM));
    chain = chain.compose(v -> relation("sam", "pro-femke", RelationKind.FOSTER_CARE_WORKER));
    chain = chain.compose(v -> lotte(today.minusYears(19).minusMonths(3)));
    return chain;
  }

  /**
   * lotte, 19, after youth care (not extended; so no case coordinator any more): her steady contact
   * pro-eva confirmed before her 18th birthday to stay, and her mother ilse is still in the circle
   * as a parent whose access ended at 18 - lotte has not said who stays yet, so ilse sees nothing
   * until lotte keeps her ({@code POST /v1/youth/{lotte}/circle/confirmation}).
   */
  private Future<Void> lotte(LocalDate born) {
    String lotte = idOf("lotte");
    if (erased.contains(lotte)) {
      return Future.succeededFuture();
    }
    Instant named = AgeRules.turns(born, 17).plus(Duration.ofDays(200));
    Instant confirmed = named.plus(Duration.ofDays(3));
    Relation steady =
        new Relation(
            Ids.derived("demo:lotte:pro-eva:" + RelationKind.STEADY_CONTACT),
            RelationKind.STEADY_CONTACT,
            idOf("pro-eva"),
            RelationKind.STEADY_CONTACT.defaultScopes(),
            confirmed,
            Optional.empty(),
            Optional.empty());
    // As Transitions records a steady contact who confirmed: the relation, and the record's part.
    YouthRecords.SteadyContact steadyContact =
        new YouthRecords.SteadyContact(idOf("pro-eva"), named, Optional.of(confirmed), 0);
    return youth("lotte", "Lotte", born)
        .compose(v -> relation("lotte", "ilse", RelationKind.PARENT))
        .compose(v -> records.addRelation(lotte, steady))
        .compose(v -> records.steadyContact(lotte))
        .compose(
            current ->
                current.isPresent()
                    ? Future.succeededFuture()
                    : records.setSteadyContact(lotte, steadyContact, List.of()));
  }

  private static RegionRole role(Role role) {
    return new RegionRole(role, REGION);
  }

  private Future<Void> person(String handle, String name, List<RegionRole> roles) {
    return people
        .create(
            new Person(
                idOf(handle), Optional.of(handle), name, roles, Optional.of(clock.instant())))
        .mapEmpty();
  }

  private Future<Void> youth(String handle, String firstName, LocalDate dateOfBirth) {
    if (erased.contains(idOf(handle))) {
      return Future.succeededFuture();
    }
    return person(handle, firstName, List.of())
        .compose(
            v -> records.create(new Youth(idOf(handle), firstName, dateOfBirth, REGION, List.of())))
        .compose(v -> records.setDateOfBirth(idOf(handle), dateOfBirth));
  }

  /** The id of a demo relation: fixed, as the demo person ids. */
  public static String relationId(String youth, String member, RelationKind kind) {
    return Ids.derived("demo:" + youth + ":" + member + ":" + kind);
  }

  private Future<Void> relation(String youth, String member, RelationKind kind) {
    if (erased.contains(idOf(youth))) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    Relation relation =
        new Relation(
            relationId(youth, member, kind),
            kind,
            idOf(member),
            kind.defaultScopes(),
            now,
            Optional.empty(),
            Optional.empty());
    return records.addRelation(idOf(youth), relation).mapEmpty();
  }
}
