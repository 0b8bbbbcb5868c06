package nl.koers.feedback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.CircleProblem;
import nl.koers.circle.Permission;
import nl.koers.circle.Youth;
import nl.koers.feedback.FeedbackRecord.State;
import nl.koers.feedback.FeedbackRecord.Task;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.clock.WorkingDays;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.problem.Refusals;
import nl.koers.platform.security.Caller;
import nl.koers.region.Regions;

/**
 * The region admin's side of "you said, we did": a late reply must lead to work, not only to a
 * notice. The admin lists the region's reply tasks (organisation, age band, days overdue, who holds
 * it - never who the young person is; the answers only where the young person shared them with
 * professionals) and gives a task to another professional of the region, who then sees that one
 * answer and may reply, nothing else. Each task read is a line in the young person's access log.
 */
public final class FeedbackTasks {

  /** A task as the admin sees it: the feedback, its version of the questionnaire, the holder. */
  record Seen(
      FeedbackRecord feedback, Optional<Questionnaire> questionnaire, Optional<Person> assignee) {}

  private final CareCircle circle;
  private final Regions regions;
  private final People people;
  private final Questionnaires questionnaires;
  private final FeedbackStore store;
  private final int replyWorkingDays;
  private final Clock clock;

  public FeedbackTasks(
      CareCircle circle,
      Regions regions,
      People people,
      Questionnaires questionnaires,
      FeedbackStore store,
      int replyWorkingDays,
      Clock clock) {
    this.circle = circle;
    this.regions = regions;
    this.people = people;
    this.questionnaires = questionnaires;
    this.store = store;
    this.replyWorkingDays = replyWorkingDays;
    this.clock = clock;
  }

  /**
   * A page of the region's tasks in one state, the longest due first. A task of a young person who
   * is no longer of this region is left out (the admin's access is decided per young person).
   */
  public Future<Page<JsonObject>> list(
      Caller caller, String regionId, State state, PageRequest request) {
    Instant now = clock.instant();
    return regions
        .require(caller, Role.REGION_ADMIN, regionId)
        .compose(admin -> store.regionTasks(regionId, state, request))
        .compose(
            page ->
                Refusals.keepAllowed(
                        page.items(),
                        feedback -> authorize(caller, feedback, Permission.READ_FEEDBACK_TASK))
                    .compose(this::seen)
                    .map(
                        views ->
                            new Page<>(
                                views.stream()
                                    .map(s -> FeedbackViews.task(s, regionId, now))
                                    .toList(),
                                page.next())));
  }

  /** One task of the region, with its round (its version); 404 as for none otherwise. */
  public Future<Read> one(Caller caller, String regionId, String taskId) {
    Instant now = clock.instant();
    return regions
        .require(caller, Role.REGION_ADMIN, regionId)
        .compose(admin -> task(regionId, taskId))
        .compose(feedback -> authorize(caller, feedback, Permission.READ_FEEDBACK_TASK))
        .compose(feedback -> seen(List.of(feedback)))
        .map(views -> read(views.get(0), regionId, now));
  }

  /** A task as answered, with the round a reassignment names in {@code If-Match}. */
  public record Read(JsonObject task, long round) {}

  /**
   * Gives an open task to another professional of the region, in the round the admin read: the
   * reply is due again {@code replyWorkingDays} working days from now, the escalation starts over,
   * and the new holder is told ({@code FEEDBACK_TASK}). Refused with 422 for anyone who is not a
   * professional of the young person's region, was their parent or foster parent, or holds it
   * already; 409 when it was answered meanwhile; 412 when another admin reassigned it first.
   */
  public Future<Read> reassign(
      Caller caller, String regionId, String taskId, String personId, long expectedRound) {
    Instant now = clock.instant();
    return regions
        .require(caller, Role.REGION_ADMIN, regionId)
        .compose(admin -> task(regionId, taskId))
        .compose(
            feedback ->
                grant(caller, feedback, Permission.REASSIGN_FEEDBACK_TASK)
                    .map(grant -> new Reassigning(feedback, grant.youth())))
        .compose(
            reassigning -> {
              FeedbackRecord feedback = reassigning.feedback();
              Task task = feedback.task().orElseThrow();
              if (task.status() != FeedbackRecord.TaskStatus.OPEN) {
                return Future.failedFuture(
                    Problem.of(CommonProblem.CONFLICT, "problem.conflict.task-answered"));
              }
              return eligible(reassigning, personId)
                  .compose(
                      ok -> {
                        long round = expectedRound + 1;
                        // Outside the circle: told about the task, not about the person.
                        boolean inTheCircle =
                            !reassigning.youth().activeRelationsOf(personId, now).isEmpty();
                        NotificationIntent tell =
                            NotificationIntent.keyed(
                                feedback.id() + "/task/" + round,
                                NotificationType.FEEDBACK_TASK,
                                personId,
                                inTheCircle ? Optional.of(feedback.youthId()) : Optional.empty(),
                                "youth/" + feedback.youthId() + "/feedback/" + feedback.id(),
                                now);
                        return store.reassignTask(
                            feedback.id(),
                            expectedRound,
                            personId,
                            WorkingDays.after(now, replyWorkingDays, AgeRules.ZONE),
                            List.of(tell));
                      });
            })
        .compose(feedback -> seen(List.of(feedback)))
        .map(views -> read(views.get(0), regionId, now));
  }

