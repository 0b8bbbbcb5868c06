package nl.koers.feedback;

import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.feedback.Questionnaire.Audience;
import nl.koers.feedback.Questionnaire.Kind;
import nl.koers.identity.People;
import nl.koers.identity.Role;
import nl.koers.insights.Facts;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import org.bson.Document;
import org.bson.conversions.Bson;

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
    REGION_ONLY
  }

  /** How long a reply may take, in working days, and how often the survey comes. */
  public record Settings(int replyWorkingDays, Duration surveyEvery) {}

  private final CareCircle circle;
  private final Questionnaires questionnaires;
  private final FeedbackRecords records;
  private final People people;
  private final Settings settings;
  private final Clock clock;

  public Feedback(
      CareCircle circle,
      Questionnaires questionnaires,
      FeedbackRecords records,
      People people,
      Settings settings,
      Clock clock) {
    this.circle = circle;
    this.questionnaires = questionnaires;
    this.records = records;
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
                    .current(Kind.PULSE, youthAudience(grant.age()), grant.youth().regionId())
                    .compose(
                        pulse -> {
                          String requestId = derived(seed, "pulse");
                          Document request =
                              request(
                                      requestId,
                                      grant.youth(),
                                      youthId,
                                      pulse,
                                      now,
                                      Optional.of(caller.personId()))
                                  .append(
                                      "contactMoment",
                                      new Document("kind", kind)
                                          .append("at", Date.from(at.orElse(now)))
                                          .append("loggedBy", caller.personId()))
                                  .append(
                                      NotificationIntent.OUTBOX,
                                      List.of(
                                          intent(
                                                  requestId + "/requested",
                                                  NotificationType.FEEDBACK_REQUESTED,
                                                  youthId,
                                                  Optional.of(youthId),
                                                  "youth/" + youthId + "/feedback/requests")
                                              .toDocument()));
                          return records.createOnce(request);
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
        .current(Kind.PULSE, youthAudience(age), youth.regionId())
        .compose(
            pulse -> {
              String requestId = derived(youth.id(), "follow-up/" + followUp);
              Document request =
                  request(requestId, youth, youth.id(), pulse, now, coordinatorOf(youth, now))
                      .append("followUp", followUp)
                      .append(
                          Facts.OUTBOX,
                          FeedbackFacts.requested(
                              requestId,
                              insightsCell(youth, pulse, now, coordinatorOf(youth, now)),
                              true))
                      .append(
                          NotificationIntent.OUTBOX,
                          List.of(
                              intent(
                                      requestId + "/requested",
                                      NotificationType.FEEDBACK_REQUESTED,
                                      youth.id(),
                                      Optional.of(youth.id()),
                                      "youth/" + youth.id() + "/feedback/requests")
                                  .toDocument()));
              return records.createOnce(request);
            })
        .mapEmpty();
  }

  /** What the caller may answer now for this young person (the survey comes by itself). */
  public Future<List<JsonObject>> openRequests(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.ANSWER_FEEDBACK, "youth/" + youthId + "/feedback/requests")
        .compose(grant -> ensureSurvey(caller, grant.youth(), grant.age()))
        .compose(v -> records.open(youthId, caller.personId()))
        .compose(
            open -> {
              List<Future<JsonObject>> views = new ArrayList<>();
              for (Document request : open) {
                views.add(
                    questionnaires
                        .find(request.getString("questionnaireId"))
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
                records
                    .find(requestId)
                    .compose(
                        found -> {
                          Document request =
                              found
                                  .filter(r -> youthId.equals(r.getString("youthId")))
                                  .filter(
                                      r -> caller.personId().equals(r.getString("respondentId")))
                                  .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
                          if (!"OPEN".equals(request.getString("status"))) {
                            return Future.failedFuture(
                                Problem.of(CommonProblem.CONFLICT, "problem.conflict.answered"));
                          }
                          return questionnaires
                              .find(request.getString("questionnaireId"))
                              .compose(
                                  questionnaire ->
                                      answer(
                                          caller,
                                          grant,
                                          request,
                                          questionnaire.orElseThrow(),
                                          answers,
                                          sharing,
                                          now));
                        }))
        .map(FeedbackViews::feedbackJson);
  }

  private Future<Document> answer(
      Caller caller,
      CareCircle.Grant grant,
      Document request,
      Questionnaire questionnaire,
      JsonArray answers,
      Sharing sharing,
      Instant now) {
    Youth youth = grant.youth();
    List<Document> accepted = Answers.validated(questionnaire, answers);
    List<Bson> changes = new ArrayList<>();
    if (grant.capacity().equals(CareCircle.SELF)) {
      // The young person's choice of who sees this answer is a consent decision, recorded with it.
      // (A parent's choice about their own answers is about the parent's data, not the child's.)
      changes.add(
          ConsentLog.record(
              List.of(
                  ConsentLog.Entry.of(
                      youth,
                      now,
                      caller.personId(),
                      CareCircle.SELF,
                      ConsentLog.Decision.FEEDBACK_SHARING,
                      request.getString("_id"),
                      Optional.empty(),
                      List.of(),
                      List.of(sharing.name())))));
    }
    changes.add(Updates.set("status", "ANSWERED"));
    changes.add(Updates.set("answeredAt", Date.from(now)));
    changes.add(Updates.set("answers", accepted));
    changes.add(Updates.set("sharing", sharing.name()));
    changes.add(
        Facts.record(FeedbackFacts.answered(request, questionnaire, accepted, sharing, now)));
    Optional<String> coordinator =
        youth.activeOfKind(RelationKind.CASE_COORDINATOR, now).map(r -> r.personId());
    if (sharing == Sharing.SHARE_WITH_PROFESSIONAL
        && coordinator.isPresent()
        && Answers.asksForAReply(questionnaire, accepted)) {
      String id = request.getString("_id");
      changes.add(
          Updates.set(
              "task",
              new Document("status", "OPEN")
                  .append("assignee", coordinator.get())
                  .append("dueAt", Date.from(afterWorkingDays(now, settings.replyWorkingDays())))
                  .append("escalatedAt", null)));
      changes.add(
          intent(
                  id + "/task",
                  NotificationType.FEEDBACK_TASK,
                  coordinator.get(),
                  Optional.of(youth.id()),
                  "youth/" + youth.id() + "/feedback/" + id)
              .push());
    }
    return records
        .updateIf(
            request.getString("_id"), new Document("status", "OPEN"), Updates.combine(changes))
        .compose(
            changed ->
                changed
                    ? records.find(request.getString("_id")).map(Optional::orElseThrow)
                    : Future.failedFuture(
                        Problem.of(CommonProblem.CONFLICT, "problem.conflict.answered")));
  }

  /**
   * The feedback the caller may read: the young person all of their own; the case coordinator only
   * what was shared with them; a parent only their own answers.
   */
  public Future<Page<JsonObject>> list(Caller caller, String youthId, PageRequest page) {
    return circle
        .authorize(caller, youthId, Permission.READ_FEEDBACK, "youth/" + youthId + "/feedback")
        .compose(grant -> records.answered(youthId, visibleTo(caller, grant), page))
        .map(found -> found.map(FeedbackViews::feedbackJson));
  }

  /** One answer as a FHIR QuestionnaireResponse, if the caller may read it; else 404. */
  public Future<JsonObject> fhir(Caller caller, String youthId, String feedbackId) {
    return one(caller, youthId, feedbackId)
        .compose(
            found ->
                questionnaires
                    .find(found.getString("questionnaireId"))
                    .map(q -> Fhir.questionnaireResponse(found, q.orElseThrow())));
  }

  /** One feedback, if the caller may read it (as {@link #list}); else 404. */
  private Future<Document> one(Caller caller, String youthId, String feedbackId) {
    return circle
        .authorize(
            caller,
            youthId,
            Permission.READ_FEEDBACK,
            "youth/" + youthId + "/feedback/" + feedbackId)
        .compose(
            grant ->
                records
                    .find(feedbackId)
                    .map(
                        found ->
                            found
                                .filter(f -> youthId.equals(f.getString("youthId")))
                                .filter(f -> "ANSWERED".equals(f.getString("status")))
                                .filter(f -> matches(f, visibleTo(caller, grant)))
                                .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND))));
  }

  /** The case coordinator replies to shared feedback; the young person hears of it. */
  public Future<JsonObject> respond(
      Caller caller, String youthId, String feedbackId, String text, String seed) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller,
            youthId,
            Permission.RESPOND_TO_FEEDBACK,
            "youth/" + youthId + "/feedback/" + feedbackId + "/responses")
        .compose(
            grant ->
                records
                    .find(feedbackId)
                    .compose(
                        found -> {
                          Document feedback =
                              found
                                  .filter(f -> youthId.equals(f.getString("youthId")))
                                  .filter(
                                      f ->
                                          Sharing.SHARE_WITH_PROFESSIONAL
                                              .name()
                                              .equals(f.getString("sharing")))
                                  .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
                          String responseId = derived(seed, "response");
                          Document response =
                              new Document("id", responseId)
                                  .append("by", caller.personId())
                                  .append("text", text)
                                  .append("at", Date.from(now))
                                  .append("rating", null);
                          List<Bson> firstReply =
                              feedback.getList("responses", Document.class, List.of()).isEmpty()
                                  ? List.of(Facts.record(FeedbackFacts.replied(feedback, now)))
                                  : List.of();
                          Bson update =
                              Updates.combine(
                                  Updates.combine(firstReply),
                                  Updates.push("responses", response),
                                  Updates.set("task.status", "ANSWERED"),
                                  Updates.set("task.answeredAt", Date.from(now)),
                                  intent(
                                          responseId,
                                          NotificationType.FEEDBACK_ANSWERED,
                                          feedback.getString("respondentId"),
                                          Optional.of(youthId),
                                          "youth/" + youthId + "/feedback/" + feedbackId)
                                      .push());
                          return records
                              .updateIf(
                                  feedbackId,
                                  new Document("responses.id", new Document("$ne", responseId)),
                                  update)
                              .map(changed -> FeedbackViews.responseJson(response));
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
            grant ->
                records.updateIf(
                    feedbackId,
                    new Document("youthId", youthId)
                        .append("respondentId", caller.personId())
                        .append("responses.id", responseId),
                    Updates.set("responses.$.rating", rating)))
        .compose(
            changed ->
                changed
                    ? Future.succeededFuture()
                    : Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND)));
  }

  /** Tells the region admins about replies that are late; each task once (any instance). */
  public Future<Integer> escalateOverdue() {
    Instant now = clock.instant();
    return records
        .overdueTasks(now, 50)
        .compose(
            tasks -> {
              Future<Integer> escalated = Future.succeededFuture(0);
              for (Document task : tasks) {
                escalated =
                    escalated.compose(n -> escalate(task, now).map(done -> done ? n + 1 : n));
              }
              return escalated;
            });
  }

  private Future<Boolean> escalate(Document feedback, Instant now) {
    String id = feedback.getString("_id");
    String regionId = feedback.getString("regionId");
    return people
        .withRegionRole(Role.REGION_ADMIN, regionId)
        .compose(
            admins -> {
              List<Bson> changes = new ArrayList<>();
              changes.add(Updates.set("task.escalatedAt", Date.from(now)));
              List<NotificationIntent> told = new ArrayList<>();
              for (String admin : admins) {
                // Not about the young person (admins never see one): about the region's task.
                told.add(
                    intent(
                        id + "/escalated/" + admin,
                        NotificationType.FEEDBACK_ESCALATED,
                        admin,
                        Optional.empty(),
                        "regions/" + regionId + "/feedback-tasks/" + id));
              }
              changes.add(NotificationIntent.pushAll(told));
              return records.updateIf(
                  id,
                  new Document("task.status", "OPEN").append("task.escalatedAt", null),
                  Updates.combine(changes));
            });
  }

  private Future<Void> ensureSurvey(Caller caller, Youth youth, int age) {
    boolean self = caller.personId().equals(youth.id());
    Audience audience = self ? youthAudience(age) : Audience.PARENT;
    long period = clock.instant().getEpochSecond() / settings.surveyEvery().toSeconds();
    String requestId =
        derived(youth.id() + "|" + caller.personId() + "|" + audience, "survey-" + period);
    return questionnaires
        .current(Kind.SURVEY, audience, youth.regionId())
        .compose(
            survey ->
                records.createOnce(
                    request(
                            requestId,
                            youth,
                            caller.personId(),
                            survey,
                            clock.instant(),
                            coordinatorOf(youth, clock.instant()))
                        .append("period", period)))
        .mapEmpty();
  }

  /**
   * A feedback request. {@code aboutHelpOf} is the professional whose help it asks about (who
   * logged the contact moment, else the case coordinator): it only decides the organisation the
   * answer counts for in the region's indicators.
   */
  private static Document request(
      String id,
      Youth youth,
      String respondentId,
      Questionnaire questionnaire,
      Instant now,
      Optional<String> aboutHelpOf) {
    return new Document("_id", id)
        .append("youthId", youth.id())
        .append("regionId", youth.regionId())
        .append("respondentId", respondentId)
        .append("youthFirstName", youth.firstName())
        .append("kind", questionnaire.kind().name())
        .append("audience", questionnaire.audience().name())
        .append("questionnaireId", questionnaire.id())
        .append("requestedAt", Date.from(now))
        .append("status", "OPEN")
        .append("insightsCell", insightsCell(youth, questionnaire, now, aboutHelpOf))
        .append(
            Facts.OUTBOX,
            FeedbackFacts.requested(
                id, insightsCell(youth, questionnaire, now, aboutHelpOf), false))
        .append(NotificationIntent.OUTBOX, List.of());
  }

  private static Document insightsCell(
      Youth youth, Questionnaire questionnaire, Instant now, Optional<String> aboutHelpOf) {
    return FeedbackFacts.cell(
        youth.regionId(),
        now,
        Facts.band(youth.dateOfBirth(), now),
        questionnaire.audience(),
        aboutHelpOf);
  }

  static Optional<String> coordinatorOf(Youth youth, Instant now) {
    return youth.activeOfKind(RelationKind.CASE_COORDINATOR, now).map(r -> r.personId());
  }

  private static Document visibleTo(Caller caller, CareCircle.Grant grant) {
    if (grant.capacity().equals(CareCircle.SELF)) {
      return new Document("respondentId", caller.personId());
    }
    if (grant.capacity().equals(RelationKind.CASE_COORDINATOR.name())) {
      return new Document("sharing", Sharing.SHARE_WITH_PROFESSIONAL.name());
    }
    return new Document("respondentId", caller.personId());
  }

  private static boolean matches(Document feedback, Document condition) {
    return condition.entrySet().stream()
        .allMatch(
            e -> String.valueOf(e.getValue()).equals(String.valueOf(feedback.get(e.getKey()))));
  }

  static Audience youthAudience(int age) {
    return age < AgeRules.DECIDES_ALONE ? Audience.YOUTH_12_15 : Audience.YOUTH_16_PLUS;
  }

  /** The same local time, {@code days} working days (Monday to Friday, Amsterdam) later. */
  static Instant afterWorkingDays(Instant from, int days) {
    ZonedDateTime at = from.atZone(AgeRules.ZONE);
    int left = days;
    while (left > 0) {
      at = at.plusDays(1);
      if (at.getDayOfWeek() != DayOfWeek.SATURDAY && at.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return at.toInstant();
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
}
