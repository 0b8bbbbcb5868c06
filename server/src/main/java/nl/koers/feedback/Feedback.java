package nl.koers.feedback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Standings;
import nl.koers.circle.Youth;
import nl.koers.feedback.FeedbackFacts.Fact;
import nl.koers.feedback.FeedbackRecord.Answer;
import nl.koers.feedback.FeedbackRecord.Answered;
import nl.koers.feedback.FeedbackRecord.ContactMoment;
import nl.koers.feedback.FeedbackRecord.Response;
import nl.koers.feedback.FeedbackRecord.Task;
import nl.koers.feedback.FeedbackRecord.Visible;
import nl.koers.feedback.Questionnaire.Audience;
import nl.koers.feedback.Questionnaire.Kind;
import nl.koers.identity.People;
import nl.koers.identity.Role;
import nl.koers.insights.Facts;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.background.OneByOne;
import nl.koers.platform.clock.WorkingDays;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import nl.koers.platform.sync.Change;

/**
 * Feedback from 12: pulse requests after contact moments, the periodic survey, answers with the
 * young person's sharing choice, and "you said, we did" - replies, their rating, and escalation of
 * replies that are late.
 */
public final class Feedback {

  public enum Sharing {
    /** The case coordinator sees it, with the young person's name. */
    SHARE_WITH_PROFESSIONAL,
    /** No professional ever sees it; it only counts in the region's aggregates. */
    REGION_ONLY,
    /** Nobody but the young person: kept in their own history, never counted anywhere. */
    NOBODY,
    /**
     * A statement: only the professional it is addressed to (and whoever holds its reply task) sees
     * it, never the whole circle; it counts nowhere ({@link Statements}). It is not a step on the
     * widening scale: a statement stays with whom the young person gave it to.
     */
    ADDRESSEE_ONLY;

    /**
     * How far the choice reaches: nobody, then the region's counts, then the professional too (who
     * also counts it). A choice may later only widen ({@link SharingChoices}).
     */
    public int reach() {
      return switch (this) {
        case NOBODY -> 0;
        case REGION_ONLY -> 1;
        case SHARE_WITH_PROFESSIONAL, ADDRESSEE_ONLY -> 2;
      };
    }
  }

  /** How long a reply may take, in working days, and how often the survey comes. */
  public record Settings(int replyWorkingDays, Duration surveyEvery) {}

  private final CareCircle circle;
  private final Questionnaires questionnaires;
  private final FeedbackStore store;
  private final People people;
  private final Settings settings;
  private final Clock clock;

  public Feedback(
      CareCircle circle,
      Questionnaires questionnaires,
      FeedbackStore store,
      People people,
      Settings settings,
      Clock clock) {
    this.circle = circle;
    this.questionnaires = questionnaires;
    this.store = store;
    this.people = people;
    this.settings = settings;
    this.clock = clock;
  }

