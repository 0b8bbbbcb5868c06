package nl.koers.notify;

import static nl.koers.testing.NotifyTesting.devNotify;
import static nl.koers.testing.NotifyTesting.inbox;
import static nl.koers.testing.NotifyTesting.registerPhone;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/** Dev mode without FCM: what would have been pushed is kept, exactly as FCM would get it. */
class DevOutboxFlowTest extends KoersApiTest {

  /** The dev outbox is in the server's memory: each test counts what it sent itself. */
  @Override
  protected boolean serverPerTest() {
    return true;
  }

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  @Test
  void marcosTestNotificationLandsInHisInboxAndOnceInTheDevOutboxWithOnlyTypeAndId() {
    JsonObject marco = koers.signInAs("marco");
    String token = registerPhone(koers, marco);

    String id = devNotify(koers, "marco");

    Eventually.until(
        "one message in the dev outbox",
        () ->
            koers.get(marco, "/v1/dev/outbox/sent").bodyAsJsonObject().getJsonArray("items").size()
                == 1);
    assertThat(inbox(koers, marco))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.getString("id")).isEqualTo(id);
              assertThat(item.getString("type")).isEqualTo("TEST");
              assertThat(item.getValue("readAt")).isNull();
            });
    JsonArray sent =
        koers.get(marco, "/v1/dev/outbox/sent").bodyAsJsonObject().getJsonArray("items");
    assertThat(sent).hasSize(1);
    JsonObject message = sent.getJsonObject(0).getJsonObject("request").getJsonObject("message");
    assertThat(message.getString("token")).isEqualTo(token);
    assertThat(message.getJsonObject("data").fieldNames()).containsExactlyInAnyOrder("type", "id");
    assertThat(message.getJsonObject("data").getString("id")).isEqualTo(id);
    assertThat(message.getJsonObject("notification").getString("body"))
        .isEqualTo("Er is iets nieuws voor je in Koers");
  }

  @Test
  void readingMarksTheItemOnceAndNobodyElseCanReadIt() {
    JsonObject marco = koers.signInAs("marco");
    String id = devNotify(koers, "marco");
    Eventually.until("in the inbox", () -> inbox(koers, marco).size() == 1);

    JsonObject first =
        nl.koers.testing.Http.await(
                koers
                    .client
                    .post("/v1/me/notifications/" + id + "/read")
                    .bearerTokenAuthentication(marco.getString("accessToken"))
                    .send())
            .bodyAsJsonObject();
    clock.advance(java.time.Duration.ofMinutes(5));
    JsonObject again =
        nl.koers.testing.Http.await(
                koers
                    .client
                    .post("/v1/me/notifications/" + id + "/read")
                    .bearerTokenAuthentication(marco.getString("accessToken"))
                    .send())
            .bodyAsJsonObject();
    int byTess =
        nl.koers.testing.Http.await(
                koers
                    .client
                    .post("/v1/me/notifications/" + id + "/read")
                    .bearerTokenAuthentication(koers.signInAs("tess").getString("accessToken"))
                    .send())
            .statusCode();

    assertThat(first.getString("readAt")).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(again.getString("readAt")).isEqualTo(first.getString("readAt"));
    assertThat(byTess).isEqualTo(404);
  }
}
