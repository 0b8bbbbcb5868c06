package nl.koers.notify;

import static nl.koers.testing.NotifyTesting.inbox;
import static nl.koers.testing.NotifyTesting.registerPhone;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/**
 * The background polls its outboxes rarely when nothing is written (an hour here), yet what a write
 * causes still reaches the phone within moments: the write itself wakes the relays and dispatch.
 */
class PushAfterWriteApiTest extends KoersApiTest {

  @Override
  protected boolean serverPerTest() {
    return true; // the dev outbox is in the server's memory
  }

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null)
        .put(KoersConfig.IDLE_ROUND_MILLIS, Duration.ofHours(1).toMillis());
  }

  @Test
  void samsPhoneIsAskedHowTheTalkWentMomentsAfterEvaNotesItThoughTheIdleRoundIsAnHourAway() {
    JsonObject sam = koers.signInAs("sam");
    registerPhone(koers, sam);
    JsonObject eva = koers.signInAs("pro-eva");

    assertThat(
            koers
                .post(
                    eva,
                    "/v1/youth/" + koers.idOf("sam") + "/contact-moments",
                    new JsonObject().put("kind", "CONVERSATION"))
                .statusCode())
        .isEqualTo(201);

    // Contact moment → feedback request (one relay) → notification (another) → push (dispatch).
    Eventually.until(
        "a push in the dev outbox",
        () ->
            koers.get(sam, "/v1/dev/outbox/sent").bodyAsJsonObject().getJsonArray("items").size()
                == 1);
    assertThat(inbox(koers, sam))
        .anySatisfy(item -> assertThat(item.getString("type")).isEqualTo("FEEDBACK_REQUESTED"));
  }
}
