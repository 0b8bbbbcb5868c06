package nl.koers.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.koers.identity.Accounts;
import nl.koers.identity.Activations;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.identity.Sessions;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * How people come into Koers: a region admin registers professionals and chooses a young person's
 * case coordinator; a professional registers a young person (becoming their case coordinator) and
 * adds parents, foster parents and colleagues. Each registration yields an activation code that the
 * person redeems on their own phone. Ids derive from the request's idempotency seed, so a retry
 * after a crash completes the same registration instead of making a second one.
 */
public final class Registrations {

  /** Someone registered, with the code that lets them sign in as that person. */
  public record Registered(Person person, Optional<Integer> age, Activations.Code activation) {}

  /** A relation added to a circle, with the new member's activation code. */
  public record Added(Relation relation, Person person, Activations.Code activation) {}

  /**
   * Whether an organisation is in the region's register and open (the region capability's register,
   * handed in because region builds on circle).
   */
  public interface OpenOrganisations {
    Future<Boolean> isOpen(String regionId, String organisationId);
  }

  private static final List<RelationKind> ADDED_BY_COORDINATOR =
      List.of(
          RelationKind.PARENT,
          RelationKind.FOSTER_PARENT,
          RelationKind.PROFESSIONAL,
          RelationKind.FOSTER_CARE_WORKER);

  private final People people;
  private final CareCircle.RegionRoles regionRoles;
  private final OpenOrganisations organisations;
  private final YouthRecords records;
  private final CareCircle circle;
  private final Activations activations;
  private final Accounts accounts;
  private final Sessions sessions;
  private final Clock clock;

  public Registrations(
      People people,
      CareCircle.RegionRoles regionRoles,
      OpenOrganisations organisations,
      YouthRecords records,
      CareCircle circle,
      Activations activations,
      Accounts accounts,
      Sessions sessions,
      Clock clock) {
    this.people = people;
    this.regionRoles = regionRoles;
    this.organisations = organisations;
    this.records = records;
    this.circle = circle;
    this.activations = activations;
    this.accounts = accounts;
    this.sessions = sessions;
    this.clock = clock;
  }

  public Future<Registered> registerProfessional(
      Caller caller, String regionId, String name, Optional<String> organisationId, String seed) {
    Person.RegionRole role = new Person.RegionRole(Role.PROFESSIONAL, regionId, organisationId);
    return requireRole(caller, Role.REGION_ADMIN, regionId)
        .compose(admin -> requireOpen(regionId, organisationId))
        .compose(
            admin ->
                people.create(
                    new Person(
                        derivedId(seed, "person"),
                        Optional.empty(),
                        name,
                        List.of(role),
                        Optional.empty())))
        .compose(person -> withCode(person, Optional.empty(), caller));
  }

  public Future<Registered> registerYouth(
      Caller caller, String firstName, LocalDate dateOfBirth, String regionId, String seed) {
    Instant now = clock.instant();
    int age = AgeRules.age(dateOfBirth, now);
    if (age < AgeRules.OWN_ACCOUNT) {
      return Future.failedFuture(
          Problem.of(CircleProblem.AGE_OUT_OF_RANGE, "problem.age-out-of-range.too-young"));
    }
    if (age > AgeRules.OLDEST) {
      return Future.failedFuture(
          Problem.of(CircleProblem.AGE_OUT_OF_RANGE, "problem.age-out-of-range.too-old"));
    }
    String youthId = derivedId(seed, "person");
    Relation coordinator =
        new Relation(
            derivedId(seed, "coordinator"),
            RelationKind.CASE_COORDINATOR,
            caller.personId(),
            RelationKind.CASE_COORDINATOR.defaultScopes(),
            now,
            Optional.empty(),
            Optional.empty());
    return requireRole(caller, Role.PROFESSIONAL, regionId)
        .compose(
            professional ->
                people.create(
                    new Person(youthId, Optional.empty(), firstName, List.of(), Optional.empty())))
        .compose(
            person ->
                records
                    .create(
                        new Youth(youthId, firstName, dateOfBirth, regionId, List.of(coordinator)))
                    .compose(youth -> withCode(person, Optional.of(age), caller)));
  }

