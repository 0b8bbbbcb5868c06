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
    return logged.bodyAsJsonObject().getString("feedbackRequestId");
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
      answers.add(new JsonObject().put("itemId", item).put("valueInteger", smiley));
    }
    return new JsonObject()
        .put("feedbackRequestId", requestId)
        .put("answers", answers)
        .put("sharing", sharing);
  }

  /** The answer to an item of this type, its value in the field that type takes. */
  static JsonObject answer(String itemId, String type, Object value) {
    JsonObject answer = new JsonObject().put("itemId", itemId);
    return switch (type) {
      case "SMILEY_5", "SCALE_0_10" -> answer.put("valueInteger", value);
      case "YES_NO" -> answer.put("valueBoolean", value);
      case "SINGLE_CHOICE" -> answer.put("valueChoices", new JsonArray().add(value));
      default -> answer.put("valueText", value);
    };
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
