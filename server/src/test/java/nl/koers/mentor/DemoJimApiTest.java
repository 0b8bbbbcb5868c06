package nl.koers.mentor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import nl.koers.testing.MongoTest;
import nl.koers.testing.MutableClock;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/**
 * The demo's jim-sam is a real confirmed JIM (a nomination behind his relation): his check-ins work
 * and he reads them back, while nobody else of sam's circle but the case coordinator does.
 */
class DemoJimApiTest extends MongoTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  @Test
  void jimSamChecksInAndReadsHisOwnCheckInsAsTheCaseCoordinatorDoes() {
    try (RunningKoers koers = RunningKoers.start(RunningKoers.devMode(backend, database), clock)) {
      String checkIns = "/v1/youth/" + koers.idOf("sam") + "/mentor/check-ins";
      JsonObject jim = koers.signInAs("jim-sam");
      HttpResponse<Buffer> made =
          koers.post(jim, checkIns, new JsonObject().put("score", 4).put("text", "Goed gesprek"));
      assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);

      HttpResponse<Buffer> own = koers.get(jim, checkIns);
      assertThat(own.statusCode()).as(own.bodyAsString()).isEqualTo(200);
      assertThat(own.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
      assertThat(own.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("text"))
          .isEqualTo("Goed gesprek");

      HttpResponse<Buffer> eva = koers.get(koers.signInAs("pro-eva"), checkIns);
      assertThat(eva.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
      assertThat(koers.get(koers.signInAs("marco"), checkIns).statusCode())
          .as("a foster parent never reads the JIM's check-ins")
          .isEqualTo(404);
      assertThat(koers.get(koers.signInAs("tess"), checkIns).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void restartingKeepsOneNominationBehindJimSam() {
    try (RunningKoers koers = RunningKoers.start(RunningKoers.devMode(backend, database), clock)) {
      koers.signInAs("jim-sam");
    }
    try (RunningKoers koers = RunningKoers.start(RunningKoers.devMode(backend, database), clock)) {
      HttpResponse<Buffer> nominations =
          koers.get(
              koers.signInAs("pro-eva"), "/v1/youth/" + koers.idOf("sam") + "/mentor/nominations");
      assertThat(nominations.statusCode()).as(nominations.bodyAsString()).isEqualTo(200);
      assertThat(nominations.bodyAsJsonObject().getJsonArray("items"))
          .filteredOn(n -> "ACTIVE".equals(((JsonObject) n).getString("status")))
          .hasSize(1);
    }
  }
}