  public Future<Added> addToCircle(
      Caller caller, String youthId, RelationKind kind, String name, String seed) {
    if (!ADDED_BY_COORDINATOR.contains(kind)) {
      return Future.failedFuture(Problem.of(CommonProblem.CONFLICT, "problem.conflict.kind"));
    }
    Relation relation =
        new Relation(
            derivedId(seed, "relation"),
            kind,
            derivedId(seed, "person"),
            kind.defaultScopes(),
            clock.instant(),
            Optional.empty(),
            Optional.empty());
    return circle
        .authorize(caller, youthId, Permission.MANAGE_CIRCLE, "youth/" + youthId + "/circle")
        .compose(
            grant ->
                people.create(
                    new Person(
                        relation.personId(), Optional.empty(), name, List.of(), Optional.empty())))
        .compose(
            person ->
                records
                    .addRelation(
                        youthId,
                        relation,
                        List.of(circleChanged(youthId, relation.id() + "/added").push()))
                    .compose(
                        added ->
                            added
                                ? activations.issue(person.id(), caller.personId())
                                : Future.failedFuture(
                                    Problem.of(
                                        CommonProblem.CONFLICT, "problem.conflict.circle-full")))
                    .map(code -> new Added(relation, person, code)));
  }

  /** Who is the case coordinator now, as a region admin may know it, and the circle's version. */
  public record Coordinator(String youthId, Optional<Relation> current, long circleVersion) {}

  /** A new case coordinator's relation, and the circle's version after it. */
  public record Assigned(Relation relation, long circleVersion) {}

  /** The case coordinator now, for the region admin about to choose another. */
  public Future<Coordinator> caseCoordinator(Caller caller, String youthId) {
    // The version is read before the circle: an answer is never newer in its tag than in content.
    return records
        .circleVersion(youthId)
        .compose(
            version ->
                circle
                    .authorize(
                        caller,
                        youthId,
                        Permission.READ_CASE_COORDINATOR,
                        "youth/" + youthId + "/case-coordinator")
                    .map(
                        grant ->
                            new Coordinator(
                                youthId,
                                grant
                                    .youth()
                                    .activeOfKind(RelationKind.CASE_COORDINATOR, clock.instant()),
                                version)));
  }

