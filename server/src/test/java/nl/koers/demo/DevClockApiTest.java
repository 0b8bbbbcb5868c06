package nl.koers.demo;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/**
 * Dev mode's clock: moved forward through the API, it lets daan turn 18 and the milestones run
 * before the answer; it never goes back, survives a restart, and exists only in dev mode.
 */
class DevClockApiTest extends KoersApiTest {

  /** The dev clock's offset lives in the server's memory too, and only grows. */
  @Override
  protected boolean serverPerTest() {
    return true;
  }

  private HttpResponse<Buffer> advance(Object by) {
    return await(
        koers.client.post("/v1/dev/clock").sendJsonObject(new JsonObject().put("advance", by)));
  }

  private JsonObject devClock() {
    HttpResponse<Buffer> answer = await(koers.client.get("/v1/dev/clock").send());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  private String profileBand(String handle, String youthId) {
    return koers
        .get(koers.signInAs(handle), "/v1/youth/" + youthId)
        .bodyAsJsonObject()
        .getString("ageBand");
  }

  private boolean confirmationDue(String youthId) {
    return koers
        .get(koers.signInAs("daan"), "/v1/youth/" + youthId + "/circle/confirmation")
        .bodyAsJsonObject()
        .getBoolean("due");
  }

  @Test
  void threeMonthsOnTheDevClockLetDaanTurnEighteenAndTheMilestoneRunsBeforeTheAnswer() {
    String daan = koers.idOf("daan");
    JsonObject before = koers.signInAs("daan");
    assertThat(profileBand("daan", daan)).isEqualTo("16-17");
    assertThat(confirmationDue(daan)).isFalse();
    assertThat(devClock().getString("offset")).isEqualTo("PT0S");

    HttpResponse<Buffer> advanced = advance("P3M");

    assertThat(advanced.statusCode()).isEqualTo(200);
    JsonObject clockNow = advanced.bodyAsJsonObject();
    // 23 November to 23 February on the calendar: 92 days.
    assertThat(clockNow.getString("offset")).isEqualTo("PT2208H");
    assertThat(clockNow.getLong("offsetSeconds")).isEqualTo(Duration.ofDays(92).toSeconds());
    assertThat(Instant.parse(clockNow.getString("now")))
        .isEqualTo(clock.instant().plus(Duration.ofDays(92)));
    assertThat(clockNow.getString("note")).contains("/v1/dev/session");
    assertThat(koers.get(before, "/v1/me").statusCode())
        .as("a session from before the advance has expired")
        .isEqualTo(401);
    assertThat(profileBand("daan", daan)).isEqualTo("18-27");
    assertThat(koers.get(koers.signInAs("pro-eva"), "/v1/youth/" + daan).statusCode())
        .as("without extended care, youth care ended at 18 and the case coordinator with it")
        .isEqualTo(404);
    assertThat(confirmationDue(daan)).isTrue();
    List<JsonObject> inbox = NotifyTesting.inbox(koers, koers.signInAs("daan"));
    assertThat(inbox)
        .as("the 18th-birthday milestone ran and was relayed before the answer")
        .anyMatch(
            item ->
                item.getString("type").equals("MILESTONE")
                    && item.getString("resource").equals("youth/" + daan + "/circle/confirmation"));
    assertThat(devClock().getString("offset")).isEqualTo("PT2208H");
  }

  @Test
  void theDevClockOnlyMovesForward() {
    for (Object refused : List.of("P0D", "PT0S", "-P1D", "P-1D", "PT-1H", "P", "PT", "soon", 30)) {
      HttpResponse<Buffer> answer = advance(refused);
      assertThat(answer.statusCode()).as(String.valueOf(refused)).isEqualTo(400);
      assertThat(problem(answer).getString("type")).isEqualTo("urn:koers:problem:validation");
    }
    HttpResponse<Buffer> nothing =
        await(koers.client.post("/v1/dev/clock").sendJsonObject(new JsonObject()));
    assertThat(nothing.statusCode()).isEqualTo(400);

    assertThat(devClock().getString("offset")).isEqualTo("PT0S");
    assertThat(Instant.parse(devClock().getString("now"))).isEqualTo(clock.instant());
  }

  @Test
  void aRestartOfTheDevServerDoesNotJumpBackInTime() {
    assertThat(advance("P1DT2H").statusCode()).isEqualTo(200);
    assertThat(advance("PT30M").statusCode()).isEqualTo(200);

    restartWith(settings());

    JsonObject after = devClock();
    assertThat(after.getString("offset")).isEqualTo("PT26H30M");
    assertThat(Instant.parse(after.getString("now")))
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(26 * 60 + 30)));
  }

  @Test
  void outsideDevModeTheDevClockDoesNotExist() {
    restartWith(RunningKoers.on(backend, database).put(KoersConfig.DEV_MODE, false));

    HttpResponse<Buffer> read = await(koers.client.get("/v1/dev/clock").send());
    HttpResponse<Buffer> moved = advance("P30D");

    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(moved.statusCode()).isEqualTo(404);
    assertThat(problem(moved).getString("type")).isEqualTo("urn:koers:problem:not-found");
  }
}
