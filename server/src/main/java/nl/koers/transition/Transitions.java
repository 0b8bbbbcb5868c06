package nl.koers.transition;

import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.YouthRecords;
import nl.koers.feedback.Feedback;
import nl.koers.identity.People;
import nl.koers.identity.Role;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.background.Leases;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The move to adulthood: the milestone scheduler (one instance at a time, by lease), and the steady
 * contact who stays past 18.
 */
public final class Transitions {

  static final String LEASE = "milestones";
  static final Duration LEASE_FOR = Duration.ofMinutes(5);

  /** Who may be the steady contact. */
  static final List<RelationKind> STEADY_KINDS =
      List.of(
          RelationKind.JIM,
          RelationKind.FOSTER_PARENT,
          RelationKind.CASE_COORDINATOR,
          RelationKind.PROFESSIONAL);

  private final YouthRecords records;
  private final CareCircle circle;
  private final People people;
  private final Leases leases;
  private final Checklists checklists;
  private final Feedback feedback;
  private final String instance;
  private final Clock clock;

  public Transitions(
      YouthRecords records,
      CareCircle circle,
      People people,
      Leases leases,
      Checklists checklists,
      Feedback feedback,
      String instance,
      Clock clock) {
    this.records = records;
    this.circle = circle;
    this.people = people;
    this.leases = leases;
    this.checklists = checklists;
    this.feedback = feedback;
    this.instance = instance;
    this.clock = clock;
  }

  /** One scheduler round: if this instance holds the lease, handles every milestone due. */
  public Future<Integer> runMilestones() {
    return leases
        .acquire(LEASE, instance, LEASE_FOR)
        .compose(mine -> mine ? handleDue() : Future.succeededFuture(0));
  }

  private Future<Integer> handleDue() {
    Instant now = clock.instant();
    return records
        .milestonesDue(now, 100)
        .compose(
            due -> {
              Future<Integer> handled = Future.succeededFuture(0);
              for (Document youth : due) {
                handled = handled.compose(n -> handle(youth, now).map(done -> done ? n + 1 : n));
              }
              return handled;
            });
  }

  /**
   * Handles what is due for one young person. Only the latest milestone due speaks: someone first
   * seen at 17 years and 10 months hears about the steady contact, not also that the plan opened a
   * year and a half ago.
   */
  private Future<Boolean> handle(Document youth, Instant now) {
    String youthId = youth.getString("_id");
    LocalDate born = LocalDate.parse(youth.getString("dateOfBirth"));
    int careEndsAt = youth.getInteger("careEndsAtAge", AgeRules.ADULT);
    List<String> done = youth.getList("milestonesDone", String.class, List.of());
    List<Milestones> due = Milestones.due(born, careEndsAt, done, now);
    Optional<Milestones> latest =
        due.isEmpty() ? Optional.empty() : Optional.of(due.get(due.size() - 1));
    List<String> doneNow = new ArrayList<>(done);
    due.forEach(m -> doneNow.add(m.name()));
    Optional<Instant> nextMilestone = Milestones.next(born, careEndsAt, doneNow, now);
    Future<Checklists.Due> checklist =
        !now.isBefore(AgeRules.turns(born, Milestones.CHECKLIST_OPENS_AT))
            ? checklists.due(youthId, youth.getString("regionId"), born, now)
            : Future.succeededFuture(new Checklists.Due(List.of(), Optional.empty()));
    return Future.all(checklist, regionAdminsToAlarm(youth, latest))
        .compose(
            all -> {
              Checklists.Due items = all.resultAt(0);
              List<String> regionAdmins = all.resultAt(1);
              List<NotificationIntent> told = new ArrayList<>();
              latest.ifPresent(m -> told.addAll(milestoneIntents(youth, m, regionAdmins, now)));
              List<String> alreadyTold =
                  youth.getList("checklistOverdueTold", String.class, List.of());
              List<Checklists.Overdue> newlyOverdue =
                  items.overdue().stream().filter(o -> !alreadyTold.contains(o.itemId())).toList();
              told.addAll(overdueIntents(youth, newlyOverdue, now));
              Date next =
                  earliest(nextMilestone, nextOverdueCheck(items, born, now))
                      .map(Date::from)
                      .orElse(null);
              List<Bson> also = new ArrayList<>();
              if (!told.isEmpty()) {
                also.add(NotificationIntent.pushAll(told));
              }
              if (!newlyOverdue.isEmpty()) {
                also.add(
                    Updates.addEachToSet(
                        "checklistOverdueTold",
                        newlyOverdue.stream().map(Checklists.Overdue::itemId).toList()));
              }
              Future<Void> followUp =
                  latest.filter(Milestones::isFollowUp).isPresent()
                      ? records
                          .find(youthId)
                          .compose(
                              found ->
                                  found.isEmpty()
                                      ? Future.<Void>succeededFuture()
                                      : feedback.openFollowUp(found.get(), latest.get().name()))
                      : Future.succeededFuture();
              // The pulse first: should this instance stop in between, the milestone is still due
              // and the retry finds the pulse there already (it is created once).
              return followUp.compose(
                  v ->
                      records.recordMilestones(
                          youthId,
                          youth.getDate("nextMilestoneAt"),
                          due.stream().map(Enum::name).toList(),
                          next,
                          also));
            });
  }

