package nl.koers.identity;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.MongoTest;
import nl.koers.testing.MutableClock;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/** Dev mode: the demo people are there (once, however often the server starts), and only there. */
class DevModeApiTest extends MongoTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  @Test
  void everyDemoPersonCanSignInWithTheRolesTheIssueNames() {
    try (RunningKoers koers = RunningKoers.start(RunningKoers.devMode(backend, database), clock)) {
      assertThat(roles(koers, "sam")).containsExactly("YOUTH");
      assertThat(roles(koers, "noor")).containsExactly("YOUTH");
      assertThat(roles(koers, "daan")).containsExactly("YOUTH");
      assertThat(roles(koers, "lotte")).containsExactly("YOUTH");
      assertThat(roles(koers, "ilse")).containsExactly("PARENT");
      assertThat(roles(koers, "marco")).containsExactly("FOSTER_PARENT");
      assertThat(roles(koers, "jim-sam")).containsExactly("MENTOR");
      assertThat(roles(koers, "tess")).isEmpty();
      // A steady contact holds the MENTOR role (RelationKind.STEADY_CONTACT): eva is lotte's.
      assertThat(roles(koers, "pro-eva")).containsExactly("MENTOR", "PROFESSIONAL");
      assertThat(roles(koers, "pro-joris")).containsExactly("PROFESSIONAL");
      assertThat(roles(koers, "pro-femke")).containsExactly("PROFESSIONAL");
      assertThat(roles(koers, "analyst")).containsExactly("REGION_ANALYST");
      assertThat(roles(koers, "admin")).containsExactly("REGION_ADMIN");
      JsonObject eva = koers.signInAs("pro-eva").getJsonObject("person");
      assertThat(eva.getJsonArray("circles"))
          .as("sam, noor, daan; lotte's steady contact")
          .hasSize(4);
      JsonObject joris = koers.signInAs("pro-joris").getJsonObject("person");
      assertThat(joris.getString("name")).isEqualTo("Joris");
      assertThat(joris.getJsonArray("circles")).as("in no young person's circle").isEmpty();
      HttpResponse<Buffer> daan =
          koers.get(koers.signInAs("daan"), "/v1/youth/" + koers.idOf("daan"));
      assertThat(daan.bodyAsJsonObject().getString("ageBand")).isEqualTo("16-17");
      assertThat(daan.bodyAsJsonObject().getValue("steadyContact")).isNull();
      HttpResponse<Buffer> unknown =
          await(
              koers
                  .client
                  .post("/v1/dev/session")
                  .sendJsonObject(new JsonObject().put("person", "nobody")));
      assertThat(unknown.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void restartingSeedsNothingTwice() {
    RunningKoers.start(RunningKoers.devMode(backend, database), clock).close();
    try (RunningKoers koers = RunningKoers.start(RunningKoers.devMode(backend, database), clock)) {
      JsonObject sam = koers.signInAs("sam");
      HttpResponse<Buffer> circle = koers.get(sam, "/v1/youth/" + koers.idOf("sam") + "/circle");

      assertThat(circle.bodyAsJsonObject().getJsonArray("items"))
          .as("marco, eva, jim-sam, femke: each once")
          .hasSize(4);
      JsonObject lotte = koers.signInAs("lotte");
      String lotteId = koers.idOf("lotte");
      assertThat(
              koers
                  .get(lotte, "/v1/youth/" + lotteId + "/circle")
                  .bodyAsJsonObject()
                  .getJsonArray("items"))
          .hasSize(2);
      assertThat(
              koers
                  .get(lotte, "/v1/youth/" + lotteId + "/steady-contact")
                  .bodyAsJsonObject()
                  .getInteger("changes"))
          .isZero();
    }
  }

  @Test
  void outsideDevModeTheDevSessionDoesNotExist() {
    try (RunningKoers koers =
        RunningKoers.start(
            RunningKoers.on(backend, database).put(KoersConfig.DEV_MODE, false), clock)) {
      HttpResponse<Buffer> answer =
          await(
              koers
                  .client
                  .post("/v1/dev/session")
                  .sendJsonObject(new JsonObject().put("person", "sam")));
      HttpResponse<Buffer> nothing = await(koers.client.get("/v1/nothing-here").send());

      assertThat(answer.statusCode()).isEqualTo(404);
      JsonObject body = answer.bodyAsJsonObject();
      JsonObject missing = nothing.bodyAsJsonObject();
      assertThat(body.getString("type")).isEqualTo(missing.getString("type"));
      assertThat(body.getString("detail")).isEqualTo(missing.getString("detail"));
    }
  }

  private static List<Object> roles(RunningKoers koers, String handle) {
    return koers.signInAs(handle).getJsonObject("person").getJsonArray("roles").getList();
  }
}
