package nl.koers.testing;

import static nl.koers.testing.Http.await;

import com.mongodb.client.model.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/** What the notification tests do over and over, as a phone or a test would. */
public final class NotifyTesting {

  private NotifyTesting() {}

  /**
   * Dev mode, pushing to {@code fcm} instead of the dev outbox when given, the frequent background
   * jobs every 50 ms, no milestone scheduler.
   */
  public static JsonObject settings(MongoBackend backend, String database, java.net.URI fcm) {
    JsonObject settings =
        RunningKoers.devMode(backend, database)
            .put(KoersConfig.NOTIFY_INTERVAL_MILLIS, 50)
            // Milestones off unless a test is about them: their notifications would be noise.
            .put(KoersConfig.MILESTONE_PERIOD, "PT0S");
    if (fcm != null) {
      settings.put(KoersConfig.FCM_ENDPOINT, fcm.toString());
    }
    return settings;
  }

  /** Registers a phone with a random token (never a name in it); answers the token. */
  public static String registerPhone(RunningKoers koers, JsonObject session) {
    String token = UUID.randomUUID().toString();
    HttpResponse<Buffer> answer =
        koers.post(
            session,
            "/v1/me/devices",
            new JsonObject()
                .put("token", token)
                .put("platform", "android")
                .put("appVersion", "1.0.0")
                .put("locale", "nl-NL"),
            Map.of());
    if (answer.statusCode() != 200) {
      throw new AssertionError("device registration: " + answer.bodyAsString());
    }
    return token;
  }

  /** A test notification for a demo person; answers its id. */
  public static String devNotify(RunningKoers koers, String handle) {
    HttpResponse<Buffer> answer =
        await(
            koers
                .client
                .post("/v1/dev/notify")
                .sendJsonObject(new JsonObject().put("person", handle)));
    if (answer.statusCode() != 202) {
      throw new AssertionError("dev notify: " + answer.bodyAsString());
    }
    return answer.bodyAsJsonObject().getString("notificationId");
  }

  public static List<JsonObject> inbox(RunningKoers koers, JsonObject session) {
    return koers
        .get(session, "/v1/me/notifications?limit=100")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  public static Document notification(Mongo mongo, String id) {
    return await(mongo.first(mongo.collection("notifications").find(Filters.eq("_id", id))));
  }

  public static String state(Mongo mongo, String id) {
    Document doc = notification(mongo, id);
    return doc == null ? null : doc.getString("state");
  }

  /**
   * The messages:send bodies about this notification (its id travels in the data block): what a
   * test asserts about one notification, so a push some other test's server still had in flight
   * cannot pass for it.
   */
  public static List<JsonObject> about(List<JsonObject> received, String notificationId) {
    return received.stream()
        .filter(
            body ->
                notificationId.equals(
                    body.getJsonObject("message").getJsonObject("data").getString("id")))
        .toList();
  }

  /** Messages FCM took that were for this token. */
  public static long acceptedFor(List<JsonObject> accepted, String token) {
    return accepted.stream()
        .filter(body -> token.equals(body.getJsonObject("message").getString("token")))
        .count();
  }
}
