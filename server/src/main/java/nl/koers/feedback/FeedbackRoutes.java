package nl.koers.feedback;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.identity.Role;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import nl.koers.region.Regions;

/**
 * Questionnaires, contact moments, feedback requests and answers, replies to them, and the region
 * admin's reply tasks.
 */
public final class FeedbackRoutes {

  private final Feedback feedback;
  private final FeedbackTasks tasks;
  private final Questionnaires questionnaires;
  private final Regions regions;

  public FeedbackRoutes(
      Feedback feedback, FeedbackTasks tasks, Questionnaires questionnaires, Regions regions) {
    this.feedback = feedback;
    this.tasks = tasks;
    this.questionnaires = questionnaires;
    this.regions = regions;
  }

  public void getQuestionnaire(RoutingContext rc) {
    questionnaires
        .find(rc.pathParam("questionnaireId"))
        .onSuccess(
            found ->
                found.ifPresentOrElse(
                    q -> Replies.ok(rc, FeedbackViews.questionnaire(q)),
                    () -> rc.fail(Problem.of(CommonProblem.NOT_FOUND))))
        .onFailure(rc::fail);
  }

  public void getQuestionnaireFhir(RoutingContext rc) {
    questionnaires
        .find(rc.pathParam("questionnaireId"))
        .onSuccess(
            found ->
                found.ifPresentOrElse(
                    q -> fhir(rc, Fhir.questionnaire(q)),
                    () -> rc.fail(Problem.of(CommonProblem.NOT_FOUND))))
        .onFailure(rc::fail);
  }

  /** A region admin publishes the region's next version of a questionnaire. */
  public void publishQuestionnaire(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    String regionId = rc.pathParam("regionId");
    JsonObject body = Requests.body(rc);
    regions
        .require(caller, Role.REGION_ADMIN, regionId, CommonProblem.FORBIDDEN)
        .compose(
            admin ->
                questionnaires.publish(
                    regionId,
                    Questionnaire.Kind.valueOf(body.getString("kind")),
                    Questionnaire.Audience.valueOf(body.getString("audience")),
                    nl.koers.circle.ReadingLevel.valueOf(
                        body.getString("readingLevel", "STANDARD")),
                    texts(body.getJsonObject("title")),
                    items(body.getJsonArray("items"))))
        .onSuccess(
            q ->
                Replies.created(rc, "/v1/questionnaires/" + q.id(), FeedbackViews.questionnaire(q)))
        .onFailure(rc::fail);
  }

  public void logContactMoment(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    JsonObject body = Requests.body(rc);
    Optional<Instant> at = Optional.ofNullable(body.getString("at")).map(Instant::parse);
    feedback
        .logContactMoment(
            caller,
            Requests.youthId(rc),
            body.getString("kind"),
            at,
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            logged ->
                Replies.created(
                    rc, "/v1/youth/" + Requests.youthId(rc) + "/feedback/requests", logged))
        .onFailure(rc::fail);
  }

  public void getFeedbackRequests(RoutingContext rc) {
    feedback
        .openRequests(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.items(rc, request -> request));
  }

  public void submitFeedback(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    feedback
        .submit(
            Callers.of(rc),
            Requests.youthId(rc),
            body.getString("feedbackRequestId"),
            body.getJsonArray("answers"),
            Feedback.Sharing.valueOf(
                body.getString("sharing", Feedback.Sharing.REGION_ONLY.name())))
        .onSuccess(
            answered ->
                Replies.created(
                    rc,
                    "/v1/youth/" + Requests.youthId(rc) + "/feedback/" + answered.getString("id"),
                    answered))
        .onFailure(rc::fail);
  }

  public void getFeedback(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    feedback
        .list(Callers.of(rc), Requests.youthId(rc), page)
        .onComplete(Replies.ok(rc, found -> found.toJson(json -> json)));
  }

  public void getFeedbackItem(RoutingContext rc) {
    feedback
        .item(Callers.of(rc), Requests.youthId(rc), rc.pathParam("feedbackId"))
        .onComplete(Replies.ok(rc, json -> json));
  }

  public void getFeedbackFhir(RoutingContext rc) {
    feedback
        .fhir(Callers.of(rc), Requests.youthId(rc), rc.pathParam("feedbackId"))
        .onSuccess(json -> fhir(rc, json))
        .onFailure(rc::fail);
  }

