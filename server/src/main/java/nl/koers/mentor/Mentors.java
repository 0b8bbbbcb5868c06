package nl.koers.mentor;

import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Consents;
import nl.koers.circle.Permission;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Scope;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.Activations;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.notify.Inbox;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The JIM: the young person nominates an adult from their own network and shares an invite; the
 * adult accepts; for 12–15 a parent agrees; the case coordinator confirms after the intake talk.
 * One active JIM at a time; the young person ends it whenever they want, and access ends at once.
 *
 * <p>The parents' agreement (12–15) is theirs and it binds. When the invited adult accepts, the
 * parents in the circle are told that an agreement waits (not at the invite: until someone accepted
 * there is nothing to agree to, and the young person may invite several people). They read the
 * accepted nominations (first name, relation, status; never a code or who the adult is) and decide;
 * a refusal ends the nomination as {@code PARENT_REFUSED} and nobody overrules it (a later
 * agreement or a confirmation answers 409). The young person is told either way. Only where no
 * parent is in the circle (guardianship) does the case coordinator record the guardian's decision,
 * with the guardian's name and a reason, which the young person sees. From 16 nobody is asked
 * (422). Each decision is a line of the consent history, in the same write.
 */
public final class Mentors {

  public static final Duration INVITE_VALIDITY = Duration.ofDays(14);
  public static final Duration CHECK_IN_EVERY = Duration.ofDays(56);
  static final int MAX_OPEN = 5;
  static final int MAX_PER_WEEK = 10;

  private final Nominations nominations;
  private final CareCircle circle;
  private final Consents consents;
  private final YouthRecords records;
  private final People people;
  private final Inbox inbox;
  private final Clock clock;

  public Mentors(
      Nominations nominations,
      CareCircle circle,
      Consents consents,
      YouthRecords records,
      People people,
      Inbox inbox,
      Clock clock) {
    this.nominations = nominations;
    this.circle = circle;
    this.consents = consents;
    this.records = records;
    this.people = people;
    this.inbox = inbox;
    this.clock = clock;
  }

  /** The young person invites an adult; the answer carries the code, once. */
  public Future<JsonObject> nominate(
      Caller caller, String youthId, String firstName, String relation, String seed) {
    Instant now = clock.instant();
    String code = Activations.randomCode();
    String id = derived(seed, "nomination");
    return circle
        .authorize(caller, youthId, Permission.CHOOSE_MENTOR, path(youthId, "nominations"))
        .compose(
            grant ->
                nominations
                    .ofYouth(youthId)
                    .compose(
                        existing -> {
                          boolean retry =
                              existing.stream().anyMatch(n -> id.equals(n.getString("_id")));
                          long open =
                              existing.stream()
                                  .filter(n -> "INVITED".equals(n.getString("status")))
                                  .filter(n -> n.getDate("expiresAt").toInstant().isAfter(now))
                                  .count();
                          long thisWeek =
                              existing.stream()
                                  .filter(
                                      n ->
                                          n.getDate("createdAt")
                                              .toInstant()
                                              .isAfter(now.minus(Duration.ofDays(7))))
                                  .count();
                          if (!retry && (open >= MAX_OPEN || thisWeek >= MAX_PER_WEEK)) {
                            return Future.failedFuture(
                                Problem.of(MentorProblem.TOO_MANY_NOMINATIONS));
                          }
                          Document nomination =
                              new Document("_id", id)
                                  .append("youthId", youthId)
                                  .append("regionId", grant.youth().regionId())
                                  .append("firstName", firstName)
                                  .append("relation", relation)
                                  .append("codeHash", Activations.hash(code))
                                  .append("createdAt", Date.from(now))
                                  .append("expiresAt", Date.from(now.plus(INVITE_VALIDITY)))
                                  .append("status", "INVITED")
                                  .append("checkIns", List.of())
                                  .append(NotificationIntent.OUTBOX, List.of());
                          return nominations
                              .createOnce(nomination)
                              // A retry after a crash: the first code never reached the phone.
                              .compose(
                                  stored ->
                                      nominations
                                          .updateIf(
                                              id,
                                              new Document("status", "INVITED"),
                                              Updates.set("codeHash", Activations.hash(code)))
                                          .map(v -> stored));
                        }))
        .map(stored -> view(stored).put("code", code).put("link", "koers://mentor-invite/" + code));
  }

