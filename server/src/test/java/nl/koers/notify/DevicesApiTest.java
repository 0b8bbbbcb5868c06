package nl.koers.notify;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.NotifyTesting.devNotify;
import static nl.koers.testing.NotifyTesting.inbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/** Registering, refreshing and removing phones; logout and staleness remove them too. */
class DevicesApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, fakeFcm());
  }

  private HttpResponse<Buffer> register(JsonObject session, String token) {
    return koers.post(
        session,
        "/v1/me/devices",
        new JsonObject()
            .put("token", token)
            .put("platform", "ios")
            .put("appVersion", "2.0.0")
            .put("locale", "en-GB"),
        Map.of());
  }

  private HttpResponse<Buffer> remove(JsonObject session, String deviceId) {
    return koers.delete(session, "/v1/me/devices/" + deviceId);
  }

  private boolean stored(String deviceId) {
    return await(mongo.first(mongo.collection("devices").find(Filters.eq("_id", deviceId))))
        != null;
  }

  @Test
  void todaysMinimumRefusesAPhoneOfVersionZeroButTakesTodaysApps() {
    JsonObject marco = koers.signInAs("marco");
    HttpResponse<Buffer> old =
        koers.post(
            marco,
            "/v1/me/devices",
            new JsonObject()
                .put("token", UUID.randomUUID().toString())
                .put("platform", "android")
                .put("appVersion", "0.0.1")
                .put("locale", "nl-NL"),
            Map.of());

    assertThat(old.statusCode()).isEqualTo(426);
    assertThat(old.bodyAsJsonObject().getString("type"))
        .isEqualTo("urn:koers:problem:app-update-required");
    assertThat(old.bodyAsJsonObject().getJsonObject("update").getString("minimumVersion"))
        .isEqualTo("1.0.0");
    assertThat(await(mongo.list(mongo.collection("devices").find()))).isEmpty();
    assertThat(register(marco, UUID.randomUUID().toString()).statusCode()).isEqualTo(200);
  }

  @Test
  void theSameTokenTwiceIsOneDeviceRefreshed() {
    JsonObject marco = koers.signInAs("marco");
    String token = UUID.randomUUID().toString();

    JsonObject first = register(marco, token).bodyAsJsonObject();
    clock.advance(Duration.ofDays(3));
    JsonObject again = register(koers.signInAs("marco"), token).bodyAsJsonObject();

    assertThat(again.getString("id")).isEqualTo(first.getString("id"));
    assertThat(again.getString("refreshedAt")).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(await(mongo.list(mongo.collection("devices").find()))).hasSize(1);
  }

  @Test
  void aDeviceIsRemovedByItsOwnerOnly() {
    JsonObject marco = koers.signInAs("marco");
    String id = register(marco, UUID.randomUUID().toString()).bodyAsJsonObject().getString("id");

    assertThat(remove(koers.signInAs("ilse"), id).statusCode()).isEqualTo(404);
    assertThat(remove(marco, id).statusCode()).isEqualTo(204);
    assertThat(remove(marco, id).statusCode()).isEqualTo(404);
    assertThat(stored(id)).isFalse();
  }

  @Test
  void loggingOutRemovesThatSessionsDeviceOnly() {
    JsonObject phone = koers.signInAs("marco");
    JsonObject tablet = koers.signInAs("marco");
    String phoneId =
        register(phone, UUID.randomUUID().toString()).bodyAsJsonObject().getString("id");
    String tabletId =
        register(tablet, UUID.randomUUID().toString()).bodyAsJsonObject().getString("id");

    await(
        koers
            .client
            .post("/v1/auth/logout")
            .sendJsonObject(new JsonObject().put("refreshToken", phone.getString("refreshToken"))));

    assertThat(stored(phoneId)).isFalse();
    assertThat(stored(tabletId)).isTrue();
  }

  @Test
  void aTokenNotRefreshedForSixtyDaysGetsNoMorePushes() {
    register(koers.signInAs("marco"), UUID.randomUUID().toString());
    clock.advance(Devices.STALE_AFTER.plusDays(1));

    String id = devNotify(koers, "marco");

    Eventually.until("handled", () -> "SENT".equals(NotifyTesting.state(mongo, id)));
    assertThat(fcm.received()).isEmpty();
    assertThat(inbox(koers, koers.signInAs("marco"))).hasSize(1);
  }

  @Test
  void aPhoneNotRefreshedForSixtyDaysIsDeletedNotOnlyIgnored() {
    String stale = deviceId(register(koers.signInAs("marco"), UUID.randomUUID().toString()));
    clock.advance(Devices.STALE_AFTER.minusDays(1));
    String fresh = deviceId(register(koers.signInAs("marco"), UUID.randomUUID().toString()));
    clock.advance(Duration.ofDays(2));

    koers.runBackgroundNow();

    assertThat(stored(stale)).as("sixty days and one without a refresh").isFalse();
    assertThat(stored(fresh)).as("refreshed a day ago").isTrue();
  }

  private static String deviceId(HttpResponse<Buffer> registered) {
    assertThat(registered.statusCode()).isEqualTo(200);
    return registered.bodyAsJsonObject().getString("id");
  }
}