  /**
   * Makes a professional of the region the case coordinator, ending the current one's role, if the
   * circle is still at {@code expectedVersion} (else {@link StaleVersion}: another admin chose).
   */
  public Future<Assigned> assignCaseCoordinator(
      Caller caller, String youthId, String professionalId, String seed, long expectedVersion) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller,
            youthId,
            Permission.ASSIGN_CASE_COORDINATOR,
            "youth/" + youthId + "/case-coordinator")
        .compose(
            grant ->
                regionRoles
                    .holds(professionalId, Role.PROFESSIONAL, grant.youth().regionId())
                    .compose(
                        professional -> {
                          if (!professional) {
                            return Future.failedFuture(
                                Problem.of(
                                    CommonProblem.CONFLICT, "problem.conflict.not-a-professional"));
                          }
                          return replaceCoordinator(
                              caller, grant, professionalId, seed, expectedVersion, now);
                        }));
  }

  private Future<Assigned> replaceCoordinator(
      Caller caller,
      CareCircle.Grant grant,
      String professionalId,
      String seed,
      long expectedVersion,
      Instant now) {
    Youth youth = grant.youth();
    Optional<Relation> current = youth.activeOfKind(RelationKind.CASE_COORDINATOR, now);
    if (current.isPresent() && current.get().personId().equals(professionalId)) {
      // Already so (a retried PUT): nothing to change, whatever version it was based on.
      return records.circleVersion(youth.id()).map(version -> new Assigned(current.get(), version));
    }
    // The current coordinator is part of the id: a later reassignment to the same professional
    // is a new relation.
    Relation next =
        new Relation(
            derivedId(seed, "coordinator/" + current.map(Relation::id).orElse("none")),
            RelationKind.CASE_COORDINATOR,
            professionalId,
            RelationKind.CASE_COORDINATOR.defaultScopes(),
            now,
            Optional.empty(),
            Optional.empty());
    return records
        .swapRelation(
            youth.id(),
            expectedVersion,
            current.map(Relation::id),
            now,
            next,
            current.isEmpty()
                ? List.of()
                : List.of(ConsentLog.record(List.of(ended(caller, grant, current.get(), now)))))
        .compose(
            swapped ->
                swapped
                    ? Future.succeededFuture(new Assigned(next, expectedVersion + 1))
                    : Future.failedFuture(new StaleVersion(youth.id(), expectedVersion)));
  }

  /** The consent history's line for the coordinator whose role ends. */
  private static ConsentLog.Entry ended(
      Caller caller, CareCircle.Grant grant, Relation ended, Instant now) {
    return ConsentLog.Entry.of(
        grant.youth(),
        now,
        caller.personId(),
        grant.capacity(),
        ConsentLog.Decision.RELATION_ENDED,
        ended.id(),
        Optional.of(RelationKind.CASE_COORDINATOR),
        ended.scopes().stream().map(Scope::wire).sorted().toList(),
        List.of());
  }

  /**
   * Links the caller's account to the person the code was made for and answers a session as that
   * person. Only an account that is not yet anyone in Koers may do so; the sessions of its blank
   * first-sign-in person end.
   */
  public Future<Sessions.Session> redeem(Caller caller, String code) {
    return requireBlank(caller.personId())
        .compose(v -> activations.redeem(code, caller.personId()))
        .compose(
            target ->
                target.isEmpty()
                    ? Future.failedFuture(
                        Problem.of(CommonProblem.NOT_FOUND, "problem.not-found.activation"))
                    : link(caller, target.get()));
  }

  private Future<Sessions.Session> link(Caller caller, String targetPersonId) {
    String callerPersonId = caller.personId();
    // The new session comes from the caller's sign-in: a Firebase revocation ends it too.
    if (callerPersonId.equals(targetPersonId)) {
      return sessions.continueAs(caller.sessionId(), targetPersonId);
    }
    return accounts
        .uidOf(callerPersonId)
        .compose(
            uid ->
                uid.isEmpty()
                    ? Future.failedFuture(Problem.of(CommonProblem.UNAUTHORIZED))
                    : accounts.relink(uid.get(), targetPersonId))
        .compose(v -> people.markActivated(targetPersonId, clock.instant()))
        .compose(v -> sessions.endAll(callerPersonId))
        .compose(v -> sessions.continueAs(caller.sessionId(), targetPersonId));
  }

  /** A person made by a first sign-in: no region role, no record, no place in any circle. */
  private Future<Void> requireBlank(String personId) {
    return people
        .find(personId)
        .compose(
            person ->
                records
                    .find(personId)
                    .compose(
                        youth ->
                            records
                                .membershipsOf(personId, clock.instant())
                                .map(
                                    memberships ->
                                        person.map(p -> p.regionRoles().isEmpty()).orElse(false)
                                            && youth.isEmpty()
                                            && memberships.isEmpty())))
        .compose(
            blank ->
                blank
                    ? Future.succeededFuture()
                    : Future.failedFuture(Problem.of(CircleProblem.ACCOUNT_IN_USE)));
  }

  /**
   * A professional works for an organisation in the region's register that is still open, or for
   * none named: else 422, and nobody is registered.
   */
  private Future<Void> requireOpen(String regionId, Optional<String> organisationId) {
    if (organisationId.isEmpty()) {
      return Future.succeededFuture();
    }
    return organisations
        .isOpen(regionId, organisationId.get())
        .compose(
            open ->
                open
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        Problem.of(CircleProblem.UNKNOWN_ORGANISATION)
                            .withErrors(
                                List.of(
                                    new Problem.FieldError(
                                        "body",
                                        "organisationId",
                                        "/organisationId",
                                        "field.unknown-organisation")))));
  }

  /** Registering is refused with 403, whether the region exists or not. */
  private Future<Void> requireRole(Caller caller, Role role, String regionId) {
    return regionRoles
        .holds(caller.personId(), role, regionId)
        .compose(
            held ->
                held
                    ? Future.succeededFuture()
                    : Future.failedFuture(Problem.of(CommonProblem.FORBIDDEN)));
  }

  private Future<Registered> withCode(Person person, Optional<Integer> age, Caller caller) {
    return activations
        .issue(person.id(), caller.personId())
        .map(code -> new Registered(person, age, code));
  }

  /** Tells the young person their circle changed; the id makes a retried change tell once. */
  private NotificationIntent circleChanged(String youthId, String change) {
    return new NotificationIntent(
        derivedId(youthId, "notify/" + change),
        NotificationType.CIRCLE_CHANGED,
        youthId,
        Optional.of(youthId),
        "youth/" + youthId + "/circle",
        clock.instant());
  }

  private static String derivedId(String seed, String what) {
    return Ids.derived(seed, what);
  }
}
