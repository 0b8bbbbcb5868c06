package nl.koers.feedback;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import org.bson.Document;

/** How questionnaires, requests, feedback and safety signals look in the API. */
public final class FeedbackViews {

  private FeedbackViews() {}

  public static JsonObject questionnaire(Questionnaire q) {
    JsonArray items = new JsonArray();
    for (Questionnaire.Item item : q.items()) {
      items.add(
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
                                      .put("text", new JsonObject(new LinkedHashMap<>(o.text()))))
                          .toList())));
    }
    return new JsonObject()
        .put("id", q.id())
        .put("key", q.key())
        .put("version", q.version())
        .put("kind", q.kind().name())
        .put("audience", q.audience().name())
        .put("regionId", q.regionId().orElse(null))
        .put("title", new JsonObject(new LinkedHashMap<>(q.title())))
        .put("items", items);
  }

  public static JsonObject request(Document request, Questionnaire q) {
    return new JsonObject()
        .put("id", request.getString("_id"))
        .put("kind", request.getString("kind"))
        .put("requestedAt", instant(request.getDate("requestedAt")))
        .put("contactMoment", contactMoment(request))
        .put("followUp", request.getString("followUp"))
        .put("questionnaire", questionnaire(q));
  }

  public static JsonObject contactMomentLogged(Document request) {
    return new JsonObject()
        .put("requestId", request.getString("_id"))
        .put("contactMoment", contactMoment(request))
        .put("questionnaireId", request.getString("questionnaireId"));
  }

  public static JsonObject contactMoment(Document request) {
    Document moment = request.get("contactMoment", Document.class);
    return moment == null
        ? null
        : new JsonObject()
            .put("kind", moment.getString("kind"))
            .put("at", instant(moment.getDate("at")));
  }

  public static JsonObject feedbackJson(Document doc) {
    JsonArray answers = new JsonArray();
    for (Document answer : doc.getList("answers", Document.class, List.of())) {
      answers.add(
          new JsonObject()
              .put("itemId", answer.getString("itemId"))
              .put("value", answer.get("value")));
    }
    Document task = doc.get("task", Document.class);
    return new JsonObject()
        .put("id", doc.getString("_id"))
        .put("kind", doc.getString("kind"))
        .put("questionnaireId", doc.getString("questionnaireId"))
        .put(
            "youth",
            new JsonObject()
                .put("id", doc.getString("youthId"))
                .put("firstName", doc.getString("youthFirstName")))
        .put("respondentId", doc.getString("respondentId"))
        .put("answeredAt", instant(doc.getDate("answeredAt")))
        .put("sharing", doc.getString("sharing"))
        .put("answers", answers)
        .put(
            "task",
            task == null
                ? null
                : new JsonObject()
                    .put("status", task.getString("status"))
                    .put("dueAt", instant(task.getDate("dueAt")))
                    .put("escalatedAt", instant(task.getDate("escalatedAt"))))
        .put(
            "responses",
            new JsonArray(
                doc.getList("responses", Document.class, List.of()).stream()
                    .map(FeedbackViews::responseJson)
                    .toList()));
  }

  public static JsonObject responseJson(Document response) {
    return new JsonObject()
        .put("id", response.getString("id"))
        .put("text", response.getString("text"))
        .put("at", instant(response.getDate("at")))
        .put("rating", response.getInteger("rating"));
  }

  private static String instant(Date date) {
    return date == null ? null : date.toInstant().toString();
  }

  /**
   * A safety signal. Who picked it up shows by first name only; signals stored before the pick-up
   * step ({@code OPEN}) read as {@code RECEIVED}.
   */
  public static JsonObject signalJson(Document signal) {
    Document followUp = signal.get("followUp", Document.class);
    Document pickedUp = signal.get("pickedUp", Document.class);
    String status = signal.getString("status");
    return new JsonObject()
        .put("id", signal.getString("_id"))
        .put("youthId", signal.getString("youthId"))
        .put("text", signal.getString("text"))
        .put("mayCallMe", signal.getBoolean("mayCallMe"))
        .put("raisedAt", instant(signal.getDate("raisedAt")))
        .put("status", SafetySignals.LEGACY_OPEN.equals(status) ? SafetySignals.RECEIVED : status)
        .put(
            "pickedUp",
            pickedUp == null
                ? null
                : new JsonObject()
                    .put("firstName", pickedUp.getString("firstName"))
                    .put("at", instant(pickedUp.getDate("at"))))
        .put("escalatedAt", instant(signal.getDate("escalatedAt")))
        .put("closedAt", instant(signal.getDate("closedAt")))
        .put("closingNote", signal.getString("closingNote"))
        .put(
            "followUp",
            followUp == null
                ? null
                : new JsonObject()
                    .put("saferNow", followUp.getBoolean("saferNow"))
                    .put("at", instant(followUp.getDate("at"))));
  }
}
