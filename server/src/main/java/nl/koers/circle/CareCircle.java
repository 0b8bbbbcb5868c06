package nl.koers.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.koers.identity.People;
import nl.koers.identity.Role;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;

/**
 * The one authorization component: every handler that touches a young person's data asks here
 * first. It reads the young person's record on every request (so an ended relation stops access at
 * once, whatever the caller's token says), applies relation, scope and age rules, records the
 * access in the access log, and otherwise answers exactly as if the young person did not exist.
 */
public final class CareCircle {

  /** How the caller may act, and what they may see. */
  public record Grant(Youth youth, String capacity, Set<Scope> scopes, int age) {
    public boolean sees(Scope scope) {
      return scopes.contains(scope);
    }
  }

  public static final String SELF = "SELF";

  /** The capacity of someone on the region's safety-contact roster, in the access log. */
  public static final String SAFETY_CONTACT = "SAFETY_CONTACT";

  /**
   * Whether a person is on a region's safety-contact roster now (whatever their duty windows): the
   * duty that lets a professional outside the circle read and act on the region's safety signals.
   */
  public interface SafetyDuty {
    Future<Boolean> onRoster(String regionId, String personId);
  }

  /** Who may read or act on a safety signal is decided apart from the circle's scopes. */
  private static final Set<Permission> ON_SAFETY_SIGNALS =
      EnumSet.of(
          Permission.READ_SAFETY_SIGNALS,
          Permission.PICK_UP_SAFETY_SIGNAL,
          Permission.CLOSE_SAFETY_SIGNAL);

  /** What the young person cannot do about themselves: it is their professionals' work. */
  private static final Set<Permission> PROFESSIONAL_ONLY =
      EnumSet.of(
          Permission.MANAGE_CIRCLE,
          Permission.LOG_CONTACT_MOMENT,
          Permission.RESPOND_TO_FEEDBACK,
          Permission.PICK_UP_SAFETY_SIGNAL,
          Permission.CLOSE_SAFETY_SIGNAL,
          Permission.AGREE_TO_MENTOR,
          Permission.CONFIRM_MENTOR,
          Permission.ACT_AS_MENTOR,
          Permission.CONFIRM_STEADY_CONTACT,
          Permission.RECORD_EXTENDED_CARE);

  private final YouthRecords records;
  private final People people;
  private final AccessLog accessLog;
  private final SafetyDuty safetyDuty;
  private final Clock clock;

  public CareCircle(
      YouthRecords records,
      People people,
      AccessLog accessLog,
      SafetyDuty safetyDuty,
      Clock clock) {
    this.records = records;
    this.people = people;
    this.accessLog = accessLog;
    this.safetyDuty = safetyDuty;
    this.clock = clock;
  }

