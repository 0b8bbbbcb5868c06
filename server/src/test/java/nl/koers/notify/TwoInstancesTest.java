package nl.koers.notify;

import static nl.koers.testing.KoersProcess.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
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
      Map<String, String> accessTokens = new HashMap<>();
      for (String person : PEOPLE) {
        String accessToken = a.devSession(person).getString("accessToken");
        accessTokens.put(person, accessToken);
        a.withoutQuietHours(accessToken);
        succeeded(
            a.post(
                accessToken,
                "/v1/me/devices",
                new JsonObject()
                    .put("token", UUID.randomUUID().toString())
                    .put("platform", "android")
                    .put("appVersion", "1.0.0")
                    .put("locale", "nl")));
      }

      Set<String> created = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        KoersProcess via = i % 2 == 0 ? a : b;
        String person = PEOPLE.get(i % PEOPLE.size());
        created.add(
            succeeded(via.post(null, "/v1/dev/notify", new JsonObject().put("person", person)))
                .bodyAsJsonObject()
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
                succeeded(b.get(accessTokens.get(person), "/v1/me/notifications?limit=100"))
                    .bodyAsJsonObject()
                    .getJsonArray("items"))
            .hasSize(10);
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
}