  /** Without a checklist change nothing new can become overdue before its next due date. */
  private static Optional<Instant> nextOverdueCheck(
      Checklists.Due items, LocalDate born, Instant now) {
    if (now.isBefore(AgeRules.turns(born, Milestones.CHECKLIST_OPENS_AT))) {
      return Optional.of(AgeRules.turns(born, Milestones.CHECKLIST_OPENS_AT));
    }
    return items.nextOverdueAt();
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
  }

  private Future<List<String>> regionAdminsToAlarm(Document youth, Optional<Milestones> latest) {
    boolean alarm =
        latest.filter(m -> m == Milestones.STEADY_CONTACT_CHECK).isPresent()
            && !steadyContactConfirmed(youth);
    return alarm
        ? people.withRegionRole(Role.REGION_ADMIN, youth.getString("regionId"))
        : Future.succeededFuture(List.of());
  }

  private static boolean steadyContactConfirmed(Document youth) {
    return Optional.ofNullable(youth.get("steadyContact", Document.class))
        .map(s -> s.getDate("confirmedAt") != null)
        .orElse(false);
  }

  private List<NotificationIntent> milestoneIntents(
      Document youth, Milestones milestone, List<String> regionAdmins, Instant now) {
    String youthId = youth.getString("_id");
    String key = youthId + "/milestone/" + milestone.name();
    String resource = "youth/" + youthId + "/transition";
    Optional<String> coordinator = activeOf(youth, RelationKind.CASE_COORDINATOR, now);
    List<NotificationIntent> told = new ArrayList<>();
    switch (milestone) {
      case EXTENDED_CARE_DECISION_DUE -> {
        if (youth.get("extendedCare") == null) {
          coordinator.ifPresent(
              cc ->
                  told.add(
                      intent(
                          key + "/cc",
                          NotificationType.MILESTONE,
                          cc,
                          Optional.of(youthId),
                          resource + "/extended-care")));
        }
      }
      case STEADY_CONTACT_CHECK -> {
        if (!steadyContactConfirmed(youth)) {
          coordinator.ifPresent(
              cc ->
                  told.add(
                      intent(
                          key + "/cc",
                          NotificationType.STEADY_CONTACT_MISSING,
                          cc,
                          Optional.of(youthId),
                          resource)));
          // Region admins are told about the region's work, not the person.
          regionAdmins.forEach(
              admin ->
                  told.add(
                      intent(
                          key + "/" + admin,
                          NotificationType.STEADY_CONTACT_MISSING,
                          admin,
                          Optional.empty(),
                          "regions/" + youth.getString("regionId") + "/transition")));
        }
      }
      // The young adult says who stays in their circle.
      case ADULT ->
          told.add(
              intent(
                  key,
                  NotificationType.MILESTONE,
                  youthId,
                  Optional.of(youthId),
                  "youth/" + youthId + "/circle/confirmation"));
      // The follow-up pulse tells the young adult itself.
      case FOLLOW_UP_3_MONTHS, FOLLOW_UP_6_MONTHS, FOLLOW_UP_12_MONTHS -> {}
      default ->
          told.add(
              intent(key, NotificationType.MILESTONE, youthId, Optional.of(youthId), resource));
    }
    return told;
  }

  /** One notification per person for the items that became overdue together. */
  private List<NotificationIntent> overdueIntents(
      Document youth, List<Checklists.Overdue> overdue, Instant now) {
    if (overdue.isEmpty()) {
      return List.of();
    }
    String youthId = youth.getString("_id");
    java.util.Set<String> recipients = new java.util.LinkedHashSet<>();
    for (Checklists.Overdue item : overdue) {
      item.ownerId()
          .filter(owner -> owner.equals(youthId) || isActiveMember(youth, owner, now))
          .ifPresent(recipients::add);
    }
    activeOf(youth, RelationKind.CASE_COORDINATOR, now).ifPresent(recipients::add);
    String items =
        String.join(",", overdue.stream().map(Checklists.Overdue::itemId).sorted().toList());
    return recipients.stream()
        .map(
            recipient ->
                intent(
                    youthId + "/checklist-overdue/" + items + "/" + recipient,
                    NotificationType.CHECKLIST_OVERDUE,
                    recipient,
                    Optional.of(youthId),
                    "youth/" + youthId + "/transition/checklist"))
        .toList();
  }