  /** A professional logs a contact moment; the young person gets a pulse to answer. */
  public Future<JsonObject> logContactMoment(
      Caller caller, String youthId, String kind, Optional<Instant> at, String seed) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller, youthId, Permission.LOG_CONTACT_MOMENT, "youth/" + youthId + "/contact-moments")
        .compose(
            grant ->
                questionnaires
                    .current(
                        Kind.PULSE,
                        youthAudience(grant.age()),
                        grant.youth().readingLevel(),
                        grant.youth().regionId())
                    .compose(
                        pulse -> {
                          String requestId = derived(seed, "pulse");
                          InsightsCell cell =
                              insightsCell(
                                  grant.youth(), pulse, now, Optional.of(caller.personId()));
                          FeedbackRecord request =
                              FeedbackRecord.opened(
                                  requestId,
                                  grant.youth(),
                                  youthId,
                                  pulse,
                                  now,
                                  cell,
                                  Optional.of(
                                      new ContactMoment(kind, at.orElse(now), caller.personId())),
                                  Optional.empty(),
                                  Optional.empty());
                          return store.createOnce(
                              request,
                              FeedbackFacts.requested(requestId, cell, Optional.empty()),
                              List.of(
                                  intent(
                                      requestId + "/requested",
                                      NotificationType.FEEDBACK_REQUESTED,
                                      youthId,
                                      Optional.of(youthId),
                                      "youth/" + youthId + "/feedback/requests")));
                        }))
        .map(FeedbackViews::contactMomentLogged);
  }

  /**
   * The check-in months after youth care ended: a pulse the young adult may answer, asked by Koers
   * itself. Once per young person and follow-up, however often the scheduler asks.
   */
  public Future<Void> openFollowUp(Youth youth, String followUp) {
    Instant now = clock.instant();
    int age = AgeRules.age(youth.dateOfBirth(), now);
    return questionnaires
        .current(Kind.PULSE, youthAudience(age), youth.readingLevel(), youth.regionId())
        .compose(
            pulse -> {
              String requestId = derived(youth.id(), "follow-up/" + followUp);
              InsightsCell cell = insightsCell(youth, pulse, now, coordinatorOf(youth, now));
              FeedbackRecord request =
                  FeedbackRecord.opened(
                      requestId,
                      youth,
                      youth.id(),
                      pulse,
                      now,
                      cell,
                      Optional.empty(),
                      Optional.of(followUp),
                      Optional.empty());
              return store.createOnce(
                  request,
                  FeedbackFacts.requested(
                      requestId, cell, Optional.of(Facts.youngAdultBand(youth.dateOfBirth(), now))),
                  List.of(
                      intent(
                              requestId + "/requested",
                              NotificationType.FEEDBACK_REQUESTED,
                              youth.id(),
                              Optional.of(youth.id()),
                              "youth/" + youth.id() + "/feedback/requests")
                          .withMilestone(followUp)));
            })
        .mapEmpty();
  }

  /**
   * The change feed's entries for the feedback requests the reader may answer (the young person and
   * parents, as {@link #openRequests} decides now); one query.
   */
  public Future<List<Change>> changes(
      String personId, List<Standings.Standing> standings, Instant after) {
    return store
        .requestsChanged(
            standings.stream().map(Standings.Standing::youthId).toList(), personId, after)
        .map(
            changed -> {
              List<Change> changes = new ArrayList<>();
              for (Standings.Standing standing : standings) {
                standing
                    .about(
                        Change.Kind.FEEDBACK_REQUESTS,
                        standing.youthId(),
                        "/v1/youth/" + standing.youthId() + "/feedback/requests",
                        Optional.ofNullable(changed.get(standing.youthId())),
                        standing.may(Permission.ANSWER_FEEDBACK),
                        after)
                    .ifPresent(changes::add);
              }
              return changes;
            });
  }

  /** What the caller may answer now for this young person (the survey comes by itself). */
  public Future<List<JsonObject>> openRequests(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.ANSWER_FEEDBACK, "youth/" + youthId + "/feedback/requests")
        .compose(grant -> ensureSurvey(caller, grant))
        .compose(v -> store.openRequests(youthId, caller.personId()))
        .compose(
            open -> {
              List<Future<JsonObject>> views = new ArrayList<>();
              for (FeedbackRecord request : open) {
                views.add(
                    questionnaires
                        .find(request.questionnaireId())
                        .map(q -> FeedbackViews.request(request, q.orElseThrow())));
              }
              return Future.all(views).map(all -> all.<JsonObject>list());
            });
  }

  /**
   * Answers a request once. A shared answer that is low or has words in it becomes a task for the
   * case coordinator.
   */
  public Future<JsonObject> submit(
      Caller caller, String youthId, String requestId, JsonArray answers, Sharing sharing) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.ANSWER_FEEDBACK, "youth/" + youthId + "/feedback")
        .compose(
            grant ->
                store
                    .find(requestId)
                    .compose(
                        found -> {
                          FeedbackRecord request =
                              found
                                  .filter(r -> youthId.equals(r.youthId()))
                                  .filter(r -> caller.personId().equals(r.respondentId()))
                                  .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
                          if (request.status() != FeedbackRecord.Status.OPEN) {
                            return Future.failedFuture(
                                Problem.of(CommonProblem.CONFLICT, "problem.conflict.answered"));
                          }
                          return questionnaires
                              .find(request.questionnaireId())
                              .compose(
                                  questionnaire ->
                                      answer(
                                              caller,
                                              grant,
                                              request,
                                              questionnaire.orElseThrow(),
                                              answers,
                                              sharing,
                                              now)
                                          .map(
                                              answered ->
                                                  FeedbackViews.feedbackJson(
                                                      answered, questionnaire.orElseThrow())));
                        }));
  }

  private Future<FeedbackRecord> answer(
      Caller caller,
      CareCircle.Grant grant,
      FeedbackRecord request,
      Questionnaire questionnaire,
      JsonArray answers,
      Sharing sharing,
      Instant now) {
    Youth youth = grant.youth();
    String id = request.id();
    List<Answer> accepted = Answers.validated(questionnaire, answers);
    List<ConsentLog.Entry> consents = new ArrayList<>();
    if (grant.capacity().equals(CareCircle.SELF)) {
      // The young person's choice of who sees this answer is a consent decision, recorded with it.
      // (A parent's choice about their own answers is about the parent's data, not the child's.)
      consents.add(
          ConsentLog.Entry.of(
              youth,
              now,
              caller.personId(),
              CareCircle.SELF,
              ConsentLog.Decision.FEEDBACK_SHARING,
              id,
              Optional.empty(),
              List.of(),
              List.of(sharing.name())));
    }
    List<Fact> facts =
        FeedbackFacts.countable(
            request,
            sharing,
            FeedbackFacts.answered(
                request, questionnaire, accepted, sharing, youth.dateOfBirth(), now));
    List<NotificationIntent> tell = new ArrayList<>();
    Optional<Task> task =
        sharing == Sharing.SHARE_WITH_PROFESSIONAL && Answers.asksForAReply(questionnaire, accepted)
            ? replyTask(youth, request, settings.replyWorkingDays(), now, tell)
            : Optional.empty();
    return store
        .markAnswered(request, new Answered(now, accepted, sharing, task), facts, consents, tell)
        .map(
            answered ->
                answered.orElseThrow(
                    () -> Problem.of(CommonProblem.CONFLICT, "problem.conflict.answered")));
  }

  /**
   * The feedback the caller may read: the young person all of their own; the case coordinator only
   * what was shared with them; a parent only their own answers.
   */
  public Future<Page<JsonObject>> list(Caller caller, String youthId, PageRequest page) {
    return circle
        .authorize(caller, youthId, Permission.READ_FEEDBACK, "youth/" + youthId + "/feedback")
        .compose(grant -> store.answered(youthId, visibleTo(caller, grant), page))
        .compose(this::views);
  }

  /** A page of feedback as the API shows it, each with the questionnaire version it answers. */
  private Future<Page<JsonObject>> views(Page<FeedbackRecord> page) {
    Map<String, Future<Optional<Questionnaire>>> versions = new HashMap<>();
    for (FeedbackRecord feedback : page.items()) {
      versions.computeIfAbsent(feedback.questionnaireId(), questionnaires::find);
    }
    return Future.all(List.copyOf(versions.values()))
        .map(
            found ->
                page.map(
                    feedback ->
                        FeedbackViews.feedbackJson(
                            feedback,
                            versions.get(feedback.questionnaireId()).result().orElse(null))));
  }

  /** One answer, if the caller may read it (as {@link #list}); else 404. */
  public Future<JsonObject> item(Caller caller, String youthId, String feedbackId) {
    return one(caller, youthId, feedbackId)
        .compose(
            found ->
                questionnaires
                    .find(found.questionnaireId())
                    .map(version -> FeedbackViews.feedbackJson(found, version.orElse(null))));
  }

  /** One answer as a FHIR QuestionnaireResponse, if the caller may read it; else 404. */
  public Future<JsonObject> fhir(Caller caller, String youthId, String feedbackId) {
    return one(caller, youthId, feedbackId)
        .compose(
            found ->
                questionnaires
                    .find(found.questionnaireId())
                    // A statement answers no questionnaire: it has no FHIR form.
                    .map(
                        q ->
                            Fhir.questionnaireResponse(
                                found, q.orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)))));
  }

  /**
   * One feedback, if the caller may read it (as {@link #list}, or as the professional holding its
   * reply task); else 404.
   */
  private Future<FeedbackRecord> one(Caller caller, String youthId, String feedbackId) {
    return store
        .find(feedbackId)
        .compose(
            stored -> {
              Optional<FeedbackRecord> found = stored.filter(f -> youthId.equals(f.youthId()));
              return circle
                  .authorizeAssigned(
                      caller,
                      youthId,
                      Permission.READ_FEEDBACK,
                      "youth/" + youthId + "/feedback/" + feedbackId,
                      heldBy(found))
                  .map(
                      grant ->
                          found
                              .filter(f -> f.status() == FeedbackRecord.Status.ANSWERED)
                              .filter(
                                  f ->
                                      visibleTo(caller, grant).shows(f)
                                          || Statements.readableBy(f, caller.personId()))
                              .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
            });
  }

  /** Who holds this feedback's reply task now (open and assigned), if anyone. */
  private static Optional<String> heldBy(Optional<FeedbackRecord> feedback) {
    return feedback
        .flatMap(FeedbackRecord::task)
        .filter(task -> task.status() == FeedbackRecord.TaskStatus.OPEN)
        .flatMap(Task::assignee);
  }

  /**
   * The case coordinator (or the professional holding the reply task) replies to shared feedback;
   * the young person hears of it.
   */
  public Future<JsonObject> respond(
      Caller caller, String youthId, String feedbackId, String text, String seed) {
    Instant now = clock.instant();
    return store
        .find(feedbackId)
        .compose(
            loaded ->
                circle
                    .authorizeAssigned(
                        caller,
                        youthId,
                        Permission.RESPOND_TO_FEEDBACK,
                        "youth/" + youthId + "/feedback/" + feedbackId + "/responses",
                        heldBy(loaded.filter(f -> youthId.equals(f.youthId()))))
                    .map(grant -> loaded)
                    .compose(
                        found -> {
                          FeedbackRecord feedback =
                              found
                                  .filter(f -> youthId.equals(f.youthId()))
                                  .filter(
                                      f ->
                                          f.sharing()
                                                  .equals(
                                                      Optional.of(Sharing.SHARE_WITH_PROFESSIONAL))
                                              || Statements.repliableBy(f, caller.personId()))
                                  .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
                          String responseId = derived(seed, "response");
                          Response response =
                              new Response(
                                  responseId, caller.personId(), text, now, Optional.empty());
                          NotificationIntent tell =
                              intent(
                                  responseId,
                                  NotificationType.FEEDBACK_ANSWERED,
                                  feedback.respondentId(),
                                  Optional.of(youthId),
                                  "youth/" + youthId + "/feedback/" + feedbackId);
                          Future<Boolean> stored =
                              feedback.responses().isEmpty()
                                  ? store.addFirstReply(
                                      feedbackId,
                                      response,
                                      FeedbackFacts.replied(feedback, now),
                                      tell)
                                  : store.addReply(feedbackId, response, tell);
                          return stored.map(changed -> FeedbackViews.responseJson(response));
                        }));
  }

  /** The respondent rates a reply (1 to 5); rating again replaces the rating. */
  public Future<Void> rate(
      Caller caller, String youthId, String feedbackId, String responseId, int rating) {
    return circle
        .authorize(
            caller,
            youthId,
            Permission.ANSWER_FEEDBACK,
            "youth/" + youthId + "/feedback/" + feedbackId + "/responses/" + responseId)
        .compose(
            grant -> store.rateReply(feedbackId, youthId, caller.personId(), responseId, rating))
        .compose(
            changed ->
                changed
                    ? Future.succeededFuture()
                    : Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND)));
  }

  /** Tells the region admins about replies that are late; each task once (any instance). */
  public Future<Integer> escalateOverdue() {
    Instant now = clock.instant();
    return store
        .overdueTasks(now, 50)
        .compose(tasks -> OneByOne.countChanged(tasks, task -> escalate(task, now)));
  }

  /**
   * One late task: every region admin is told, with a link to the task; and the one who gave the
   * feedback is told once (whatever the round) that someone will answer, with a link to their own
   * feedback. Each round of the task (a reassignment restarts it) escalates on its own.
   */
  private Future<Boolean> escalate(FeedbackRecord feedback, Instant now) {
    String id = feedback.id();
    String regionId = feedback.regionId();
    long round = feedback.task().map(Task::round).orElse(0L);
    // Round 0 keeps the key it always had, so a task escalated before rounds is not told again.
    String key = round == 0 ? id + "/escalated/" : id + "/escalated/" + round + "/";
    return people
        .withRegionRole(Role.REGION_ADMIN, regionId)
        .compose(
            admins ->
                circle
                    .mayHearAbout(feedback.respondentId(), feedback.youthId())
                    .map(
                        respondentHears -> {
                          List<NotificationIntent> told = new ArrayList<>();
                          for (String admin : admins) {
                            // About the region's work, not the young person (no youthId): the
                            // task shows no name.
                            told.add(
                                intent(
                                    key + admin,
                                    NotificationType.FEEDBACK_ESCALATED,
                                    admin,
                                    Optional.empty(),
                                    "regions/" + regionId + "/feedback-tasks/" + id));
                          }
                          if (respondentHears) {
                            told.add(
                                intent(
                                    id + "/escalated/respondent",
                                    NotificationType.FEEDBACK_ESCALATED,
                                    feedback.respondentId(),
                                    Optional.of(feedback.youthId()),
                                    "youth/" + feedback.youthId() + "/feedback/" + id));
                          }
                          return told;
                        }))
        .compose(told -> store.markTaskEscalated(id, now, told));
  }

  /**
   * The periodic survey of whoever asks for their requests, once per period: the young person's
   * own, a parent's, or a foster parent's about the support they get.
   */
  private Future<Void> ensureSurvey(Caller caller, CareCircle.Grant grant) {
    Youth youth = grant.youth();
    Audience audience = surveyAudience(grant);
    long period = clock.instant().getEpochSecond() / settings.surveyEvery().toSeconds();
    String requestId =
        derived(youth.id() + "|" + caller.personId() + "|" + audience, "survey-" + period);
    return questionnaires
        .current(Kind.SURVEY, audience, readingLevelOf(grant), youth.regionId())
        .compose(
            survey -> {
              Instant now = clock.instant();
              InsightsCell cell = insightsCell(youth, survey, now, coordinatorOf(youth, now));
              return store.createOnce(
                  FeedbackRecord.opened(
                      requestId,
                      youth,
                      caller.personId(),
                      survey,
                      now,
                      cell,
                      Optional.empty(),
                      Optional.empty(),
                      Optional.of(period)),
                  FeedbackFacts.requested(requestId, cell, Optional.empty()),
                  List.of());
            })
        .mapEmpty();
  }

  /**
   * Where a request counts. {@code aboutHelpOf} is the professional whose help it asks about (who
   * logged the contact moment, else the case coordinator): it only decides the organisation the
   * answer counts for in the region's indicators.
   */
  private static InsightsCell insightsCell(
      Youth youth, Questionnaire questionnaire, Instant now, Optional<String> aboutHelpOf) {
    return FeedbackFacts.cell(
        youth.regionId(),
        now,
        Facts.band(youth.dateOfBirth(), now),
        questionnaire.audience(),
        aboutHelpOf);
  }

  /**
   * The reply task a shared answer opens, now: the case coordinator holds it (after youth care, for
   * a check-in, the steady contact; with nobody to hold it the task is due at once, so the region
   * admins are told and give it to a professional), and who holds it is told; while care is
   * extended the case coordinator hears of a worried check-in too. None without a holder outside a
   * follow-up. One rule for an answer shared at once and one widened to the professional later.
   */
  static Optional<Task> replyTask(
      Youth youth,
      FeedbackRecord request,
      int replyWorkingDays,
      Instant now,
      List<NotificationIntent> tell) {
    Optional<String> coordinator = coordinatorOf(youth, now);
    boolean followUp = request.followUp().isPresent();
    Optional<String> holder =
        followUp
            ? youth
                .activeOfKind(RelationKind.STEADY_CONTACT, now)
                .map(r -> r.personId())
                .or(() -> coordinator)
            : coordinator;
    if (holder.isEmpty() && !followUp) {
      return Optional.empty();
    }
    Instant due =
        holder.isPresent() ? WorkingDays.after(now, replyWorkingDays, AgeRules.ZONE) : now;
    String id = request.id();
    String resource = "youth/" + youth.id() + "/feedback/" + id;
    Optional<String> about = Optional.of(youth.id());
    holder.ifPresent(
        h ->
            tell.add(
                NotificationIntent.keyed(
                    id + "/task", NotificationType.FEEDBACK_TASK, h, about, resource, now)));
    coordinator
        .filter(cc -> holder.isPresent() && !holder.get().equals(cc))
        .ifPresent(
            cc ->
                tell.add(
                    NotificationIntent.keyed(
                        id + "/task/coordinator",
                        NotificationType.FEEDBACK_TASK,
                        cc,
                        about,
                        resource,
                        now)));
    return Optional.of(Task.open(holder, due));
  }

  static Optional<String> coordinatorOf(Youth youth, Instant now) {
    return youth.activeOfKind(RelationKind.CASE_COORDINATOR, now).map(r -> r.personId());
  }

  /** The young person sees all their own answers, a case coordinator what was shared. */
  private static Visible visibleTo(Caller caller, CareCircle.Grant grant) {
    if (grant.capacity().equals(CareCircle.SELF)) {
      return Visible.answersOf(caller.personId());
    }
    if (grant.capacity().equals(RelationKind.CASE_COORDINATOR.name())
        || grant.capacity().equals(CareCircle.FEEDBACK_ASSIGNEE)) {
      return Visible.sharedWithProfessional();
    }
    return Visible.answersOf(caller.personId());
  }

  private static Audience surveyAudience(CareCircle.Grant grant) {
    if (grant.capacity().equals(CareCircle.SELF)) {
      return youthAudience(grant.age());
    }
    return grant.capacity().equals(RelationKind.FOSTER_PARENT.name())
        ? Audience.FOSTER_PARENT
        : Audience.PARENT;
  }

  /** The young person's own choice of wording; a parent's questions are worded as always. */
  private static nl.koers.circle.ReadingLevel readingLevelOf(CareCircle.Grant grant) {
    return grant.capacity().equals(CareCircle.SELF)
        ? grant.youth().readingLevel()
        : nl.koers.circle.ReadingLevel.STANDARD;
  }

  static Audience youthAudience(int age) {
    return age < AgeRules.DECIDES_ALONE ? Audience.YOUTH_12_15 : Audience.YOUTH_16_PLUS;
  }

  private NotificationIntent intent(
      String id,
      NotificationType type,
      String recipient,
      Optional<String> youthId,
      String resource) {
    return NotificationIntent.keyed(id, type, recipient, youthId, resource, clock.instant());
  }

  private static String derived(String seed, String what) {
    return Ids.derived(seed, what);
  }

  /** The ids of every feedback request about the young person (erasure: their facts). */
  public Future<List<String>> idsAbout(String youthId) {
    return store.idsAbout(youthId);
  }

  /** Erasure: every feedback request about the young person, whoever answered it. */
  public Future<Void> eraseYouth(String youthId) {
    return store.eraseYouth(youthId);
  }
}
