package nl.koers.feedback;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import nl.koers.testing.RunningKoers;

/** What a phone does in the feedback tests. */
public final class FeedbackTesting {

  private FeedbackTesting() {}

  public static String logConversation(
      RunningKoers koers, JsonObject professional, String youthId) {
    HttpResponse<Buffer> logged =
        koers.post(
            professional,
            "/v1/youth/" + youthId + "/contact-moments",
            new JsonObject().put("kind", "CONVERSATION"));
    if (logged.statusCode() != 201) {
      throw new AssertionError("contact moment: " + logged.bodyAsString());
    }
    return logged.bodyAsJsonObject().getString("requestId");
  }

  public static List<JsonObject> openRequests(
      RunningKoers koers, JsonObject session, String youthId) {
    return koers
        .get(session, "/v1/youth/" + youthId + "/feedback/requests")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  /** Answers every item of a pulse with the same smiley. */
  public static JsonObject pulseAnswer(String requestId, int smiley, String sharing) {
    JsonArray answers = new JsonArray();
    for (String item : List.of("heard", "my-goals", "approach", "overall")) {
      answers.add(new JsonObject().put("itemId", item).put("value", smiley));
    }
    return new JsonObject()
        .put("requestId", requestId)
        .put("answers", answers)
        .put("sharing", sharing);
  }

  static List<String> inboxTypes(RunningKoers koers, JsonObject session) {
    return koers
        .get(session, "/v1/me/notifications?limit=100")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(item -> ((JsonObject) item).getString("type"))
        .toList();
  }

  static List<String> feedbackIds(RunningKoers koers, JsonObject session, String youthId) {
    return koers
        .get(session, "/v1/youth/" + youthId + "/feedback")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(item -> ((JsonObject) item).getString("id"))
        .toList();
  }
}
