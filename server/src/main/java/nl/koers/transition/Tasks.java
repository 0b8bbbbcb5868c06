package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.notify.TaskReminders;
import nl.koers.plan.Plans;
import nl.koers.platform.background.Leases;
import nl.koers.platform.background.OneByOne;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * What a person owns across the young people whose circle they are in: the plan actions and the
 * checklist items whose owner they are. A foster parent, parent, JIM or professional who owns an
 * item sees that item (title, due date, state) and marks it done, without the rest of the plan or
 * checklist, which their scopes may not open. Also the leased job that reminds owners of what is
 * due soon or overdue ({@link TaskReminders}).
 */
public final class Tasks {

  static final String LEASE = "task reminders";
  static final Duration LEASE_FOR = Duration.ofMinutes(5);

  /** What kind of thing a task is. */
  public enum Kind {
    CHECKLIST_ITEM,
    PLAN_ACTION
  }

  /**
   * A task as its owner sees it. {@code title} is by language for a checklist item, and the words
   * as written (under the key {@code ""}) for a plan action; {@code version} is its checklist's or
   * plan's, what a change names in {@code If-Match}; {@code asOf} the day it is seen on.
   */
  public record Task(
      String id,
      Kind kind,
      String youthId,
      String youthFirstName,
      Map<String, String> title,
      Optional<LocalDate> dueDate,
      String state,
      boolean overdue,
      long version,
      LocalDate asOf) {}

  /**
   * A task id taken apart: {@code checklist.<youth>.<item>} or {@code
   * plan.<youth>.<domain>.<action>}.
   */
  private record Ref(Kind kind, String youthId, String domain, String itemId) {

    static Optional<Ref> parse(String taskId) {
      String[] parts = taskId.split("\\.", -1);
      if (parts.length == 3 && parts[0].equals("checklist")) {
        return Optional.of(new Ref(Kind.CHECKLIST_ITEM, parts[1], "", parts[2]));
      }
      if (parts.length == 4 && parts[0].equals("plan")) {
        return Optional.of(new Ref(Kind.PLAN_ACTION, parts[1], parts[2], parts[3]));
      }
      return Optional.empty();
    }
  }

  private final YouthRecords records;
  private final CareCircle circle;
  private final Checklists checklists;
  private final Plans plans;
  private final Leases leases;
  private final String instance;
  private final Clock clock;

  Tasks(
      YouthRecords records,
      CareCircle circle,
      Checklists checklists,
      Plans plans,
      Leases leases,
      String instance,
      Clock clock) {
    this.records = records;
    this.circle = circle;
    this.checklists = checklists;
    this.plans = plans;
    this.leases = leases;
    this.instance = instance;
    this.clock = clock;
  }

  /**
   * Everything the caller owns, soonest due first. Each young person whose items are shown gets a
   * line in their access log; young people where the caller owns nothing are not read for them.
   */
  public Future<List<Task>> mine(Caller caller) {
    String me = caller.personId();
    Instant now = clock.instant();
    return records
        .involving(me)
        .compose(
            involved -> {
              List<Youth> youths =
                  involved.stream()
                      .map(YouthRecords.Involved::youth)
                      .filter(y -> CareCircle.mayWorkOnOwnTasks(y, me, now))
                      .toList();
              List<Future<List<Task>>> each = new ArrayList<>();
              youths.forEach(y -> each.add(checklistTasks(y, me)));
              each.add(planTasks(youths, me));
              return Future.all(each)
                  .compose(
                      all -> {
                        List<Task> found = new ArrayList<>();
                        for (int i = 0; i < each.size(); i++) {
                          found.addAll(all.<List<Task>>resultAt(i));
                        }
                        return shown(caller, found);
                      });
            });
  }

  /** The tasks of the young people the caller may still be shown them of, each access logged. */
  private Future<List<Task>> shown(Caller caller, List<Task> found) {
    List<String> youthIds = found.stream().map(Task::youthId).distinct().toList();
    List<Future<Boolean>> allowed =
        youthIds.stream()
            .map(
                id ->
                    circle
                        .authorize(
                            caller, id, Permission.WORK_ON_OWN_TASKS, "youth/" + id + "/tasks")
                        .map(grant -> true)
                        .otherwise(false))
            .toList();
    return Future.all(allowed)
        .map(
            all -> {
              List<String> shown = new ArrayList<>();
              for (int i = 0; i < youthIds.size(); i++) {
                if (all.<Boolean>resultAt(i)) {
                  shown.add(youthIds.get(i));
                }
              }
              return found.stream()
                  .filter(t -> shown.contains(t.youthId()))
                  .sorted(
                      Comparator.comparing(
                              (Task t) -> t.dueDate().orElse(LocalDate.MAX),
                              Comparator.naturalOrder())
                          .thenComparing(Task::id))
                  .toList();
            });
  }

  /** One task the caller owns (404 as for nothing when it is not theirs, or not theirs to see). */
  public Future<Task> one(Caller caller, String taskId) {
    Optional<Ref> parsed = Ref.parse(taskId);
    if (parsed.isEmpty()) {
      return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
    }
    Ref ref = parsed.get();
    return circle
        .authorize(caller, ref.youthId(), Permission.WORK_ON_OWN_TASKS, resource(ref, taskId))
        .compose(grant -> find(grant.youth(), caller.personId(), taskId));
  }