  /**
   * The caller's grant for this young person, after logging the access; a 404 problem (the same as
   * for a young person that does not exist) when the caller may not.
   */
  public Future<Grant> authorize(
      Caller caller, String youthId, Permission permission, String resource) {
    Instant now = clock.instant();
    return records
        .find(youthId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return notFound();
              }
              return decide(caller, found.get(), permission, now)
                  .compose(
                      grant ->
                          grant.isEmpty()
                              ? notFound()
                              : log(caller, grant.get(), permission, resource, now));
            });
  }

  /**
   * Whether a person may still be told about this young person: they are the young person, or in
   * the circle now. Not an access to the young person's data, so not logged.
   */
  public Future<Boolean> mayHearAbout(String personId, String youthId) {
    Instant now = clock.instant();
    return records
        .find(youthId)
        .map(
            youth ->
                youth
                    .map(
                        y ->
                            y.id().equals(personId)
                                || !y.activeRelationsOf(personId, now).isEmpty())
                    .orElse(false));
  }

  private Future<Optional<Grant>> decide(
      Caller caller, Youth youth, Permission permission, Instant now) {
    int age = AgeRules.age(youth.dateOfBirth(), now);
    if (permission == Permission.ASSIGN_CASE_COORDINATOR) {
      return people
          .find(caller.personId())
          .map(
              person ->
                  person
                      .filter(p -> p.has(Role.REGION_ADMIN, youth.regionId()))
                      .map(
                          p ->
                              new Grant(
                                  youth,
                                  Role.REGION_ADMIN.name(),
                                  EnumSet.noneOf(Scope.class),
                                  age)));
    }
    if (ON_SAFETY_SIGNALS.contains(permission)) {
      return safetySignalGrant(caller.personId(), youth, permission, age, now);
    }
    if (youth.id().equals(caller.personId())) {
      boolean allowed = !PROFESSIONAL_ONLY.contains(permission);
      return Future.succeededFuture(
          allowed
              ? Optional.of(new Grant(youth, SELF, EnumSet.allOf(Scope.class), age))
              : Optional.empty());
    }
    return Future.succeededFuture(
        youth.activeRelationsOf(caller.personId(), now).stream()
            .map(
                relation ->
                    new Grant(
                        youth,
                        relation.kind().name(),
                        AgeRules.effectiveScopes(relation, youth.dateOfBirth(), now),
                        age))
            .filter(grant -> allows(grant, permission))
            .findFirst());
  }

  private static boolean allows(Grant grant, Permission permission) {
    return switch (permission) {
      case READ_PROFILE -> grant.sees(Scope.PROFILE);
      case READ_CIRCLE -> grant.sees(Scope.CIRCLE);
      case MANAGE_CIRCLE, RESPOND_TO_FEEDBACK -> is(grant, RelationKind.CASE_COORDINATOR);
      case LOG_CONTACT_MOMENT ->
          is(grant, RelationKind.CASE_COORDINATOR) || is(grant, RelationKind.PROFESSIONAL);
      // Parents answer their own questionnaire and read their own answers, while their access
      // lasts (the age rules end it at 18); never the young person's.
      case ANSWER_FEEDBACK -> is(grant, RelationKind.PARENT) && grant.sees(Scope.PROFILE);
      case READ_FEEDBACK ->
          is(grant, RelationKind.CASE_COORDINATOR)
              || (is(grant, RelationKind.PARENT) && grant.sees(Scope.PROFILE));
      case READ_MENTOR_NOMINATIONS, CONFIRM_MENTOR -> is(grant, RelationKind.CASE_COORDINATOR);
      case AGREE_TO_MENTOR ->
          (is(grant, RelationKind.PARENT) && grant.sees(Scope.PROFILE))
              || is(grant, RelationKind.CASE_COORDINATOR);
      case ACT_AS_MENTOR -> is(grant, RelationKind.JIM);
      case READ_PLAN -> grant.sees(Scope.PLAN);
      case WRITE_PLAN, RECORD_EXTENDED_CARE -> is(grant, RelationKind.CASE_COORDINATOR);
      case CONVERSE -> grant.sees(Scope.MESSAGES);
      // Who may be a steady contact is checked against the named person by the capability.
      case CONFIRM_STEADY_CONTACT ->
          is(grant, RelationKind.JIM)
              || is(grant, RelationKind.FOSTER_PARENT)
              || is(grant, RelationKind.CASE_COORDINATOR)
              || is(grant, RelationKind.PROFESSIONAL);
      // Decided by safetySignalGrant, never by a relation's scopes.
      case READ_SAFETY_SIGNALS, PICK_UP_SAFETY_SIGNAL, CLOSE_SAFETY_SIGNAL -> false;
      case READ_ACCESS_LOG,
          ASSIGN_CASE_COORDINATOR,
          RAISE_SAFETY_SIGNAL,
          CHOOSE_MENTOR,
          NAME_STEADY_CONTACT,
          CONFIRM_CIRCLE ->
          false;
    };
  }

  private static boolean is(Grant grant, RelationKind kind) {
    return grant.capacity().equals(kind.name());
  }

  /**
   * Who may read or act on a young person's safety signals, decided on every request from what
   * holds now (not from whom a signal once reached): the young person (reading only), their case
   * coordinator now, and the people on the region's safety-contact roster now who hold the
   * PROFESSIONAL role in the region. Never a parent or foster parent of this young person, whatever
   * else they are (also a professional, on the roster, even the case coordinator).
   */
  private Future<Optional<Grant>> safetySignalGrant(
      String personId, Youth youth, Permission permission, int age, Instant now) {
    if (youth.id().equals(personId)) {
      return Future.succeededFuture(
          PROFESSIONAL_ONLY.contains(permission)
              ? Optional.empty()
              : Optional.of(new Grant(youth, SELF, EnumSet.allOf(Scope.class), age)));
    }
    if (isParentOrFosterParent(youth, personId)) {
      return Future.succeededFuture(Optional.empty());
    }
    Optional<Relation> coordinator =
        youth
            .activeOfKind(RelationKind.CASE_COORDINATOR, now)
            .filter(r -> r.personId().equals(personId));
    if (coordinator.isPresent()) {
      return Future.succeededFuture(
          Optional.of(
              new Grant(
                  youth,
                  RelationKind.CASE_COORDINATOR.name(),
                  AgeRules.effectiveScopes(coordinator.get(), youth.dateOfBirth(), now),
                  age)));
    }
    return safetyDuty
        .onRoster(youth.regionId(), personId)
        .compose(
            onRoster ->
                onRoster
                    ? people
                        .find(personId)
                        .map(
                            person ->
                                person
                                    .filter(p -> p.has(Role.PROFESSIONAL, youth.regionId()))
                                    .map(
                                        p ->
                                            new Grant(
                                                youth,
                                                SAFETY_CONTACT,
                                                EnumSet.noneOf(Scope.class),
                                                age)))
                    : Future.succeededFuture(Optional.<Grant>empty()));
  }

  /**
   * Whether the person is, or ever was, this young person's parent or foster parent: they never
   * receive nor read the young person's safety signals.
   */
  public static boolean isParentOrFosterParent(Youth youth, String personId) {
    return youth.relations().stream()
        .anyMatch(
            r ->
                r.personId().equals(personId)
                    && (r.kind() == RelationKind.PARENT || r.kind() == RelationKind.FOSTER_PARENT));
  }

  /**
   * Of these people, those who may hold the safety duty for this young person: professionals of the
   * young person's region who are not their parent or foster parent. In the order given.
   */
  public Future<List<String>> mayHoldSafetyDuty(Youth youth, List<String> personIds) {
    List<String> candidates =
        personIds.stream().filter(id -> !isParentOrFosterParent(youth, id)).distinct().toList();
    if (candidates.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return people
        .findAll(candidates)
        .map(
            found -> {
              Set<String> professionals = new java.util.HashSet<>();
              found.stream()
                  .filter(p -> p.has(Role.PROFESSIONAL, youth.regionId()))
                  .forEach(p -> professionals.add(p.id()));
              return candidates.stream().filter(professionals::contains).toList();
            });
  }

  /**
   * Of the people proposed for a region's safety-contact roster, the positions of those who may not
   * be on it: everyone but a person who holds the PROFESSIONAL role in that region (a young person,
   * a parent or foster parent only, a mentor, an analyst, an admin without that role, an unknown
   * id).
   */
  public Future<List<Integer>> notEligibleAsSafetyContacts(
      String regionId, List<String> personIds) {
    if (personIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return people
        .findAll(personIds)
        .map(
            found -> {
              Set<String> professionals = new java.util.HashSet<>();
              found.stream()
                  .filter(p -> p.has(Role.PROFESSIONAL, regionId))
                  .forEach(p -> professionals.add(p.id()));
              List<Integer> refused = new ArrayList<>();
              for (int i = 0; i < personIds.size(); i++) {
                if (!professionals.contains(personIds.get(i))) {
                  refused.add(i);
                }
              }
              return refused;
            });
  }

  /**
   * Succeeds when the caller is a REGION_ADMIN of the region; otherwise the same 404 as for a
   * region that does not exist (region settings such as the safety-contact roster).
   */
  public Future<Void> authorizeRegionAdmin(Caller caller, String regionId) {
    return people
        .find(caller.personId())
        .compose(
            person ->
                person.filter(p -> p.has(Role.REGION_ADMIN, regionId)).isPresent()
                    ? Future.succeededFuture()
                    : notFound());
  }

  private Future<Grant> log(
      Caller caller, Grant grant, Permission permission, String resource, Instant now) {
    String onBehalfOf =
        grant.capacity().equals(Role.REGION_ADMIN.name())
            ? "region:" + grant.youth().regionId()
            : caller.personId();
    return accessLog
        .append(
            new AccessLog.Entry(
                grant.youth().id(),
                caller.personId(),
                grant.capacity(),
                onBehalfOf,
                resource,
                permission.action(),
                now,
                caller.requestId()))
        .map(grant);
  }

  private static <T> Future<T> notFound() {
    return Future.failedFuture(Problem.of(ProblemKind.NOT_FOUND));
  }
}
