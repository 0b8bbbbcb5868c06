package nl.koers.feedback;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Optional;

/** How questionnaires, requests, feedback and safety signals look in the API. */
public final class FeedbackViews {

  private FeedbackViews() {}

  public static JsonObject questionnaire(Questionnaire q) {
    JsonArray items = new JsonArray();
    for (Questionnaire.Item item : q.items()) {
      items.add(
          itemExtras(
              item,
              new JsonObject()
                  .put("id", item.id())
                  .put("type", item.type().name())
                  .put("text", new JsonObject(new LinkedHashMap<>(item.text())))
                  .put("required", item.required())
                  .put(
                      "options",
                      new JsonArray(
                          item.options().stream()
                              .map(
                                  o ->
                                      new JsonObject()
                                          .put("value", o.value())
                                          .put(
                                              "text",
                                              new JsonObject(new LinkedHashMap<>(o.text()))))
                              .toList()))));
    }
    return new JsonObject()
        .put("id", q.id())
        .put("key", q.key())
        .put("version", q.version())
        .put("kind", q.kind().name())
        .put("audience", q.audience().name())
        .put("regionId", q.regionId().orElse(null))
        .put("readingLevel", q.readingLevel().name())
        .put("title", new JsonObject(new LinkedHashMap<>(q.title())))
        .put("items", items);
  }

  /**
   * An item's pictogram key (when it has one) and, for free text, how long an answer may be: the
   * app shows the image and counts the characters left without knowing the questionnaire.
   */
  private static JsonObject itemExtras(Questionnaire.Item item, JsonObject json) {
    item.pictogram().ifPresent(key -> json.put("pictogram", key));
    if (item.type() == Questionnaire.ItemType.FREE_TEXT) {
      json.put("maxLength", item.textLimit());
    }
    return json;
  }

  public static JsonObject request(FeedbackRecord request, Questionnaire q) {
    return new JsonObject()
        .put("id", request.id())
        .put("kind", request.kind().name())
        .put("requestedAt", instant(request.requestedAt()))
        .put("contactMoment", contactMoment(request))
        .put("followUp", request.followUp().orElse(null))
        .put("questionnaire", questionnaire(q));
  }

  public static JsonObject contactMomentLogged(FeedbackRecord request) {
    return new JsonObject()
        .put("feedbackRequestId", request.id())
        .put("contactMoment", contactMoment(request))
        .put("questionnaireId", request.questionnaireId());
  }

  public static JsonObject contactMoment(FeedbackRecord request) {
    return request
        .contactMoment()
        .map(
            moment ->
                startedBy(
                    moment,
                    new JsonObject().put("kind", moment.kind()).put("at", instant(moment.at()))))
        .orElse(null);
  }

  /** A pulse the young person started: with whom and which day, as they said it. */
  private static JsonObject startedBy(FeedbackRecord.ContactMoment moment, JsonObject json) {
    moment.with().ifPresent(with -> json.put("with", with));
    moment.day().ifPresent(day -> json.put("day", day.toString()));
    return json;
  }

  /**
   * The feedback as the API shows it; {@code questionnaire} (the version it answers) tells a choice
   * from a text, both stored as a string.
   */
  public static JsonObject feedbackJson(FeedbackRecord feedback, Questionnaire questionnaire) {
    JsonArray answers = new JsonArray();
    for (FeedbackRecord.Answer answer : feedback.answers()) {
      answers.add(answerJson(answer, questionnaire));
    }
    return new JsonObject()
        .put("id", feedback.id())
        .put("kind", feedback.kind().name())
        .put("questionnaireId", feedback.questionnaireId())
        .put(
            "youth",
            new JsonObject()
                .put("id", feedback.youthId())
                .put("firstName", feedback.youthFirstName()))
        .put("respondentId", feedback.respondentId())
        .put("answeredAt", instant(feedback.answeredAt()))
        .put("sharing", feedback.sharing().map(Enum::name).orElse(null))
        .put("answers", answers)
        .put(
            "task",
            feedback
                .task()
                .map(
                    task ->
                        new JsonObject()
                            .put("status", task.status().name())
                            .put("dueAt", instant(task.dueAt()))
                            .put("escalatedAt", instant(task.escalatedAt())))
                .orElse(null))
        .put(
            "responses",
            new JsonArray(feedback.responses().stream().map(FeedbackViews::responseJson).toList()));
  }