  /**
   * The owner marks their task done or not, if its checklist or plan is still at {@code
   * expectedVersion} (412 otherwise).
   */
  public Future<Task> complete(Caller caller, String taskId, boolean done, long expectedVersion) {
    Optional<Ref> parsed = Ref.parse(taskId);
    if (parsed.isEmpty()) {
      return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
    }
    Ref ref = parsed.get();
    String me = caller.personId();
    if (ref.kind() == Kind.PLAN_ACTION) {
      return plans
          .completeOwnAction(
              caller, ref.youthId(), ref.domain(), ref.itemId(), done, expectedVersion)
          .compose(v -> records.find(ref.youthId()))
          .compose(youth -> find(youth.orElseThrow(), me, taskId));
    }
    return circle
        .authorize(caller, ref.youthId(), Permission.WORK_ON_OWN_TASKS, resource(ref, taskId))
        .compose(
            grant ->
                find(grant.youth(), me, taskId)
                    .compose(
                        task ->
                            checklists.markByOwner(
                                ref.youthId(),
                                ref.itemId(),
                                done,
                                expectedVersion,
                                clock.instant()))
                    .compose(v -> find(grant.youth(), me, taskId)));
  }

  private static String resource(Ref ref, String taskId) {
    return "youth/" + ref.youthId() + "/tasks/" + taskId;
  }

  private Future<Task> find(Youth youth, String me, String taskId) {
    Future<List<Task>> owned =
        taskId.startsWith("plan.") ? planTasks(List.of(youth), me) : checklistTasks(youth, me);
    return owned.map(
        tasks ->
            tasks.stream()
                .filter(t -> t.id().equals(taskId))
                .findFirst()
                .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
  }

  private Future<List<Task>> checklistTasks(Youth youth, String me) {
    return checklists
        .ownedBy(youth, me)
        .map(
            items ->
                items.stream()
                    .map(
                        owned -> {
                          Checklists.Entry e = owned.entry();
                          return new Task(
                              TaskReminders.checklistTaskId(youth.id(), e.id()),
                              Kind.CHECKLIST_ITEM,
                              youth.id(),
                              youth.firstName(),
                              e.title(),
                              Optional.of(e.dueDate()),
                              e.doneAt().isPresent() ? "DONE" : "OPEN",
                              e.overdue(),
                              owned.version(),
                              AgeRules.today(clock.instant()));
                        })
                    .toList());
  }

  private Future<List<Task>> planTasks(List<Youth> youths, String me) {
    LocalDate today = AgeRules.today(clock.instant());
    return plans
        .ownedBy(me, youths)
        .map(
            actions ->
                actions.stream()
                    .map(
                        a ->
                            new Task(
                                TaskReminders.planTaskId(a.youthId(), a.domain(), a.actionId()),
                                Kind.PLAN_ACTION,
                                a.youthId(),
                                firstName(youths, a.youthId()),
                                Map.of("", a.title()),
                                a.dueDate(),
                                a.status(),
                                !a.status().equals("DONE")
                                    && a.dueDate().filter(today::isAfter).isPresent(),
                                a.version(),
                                today))
                    .toList());
  }

  private static String firstName(List<Youth> youths, String youthId) {
    return youths.stream()
        .filter(y -> y.id().equals(youthId))
        .map(Youth::firstName)
        .findFirst()
        .orElse("");
  }

  /** One reminder round: if this instance holds the lease, tells owners what is due. */
  public Future<Integer> remind() {
    return leases
        .acquire(LEASE, instance, LEASE_FOR)
        .compose(mine -> mine ? remindNow() : Future.succeededFuture(0));
  }

  private Future<Integer> remindNow() {
    Instant now = clock.instant();
    return Future.all(checklists.remindersDue(now, 100), plans.remindersDue(now, 100))
        .compose(
            due -> {
              List<ChecklistStore.Reminding> lists = due.resultAt(0);
              List<Plans.Reminding> planned = due.resultAt(1);
              return OneByOne.countChanged(lists, c -> remindOfChecklist(c, now))
                  .compose(
                      n ->
                          OneByOne.countChanged(planned, p -> remindOfPlan(p, now))
                              .map(m -> n + m));
            });
  }

  private Future<Boolean> remindOfChecklist(ChecklistStore.Reminding due, Instant now) {
    return records
        .find(due.youthId())
        .compose(
            youth ->
                youth.isEmpty()
                    ? checklists.recordReminders(due.youthId(), due.expectedNext(), nothing())
                    : checklists
                        .toRemind(youth.get(), due.progress())
                        .compose(
                            items ->
                                checklists.recordReminders(
                                    due.youthId(),
                                    due.expectedNext(),
                                    round(youth.get(), items, due.told(), now))));
  }

  private Future<Boolean> remindOfPlan(Plans.Reminding due, Instant now) {
    return records
        .find(due.youthId())
        .compose(
            youth ->
                plans.recordReminders(
                    due.youthId(),
                    due.expectedNext(),
                    youth.isEmpty()
                        ? nothing()
                        : round(youth.get(), due.items(), due.told(), now)));
  }

  private static TaskReminders.Round round(
      Youth youth, List<TaskReminders.Owned> items, List<String> told, Instant now) {
    return TaskReminders.round(
        items, told, owner -> CareCircle.mayWorkOnOwnTasks(youth, owner, now), now);
  }

  private static TaskReminders.Round nothing() {
    return new TaskReminders.Round(List.of(), List.of(), Optional.empty());
  }
}
