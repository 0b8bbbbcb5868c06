package nl.koers.plan;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/** The future plan: opens at 16 (local midnight), optimistic concurrency, versions, visibility. */
class PlanApiTest extends KoersApiTest {

  private HttpResponse<Buffer> put(
      JsonObject session, String youthId, String etag, JsonObject plan) {
    var request =
        koers
            .client
            .put("/v1/youth/" + youthId + "/plan")
            .bearerTokenAuthentication(session.getString("accessToken"));
    if (etag != null) {
      request.putHeader("If-Match", etag);
    }
    return await(request.sendJsonObject(plan));
  }

  private static JsonObject plan(String situation) {
    return new JsonObject()
        .put(
            "domains",
            new JsonObject()
                .put(
                    "wonen",
                    new JsonObject()
                        .put("situation", situation)
                        .put("wish", "Op mezelf wonen")
                        .put("visibleTo", new JsonArray().add("CASE_COORDINATOR")))
                .put(
                    "schulden",
                    new JsonObject()
                        .put("situation", "Geen schulden")
                        .put("visibleTo", new JsonArray())));
  }

  private String register(String firstName, String dateOfBirth) {
    return await(
            koers
                .client
                .post("/v1/youth")
                .bearerTokenAuthentication(koers.signInAs("pro-eva").getString("accessToken"))
                .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                .sendJsonObject(
                    new JsonObject()
                        .put("firstName", firstName)
                        .put("dateOfBirth", dateOfBirth)
                        .put("regionId", "demo")))
        .bodyAsJsonObject()
        .getJsonObject("youth")
        .getString("id");
  }

  @Test
  void samEditsHisPlanWithIfMatchAndStaleOrMissingTagsAreRefused() {
    JsonObject sam = koers.signInAs("sam");
    String samId = koers.idOf("sam");
    HttpResponse<Buffer> read = koers.get(sam, "/v1/youth/" + samId + "/plan");
    String etag = read.getHeader("ETag");

    HttpResponse<Buffer> saved = put(sam, samId, etag, plan("In een pleeggezin"));
    HttpResponse<Buffer> stale = put(sam, samId, etag, plan("Iets anders"));
    HttpResponse<Buffer> missing = put(sam, samId, null, plan("Iets anders"));

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.getHeader("ETag")).isNotEqualTo(etag);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(missing.statusCode()).isEqualTo(428);
    JsonObject now = koers.get(sam, "/v1/youth/" + samId + "/plan").bodyAsJsonObject();
    assertThat(now.getJsonObject("domains").getJsonObject("wonen").getString("situation"))
        .isEqualTo("In een pleeggezin");
    assertThat(
            koers
                .get(sam, "/v1/youth/" + samId + "/plan/versions")
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .hasSize(1);
    HttpResponse<Buffer> unchanged =
        await(
            koers
                .client
                .get("/v1/youth/" + samId + "/plan")
                .bearerTokenAuthentication(sam.getString("accessToken"))
                .putHeader("If-None-Match", saved.getHeader("ETag"))
                .send());
    assertThat(unchanged.statusCode()).isEqualTo(304);
  }

  @Test
  void eachDomainIsSeenOnlyByTheRelationsTheYoungPersonChose() {
    JsonObject sam = koers.signInAs("sam");
    String samId = koers.idOf("sam");
    put(
        sam,
        samId,
        koers.get(sam, "/v1/youth/" + samId + "/plan").getHeader("ETag"),
        plan("In een pleeggezin"));

    JsonObject seenByEva =
        koers.get(koers.signInAs("pro-eva"), "/v1/youth/" + samId + "/plan").bodyAsJsonObject();

    assertThat(seenByEva.getJsonObject("domains").fieldNames())
        .contains("wonen")
        .doesNotContain("schulden");
    assertThat(koers.get(koers.signInAs("marco"), "/v1/youth/" + samId + "/plan").statusCode())
        .isEqualTo(404);
    assertThat(koers.get(koers.signInAs("analyst"), "/v1/youth/" + samId + "/plan").statusCode())
        .isEqualTo(404);
  }

  @Test
  void thePlanOpensAtMidnightOnTheSixteenthBirthdayAndTheCoordinatorMayDraftFromFifteenAndAHalf() {
    String milaId = register("Mila", "2010-12-01");
    JsonObject eva = koers.signInAs("pro-eva");

    HttpResponse<Buffer> early =
        koers.get(koers.signInAs("noor"), "/v1/youth/" + koers.idOf("noor") + "/plan");
    assertThat(early.statusCode()).isEqualTo(403);
    assertThat(problem(early).getString("type")).isEqualTo("urn:koers:problem:not-open-yet");

    // The case coordinator drafts at 15 years 11 months.
    HttpResponse<Buffer> draft = koers.get(eva, "/v1/youth/" + milaId + "/plan");
    assertThat(draft.statusCode()).isEqualTo(200);
    assertThat(put(eva, milaId, draft.getHeader("ETag"), plan("Thuis")).statusCode())
        .isEqualTo(200);

    clock.set(Instant.parse("2026-11-30T22:59:59Z"));
    assertThat(
            problem(koers.get(youthSession(milaId), "/v1/youth/" + milaId + "/plan"))
                .getString("detail"))
        .contains("2026-12-01");
    clock.set(Instant.parse("2026-11-30T23:00:00Z"));
    assertThat(koers.get(youthSession(milaId), "/v1/youth/" + milaId + "/plan").statusCode())
        .isEqualTo(200);
  }

  @Test
  void someoneBornOnTheTwentyNinthOfFebruaryGetsTheirPlanOnThatDayInALeapYear() {
    clock.set(Instant.parse("2024-02-01T10:00:00Z"));
    String id = register("Lena", "2008-02-29");

    clock.set(Instant.parse("2024-02-28T22:59:59Z"));
    assertThat(koers.get(youthSession(id), "/v1/youth/" + id + "/plan").statusCode())
        .isEqualTo(403);
    clock.set(Instant.parse("2024-02-28T23:00:00Z"));
    assertThat(koers.get(youthSession(id), "/v1/youth/" + id + "/plan").statusCode())
        .isEqualTo(200);
  }

  /** A session as a registered young person, through their activation code and a dev session. */
  private JsonObject youthSession(String youthId) {
    return koers.sessionFor(youthId);
  }
}
