package nl.koers.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.koers.identity.Role;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Authorizations;
import nl.koers.platform.security.Caller;

/**
 * The one authorization component: every handler that touches a young person's data asks here
 * first. It reads the young person's record on every request (so an ended relation stops access at
 * once, whatever the caller's token says), applies relation, scope and age rules, records the
 * access in the access log (when the answer goes out), and otherwise records the refusal in the
 * security log and answers exactly as if the young person did not exist.
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

  /**
   * Whether a person holds a role in a region: the region capability's one rule ({@code
   * region.Regions}), handed in as a method reference because region builds on circle.
   */
  public interface RegionRoles {
    Future<Boolean> holds(String personId, Role role, String regionId);
  }

  /**
   * The capacity of a professional outside the circle who holds one of the young person's reply
   * tasks, given to them by the region admin ({@link #authorizeAssigned}), in the access log.
   */
  public static final String FEEDBACK_ASSIGNEE = "FEEDBACK_ASSIGNEE";

  /** The capacity of a professional given a carer's support request by the region admin. */
  public static final String SUPPORT_ASSIGNEE = "SUPPORT_ASSIGNEE";

  /** What a region admin does about one young person: blind to the circle, logged as the region. */
  private static final Set<Permission> REGION_ADMIN_WORK =
      EnumSet.of(
          Permission.ASSIGN_CASE_COORDINATOR,
          Permission.READ_CASE_COORDINATOR,
          Permission.READ_FEEDBACK_TASK,
          Permission.REASSIGN_FEEDBACK_TASK,
          Permission.READ_REGION_SUPPORT_REQUEST,
          Permission.REASSIGN_SUPPORT_REQUEST);

  /** What holding a reply task opens to a professional outside the circle: that feedback only. */
  private static final Set<Permission> ON_AN_ASSIGNED_TASK =
      EnumSet.of(
          Permission.READ_FEEDBACK,
          Permission.RESPOND_TO_FEEDBACK,
          Permission.READ_CARER_SUPPORT,
          Permission.ANSWER_CARER_SUPPORT);

  /** Of those, what a support request given by the region admin opens: that request only. */
  private static final Set<Permission> ON_A_SUPPORT_REQUEST =
      EnumSet.of(Permission.READ_CARER_SUPPORT, Permission.ANSWER_CARER_SUPPORT);

  /** The relations a statement may be addressed to: the circle's professionals. */
  private static final Set<RelationKind> STATEMENT_ADDRESSEES =
      EnumSet.of(
          RelationKind.CASE_COORDINATOR,
          RelationKind.PROFESSIONAL,
          RelationKind.FOSTER_CARE_WORKER);

  /** The capacity of the adult service's contact of one handover, in the access log. */
  public static final String HANDOVER_CONTACT = "HANDOVER_CONTACT";

  /** What accepting a handover invite opens to someone outside the circle: that handover only. */
  private static final Set<Permission> ON_A_HANDOVER =
      EnumSet.of(Permission.READ_HANDOVER_AS_CONTACT, Permission.CONFIRM_HANDOVER_AS_CONTACT);

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
          Permission.READ_MENTOR_CHECK_INS,
          Permission.ACT_AS_MENTOR,
          Permission.CONFIRM_STEADY_CONTACT,
          Permission.RECORD_EXTENDED_CARE,
          Permission.READ_CASELOAD,
          // Carers' support is about the care they give, not the young person's own data.
          Permission.REQUEST_CARER_SUPPORT,
          Permission.READ_CARER_SUPPORT,
          Permission.ANSWER_CARER_SUPPORT,
          // The adult service's side of a handover is theirs, never the young person's.
          Permission.READ_HANDOVER_AS_CONTACT,
          Permission.CONFIRM_HANDOVER_AS_CONTACT);

  private final YouthRecords records;
  private final RegionRoles regionRoles;
  private final AccessLog accessLog;
  private final SecurityLog securityLog;
  private final SafetyDuty safetyDuty;
  private final Clock clock;

  public CareCircle(
      YouthRecords records,
      RegionRoles regionRoles,
      AccessLog accessLog,
      SecurityLog securityLog,
      SafetyDuty safetyDuty,
      Clock clock) {
    this.records = records;
    this.regionRoles = regionRoles;
    this.accessLog = accessLog;
    this.securityLog = securityLog;
    this.safetyDuty = safetyDuty;
    this.clock = clock;
  }

  /**
   * The caller's grant for this young person; the access is logged when the answer goes out. A 404
   * problem (the same as for a young person that does not exist) when the caller may not, and the
   * refusal goes to the security log.
   */
  public Future<Grant> authorize(
      Caller caller, String youthId, Permission permission, String resource) {
    return authorize(caller, youthId, permission, resource, Optional.empty());
  }

  /**
   * As {@link #authorize(Caller, String, Permission, String)}; with {@code asCapacity}, only a
   * grant in that capacity counts (a replay: the capability's own checks on the capacity hold as
   * they did the first time).
   */
  private Future<Grant> authorize(
      Caller caller,
      String youthId,
      Permission permission,
      String resource,
      Optional<String> asCapacity) {
    Instant now = clock.instant();
    return records
        .find(youthId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return refused(caller, youthId, permission.name(), resource, now);
              }
              return decide(caller, found.get(), permission, now)
                  .compose(
                      grant ->
                          grant.isEmpty()
                                  || asCapacity
                                      .filter(c -> !c.equals(grant.get().capacity()))
                                      .isPresent()
                              ? refused(caller, youthId, permission.name(), resource, now)
                              : log(caller, grant.get(), permission, resource, now));
            });
  }

  /** Where a young person's line in their case coordinator's caseload is logged. */
  public static String caseloadResource(String youthId) {
    return "youth/" + youthId + "/caseload";
  }

  /**
   * Of these young people, those the caller is case coordinator of now ({@link
   * Permission#READ_CASELOAD}), in the order given: a caseload lists them without asking for each
   * one by id, so it never refuses (nobody else is listed, nothing goes to the security log). Each
   * one listed owes a line to that young person's access log.
   */
  public List<Grant> caseload(Caller caller, List<Youth> candidates) {
    Instant now = clock.instant();
    List<Grant> listed = new java.util.ArrayList<>();
    for (Youth youth : candidates) {
      grantsNow(caller.personId(), youth, now).stream()
          .filter(grant -> !grant.capacity().equals(SELF))
          .filter(grant -> allows(grant, Permission.READ_CASELOAD))
          .findFirst()
          .ifPresent(
              grant -> {
                log(caller, grant, Permission.READ_CASELOAD, caseloadResource(youth.id()), now);
                listed.add(grant);
              });
    }
    return listed;
  }

  /**
   * As {@link #authorize(Caller, String, Permission, String)} for one piece of feedback whose reply
   * task {@code assignee} holds now (open, given to them): besides the circle, that assignee may
   * read that feedback and reply to it while they hold the task, when they are a professional of
   * the young person's region and never were the young person's parent or foster parent. It opens
   * nothing else of the young person (no profile, no circle, no other feedback), and ends when the
   * task is answered or given to someone else. The caller's own relation decides first.
   */
  public Future<Grant> authorizeAssigned(
      Caller caller,
      String youthId,
      Permission permission,
      String resource,
      Optional<String> assignee) {
    Instant now = clock.instant();
    return records
        .find(youthId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return refused(caller, youthId, permission.name(), resource, now);
              }
              Youth youth = found.get();
              return decide(caller, youth, permission, now)
                  .compose(
                      grant ->
                          grant.isPresent()
                              ? Future.succeededFuture(grant)
                              : assigneeGrant(caller.personId(), youth, permission, assignee, now))
                  .compose(
                      grant ->
                          grant.isEmpty()
                              ? refused(caller, youthId, permission.name(), resource, now)
                              : log(caller, grant.get(), permission, resource, now));
            });
  }

  /**
   * For the adult service's contact of one handover ({@code contactId}: who accepted its invite),
   * who is in nobody's circle: that contact may read that handover and confirm its adult side,
   * while they are not the young person's parent or foster parent. It opens nothing else of the
   * young person. Anyone else is refused as for a young person that does not exist.
   */
  public Future<Grant> authorizeHandoverContact(
      Caller caller,
      String youthId,
      Permission permission,
      String resource,
      Optional<String> contactId) {
    Instant now = clock.instant();
    return records
        .find(youthId)
        .compose(
            found -> {
              boolean contact =
                  found.isPresent()
                      && ON_A_HANDOVER.contains(permission)
                      && contactId.map(caller.personId()::equals).orElse(false)
                      && mayActForAdultService(found.get(), caller.personId());
              if (!contact) {
                return refused(caller, youthId, permission.name(), resource, now);
              }
              Youth youth = found.get();
              int age = AgeRules.age(youth.dateOfBirth(), now);
              Grant grant = new Grant(youth, HANDOVER_CONTACT, EnumSet.noneOf(Scope.class), age);
              return log(caller, grant, permission, resource, now);
            });
  }

  private Future<Optional<Grant>> assigneeGrant(
      String personId, Youth youth, Permission permission, Optional<String> assignee, Instant now) {
    if (!ON_AN_ASSIGNED_TASK.contains(permission)
        || !assignee.map(personId::equals).orElse(false)) {
      return Future.succeededFuture(Optional.empty());
    }
    int age = AgeRules.age(youth.dateOfBirth(), now);
    boolean onSupport = ON_A_SUPPORT_REQUEST.contains(permission);
    String capacity = onSupport ? SUPPORT_ASSIGNEE : FEEDBACK_ASSIGNEE;
    // The steady contact the young adult chose holds their worried check-in, whoever they are.
    boolean steadyContact =
        !onSupport
            && youth
                .activeOfKind(RelationKind.STEADY_CONTACT, now)
                .map(r -> r.personId().equals(personId))
                .orElse(false);
    return (steadyContact ? Future.succeededFuture(true) : mayBeGivenWork(personId, youth))
        .map(
            professional ->
                professional
                    ? Optional.of(new Grant(youth, capacity, EnumSet.noneOf(Scope.class), age))
                    : Optional.<Grant>empty());
  }

  /**
   * Whether a person may be a handover's adult-service contact for this young person: anyone but
   * the young person, their parent or their foster parent (the family cannot speak for the adult
   * service). Asked when an invite is accepted, and again on every access.
   */
  public static boolean mayActForAdultService(Youth youth, String personId) {
    return !youth.id().equals(personId) && !isParentOrFosterParent(youth, personId);
  }

  /**
   * Whether a person may be given work about this young person by the region admin (a late reply
   * task, a support request): a professional of the young person's region now, not the young
   * person, never their parent or foster parent. Not an access, so not logged.
   */
  public Future<Boolean> mayBeGivenWork(String personId, Youth youth) {
    if (youth.id().equals(personId) || isParentOrFosterParent(youth, personId)) {
      return Future.succeededFuture(false);
    }
    return regionRoles.holds(personId, Role.PROFESSIONAL, youth.regionId());
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
    if (REGION_ADMIN_WORK.contains(permission)) {
      return regionRoles
          .holds(caller.personId(), Role.REGION_ADMIN, youth.regionId())
          .map(
              admin ->
                  admin
                      ? Optional.of(
                          new Grant(
                              youth, Role.REGION_ADMIN.name(), EnumSet.noneOf(Scope.class), age))
                      : Optional.<Grant>empty());
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

  /**
   * What a person may do with a young person's data now, from the record alone, without logging
   * (the change feed names items; reading them is logged by their own reads): the young person's
   * own grant, or one per relation that grants something now. Not for the safety and region
   * permissions, which are decided apart.
   */
  public static List<Grant> grantsNow(String personId, Youth youth, Instant now) {
    int age = AgeRules.age(youth.dateOfBirth(), now);
    if (youth.id().equals(personId)) {
      return List.of(new Grant(youth, SELF, EnumSet.allOf(Scope.class), age));
    }
    return youth.activeRelationsOf(personId, now).stream()
        .map(
            relation ->
                new Grant(
                    youth,
                    relation.kind().name(),
                    AgeRules.effectiveScopes(relation, youth.dateOfBirth(), now),
                    age))
        .toList();
  }

  /** Whether one of these grants allows the permission, as {@link #authorize} would decide. */
  public static boolean permits(List<Grant> grants, Permission permission) {
    if (ON_SAFETY_SIGNALS.contains(permission) || REGION_ADMIN_WORK.contains(permission)) {
      return false;
    }
    return grants.stream()
        .anyMatch(
            grant ->
                grant.capacity().equals(SELF)
                    ? !PROFESSIONAL_ONLY.contains(permission)
                    : allows(grant, permission));
  }

  private static boolean allows(Grant grant, Permission permission) {
    return switch (permission) {
      case READ_PROFILE -> grant.sees(Scope.PROFILE);
      case READ_CIRCLE -> grant.sees(Scope.CIRCLE);
      case MANAGE_CIRCLE, RESPOND_TO_FEEDBACK -> is(grant, RelationKind.CASE_COORDINATOR);
      case LOG_CONTACT_MOMENT ->
          is(grant, RelationKind.CASE_COORDINATOR)
              || is(grant, RelationKind.PROFESSIONAL)
              || is(grant, RelationKind.FOSTER_CARE_WORKER);
      // Parents answer their own questionnaire and read their own answers, while their access
      // lasts (the age rules end it at 18); never the young person's. Foster parents answer theirs
      // about the support they get with the placement, while they see the young person's profile.
      case ANSWER_FEEDBACK ->
          (is(grant, RelationKind.PARENT) || is(grant, RelationKind.FOSTER_PARENT))
              && grant.sees(Scope.PROFILE);
      case READ_FEEDBACK ->
          is(grant, RelationKind.CASE_COORDINATOR)
              || (is(grant, RelationKind.PARENT) && grant.sees(Scope.PROFILE));
      // Before 16 the parents see the nominations that wait for (or had) their agreement.
      case READ_MENTOR_NOMINATIONS ->
          is(grant, RelationKind.CASE_COORDINATOR)
              || (is(grant, RelationKind.PARENT)
                  && grant.sees(Scope.PROFILE)
                  && grant.age() < AgeRules.DECIDES_ALONE);
      case CONFIRM_MENTOR -> is(grant, RelationKind.CASE_COORDINATOR);
      // Who of them records it: recordsParentAgreement.
      case AGREE_TO_MENTOR ->
          (is(grant, RelationKind.PARENT) && grant.sees(Scope.PROFILE))
              || is(grant, RelationKind.CASE_COORDINATOR);
      case ACT_AS_MENTOR -> is(grant, RelationKind.JIM);
      // Which check-ins: the JIM only their own (Mentors.checkIns).
      case READ_MENTOR_CHECK_INS ->
          is(grant, RelationKind.CASE_COORDINATOR) || is(grant, RelationKind.JIM);
      case READ_PLAN -> grant.sees(Scope.PLAN);
      // Any member may ask; planSight decides which domains and actions they see.
      case READ_PLAN_PART -> true;
      case END_RELATION, READ_CONSENTS -> is(grant, RelationKind.CASE_COORDINATOR);
      case WRITE_PLAN, RECORD_EXTENDED_CARE, READ_CASELOAD ->
          is(grant, RelationKind.CASE_COORDINATOR);
      case CONVERSE -> grant.sees(Scope.MESSAGES);
      // Who may be a steady contact is checked against the named person by the capability.
      case CONFIRM_STEADY_CONTACT ->
          is(grant, RelationKind.JIM)
              || is(grant, RelationKind.FOSTER_PARENT)
              || is(grant, RelationKind.CASE_COORDINATOR)
              || is(grant, RelationKind.PROFESSIONAL)
              || is(grant, RelationKind.FOSTER_CARE_WORKER);
      // The foster parent's view of the placement, and the case coordinator's.
      case READ_PLACEMENT ->
          (is(grant, RelationKind.FOSTER_PARENT) && grant.sees(Scope.PROFILE))
              || is(grant, RelationKind.CASE_COORDINATOR);
      // Whoever owns an item sees and completes it, while their relation grants anything now.
      case WORK_ON_OWN_TASKS -> !grant.scopes().isEmpty();
      // Foster parents while they see the young person; the JIM, whose support is the case
      // coordinator's to give.
      case REQUEST_CARER_SUPPORT ->
          (is(grant, RelationKind.FOSTER_PARENT) && grant.sees(Scope.PROFILE))
              || is(grant, RelationKind.JIM);
      // Which requests: the requester's own, the holder's, all for the case coordinator
      // (CarerSupport.visibleTo).
      case READ_CARER_SUPPORT ->
          (is(grant, RelationKind.FOSTER_PARENT) && grant.sees(Scope.PROFILE))
              || is(grant, RelationKind.JIM)
              || is(grant, RelationKind.FOSTER_CARE_WORKER)
              || is(grant, RelationKind.CASE_COORDINATOR);
      // Which requests: those the worker holds; the case coordinator any (CarerSupport).
      case ANSWER_CARER_SUPPORT ->
          is(grant, RelationKind.FOSTER_CARE_WORKER) || is(grant, RelationKind.CASE_COORDINATOR);
      // Decided by safetySignalGrant, never by a relation's scopes.
      case READ_SAFETY_SIGNALS, PICK_UP_SAFETY_SIGNAL, CLOSE_SAFETY_SIGNAL -> false;
      case READ_ACCESS_LOG,
          DECIDE_SCOPES,
          ASSIGN_CASE_COORDINATOR,
          READ_CASE_COORDINATOR,
          READ_FEEDBACK_TASK,
          REASSIGN_FEEDBACK_TASK,
          READ_REGION_SUPPORT_REQUEST,
          REASSIGN_SUPPORT_REQUEST,
          RAISE_SAFETY_SIGNAL,
          CHOOSE_MENTOR,
          NAME_STEADY_CONTACT,
          CONFIRM_CIRCLE,
          READ_FOLLOW_UP,
          CHOOSE_FOLLOW_UP,
          REQUEST_ERASURE,
          CHOOSE_READING_LEVEL,
          ANSWER_HANDOVER,
          // Decided by authorizeHandoverContact, never by a relation.
          READ_HANDOVER_AS_CONTACT,
          CONFIRM_HANDOVER_AS_CONTACT,
          // One's own copy: the young person's alone, whatever a relation's scopes say.
          EXPORT_OWN_DATA,
          // The young person's own words, never sent by someone else on their behalf.
          SEND_STATEMENT ->
          false;
      // The young person's own voice: a pulse they start, who sees their own answers.
      case START_PULSE, WIDEN_FEEDBACK_SHARING -> false;
      // Which statements: those addressed to them or held by them (Statements.readableBy).
      case READ_STATEMENTS -> STATEMENT_ADDRESSEES.stream().anyMatch(kind -> is(grant, kind));
    };
  }

  /**
   * Who a young person may address a statement to: a professional of their circle now, never a
   * parent or foster parent (also one who is a professional too), nor a JIM who is not also one of
   * their professionals. The case coordinator is the default addressee.
   */
  public static boolean mayReceiveStatement(Youth youth, String personId, Instant now) {
    return !isParentOrFosterParent(youth, personId)
        && youth.activeRelationsOf(personId, now).stream()
            .anyMatch(r -> STATEMENT_ADDRESSEES.contains(r.kind()));
  }

  private static boolean is(Grant grant, RelationKind kind) {
    return grant.capacity().equals(kind.name());
  }

  /**
   * The foster parents of this young person who may read the placement now: whom news about the
   * placement (the extended-care decision) is for, so that its link opens for them.
   */
  public static List<String> fosterParentsSeeingPlacement(Youth youth, Instant now) {
    return youth.relations().stream()
        .filter(r -> r.kind() == RelationKind.FOSTER_PARENT && r.activeAt(now))
        .map(Relation::personId)
        .distinct()
        .filter(p -> permits(grantsNow(p, youth, now), Permission.READ_PLACEMENT))
        .toList();
  }

  /**
   * Whether this person may see and complete what they own of this young person's plan and
   * checklist now: they are the young person, or a member whose relation grants anything now (not
   * after the young person ended their access, nor a parent's after 18 unless kept). What
   * notifications about owned items are sent on, as well as what the owner reads.
   */
  public static boolean mayWorkOnOwnTasks(Youth youth, String personId, Instant now) {
    return permits(grantsNow(personId, youth, now), Permission.WORK_ON_OWN_TASKS);
  }

  /**
   * Whether this grant records the parents' agreement to a JIM (12-15): the agreement is the
   * parents', so a parent of the circle; the case coordinator only where no parent is in the circle
   * (guardianship), recording the guardian's decision.
   */
  public static boolean recordsParentAgreement(Grant grant, Instant now) {
    return is(grant, RelationKind.PARENT)
        || (is(grant, RelationKind.CASE_COORDINATOR)
            && grant.youth().activeOfKind(RelationKind.PARENT, now).isEmpty());
  }

  /**
   * Whether an authorized caller may make this decision about one relation of the circle. Deciding
   * what a member sees is the young person's alone: from 16 about any member but the case
   * coordinator (whose access is their duty), before 16 only about their JIM (parents' view follows
   * the WGBO age rules). Ending a relation: the case coordinator any; the young person from 16 a
   * parent's or foster parent's access (their JIM through the mentor flow).
   */
  public static boolean mayDecideAbout(Grant grant, Relation relation, Permission permission) {
    boolean self = grant.capacity().equals(SELF);
    boolean decidesAlone = grant.age() >= AgeRules.DECIDES_ALONE;
    RelationKind kind = relation.kind();
    return switch (permission) {
      case DECIDE_SCOPES ->
          self
              && kind != RelationKind.CASE_COORDINATOR
              && (decidesAlone || kind == RelationKind.JIM);
      case END_RELATION ->
          is(grant, RelationKind.CASE_COORDINATOR)
              || (self
                  && decidesAlone
                  && (kind == RelationKind.PARENT || kind == RelationKind.FOSTER_PARENT));
      default -> false;
    };
  }

  /**
   * What of the future plan a person sees. The young person: all of it. A member: each domain whose
   * {@code visibleTo} names the kind of one of their relations that grants anything now (so a
   * parent's access that ended at 18, or a foster parent whose access the young person ended, sees
   * no domain), and every action they own, even in a domain they do not see (only their own actions
   * of it). The plan as a whole (its ending and versions) needs the plan scope. So {@code
   * visibleTo} decides the domains by itself; the plan scope never opens a domain that {@code
   * visibleTo} does not name.
   */
  public record PlanSight(
      boolean self, boolean wholePlan, Set<RelationKind> kinds, String personId) {
    public boolean seesDomain(java.util.Collection<String> visibleTo) {
      return self || kinds.stream().anyMatch(kind -> visibleTo.contains(kind.name()));
    }

    public boolean owns(String ownerId) {
      return self || personId.equals(ownerId);
    }
  }

  public static PlanSight planSight(Grant grant, String personId, Instant now) {
    if (grant.capacity().equals(SELF)) {
      return new PlanSight(true, true, EnumSet.allOf(RelationKind.class), personId);
    }
    Set<RelationKind> kinds = EnumSet.noneOf(RelationKind.class);
    boolean whole = false;
    for (Relation relation : grant.youth().activeRelationsOf(personId, now)) {
      Set<Scope> scopes = AgeRules.effectiveScopes(relation, grant.youth().dateOfBirth(), now);
      if (!scopes.isEmpty()) {
        kinds.add(relation.kind());
      }
      whole = whole || scopes.contains(Scope.PLAN);
    }
    return new PlanSight(false, whole, kinds, personId);
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
                    ? regionRoles
                        .holds(personId, Role.PROFESSIONAL, youth.regionId())
                        .map(
                            professional ->
                                professional
                                    ? Optional.of(
                                        new Grant(
                                            youth,
                                            SAFETY_CONTACT,
                                            EnumSet.noneOf(Scope.class),
                                            age))
                                    : Optional.<Grant>empty())
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
   * Notes that this request ended the caller's own relation (a JIM stepping down): a retry of it is
   * answered as before, although the caller is no longer in the circle - it must still be that
   * caller's relation, and ended.
   */
  public void endedOwnRelation(Caller caller, String youthId, String relationId) {
    caller
        .authorizations()
        .passed(
            new Authorizations.Check(
                Replays.LEFT, Map.of("youthId", youthId, "relationId", relationId)));
  }

  /** A check an earlier request passed, made again for the caller now (see {@link Replays}). */
  Future<Void> authorizeAgain(Caller caller, Authorizations.Check check) {
    if (check.fact("capacity").equals(HANDOVER_CONTACT)) {
      // Whether the caller is still that handover's contact is the capability's own check, made
      // again after this one (Handovers.CONTACT_CHECK).
      return authorizeHandoverContact(
              caller,
              check.fact("youthId"),
              Permission.valueOf(check.fact("permission")),
              check.fact("resource"),
              Optional.of(caller.personId()))
          .mapEmpty();
    }
    return authorize(
            caller,
            check.fact("youthId"),
            Permission.valueOf(check.fact("permission")),
            check.fact("resource"),
            Optional.of(check.fact("capacity")))
        .mapEmpty();
  }

  /**
   * The check of a request that ended the caller's own relation, made again: that relation is the
   * caller's, in the capacity the check was passed in, and no longer active.
   */
  Future<Void> leftAgain(Caller caller, Authorizations.Check check, String relationId) {
    Instant now = clock.instant();
    String youthId = check.fact("youthId");
    Permission permission = Permission.valueOf(check.fact("permission"));
    return records
        .find(youthId)
        .compose(
            found -> {
              Optional<Relation> left =
                  found.flatMap(
                      youth ->
                          youth.relations().stream()
                              .filter(r -> r.id().equals(relationId))
                              .filter(r -> r.personId().equals(caller.personId()))
                              .filter(r -> r.kind().name().equals(check.fact("capacity")))
                              .filter(r -> !r.activeAt(now))
                              .findFirst());
              if (left.isEmpty()) {
                return refused(caller, youthId, permission.name(), check.fact("resource"), now);
              }
              Youth youth = found.get();
              return log(
                      caller,
                      new Grant(
                          youth,
                          check.fact("capacity"),
                          EnumSet.noneOf(Scope.class),
                          AgeRules.age(youth.dateOfBirth(), now)),
                      permission,
                      check.fact("resource"),
                      now)
                  .mapEmpty();
            });
  }

  /**
   * The access is owed to the young person's log: written when the answer goes out (an attempt that
   * fails after this leaves no line). The check is kept with the request, for a replay.
   */
  private Future<Grant> log(
      Caller caller, Grant grant, Permission permission, String resource, Instant now) {
    String onBehalfOf =
        grant.capacity().equals(Role.REGION_ADMIN.name())
            ? "region:" + grant.youth().regionId()
            : caller.personId();
    AccessLog.Entry entry =
        new AccessLog.Entry(
            grant.youth().id(),
            caller.personId(),
            grant.capacity(),
            onBehalfOf,
            resource,
            AccessLog.Action.of(permission.action(), caller.authorizations().readOnly()),
            now,
            caller.requestId());
    caller
        .authorizations()
        .passed(
            new Authorizations.Check(
                Replays.CIRCLE,
                Map.of(
                    "youthId", grant.youth().id(),
                    "permission", permission.name(),
                    "resource", resource,
                    "capacity", grant.capacity())),
            () -> accessLog.append(entry));
    return Future.succeededFuture(grant);
  }

  /** A refused attempt: to the security log, never the young person's; answered as nothing. */
  private <T> Future<T> refused(
      Caller caller, String youthId, String permission, String resource, Instant now) {
    return securityLog
        .append(
            new SecurityLog.Refusal(
                caller.personId(), youthId, permission, resource, now, caller.requestId()))
        .compose(v -> notFound());
  }

  private static <T> Future<T> notFound() {
    return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
  }
}