  public void respondToFeedback(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    feedback
        .respond(
            caller,
            Requests.youthId(rc),
            rc.pathParam("feedbackId"),
            Requests.body(rc).getString("text"),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(response -> Replies.created(rc, rc.request().path(), response))
        .onFailure(rc::fail);
  }

  public void rateResponse(RoutingContext rc) {
    feedback
        .rate(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("feedbackId"),
            rc.pathParam("responseId"),
            Requests.body(rc).getInteger("rating"))
        .onSuccess(v -> Replies.noContent(rc))
        .onFailure(rc::fail);
  }

  /** The region admin's list of reply tasks in one state (default: escalated). */
  public void listFeedbackTasks(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    String state = rc.request().getParam("state");
    tasks
        .list(
            Callers.of(rc),
            rc.pathParam("regionId"),
            FeedbackRecord.State.valueOf(state == null ? "ESCALATED" : state),
            page)
        .onComplete(Replies.ok(rc, found -> found.toJson(json -> json)));
  }

  /** One reply task, where the admin's notification leads; tagged with its round. */
  public void getFeedbackTask(RoutingContext rc) {
    tasks
        .one(Callers.of(rc), rc.pathParam("regionId"), rc.pathParam("taskId"))
        .onComplete(
            Replies.ok(
                rc,
                read -> {
                  // Days overdue change with time alone: the tag is the round and the content.
                  ConditionalRequests.contentOfVersion(rc, read.round());
                  return read.task();
                }));
  }

  /** The region admin gives a reply task to another professional of the region. */
  public void reassignFeedbackTask(RoutingContext rc) {
    tasks
        .reassign(
            Callers.of(rc),
            rc.pathParam("regionId"),
            rc.pathParam("taskId"),
            Requests.body(rc).getString("personId"),
            ConditionalRequests.expectedVersion(rc))
        .onComplete(
            Replies.ok(
                rc,
                read -> {
                  ConditionalRequests.tag(rc, read.round());
                  return read.task();
                }));
  }

  private static void fhir(RoutingContext rc, JsonObject resource) {
    Replies.ok(rc, Fhir.MEDIA_TYPE, resource.encode());
  }

  private static Map<String, String> texts(JsonObject json) {
    Map<String, String> texts = new LinkedHashMap<>();
    json.forEach(e -> texts.put(e.getKey(), String.valueOf(e.getValue())));
    return texts;
  }

  private static List<Questionnaire.Item> items(JsonArray json) {
    List<Questionnaire.Item> items = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      JsonObject item = json.getJsonObject(i);
      List<Questionnaire.Option> options = new ArrayList<>();
      JsonArray given = item.getJsonArray("options", new JsonArray());
      for (int j = 0; j < given.size(); j++) {
        JsonObject option = given.getJsonObject(j);
        options.add(
            new Questionnaire.Option(
                option.getString("value"), texts(option.getJsonObject("text"))));
      }
      items.add(
          new Questionnaire.Item(
              item.getString("id"),
              Questionnaire.ItemType.valueOf(item.getString("type")),
              texts(item.getJsonObject("text")),
              item.getBoolean("required", false),
              List.copyOf(options),
              Optional.ofNullable(item.getString("pictogram")),
              Optional.ofNullable(item.getInteger("maxLength"))));
    }
    return items;
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getQuestionnaire", this::getQuestionnaire)
        .on("getQuestionnaireFhir", this::getQuestionnaireFhir)
        .on("publishQuestionnaire", this::publishQuestionnaire)
        .on("logContactMoment", this::logContactMoment)
        .on("getFeedbackRequests", this::getFeedbackRequests)
        .on("submitFeedback", this::submitFeedback)
        .on("getFeedback", this::getFeedback)
        .on("getFeedbackItem", this::getFeedbackItem)
        .on("getFeedbackFhir", this::getFeedbackFhir)
        .on("respondToFeedback", this::respondToFeedback)
        .on("rateFeedbackResponse", this::rateResponse)
        .on("listFeedbackTasks", this::listFeedbackTasks)
        .on("getFeedbackTask", this::getFeedbackTask)
        .on("reassignFeedbackTask", this::reassignFeedbackTask);
  }
}
