package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.feedback.Feedback;
import nl.koers.identity.People;
import nl.koers.identity.Role;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.background.Leases;
import nl.koers.platform.background.OneByOne;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

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
          RelationKind.PROFESSIONAL,
          RelationKind.FOSTER_CARE_WORKER);

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
        .compose(due -> OneByOne.countChanged(due, state -> handle(state, now)));
  }

  /**
   * Handles what is due for one young person. Only the latest milestone due speaks: someone first
   * seen at 17 years and 10 months hears about the steady contact, not also that the plan opened a
   * year and a half ago.
   */
  private Future<Boolean> handle(YouthRecords.TransitionState state, Instant now) {
    Youth youth = state.youth();
    String youthId = youth.id();
    LocalDate born = youth.dateOfBirth();
    int careEndsAt = state.careEndsAtAge();
    List<String> done = state.milestonesDone();
    List<Milestones> due = Milestones.due(born, careEndsAt, done, now);
    Optional<Milestones> latest =
        due.isEmpty() ? Optional.empty() : Optional.of(due.get(due.size() - 1));
    List<String> doneNow = new ArrayList<>(done);
    due.forEach(m -> doneNow.add(m.name()));
    Optional<Instant> nextMilestone = Milestones.next(born, careEndsAt, doneNow, now);
    Future<Checklists.Due> checklist =
        !now.isBefore(AgeRules.turns(born, Milestones.CHECKLIST_OPENS_AT))
            ? checklists.due(youthId, youth.regionId(), born, now)
            : Future.succeededFuture(new Checklists.Due(List.of(), Optional.empty()));
    return Future.all(checklist, regionAdminsToAlarm(state, latest))
        .compose(
            all -> {
              Checklists.Due items = all.resultAt(0);
              List<String> regionAdmins = all.resultAt(1);
              List<NotificationIntent> told = new ArrayList<>();
              latest.ifPresent(m -> told.addAll(milestoneIntents(state, m, regionAdmins, now)));
              told.addAll(extendedCareComing(state, due, now));
              List<String> alreadyTold = state.checklistOverdueTold();
              List<Checklists.Overdue> newlyOverdue =
                  items.overdue().stream().filter(o -> !alreadyTold.contains(o.itemId())).toList();
              told.addAll(overdueIntents(youth, newlyOverdue, now));
              Optional<Instant> next = earliest(nextMilestone, nextOverdueCheck(items, born, now));
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
                          state.nextMilestoneAt(),
                          due.stream().map(Enum::name).toList(),
                          next,
                          told,
                          newlyOverdue.stream().map(Checklists.Overdue::itemId).toList()));
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

  private Future<List<String>> regionAdminsToAlarm(
      YouthRecords.TransitionState state, Optional<Milestones> latest) {
    boolean alarm =
        latest.filter(m -> m == Milestones.STEADY_CONTACT_CHECK).isPresent()
            && !steadyContactConfirmed(state);
    return alarm
        ? people.withRegionRole(Role.REGION_ADMIN, state.youth().regionId())
        : Future.succeededFuture(List.of());
  }

  private static boolean steadyContactConfirmed(YouthRecords.TransitionState state) {
    return state.steadyContact().flatMap(YouthRecords.SteadyContact::confirmedAt).isPresent();
  }

  private List<NotificationIntent> milestoneIntents(
      YouthRecords.TransitionState state,
      Milestones milestone,
      List<String> regionAdmins,
      Instant now) {
    Youth youth = state.youth();
    String youthId = youth.id();
    String key = youthId + "/milestone/" + milestone.name();
    // Each links to what its recipient may read and act on (a GET of the contract).
    String resource =
        "youth/"
            + youthId
            + (milestone == Milestones.PLAN_OPENS ? "/plan" : "/transition/checklist");
    Optional<String> coordinator = activeOf(youth, RelationKind.CASE_COORDINATOR, now);
    List<NotificationIntent> told = new ArrayList<>();
    switch (milestone) {
      case EXTENDED_CARE_DECISION_DUE -> {
        if (state.extendedCare().isEmpty()) {
          coordinator.ifPresent(
              cc ->
                  told.add(
                      intent(
                          key + "/cc",
                          NotificationType.MILESTONE,
                          cc,
                          Optional.of(youthId),
                          "youth/" + youthId + "/transition/extended-care")));
        }
      }
      case STEADY_CONTACT_CHECK -> {
        if (!steadyContactConfirmed(state)) {
          coordinator.ifPresent(
              cc ->
                  told.add(
                      intent(
                          key + "/cc",
                          NotificationType.STEADY_CONTACT_MISSING,
                          cc,
                          Optional.of(youthId),
                          "youth/" + youthId + "/steady-contact")));
          // Region admins are told about the region's work, not the person: the continuity
          // monitor, which counts who turns 18 without a confirmed steady contact.
          regionAdmins.forEach(
              admin ->
                  told.add(
                      intent(
                          key + "/" + admin,
                          NotificationType.STEADY_CONTACT_MISSING,
                          admin,
                          Optional.empty(),
                          "regions/" + youth.regionId() + "/continuity")));
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

  /**
   * At 17 and at 17½ the foster parents hear that the decision on extended (foster) care to 21 is
   * coming, while none is recorded: once for the latest of the two that is due now (someone first
   * seen at 17¾ hears it once), and not any more from 18.
   */
  private List<NotificationIntent> extendedCareComing(
      YouthRecords.TransitionState state, List<Milestones> due, Instant now) {
    if (state.extendedCare().isPresent() || due.contains(Milestones.ADULT)) {
      return List.of();
    }
    Optional<Milestones> notice =
        due.stream()
            .filter(
                m -> m == Milestones.CHECKLIST_STARTS || m == Milestones.EXTENDED_CARE_DECISION_DUE)
            .reduce((first, second) -> second);
    if (notice.isEmpty()) {
      return List.of();
    }
    Youth youth = state.youth();
    return CareCircle.fosterParentsSeeingPlacement(youth, now).stream()
        .map(
            fosterParent ->
                intent(
                    youth.id() + "/milestone/" + notice.get().name() + "/" + fosterParent,
                    NotificationType.EXTENDED_CARE_DECISION_DUE,
                    fosterParent,
                    Optional.of(youth.id()),
                    ExtendedCare.placement(youth.id())))
        .toList();
  }

  /**
   * One notification to the case coordinator for the items that became overdue together (but those
   * they own themselves). Each owner hears of their own item as a task ({@code TASK_OVERDUE}, by
   * the task reminders), linked to what they may open.
   */
  private List<NotificationIntent> overdueIntents(
      Youth youth, List<Checklists.Overdue> overdue, Instant now) {
    String youthId = youth.id();
    Optional<String> coordinator = activeOf(youth, RelationKind.CASE_COORDINATOR, now);
    boolean othersItems = overdue.stream().anyMatch(item -> !item.ownerId().equals(coordinator));
    if (coordinator.isEmpty() || !othersItems) {
      return List.of();
    }
    String items =
        String.join(",", overdue.stream().map(Checklists.Overdue::itemId).sorted().toList());
    return List.of(
        intent(
            youthId + "/checklist-overdue/" + items + "/" + coordinator.get(),
            NotificationType.CHECKLIST_OVERDUE,
            coordinator.get(),
            Optional.of(youthId),
            "youth/" + youthId + "/transition/checklist"));
  }

  /** The young person names their steady contact: someone in the circle who will stay past 18. */
  public Future<YouthRecords.SteadyContact> nameSteadyContact(
      Caller caller, String youthId, String personId) {
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
                        YouthRecords.SteadyContact named =
                            new YouthRecords.SteadyContact(
                                personId,
                                asStored(now),
                                Optional.empty(),
                                changes(current) + (current.isPresent() ? 1 : 0));
                        return records
                            .setSteadyContact(
                                youthId,
                                named,
                                List.of(
                                    intent(
                                        youthId + "/steady/" + personId + "/" + now.toEpochMilli(),
                                        NotificationType.STEADY_CONTACT_REQUESTED,
                                        personId,
                                        Optional.of(youthId),
                                        "youth/" + youthId + "/steady-contact")))
                            .map(v -> named);
                      });
            });
  }

  /** The named person confirms to stay past 18: they join the circle as steady contact. */
  public Future<YouthRecords.SteadyContact> confirmSteadyContact(Caller caller, String youthId) {
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
                          YouthRecords.SteadyContact named =
                              current
                                  .filter(s -> caller.personId().equals(s.personId()))
                                  .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
                          if (named.confirmedAt().isPresent()) {
                            return Future.succeededFuture(named);
                          }
                          Optional<Relation> previous =
                              grant.youth().activeOfKind(RelationKind.STEADY_CONTACT, now);
                          Relation steady =
                              new Relation(
                                  Ids.derived(
                                      youthId,
                                      "steady",
                                      caller.personId(),
                                      Long.toString(named.namedAt().toEpochMilli())),
                                  RelationKind.STEADY_CONTACT,
                                  caller.personId(),
                                  RelationKind.STEADY_CONTACT.defaultScopes(),
                                  now,
                                  Optional.empty(),
                                  Optional.empty());
                          YouthRecords.SteadyContact confirmed = named.confirmed(asStored(now));
                          Future<Void> ended =
                              previous
                                  .map(old -> records.endRelation(youthId, old.id(), now))
                                  .orElseGet(Future::succeededFuture);
                          return ended
                              .compose(v -> records.addRelation(youthId, steady))
                              .compose(v -> records.setSteadyContact(youthId, confirmed, List.of()))
                              .map(v -> confirmed);
                        }));
  }

  /** The steady contact, for the young person and the circle (none named yet: empty). */
  public Future<Optional<YouthRecords.SteadyContact>> steadyContact(Caller caller, String youthId) {
    return circle
        .authorize(caller, youthId, Permission.READ_PROFILE, "youth/" + youthId + "/steady-contact")
        .compose(grant -> records.steadyContact(youthId));
  }

  private static int changes(Optional<YouthRecords.SteadyContact> current) {
    return current.map(YouthRecords.SteadyContact::changes).orElse(0);
  }

  /** The record keeps times to the millisecond; an answer shows what it keeps. */
  private static Instant asStored(Instant at) {
    return Instant.ofEpochMilli(at.toEpochMilli());
  }

  private static Optional<String> activeOf(Youth youth, RelationKind kind, Instant now) {
    return youth.activeOfKind(kind, now).map(Relation::personId);
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