  /**
   * A reply task as the region admin sees it: where it stands and who holds it, the age band and
   * how many days it is overdue, never who the young person is; the answers only where the young
   * person shared them with professionals ({@code shared}), else {@code answers} is null.
   */
  static JsonObject task(FeedbackTasks.Seen seen, String regionId, Instant now) {
    FeedbackRecord feedback = seen.feedback();
    FeedbackRecord.Task task = feedback.task().orElseThrow();
    boolean shared =
        feedback.sharing().equals(Optional.of(Feedback.Sharing.SHARE_WITH_PROFESSIONAL));
    JsonArray answers = null;
    if (shared) {
      answers = new JsonArray();
      for (FeedbackRecord.Answer answer : feedback.answers()) {
        answers.add(answerJson(answer, seen.questionnaire().orElse(null)));
      }
    }
    long overdue =
        task.dueAt()
            .filter(due -> task.status() == FeedbackRecord.TaskStatus.OPEN && due.isBefore(now))
            .map(due -> java.time.Duration.between(due, now).toDays())
            .orElse(0L);
    return new JsonObject()
        .put("id", feedback.id())
        .put("regionId", regionId)
        .put("state", task.state().name())
        .put("kind", feedback.kind().name())
        .put(
            "respondent",
            feedback.audience() == Questionnaire.Audience.PARENT ? "PARENT" : "YOUNG_PERSON")
        .put("ageBand", feedback.insightsCell().map(InsightsCell::band).orElse(null))
        .put("organisation", seen.assignee().flatMap(p -> p.organisationIn(regionId)).orElse(null))
        .put(
            "assignee",
            seen.assignee()
                .map(p -> new JsonObject().put("id", p.id()).put("name", p.name()))
                .orElse(null))
        .put("answeredAt", instant(feedback.answeredAt()))
        .put("dueAt", instant(task.dueAt()))
        .put("daysOverdue", overdue)
        .put("escalatedAt", instant(task.escalatedAt()))
        .put("repliedAt", instant(task.answeredAt()))
        .put("shared", shared)
        .put("answers", answers);
  }

  /** One answer, its value in the one field its item's type takes (as FHIR's value[x]). */
  static JsonObject answerJson(FeedbackRecord.Answer answer, Questionnaire questionnaire) {
    JsonObject json = new JsonObject().put("itemId", answer.itemId());
    Object value = answer.value();
    if (value instanceof Boolean yes) {
      return json.put("valueBoolean", yes);
    }
    if (value instanceof Number number) {
      return json.put("valueInteger", number.longValue());
    }
    boolean choice =
        questionnaire != null
            && questionnaire
                .item(answer.itemId())
                .map(item -> item.type() == Questionnaire.ItemType.SINGLE_CHOICE)
                .orElse(false);
    return choice
        ? json.put("valueChoices", new JsonArray().add(value))
        : json.put("valueText", String.valueOf(value));
  }

  public static JsonObject responseJson(FeedbackRecord.Response response) {
    return new JsonObject()
        .put("id", response.id())
        .put("text", response.text())
        .put("at", instant(response.at()))
        .put("rating", response.rating().orElse(null));
  }

  /** A moment as the API shows it: to the millisecond, as it is stored. */
  static String instant(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String instant(Optional<Instant> at) {
    return instant(at.orElse(null));
  }

  /**
   * A safety signal. Who picked it up shows by first name only; signals stored before the pick-up
   * step ({@code OPEN}) read as {@code RECEIVED}.
   */
  public static JsonObject signalJson(SafetySignal signal) {
    return new JsonObject()
        .put("id", signal.id())
        .put("youthId", signal.youthId())
        .put("text", signal.text().orElse(null))
        .put("mayCallMe", signal.mayCallMe())
        .put("raisedAt", instant(signal.raisedAt()))
        .put("status", signal.status().name())
        .put(
            "pickedUp",
            signal
                .pickedUp()
                .map(
                    pickedUp ->
                        new JsonObject()
                            .put("firstName", pickedUp.firstName())
                            .put("at", instant(pickedUp.at())))
                .orElse(null))
        .put("escalatedAt", instant(signal.escalatedAt()))
        .put("closedAt", instant(signal.closedAt()))
        .put("closingNote", signal.closingNote().orElse(null))
        .put(
            "followUp",
            signal
                .followUp()
                .map(
                    followUp ->
                        new JsonObject()
                            .put("saferNow", followUp.saferNow())
                            .put("at", instant(followUp.at())))
                .orElse(null));
  }
}
