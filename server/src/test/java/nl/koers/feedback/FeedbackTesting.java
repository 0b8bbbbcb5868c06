package nl.koers.feedback;

import static nl.koers.testing.Http.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import nl.koers.testing.RunningKoers;

/** What a phone does in the feedback tests. */
final class FeedbackTesting {

  private FeedbackTesting() {}

  static HttpResponse<Buffer> post(
      RunningKoers koers, JsonObject session, String path, JsonObject body, String key) {
    return await(
        koers
            .client
            .post(path)
            .bearerTokenAuthentication(session.getString("accessToken"))
            .putHeader("Idempotency-Key", key)
            .sendJsonObject(body));
  }

  static HttpResponse<Buffer> post(
      RunningKoers koers, JsonObject session, String path, JsonObject body) {
    return post(koers, session, path, body, UUID.randomUUID().toString());
  }

  static String logConversation(RunningKoers koers, JsonObject professional, String youthId) {
    HttpResponse<Buffer> logged =
        post(
            koers,
            professional,
            "/v1/youth/" + youthId + "/contact-moments",
            new JsonObject().put("kind", "CONVERSATION"));
    if (logged.statusCode() != 201) {
      throw new AssertionError("contact moment: " + logged.bodyAsString());
    }
    return logged.bodyAsJsonObject().getString("requestId");
  }

  static List<JsonObject> openRequests(RunningKoers koers, JsonObject session, String youthId) {
    return koers
        .get(session, "/v1/youth/" + youthId + "/feedback/requests")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  /** Answers every item of a pulse with the same smiley. */
  static JsonObject pulseAnswer(String requestId, int smiley, String sharing) {
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
