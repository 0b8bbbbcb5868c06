package nl.koers.notify;

import static nl.koers.notify.CrashRecoveryTest.post;
import static nl.koers.notify.CrashRecoveryTest.withoutQuietHours;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.Eventually;
import nl.koers.testing.FakeFcm;
import nl.koers.testing.KoersProcess;
import nl.koers.testing.MongoTest;
import nl.koers.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two server processes on one MongoDB: every notification reaches FCM and the inbox once. */
class TwoInstancesTest extends MongoTest {

  private static final List<String> PEOPLE = List.of("marco", "ilse", "tess");

  @TempDir Path dir;

  @Test
  void twoProcessesDeliverEveryNotificationExactlyOnce() throws Exception {
    try (FakeFcm fcm = new FakeFcm();
        KoersProcess a = KoersProcess.start(settings(fcm, "a"), dir.resolve("a.log"));
        KoersProcess b = KoersProcess.start(settings(fcm, "b"), dir.resolve("b.log"))) {
      HttpClient http = HttpClient.newHttpClient();
      Map<String, String> accessTokens = new HashMap<>();
      for (String person : PEOPLE) {
        JsonObject session =
            new JsonObject(
                post(http, a.uri("/v1/dev/session"), "{\"person\":\"" + person + "\"}", null));
        accessTokens.put(person, session.getString("accessToken"));
        withoutQuietHours(http, a, session.getString("accessToken"));
        post(
            http,
            a.uri("/v1/me/devices"),
            new JsonObject()
                .put("token", UUID.randomUUID().toString())
                .put("platform", "android")
                .put("appVersion", "1.0.0")
                .put("locale", "nl")
                .encode(),
            session.getString("accessToken"));
      }

      Set<String> created = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        KoersProcess via = i % 2 == 0 ? a : b;
        String person = PEOPLE.get(i % PEOPLE.size());
        created.add(
            new JsonObject(
                    post(http, via.uri("/v1/dev/notify"), "{\"person\":\"" + person + "\"}", null))
                .getString("notificationId"));
      }

      Eventually.until("30 pushes", Duration.ofSeconds(60), () -> fcm.accepted().size() >= 30);
      Eventually.pause(Duration.ofSeconds(1));

      List<String> pushed =
          fcm.accepted().stream()
              .map(body -> body.getJsonObject("message").getJsonObject("data").getString("id"))
              .toList();
      assertThat(pushed).hasSize(30).doesNotHaveDuplicates();
      assertThat(new HashSet<>(pushed)).isEqualTo(created);
      for (String person : PEOPLE) {
        assertThat(
                inboxSize(http, b.uri("/v1/me/notifications?limit=100"), accessTokens.get(person)))
            .isEqualTo(10);
      }
    }
  }

  private Map<String, String> settings(FakeFcm fcm, String name) {
    return Map.of(
        KoersConfig.MONGODB_URI,
        backend.uri(),
        KoersConfig.MONGODB_DATABASE,
        database,
        KoersConfig.JWT_KEYS_FILE,
        TestKeys.file().toString(),
        KoersConfig.DATA_KEY_FILE,
        TestKeys.dataKeyFile().toString(),
        KoersConfig.DEV_MODE,
        "true",
        KoersConfig.FCM_ENDPOINT,
        fcm.uri().toString(),
        KoersConfig.NOTIFY_INTERVAL_MILLIS,
        "20",
        KoersConfig.INSTANCE_ID,
        name,
        KoersConfig.DATA_DIR,
        dir.resolve(name).toString());
  }

  private static int inboxSize(HttpClient http, URI uri, String accessToken) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + accessToken).build(),
            HttpResponse.BodyHandlers.ofString());
    return new JsonObject(answer.body()).getJsonArray("items").size();
  }
}
