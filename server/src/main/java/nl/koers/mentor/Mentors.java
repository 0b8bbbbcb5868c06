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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
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
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;
import nl.koers.platform.idempotency.Ids;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The JIM: the young person nominates an adult from their own network and shares an invite; the
 * adult accepts; for 12–15 a parent agrees; the case coordinator confirms after the intake talk.
 * One active JIM at a time; the young person ends it whenever they want, and access ends at once.
 */
public final class Mentors {

  public static final Duration INVITE_VALIDITY = Duration.ofDays(14);
  public static final Duration CHECK_IN_EVERY = Duration.ofDays(56);
  static final int MAX_OPEN = 5;
  static final int MAX_PER_WEEK = 10;

  private final Nominations nominations;
  private final CareCircle circle;
  private final YouthRecords records;
  private final People people;
  private final Inbox inbox;
  private final Clock clock;

  public Mentors(
      Nominations nominations,
      CareCircle circle,
      YouthRecords records,
      People people,
      Inbox inbox,
      Clock clock) {
    this.nominations = nominations;
    this.circle = circle;
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
                                Problem.of(ProblemKind.TOO_MANY_NOMINATIONS));
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
        .compose(grant -> nominations.ofYouth(youthId))
        .map(found -> found.stream().map(Mentors::view).toList());
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
                      () -> Problem.of(ProblemKind.NOT_FOUND, "problem.not-found.invite"));
              String status = nomination.getString("status");
              if ("WITHDRAWN".equals(status)) {
                throw Problem.of(ProblemKind.INVITE_WITHDRAWN);
              }
              if (!"INVITED".equals(status)) {
                throw Problem.of(ProblemKind.INVITE_USED);
              }
              if (!nomination.getDate("expiresAt").toInstant().isAfter(now)) {
                throw Problem.of(ProblemKind.INVITE_EXPIRED);
              }
              String youthId = nomination.getString("youthId");
              if (youthId.equals(caller.personId())) {
                throw Problem.of(ProblemKind.OWN_INVITE);
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
      throw Problem.of(ProblemKind.MENTOR_IS_PARENT);
    }
    if (callerAsYouth
        .filter(y -> AgeRules.age(y.dateOfBirth(), now) < AgeRules.ADULT)
        .isPresent()) {
      throw Problem.of(ProblemKind.MENTOR_TOO_YOUNG);
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
    changes.add(NotificationIntent.pushAll(told));
    return nominations
        .updateIf(id, new Document("status", "INVITED"), Updates.combine(changes))
        .compose(
            changed -> {
              if (!changed) {
                return Future.failedFuture(Problem.of(ProblemKind.INVITE_USED));
              }
              return people.grant(
                  caller.personId(), new Person.RegionRole(Role.MENTOR, youth.regionId()));
            })
        .compose(v -> nominations.find(id))
        .map(found -> view(found.orElseThrow()));
  }

  /** A parent agrees (12–15), or the case coordinator records that the parents agreed in person. */
  public Future<JsonObject> agree(
      Caller caller, String youthId, String nominationId, boolean agreed) {
    return circle
        .authorize(
            caller,
            youthId,
            Permission.AGREE_TO_MENTOR,
            path(youthId, "nominations/" + nominationId))
        .compose(
            grant ->
                mine(youthId, nominationId)
                    .compose(
                        nomination ->
                            nominations.updateIf(
                                nominationId,
                                new Document(),
                                Updates.set(
                                    "parentAgreement",
                                    new Document("agreed", agreed)
                                        .append("by", caller.personId())
                                        .append("as", grant.capacity())
                                        .append("at", Date.from(clock.instant()))))))
        .compose(v -> mine(youthId, nominationId))
        .map(Mentors::view);
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
                          if ("ACTIVE".equals(nomination.getString("status"))) {
                            return Future.succeededFuture(nomination);
                          }
                          if (!"PENDING_CONFIRMATION".equals(nomination.getString("status"))) {
                            return Future.failedFuture(Problem.of(ProblemKind.CONFLICT));
                          }
                          Document agreement = nomination.get("parentAgreement", Document.class);
                          if (grant.age() < AgeRules.DECIDES_ALONE
                              && (agreement == null || !agreement.getBoolean("agreed", false))) {
                            return Future.failedFuture(
                                Problem.of(ProblemKind.PARENT_AGREEMENT_NEEDED));
                          }
                          return activate(grant.youth(), nomination, now);
                        }))
        .map(Mentors::view);
  }

  private Future<Document> activate(Youth youth, Document nomination, Instant now) {
    String id = nomination.getString("_id");
    String mentorId = nomination.getString("mentorId");
    Optional<Relation> previous = youth.activeOfKind(RelationKind.JIM, now);
    // The old JIM leaves before the new one joins: never two at once.
    Future<Void> ended =
        previous.map(old -> endJim(youth, old, now)).orElseGet(Future::succeededFuture);
    Relation jim =
        new Relation(
            derived(id, "relation"),
            RelationKind.JIM,
            mentorId,
            RelationKind.JIM.defaultScopes(),
            now,
            Optional.empty(),
            Optional.empty());
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
        .compose(
            added ->
                nominations.updateIf(
                    id,
                    new Document("status", "PENDING_CONFIRMATION"),
                    Updates.combine(
                        Updates.set("status", "ACTIVE"),
                        Updates.set("relationId", jim.id()),
                        Updates.set("confirmedAt", Date.from(now)),
                        Updates.set("nextCheckInAt", Date.from(now.plus(CHECK_IN_EVERY))))))
        .compose(v -> nominations.find(id))
        .map(Optional::orElseThrow);
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
                            endJim(grant.youth(), jim, now)
                                .onSuccess(
                                    ended -> {
                                      if (jim.personId().equals(caller.personId())) {
                                        // Stepping down ends the JIM's own access: a retry is
                                        // still answered as the first time.
                                        circle.endedOwnRelation(caller, youthId, jim.id());
                                      }
                                    }))
                    .orElseGet(() -> Future.failedFuture(Problem.of(ProblemKind.NOT_FOUND))));
  }

  private Future<Void> endJim(Youth youth, Relation jim, Instant now) {
    String key = jim.id() + "/ended";
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
        .endRelation(youth.id(), jim.id(), now, List.of(NotificationIntent.pushAll(told)))
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

  /** The young person decides what their JIM sees (never feedback). */
  public Future<Set<Scope>> setScopes(Caller caller, String youthId, Set<Scope> scopes) {
    if (scopes.contains(Scope.FEEDBACK)) {
      return Future.failedFuture(Problem.of(ProblemKind.CONFLICT));
    }
    return circle
        .authorize(caller, youthId, Permission.CHOOSE_MENTOR, path(youthId, "scopes"))
        .compose(
            grant ->
                grant
                    .youth()
                    .activeOfKind(RelationKind.JIM, clock.instant())
                    .map(jim -> records.setScopes(youthId, jim.id(), scopes).map(scopes))
                    .orElseGet(() -> Future.failedFuture(Problem.of(ProblemKind.NOT_FOUND))));
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
                                  .orElseThrow(() -> Problem.of(ProblemKind.NOT_FOUND));
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
                    .orElseThrow(() -> Problem.of(ProblemKind.NOT_FOUND)));
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
        .put(
            "confirmedAt",
            nomination.getDate("confirmedAt") == null
                ? null
                : nomination.getDate("confirmedAt").toInstant().toString());
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