  private static boolean isActiveMember(Document youth, String personId, Instant now) {
    return Relation.allOf(youth).stream()
        .anyMatch(relation -> relation.personId().equals(personId) && relation.activeAt(now));
  }

  /** The young person names their steady contact: someone in the circle who will stay past 18. */
  public Future<JsonObject> nameSteadyContact(Caller caller, String youthId, String personId) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller, youthId, Permission.NAME_STEADY_CONTACT, "youth/" + youthId + "/steady-contact")
        .compose(
            grant -> {
              boolean eligible =
                  grant.youth().activeRelationsOf(personId, now).stream()
                      .anyMatch(r -> STEADY_KINDS.contains(r.kind()));
              if (!eligible) {
                return Future.failedFuture(
                    Problem.of(CommonProblem.CONFLICT, "problem.conflict.steady-contact"));
              }
              return records
                  .steadyContact(youthId)
                  .compose(
                      current -> {
                        Document named =
                            new Document("personId", personId)
                                .append("namedAt", Date.from(now))
                                .append("confirmedAt", null)
                                .append(
                                    "changes", changes(current) + (current.isPresent() ? 1 : 0));
                        return records
                            .setSteadyContact(
                                youthId,
                                named,
                                List.of(
                                    intent(
                                            youthId
                                                + "/steady/"
                                                + personId
                                                + "/"
                                                + now.toEpochMilli(),
                                            NotificationType.STEADY_CONTACT_REQUESTED,
                                            personId,
                                            Optional.of(youthId),
                                            "youth/" + youthId + "/steady-contact")
                                        .push()))
                            .map(v -> view(named));
                      });
            });
  }

  /** The named person confirms to stay past 18: they join the circle as steady contact. */
  public Future<JsonObject> confirmSteadyContact(Caller caller, String youthId) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller,
            youthId,
            Permission.CONFIRM_STEADY_CONTACT,
            "youth/" + youthId + "/steady-contact")
        .compose(
            grant ->
                records
                    .steadyContact(youthId)
                    .compose(
                        current -> {
                          Document named =
                              current
                                  .filter(s -> caller.personId().equals(s.getString("personId")))
                                  .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
                          if (named.getDate("confirmedAt") != null) {
                            return Future.succeededFuture(view(named));
                          }
                          Optional<Relation> previous =
                              grant.youth().activeOfKind(RelationKind.STEADY_CONTACT, now);
                          Relation steady =
                              new Relation(
                                  Ids.derived(
                                      youthId,
                                      "steady",
                                      caller.personId(),
                                      Long.toString(named.getDate("namedAt").getTime())),
                                  RelationKind.STEADY_CONTACT,
                                  caller.personId(),
                                  RelationKind.STEADY_CONTACT.defaultScopes(),
                                  now,
                                  Optional.empty(),
                                  Optional.empty());
                          Document confirmed =
                              new Document(named).append("confirmedAt", Date.from(now));
                          Future<Void> ended =
                              previous
                                  .map(old -> records.endRelation(youthId, old.id(), now))
                                  .orElseGet(Future::succeededFuture);
                          return ended
                              .compose(v -> records.addRelation(youthId, steady))
                              .compose(v -> records.setSteadyContact(youthId, confirmed, List.of()))
                              .map(v -> view(confirmed));
                        }));
  }

  /** The steady contact, for the young person and the circle. */
  public Future<JsonObject> steadyContact(Caller caller, String youthId) {
    return circle
        .authorize(caller, youthId, Permission.READ_PROFILE, "youth/" + youthId + "/steady-contact")
        .compose(grant -> records.steadyContact(youthId))
        .map(
            found ->
                found.map(Transitions::view).orElseGet(() -> new JsonObject().putNull("personId")));
  }

  private static int changes(Optional<Document> current) {
    return current.map(c -> c.getInteger("changes", 0)).orElse(0);
  }

  private static JsonObject view(Document steady) {
    return new JsonObject()
        .put("personId", steady.getString("personId"))
        .put("namedAt", steady.getDate("namedAt").toInstant().toString())
        .put(
            "confirmedAt",
            steady.getDate("confirmedAt") == null
                ? null
                : steady.getDate("confirmedAt").toInstant().toString())
        .put("changes", steady.getInteger("changes", 0));
  }

  private static Optional<String> activeOf(Document youth, RelationKind kind, Instant now) {
    return Relation.allOf(youth).stream()
        .filter(relation -> relation.kind() == kind && relation.activeAt(now))
        .map(Relation::personId)
        .findFirst();
  }

  private NotificationIntent intent(
      String key,
      NotificationType type,
      String recipient,
      Optional<String> youthId,
      String resource) {
    return NotificationIntent.keyed(key, type, recipient, youthId, resource, clock.instant());
  }
}