  /** The task of one feedback of this region, or the 404 of none. */
  private Future<FeedbackRecord> task(String regionId, String taskId) {
    return store
        .find(taskId)
        .map(
            found ->
                found
                    .filter(f -> regionId.equals(f.regionId()))
                    .filter(f -> f.task().flatMap(Task::dueAt).isPresent())
                    .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
  }

  /**
   * The admin's access to this young person's feedback, decided and logged by the care circle
   * (their region now); the task when it is allowed.
   */
  private Future<FeedbackRecord> authorize(
      Caller caller, FeedbackRecord feedback, Permission permission) {
    return grant(caller, feedback, permission).map(grant -> feedback);
  }

  private Future<CareCircle.Grant> grant(
      Caller caller, FeedbackRecord feedback, Permission permission) {
    return circle.authorize(
        caller,
        feedback.youthId(),
        permission,
        "youth/" + feedback.youthId() + "/feedback/" + feedback.id());
  }

  /** A task about to be given to someone else, and the young person it is about. */
  private record Reassigning(FeedbackRecord feedback, Youth youth) {}

  /**
   * Succeeds when the person may hold this task: a professional of the young person's region now,
   * not the young person, never their parent or foster parent, not holding it already. Else the 422
   * naming {@code /personId}.
   */
  private Future<Void> eligible(Reassigning reassigning, String personId) {
    FeedbackRecord feedback = reassigning.feedback();
    boolean holdsIt = feedback.task().flatMap(Task::assignee).map(personId::equals).orElse(false);
    Future<Boolean> mayHold =
        holdsIt
            ? Future.succeededFuture(false)
            : circle.mayBeGivenWork(personId, reassigning.youth());
    return mayHold.compose(
        ok ->
            ok
                ? Future.<Void>succeededFuture()
                : Future.failedFuture(
                    Problem.of(CircleProblem.NOT_ELIGIBLE_ASSIGNEE)
                        .withErrors(
                            List.of(
                                new Problem.FieldError(
                                    "body", null, "/personId", "field.not-eligible-assignee")))));
  }

  /** The tasks with their questionnaire versions and holders: two reads for all. */
  private Future<List<Seen>> seen(List<FeedbackRecord> tasks) {
    Map<String, Future<Optional<Questionnaire>>> versions = new HashMap<>();
    for (FeedbackRecord feedback : tasks) {
      versions.computeIfAbsent(feedback.questionnaireId(), questionnaires::find);
    }
    List<String> holders =
        tasks.stream().flatMap(f -> f.task().flatMap(Task::assignee).stream()).distinct().toList();
    Future<List<Person>> found = people.findAll(holders);
    return Future.all(List.copyOf(versions.values()))
        .compose(v -> found)
        .map(
            persons -> {
              Map<String, Person> byId = new HashMap<>();
              persons.forEach(p -> byId.put(p.id(), p));
              return tasks.stream()
                  .map(
                      f ->
                          new Seen(
                              f,
                              versions.get(f.questionnaireId()).result(),
                              f.task().flatMap(Task::assignee).map(byId::get)))
                  .toList();
            });
  }

  private static Read read(Seen seen, String regionId, Instant now) {
    return new Read(
        FeedbackViews.task(seen, regionId, now),
        seen.feedback().task().map(Task::round).orElse(0L));
  }
}
