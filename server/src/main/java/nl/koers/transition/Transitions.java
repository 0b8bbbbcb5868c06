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
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Permission;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Scope;
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
  private final ExtendedCare extendedCare;
  private final String instance;
  private final Clock clock;

  public Transitions(
      YouthRecords records,
      CareCircle circle,
      People people,
      Leases leases,
      Checklists checklists,
      Feedback feedback,
      ExtendedCare extendedCare,
      String instance,
      Clock clock) {
    this.records = records;
    this.circle = circle;
    this.people = people;
    this.leases = leases;
    this.checklists = checklists;
    this.feedback = feedback;
    this.extendedCare = extendedCare;
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
            due ->
                OneByOne.countChanged(
                    due,
                    state ->
                        extendedCare
                            .horizon(state.youth().regionId())
                            .compose(horizon -> handle(state, horizon, now))));
  }

  /**
   * Handles what is due for one young person. Only the latest milestone due speaks: someone first
   * seen at 17 years and 10 months hears about the steady contact, not also that the plan opened a
   * year and a half ago. The end of youth care (18, or the end of extended care) ends the circle's
   * youth-law relations whatever else is due.
   */
  private Future<Boolean> handle(YouthRecords.TransitionState state, int horizon, Instant now) {
    Youth youth = state.youth();
    String youthId = youth.id();
    LocalDate born = youth.dateOfBirth();
    int careEndsAt = state.careEndsAtAge();
    List<String> done = state.milestonesDone();
    List<Milestones.Step> due = Milestones.due(born, careEndsAt, horizon, done, now);
    Optional<Milestones.Step> latest =
        due.stream().filter(step -> step.kind().speaks()).reduce((a, b) -> b);
    boolean careEnds = due.stream().anyMatch(step -> step.kind() == Milestones.CARE_ENDS);
    List<String> doneNow = new ArrayList<>(done);
    due.forEach(step -> doneNow.add(step.name()));
    Optional<Instant> nextMilestone = Milestones.next(born, careEndsAt, horizon, doneNow, now);
    Optional<Milestones.Step> followUp = latest.filter(Milestones.Step::isFollowUp);
    // A check-in the young adult paused or stopped is skipped, not asked later.
    boolean asked = followUp.isPresent() && state.followUpChoice().asksAt(now);
    List<String> skipped =
        due.stream()
            .filter(Milestones.Step::isFollowUp)
            .filter(step -> !(asked && step.equals(followUp.get())))
            .map(Milestones.Step::name)
            .toList();
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
              List<ConsentLog.Entry> consents =
                  due.stream().anyMatch(step -> step.kind() == Milestones.ADULT)
                      ? parentsAccessEnded(youth)
                      : List.of();
              Future<Void> pulse =
                  asked
                      ? records
                          .find(youthId)
                          .compose(
                              found ->
                                  found.isEmpty()
                                      ? Future.<Void>succeededFuture()
                                      : feedback.openFollowUp(found.get(), followUp.get().name()))
                      : Future.succeededFuture();
              Future<Void> ended =
                  careEnds ? endYouthCare(youth, careEndsAt) : Future.succeededFuture();
              // The pulse and the relations first: should this instance stop in between, the
              // milestone is still due and the retry finds them done already (each happens once).
              return pulse
                  .compose(v -> ended)
                  .compose(
                      v ->
                          records.recordMilestones(
                              youthId,
                              state.nextMilestoneAt(),
                              due.stream().map(Milestones.Step::name).toList(),
                              skipped,
                              next,
                              told,
                              newlyOverdue.stream().map(Checklists.Overdue::itemId).toList(),
                              consents));
            });
  }

  /** The relations of the youth law: they end with youth care unless it was extended. */
  static final List<RelationKind> YOUTH_LAW_KINDS =
      List.of(
          RelationKind.CASE_COORDINATOR,
          RelationKind.PROFESSIONAL,
          RelationKind.FOSTER_CARE_WORKER);

  /**
   * At 18 the parents' access ends (the young adult may keep them in the circle again): one line
   * per parent, so the history shows when and why they stopped seeing anything.
   */
  private static List<ConsentLog.Entry> parentsAccessEnded(Youth youth) {
    Instant adult = AgeRules.turns(youth.dateOfBirth(), AgeRules.ADULT);
    return youth.relations().stream()
        .filter(r -> r.kind().endsAtEighteen() && r.activeAt(adult))
        .filter(r -> r.renewedAsAdultAt().map(at -> at.isBefore(adult)).orElse(true))
        .map(
            r ->
                ConsentLog.Entry.of(
                    youth,
                    adult,
                    ConsentLog.KOERS,
                    ConsentLog.AGE_RULE,
                    ConsentLog.Decision.ACCESS_ENDED,
                    r.id(),
                    Optional.of(r.kind()),
                    wires(r.scopes()),
                    List.of()))
        .toList();
  }

  /**
   * When youth care ends the youth-law relations of the circle end on that day (midnight,
   * Europe/Amsterdam), each on the consent history; the JIM, the steady contact, parents and foster
   * parents (the young adult says who stays) and the plan go on. Retry-safe: a relation ended
   * already is left as it is.
   */
  private Future<Void> endYouthCare(Youth youth, int careEndsAtAge) {
    Instant ends = AgeRules.turns(youth.dateOfBirth(), careEndsAtAge);
    Future<Void> chain = Future.succeededFuture();
    for (Relation relation : youth.relations()) {
      if (!YOUTH_LAW_KINDS.contains(relation.kind()) || !relation.activeAt(ends)) {
        continue;
      }
      ConsentLog.Entry line =
          ConsentLog.Entry.of(
              youth,
              ends,
              ConsentLog.KOERS,
              ConsentLog.AGE_RULE,
              ConsentLog.Decision.RELATION_ENDED,
              relation.id(),
              Optional.of(relation.kind()),
              wires(relation.scopes()),
              List.of());
      chain =
          chain.compose(
              v ->
                  records.endRelation(
                      youth.id(), relation.id(), ends, List.of(ConsentLog.record(List.of(line)))));
    }
    return chain;
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
      YouthRecords.TransitionState state, Optional<Milestones.Step> latest) {
    boolean alarm =
        latest.filter(m -> m.kind() == Milestones.STEADY_CONTACT_CHECK).isPresent()
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
      Milestones.Step step,
      List<String> regionAdmins,
      Instant now) {
    Milestones milestone = step.kind();
    Youth youth = state.youth();
    String youthId = youth.id();
    String key = youthId + "/milestone/" + step.name();
    // Each links to what its recipient may read and act on (a GET of the contract).
    String resource =
        "youth/"
            + youthId
            + (milestone == Milestones.PLAN_OPENS ? "/plan" : "/transition/checklist");
    Optional<String> coordinator = activeOf(youth, RelationKind.CASE_COORDINATOR, now);
    List<NotificationIntent> told = new ArrayList<>();
    switch (milestone) {
      case EXTENDED_CARE_DECISION_DUE -> {
        // The young person may say what they want, while it is being decided.
        told.add(
            intent(
                    key,
                    NotificationType.MILESTONE,
                    youthId,
                    Optional.of(youthId),
                    "youth/" + youthId + "/transition/extended-care")
                .withMilestone(step.name()));
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
          told.add(
              intent(
                      key,
                      NotificationType.MILESTONE,
                      youthId,
                      Optional.of(youthId),
                      "youth/" + youthId + "/steady-contact")
                  .withMilestone(step.name()));
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
                      "youth/" + youthId + "/circle/confirmation")
                  .withMilestone(step.name()));
      // The follow-up pulse tells the young adult itself, in the milestone's words.
      case FOLLOW_UP, CARE_ENDS -> {}
      default ->
          told.add(
              intent(key, NotificationType.MILESTONE, youthId, Optional.of(youthId), resource)
                  .withMilestone(step.name()));
    }
    return told;
  }

  /**
   * At 17 and at 17½ the foster parents hear that the decision on extended (foster) care to 21 is
   * coming, while none is recorded: once for the latest of the two that is due now (someone first
   * seen at 17¾ hears it once), and not any more from 18.
   */
  private List<NotificationIntent> extendedCareComing(
      YouthRecords.TransitionState state, List<Milestones.Step> due, Instant now) {
    List<Milestones> kinds = due.stream().map(Milestones.Step::kind).toList();
    if (state.extendedCare().isPresent() || kinds.contains(Milestones.ADULT)) {
      return List.of();
    }
    Optional<Milestones> notice =
        kinds.stream()
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

  private static List<String> wires(java.util.Set<Scope> scopes) {
    return scopes.stream().map(Scope::wire).sorted().toList();
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