  public Future<List<JsonObject>> list(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_MENTOR_NOMINATIONS, path(youthId, "nominations"))
        .compose(
            grant ->
                nominations
                    .ofYouth(youthId)
                    .map(
                        found ->
                            found.stream()
                                // Parents see only what waits for (or had) their agreement.
                                .filter(n -> !forParent(grant) || n.getString("mentorId") != null)
                                .map(n -> viewFor(grant, n))
                                .toList()));
  }

  public Future<JsonObject> withdraw(Caller caller, String youthId, String nominationId) {
    return circle
        .authorize(
            caller, youthId, Permission.CHOOSE_MENTOR, path(youthId, "nominations/" + nominationId))
        .compose(grant -> mine(youthId, nominationId))
        .compose(
            nomination ->
                nominations.updateIf(
                    nominationId,
                    new Document(
                        "status", new Document("$in", List.of("INVITED", "PENDING_CONFIRMATION"))),
                    Updates.set("status", "WITHDRAWN")))
        .compose(v -> mine(youthId, nominationId))
        .map(Mentors::view);
  }

  /** The invited adult accepts, signed in with their own account. */
  public Future<JsonObject> accept(Caller caller, String code) {
    Instant now = clock.instant();
    return nominations
        .byCode(Activations.hash(Activations.normalise(code)))
        .compose(
            found -> {
              Document nomination =
                  found.orElseThrow(
                      () -> Problem.of(CommonProblem.NOT_FOUND, "problem.not-found.invite"));
              String status = nomination.getString("status");
              if ("WITHDRAWN".equals(status)) {
                throw Problem.of(MentorProblem.INVITE_WITHDRAWN);
              }
              if (!"INVITED".equals(status)) {
                throw Problem.of(MentorProblem.INVITE_USED);
              }
              if (!nomination.getDate("expiresAt").toInstant().isAfter(now)) {
                throw Problem.of(MentorProblem.INVITE_EXPIRED);
              }
              String youthId = nomination.getString("youthId");
              if (youthId.equals(caller.personId())) {
                throw Problem.of(MentorProblem.OWN_INVITE);
              }
              return records
                  .find(youthId)
                  .compose(
                      youth ->
                          records
                              .find(caller.personId())
                              .map(self -> check(youth.orElseThrow(), self, caller, now)))
                  .compose(youth -> acceptAs(caller, nomination, youth, now));
            });
  }

  private static Youth check(
      Youth youth, Optional<Youth> callerAsYouth, Caller caller, Instant now) {
    boolean parent =
        youth.activeRelationsOf(caller.personId(), now).stream()
            .anyMatch(r -> r.kind() == RelationKind.PARENT);
    if (parent) {
      throw Problem.of(MentorProblem.MENTOR_IS_PARENT);
    }
    if (callerAsYouth
        .filter(y -> AgeRules.age(y.dateOfBirth(), now) < AgeRules.ADULT)
        .isPresent()) {
      throw Problem.of(MentorProblem.MENTOR_TOO_YOUNG);
    }
    return youth;
  }

  private Future<JsonObject> acceptAs(
      Caller caller, Document nomination, Youth youth, Instant now) {
    String id = nomination.getString("_id");
    List<Bson> changes = new ArrayList<>();
    changes.add(Updates.set("status", "PENDING_CONFIRMATION"));
    changes.add(Updates.set("mentorId", caller.personId()));
    changes.add(Updates.set("acceptedAt", Date.from(now)));
    List<NotificationIntent> told = new ArrayList<>();
    told.add(
        intent(
            id + "/accepted",
            NotificationType.MENTOR_INVITE_ACCEPTED,
            youth.id(),
            Optional.of(youth.id()),
            youth.id()));
    youth
        .activeOfKind(RelationKind.CASE_COORDINATOR, now)
        .ifPresent(
            cc ->
                told.add(
                    intent(
                        id + "/confirm",
                        NotificationType.MENTOR_CONFIRMATION_NEEDED,
                        cc.personId(),
                        Optional.of(youth.id()),
                        youth.id())));
    if (AgeRules.age(youth.dateOfBirth(), now) < AgeRules.DECIDES_ALONE) {
      for (Relation parent : youth.relations()) {
        if (parent.kind() == RelationKind.PARENT
            && parent.activeAt(now)
            && AgeRules.effectiveScopes(parent, youth.dateOfBirth(), now).contains(Scope.PROFILE)) {
          told.add(
              intent(
                  id + "/agreement/" + parent.personId(),
                  NotificationType.MENTOR_AGREEMENT_NEEDED,
                  parent.personId(),
                  Optional.of(youth.id()),
                  youth.id()));
        }
      }
    }
    changes.add(NotificationIntent.pushAll(told));
    return nominations
        .updateIf(id, new Document("status", "INVITED"), Updates.combine(changes))
        .compose(
            changed -> {
              if (!changed) {
                return Future.failedFuture(Problem.of(MentorProblem.INVITE_USED));
              }
              return people.grant(
                  caller.personId(), new Person.RegionRole(Role.MENTOR, youth.regionId()));
            })
        .compose(v -> nominations.find(id))
        .map(found -> view(found.orElseThrow()));
  }

  /**
   * A parent of the circle agrees or refuses (12–15); where no parent is in the circle, the case
   * coordinator records the guardian's decision (name and reason required). A refusal binds.
   */
  public Future<JsonObject> agree(
      Caller caller,
      String youthId,
      String nominationId,
      boolean agreed,
      Optional<String> guardianName,
      Optional<String> reason) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller,
            youthId,
            Permission.AGREE_TO_MENTOR,
            path(youthId, "nominations/" + nominationId))
        .compose(
            grant -> {
              if (grant.age() >= AgeRules.DECIDES_ALONE) {
                throw Problem.of(MentorProblem.DECIDES_ALONE);
              }
              return mine(youthId, nominationId)
                  .compose(
                      nomination ->
                          decide(caller, grant, nomination, agreed, guardianName, reason, now))
                  .compose(v -> mine(youthId, nominationId))
                  .map(nomination -> viewFor(grant, nomination));
            });
  }

  /**
   * The guardian's decision, when the case coordinator records one; checks the fields either way.
   */
  private static Optional<ConsentLog.Guardian> guardianOf(
      CareCircle.Grant grant, Optional<String> name, Optional<String> reason) {
    boolean coordinator = grant.capacity().equals(RelationKind.CASE_COORDINATOR.name());
    List<Problem.FieldError> errors = new ArrayList<>();
    for (var field : List.of(Map.entry("guardianName", name), Map.entry("reason", reason))) {
      boolean given = field.getValue().filter(v -> !v.isBlank()).isPresent();
      if (coordinator && !given) {
        errors.add(
            new Problem.FieldError("body", field.getKey(), "/" + field.getKey(), "field.required"));
      } else if (!coordinator && field.getValue().isPresent()) {
        errors.add(
            new Problem.FieldError(
                "body", field.getKey(), "/" + field.getKey(), "field.guardian-only"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    return coordinator
        ? Optional.of(new ConsentLog.Guardian(name.get().strip(), reason.get().strip()))
        : Optional.empty();
  }

  private Future<Void> decide(
      Caller caller,
      CareCircle.Grant grant,
      Document nomination,
      boolean agreed,
      Optional<String> guardianName,
      Optional<String> reason,
      Instant now) {
    String id = nomination.getString("_id");
    Youth youth = grant.youth();
    String status = nomination.getString("status");
    // A refusal binds, whoever comes after it; otherwise only the parents (or, with none in the
    // circle, the case coordinator for the guardian) decide.
    if ("PARENT_REFUSED".equals(status)) {
      return Future.failedFuture(Problem.of(MentorProblem.PARENT_REFUSED));
    }
    // A parent sees only accepted nominations; the others are not there for them.
    if (!CareCircle.recordsParentAgreement(grant, now)
        || (forParent(grant) && nomination.getString("mentorId") == null)) {
      return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
    }
    Optional<ConsentLog.Guardian> guardian = guardianOf(grant, guardianName, reason);
    if (!"PENDING_CONFIRMATION".equals(status)) {
      return Future.failedFuture(
          Problem.of(CommonProblem.CONFLICT, "problem.conflict.not-waiting"));
    }
    Document decision =
        new Document("agreed", agreed)
            .append("by", caller.personId())
            .append("as", guardian.isPresent() ? "GUARDIAN" : "PARENT")
            .append("at", Date.from(now));
    guardian.ifPresent(g -> decision.append("guardianName", g.name()).append("reason", g.reason()));
    ConsentLog.Entry line =
        ConsentLog.Entry.of(
            youth,
            now,
            caller.personId(),
            grant.capacity(),
            guardian.isPresent()
                ? ConsentLog.Decision.GUARDIAN_AGREEMENT
                : ConsentLog.Decision.PARENT_AGREEMENT,
            id,
            Optional.of(RelationKind.JIM),
            List.of(),
            List.of(agreed ? "AGREED" : "REFUSED"));
    ConsentLog.Entry recorded = guardian.map(line::withGuardian).orElse(line);
    String key = id + "/parent-decided/" + caller.personId() + "/" + agreed;
    List<NotificationIntent> told = new ArrayList<>();
    told.add(
        intent(
            key + "/youth",
            NotificationType.MENTOR_PARENT_DECIDED,
            youth.id(),
            Optional.of(youth.id()),
            youth.id()));
    List<Bson> changes = new ArrayList<>();
    changes.add(Updates.set("parentAgreement", decision));
    if (!agreed) {
      changes.add(Updates.set("status", "PARENT_REFUSED"));
      changes.add(Updates.set("endedAt", Date.from(now)));
      youth
          .activeOfKind(RelationKind.CASE_COORDINATOR, now)
          .filter(cc -> !cc.personId().equals(caller.personId()))
          .ifPresent(
              cc ->
                  told.add(
                      intent(
                          key + "/cc",
                          NotificationType.MENTOR_PARENT_DECIDED,
                          cc.personId(),
                          Optional.of(youth.id()),
                          youth.id())));
      // The adult who accepted hears, neutrally, that it does not go ahead.
      Optional.ofNullable(nomination.getString("mentorId"))
          .ifPresent(
              mentorId ->
                  told.add(
                      NotificationIntent.keyed(
                          key + "/nominee",
                          NotificationType.MENTOR_ENDED,
                          mentorId,
                          Optional.empty(),
                          "me/notifications",
                          now)));
    }
    changes.add(ConsentLog.record(List.of(recorded)));
    changes.add(NotificationIntent.pushAll(told));
    return nominations
        .updateIf(id, new Document("status", "PENDING_CONFIRMATION"), Updates.combine(changes))
        .compose(
            changed ->
                changed
                    ? Future.succeededFuture()
                    // Someone decided (or confirmed) meanwhile: answer as if we came after.
                    : nominations
                        .find(id)
                        .compose(
                            now2 ->
                                decide(
                                    caller,
                                    grant,
                                    now2.orElseThrow(),
                                    agreed,
                                    guardianName,
                                    reason,
                                    now)));
  }

  /** The case coordinator confirms after the intake talk: the JIM joins the circle. */
  public Future<JsonObject> confirm(Caller caller, String youthId, String nominationId) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller,
            youthId,
            Permission.CONFIRM_MENTOR,
            path(youthId, "nominations/" + nominationId))
        .compose(
            grant ->
                mine(youthId, nominationId)
                    .compose(
                        nomination -> {
                          String status = nomination.getString("status");
                          if ("ACTIVE".equals(status)) {
                            // A retry: completes a confirmation a crash interrupted.
                            return join(caller, grant, nomination, now);
                          }
                          if ("PARENT_REFUSED".equals(status)) {
                            return Future.failedFuture(Problem.of(MentorProblem.PARENT_REFUSED));
                          }
                          if (!"PENDING_CONFIRMATION".equals(status)) {
                            return Future.failedFuture(Problem.of(CommonProblem.CONFLICT));
                          }
                          Document agreement = nomination.get("parentAgreement", Document.class);
                          if (grant.age() < AgeRules.DECIDES_ALONE
                              && (agreement == null || !agreement.getBoolean("agreed", false))) {
                            return Future.failedFuture(
                                Problem.of(MentorProblem.PARENT_AGREEMENT_NEEDED));
                          }
                          return activate(caller, grant, nomination, now);
                        }))
        .map(Mentors::view);
  }

  /**
   * The nomination becomes ACTIVE first, only while it is still PENDING_CONFIRMATION (so a refusal
   * that came meanwhile wins), and then the JIM joins the circle.
   */
  private Future<Document> activate(
      Caller caller, CareCircle.Grant grant, Document nomination, Instant now) {
    String id = nomination.getString("_id");
    return nominations
        .updateIf(
            id,
            new Document("status", "PENDING_CONFIRMATION"),
            Updates.combine(
                Updates.set("status", "ACTIVE"),
                Updates.set("relationId", jimRelationId(id)),
                Updates.set("confirmedAt", Date.from(now)),
                Updates.set("nextCheckInAt", Date.from(now.plus(CHECK_IN_EVERY)))))
        .compose(
            changed ->
                changed
                    ? join(caller, grant, nomination, now)
                    : nominations
                        .find(id)
                        .compose(
                            found -> {
                              String status = found.orElseThrow().getString("status");
                              if ("ACTIVE".equals(status)) {
                                return join(caller, grant, found.get(), now);
                              }
                              return Future.failedFuture(
                                  Problem.of(
                                      "PARENT_REFUSED".equals(status)
                                          ? MentorProblem.PARENT_REFUSED
                                          : CommonProblem.CONFLICT));
                            }));
  }

  /**
   * The confirmed JIM joins the circle, the old one leaving first (never two at once). Safe to run
   * again: the relation's id derives from the nomination.
   */
  private Future<Document> join(
      Caller caller, CareCircle.Grant grant, Document nomination, Instant now) {
    Youth youth = grant.youth();
    String id = nomination.getString("_id");
    String mentorId = nomination.getString("mentorId");
    Relation jim =
        new Relation(
            jimRelationId(id),
            RelationKind.JIM,
            mentorId,
            RelationKind.JIM.defaultScopes(),
            now,
            Optional.empty(),
            Optional.empty());
    Optional<Relation> previous =
        youth.activeOfKind(RelationKind.JIM, now).filter(old -> !old.id().equals(jim.id()));
    Future<Void> ended =
        previous
            .map(old -> endJim(youth, old, now, caller.personId(), grant.capacity()))
            .orElseGet(Future::succeededFuture);
    return ended
        .compose(
            v ->
                records.addRelation(
                    youth.id(),
                    jim,
                    List.of(
                        NotificationIntent.pushAll(
                            List.of(
                                intent(
                                    id + "/active-youth",
                                    NotificationType.MENTOR_ACTIVE,
                                    youth.id(),
                                    Optional.of(youth.id()),
                                    youth.id()),
                                intent(
                                    id + "/active-jim",
                                    NotificationType.MENTOR_ACTIVE,
                                    mentorId,
                                    Optional.of(youth.id()),
                                    youth.id()))))))
        .compose(v -> nominations.find(id))
        .map(Optional::orElseThrow);
  }

  private static String jimRelationId(String nominationId) {
    return derived(nominationId, "relation");
  }

  /** The young person ends their JIM, now. */
  public Future<Void> end(Caller caller, String youthId) {
    return endBy(caller, youthId, Permission.CHOOSE_MENTOR);
  }

  /** The JIM steps down. */
  public Future<Void> stepDown(Caller caller, String youthId) {
    return endBy(caller, youthId, Permission.ACT_AS_MENTOR);
  }

  private Future<Void> endBy(Caller caller, String youthId, Permission permission) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, permission, path(youthId, ""))
        .compose(
            grant ->
                grant
                    .youth()
                    .activeOfKind(RelationKind.JIM, now)
                    .map(
                        jim ->
                            endJim(grant.youth(), jim, now, caller.personId(), grant.capacity())
                                .onSuccess(
                                    ended -> {
                                      if (jim.personId().equals(caller.personId())) {
                                        // Stepping down ends the JIM's own access: a retry is
                                        // still answered as the first time.
                                        circle.endedOwnRelation(caller, youthId, jim.id());
                                      }
                                    }))
                    .orElseGet(() -> Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND))));
  }

  private Future<Void> endJim(
      Youth youth, Relation jim, Instant now, String deciderId, String capacity) {
    String key = jim.id() + "/ended";
    ConsentLog.Entry line =
        ConsentLog.Entry.of(
            youth,
            now,
            deciderId,
            capacity,
            ConsentLog.Decision.RELATION_ENDED,
            jim.id(),
            Optional.of(RelationKind.JIM),
            jim.scopes().stream().map(Scope::wire).sorted().toList(),
            List.of());
    List<NotificationIntent> told = new ArrayList<>();
    // The JIM is told neutrally, and not as a member of the circle any more.
    told.add(
        NotificationIntent.keyed(
            key + "/jim",
            NotificationType.MENTOR_ENDED,
            jim.personId(),
            Optional.empty(),
            "me/notifications",
            now));
    told.add(
        intent(
            key + "/youth",
            NotificationType.MENTOR_ENDED,
            youth.id(),
            Optional.of(youth.id()),
            youth.id()));
    youth
        .activeOfKind(RelationKind.CASE_COORDINATOR, now)
        .ifPresent(
            cc ->
                told.add(
                    intent(
                        key + "/cc",
                        NotificationType.MENTOR_ENDED,
                        cc.personId(),
                        Optional.of(youth.id()),
                        youth.id())));
    return records
        .endRelation(
            youth.id(),
            jim.id(),
            now,
            List.of(NotificationIntent.pushAll(told), ConsentLog.record(List.of(line))))
        .compose(v -> inbox.withdrawAbout(jim.personId(), youth.id()))
        .compose(v -> nominations.ofYouth(youth.id()))
        .compose(
            all -> {
              Future<Void> chain = Future.succeededFuture();
              for (Document nomination : all) {
                if (jim.id().equals(nomination.getString("relationId"))) {
                  chain =
                      chain.compose(
                          v ->
                              nominations
                                  .updateIf(
                                      nomination.getString("_id"),
                                      new Document("status", "ACTIVE"),
                                      Updates.combine(
                                          Updates.set("status", "ENDED"),
                                          Updates.set("endedAt", Date.from(now))))
                                  .mapEmpty());
                }
              }
              return chain;
            });
  }

  /**
   * The young person decides what their JIM sees (never feedback): the same decision as for any
   * member of the circle ({@link Consents#setJimScopes}), at any age from 12.
   */
  public Future<Set<Scope>> setScopes(Caller caller, String youthId, Set<Scope> scopes) {
    return consents.setJimScopes(caller, youthId, scopes).map(Relation::scopes);
  }

  /** The JIM's own check-in; a low one becomes a task for the case coordinator. */
  public Future<JsonObject> checkIn(
      Caller caller, String youthId, int score, Optional<String> text) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.ACT_AS_MENTOR, path(youthId, "check-ins"))
        .compose(
            grant ->
                nominations
                    .ofYouth(youthId)
                    .compose(
                        all -> {
                          Document active =
                              all.stream()
                                  .filter(n -> "ACTIVE".equals(n.getString("status")))
                                  .filter(n -> caller.personId().equals(n.getString("mentorId")))
                                  .findFirst()
                                  .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
                          String checkInId = UUID.randomUUID().toString();
                          Document checkIn =
                              new Document("id", checkInId)
                                  .append("at", Date.from(now))
                                  .append("score", score)
                                  .append("text", text.orElse(null));
                          List<Bson> changes = new ArrayList<>();
                          changes.add(Updates.push("checkIns", checkIn));
                          if (score <= 2) {
                            grant
                                .youth()
                                .activeOfKind(RelationKind.CASE_COORDINATOR, now)
                                .ifPresent(
                                    cc ->
                                        changes.add(
                                            intent(
                                                    checkInId,
                                                    NotificationType.MENTOR_CHECK_IN_LOW,
                                                    cc.personId(),
                                                    Optional.of(youthId),
                                                    youthId)
                                                .push()));
                          }
                          return nominations
                              .updateIf(
                                  active.getString("_id"), new Document(), Updates.combine(changes))
                              .map(v -> checkInView(checkIn));
                        }));
  }

  /** The JIM's check-ins, for the case coordinator. */
  public Future<List<JsonObject>> checkIns(Caller caller, String youthId) {
    return circle
        .authorize(caller, youthId, Permission.CONFIRM_MENTOR, path(youthId, "check-ins"))
        .compose(grant -> nominations.ofYouth(youthId))
        .map(
            all ->
                all.stream()
                    .flatMap(n -> n.getList("checkIns", Document.class, List.of()).stream())
                    .map(Mentors::checkInView)
                    .toList());
  }

  /** Every eight weeks each active JIM is asked how it goes; each period once. */
  public Future<Integer> askDueCheckIns() {
    Instant now = clock.instant();
    return nominations
        .checkInsDue(now, 50)
        .compose(
            due -> {
              Future<Integer> asked = Future.succeededFuture(0);
              for (Document nomination : due) {
                Date dueAt = nomination.getDate("nextCheckInAt");
                String key = nomination.getString("_id") + "/check-in/" + dueAt.getTime();
                asked =
                    asked.compose(
                        n ->
                            nominations
                                .updateIf(
                                    nomination.getString("_id"),
                                    new Document("nextCheckInAt", dueAt),
                                    Updates.combine(
                                        Updates.set(
                                            "nextCheckInAt",
                                            Date.from(dueAt.toInstant().plus(CHECK_IN_EVERY))),
                                        intent(
                                                key,
                                                NotificationType.MENTOR_CHECK_IN,
                                                nomination.getString("mentorId"),
                                                Optional.of(nomination.getString("youthId")),
                                                nomination.getString("youthId"))
                                            .push()))
                                .map(changed -> changed ? n + 1 : n));
              }
              return asked;
            });
  }

  private Future<Document> mine(String youthId, String nominationId) {
    return nominations
        .find(nominationId)
        .map(
            found ->
                found
                    .filter(n -> youthId.equals(n.getString("youthId")))
                    .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
  }

  private static boolean forParent(CareCircle.Grant grant) {
    return grant.capacity().equals(RelationKind.PARENT.name());
  }

  /** A parent sees a nomination's first name, relation and status, and their agreement; no more. */
  private static JsonObject viewFor(CareCircle.Grant grant, Document nomination) {
    if (!forParent(grant)) {
      return view(nomination);
    }
    Document agreement = nomination.get("parentAgreement", Document.class);
    return new JsonObject()
        .put("id", nomination.getString("_id"))
        .put("firstName", nomination.getString("firstName"))
        .put("relation", nomination.getString("relation"))
        .put("status", nomination.getString("status"))
        .put("parentAgreed", agreement == null ? null : agreement.getBoolean("agreed"));
  }

  static JsonObject view(Document nomination) {
    Document agreement = nomination.get("parentAgreement", Document.class);
    return new JsonObject()
        .put("id", nomination.getString("_id"))
        .put("youthId", nomination.getString("youthId"))
        .put("firstName", nomination.getString("firstName"))
        .put("relation", nomination.getString("relation"))
        .put("status", nomination.getString("status"))
        .put("expiresAt", nomination.getDate("expiresAt").toInstant().toString())
        .put("mentorId", nomination.getString("mentorId"))
        .put("parentAgreed", agreement == null ? null : agreement.getBoolean("agreed"))
        .put("parentAgreement", agreement == null ? null : agreementView(agreement))
        .put(
            "confirmedAt",
            nomination.getDate("confirmedAt") == null
                ? null
                : nomination.getDate("confirmedAt").toInstant().toString());
  }

  /**
   * Who decided (a parent, or the guardian through the case coordinator), and the guardian's why.
   */
  private static JsonObject agreementView(Document agreement) {
    String as = agreement.getString("as");
    return new JsonObject()
        .put("agreed", agreement.getBoolean("agreed"))
        .put("decidedBy", "GUARDIAN".equals(as) ? "GUARDIAN" : "PARENT")
        .put("guardianName", agreement.getString("guardianName"))
        .put("reason", agreement.getString("reason"))
        .put("at", agreement.getDate("at").toInstant().toString());
  }

  private static JsonObject checkInView(Document checkIn) {
    return new JsonObject()
        .put("id", checkIn.getString("id"))
        .put("at", checkIn.getDate("at").toInstant().toString())
        .put("score", checkIn.getInteger("score"))
        .put("text", checkIn.getString("text"));
  }

  private NotificationIntent intent(
      String key, NotificationType type, String recipient, Optional<String> youthId, String youth) {
    return NotificationIntent.keyed(
        key, type, recipient, youthId, "youth/" + youth + "/mentor", clock.instant());
  }

  private static String path(String youthId, String rest) {
    return "youth/" + youthId + "/mentor" + (rest.isEmpty() ? "" : "/" + rest);
  }

  private static String derived(String seed, String what) {
    return Ids.derived(seed, what);
  }
}
