package nl.koers.region;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Person.RegionRole;
import nl.koers.identity.Role;
import nl.koers.testing.Http;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * A region role opens a region's settings and aggregates in that region only: an admin of another
 * region, the region's analyst asking what only its admin may, and a professional are each answered
 * exactly as for a region that does not exist (and 403 where the contract answers 403 for one).
 */
class RegionRolesApiTest extends KoersApiTest {

  /** A second region with synthetic indicators in dev mode, but no admin in the demo seed. */
  private static final String OTHER = "demo-noord";

  private static final String NOWHERE = "no-such-region";

  /** Someone with these region roles who is no demo person; answers a session as them. */
  private JsonObject personWith(RegionRole... roles) {
    String id = UUID.randomUUID().toString();
    await(
        new People(mongo)
            .create(
                new Person(
                    id, Optional.empty(), "Olaf", List.of(roles), Optional.of(clock.instant()))));
    return koers.sessionFor(id).put("personId", id);
  }

  private HttpResponse<Buffer> put(
      JsonObject session, String path, JsonObject body, String ifMatch) {
    var request =
        koers.client.put(path).bearerTokenAuthentication(session.getString("accessToken"));
    if (ifMatch != null) {
      request.putHeader("If-Match", ifMatch);
    }
    return await(request.sendJsonObject(body));
  }

  private HttpResponse<Buffer> getRoster(JsonObject session, String region) {
    return koers.get(session, "/v1/regions/" + region + "/safety-contacts");
  }

  private HttpResponse<Buffer> putRoster(JsonObject session, String region, String personId) {
    return put(
        session,
        "/v1/regions/" + region + "/safety-contacts",
        new JsonObject()
            .put("contacts", new JsonArray().add(new JsonObject().put("personId", personId))),
        rosterTag(region));
  }

  private HttpResponse<Buffer> indicators(JsonObject session, String region) {
    return koers.get(session, "/v1/regions/" + region + "/indicators");
  }

  private HttpResponse<Buffer> publish(JsonObject session, String region) {
    return koers.post(
        session,
        "/v1/regions/" + region + "/questionnaires",
        new JsonObject()
            .put("kind", "PULSE")
            .put("audience", "YOUTH_16_PLUS")
            .put("title", new JsonObject().put("nl", "Hoe ging het?"))
            .put(
                "items",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "heard")
                            .put("type", "YES_NO")
                            .put("text", new JsonObject().put("nl", "Gehoord?")))));
  }

  private HttpResponse<Buffer> registerProfessional(JsonObject session, String region) {
    return koers.post(
        session,
        "/v1/regions/" + region + "/professionals",
        new JsonObject().put("name", "Pieter"));
  }

  private HttpResponse<Buffer> assignCoordinator(JsonObject session, String youthId) {
    return put(
        session,
        "/v1/youth/" + youthId + "/case-coordinator",
        new JsonObject().put("professionalId", koers.idOf("pro-joris")),
        circleTag(youthId));
  }

  /** A problem without what differs between two requests (path and request id). */
  private static JsonObject comparable(HttpResponse<Buffer> answer) {
    JsonObject body = Http.problem(answer).copy();
    body.remove("instance");
    body.remove("requestId");
    return body.put("httpStatus", answer.statusCode());
  }

  /** {@code answer} is refused with {@code status}, exactly as {@code nowhere} is. */
  private static void sameAs(
      String what, int status, HttpResponse<Buffer> answer, HttpResponse<Buffer> nowhere) {
    assertThat(answer.statusCode()).as(what + ": " + answer.bodyAsString()).isEqualTo(status);
    assertThat(comparable(answer)).as(what).isEqualTo(comparable(nowhere));
  }

  /**
   * Every region operation a caller without the right role in {@code region} tries, each answered
   * exactly as the same caller is answered about a region that does not exist.
   */
  private void refusedAsNowhere(JsonObject session, String region, boolean indicatorsToo) {
    String rosterEntry = koers.idOf("pro-joris");
    sameAs("GET roster", 404, getRoster(session, region), getRoster(session, NOWHERE));
    sameAs(
        "PUT roster",
        404,
        putRoster(session, region, rosterEntry),
        putRoster(session, NOWHERE, rosterEntry));
    sameAs(
        "publish a questionnaire (403, as for no region)",
        403,
        publish(session, region),
        publish(session, NOWHERE));
    sameAs(
        "register a professional (403, as for no region)",
        403,
        registerProfessional(session, region),
        registerProfessional(session, NOWHERE));
    if (indicatorsToo) {
      sameAs("indicators", 404, indicators(session, region), indicators(session, NOWHERE));
    }
  }

  private void rosterIsStill(String... personIds) {
    HttpResponse<Buffer> roster = getRoster(koers.signInAs("admin"), "demo");
    assertThat(roster.statusCode()).isEqualTo(200);
    assertThat(roster.bodyAsJsonObject().getJsonArray("contacts").stream())
        .extracting(c -> ((JsonObject) c).getString("personId"))
        .containsExactly(personIds);
  }

  @Test
  void anAdminOfAnotherRegionIsAnsweredAsIfTheRegionDidNotExist() {
    JsonObject otherAdmin = personWith(new RegionRole(Role.REGION_ADMIN, OTHER));
    String samId = koers.idOf("sam");

    refusedAsNowhere(otherAdmin, "demo", true);
    sameAs(
        "choosing a demo young person's case coordinator",
        404,
        assignCoordinator(otherAdmin, samId),
        assignCoordinator(otherAdmin, UUID.randomUUID().toString()));
    rosterIsStill(koers.idOf("pro-joris"));

    // In their own region the same session works, so the refusals were about the region.
    assertThat(getRoster(otherAdmin, OTHER).statusCode()).isEqualTo(200);
    assertThat(indicators(otherAdmin, OTHER).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> demoProfessional = putRoster(otherAdmin, OTHER, koers.idOf("pro-joris"));
    assertThat(demoProfessional.statusCode())
        .as("a professional of demo is no professional of " + OTHER)
        .isEqualTo(422);
    assertThat(Http.problem(demoProfessional).getString("type"))
        .isEqualTo("urn:koers:problem:not-eligible-safety-contact");
  }

  @Test
  void theRegionsAnalystGetsItsIndicatorsAndNothingOnlyItsAdminMayDo() {
    JsonObject analyst = koers.signInAs("analyst");

    refusedAsNowhere(analyst, "demo", false);
    sameAs(
        "choosing a case coordinator",
        404,
        assignCoordinator(analyst, koers.idOf("sam")),
        assignCoordinator(analyst, UUID.randomUUID().toString()));
    assertThat(indicators(analyst, "demo").statusCode()).isEqualTo(200);
    assertThat(indicators(analyst, OTHER).statusCode())
        .as("another region's indicators")
        .isEqualTo(404);
    rosterIsStill(koers.idOf("pro-joris"));
  }

  @Test
  void aProfessionalOfTheRegionHasNoRegionSettingNorAggregate() {
    JsonObject eva = koers.signInAs("pro-eva");

    refusedAsNowhere(eva, "demo", true);
    rosterIsStill(koers.idOf("pro-joris"));
  }

  @Test
  void rolesInTwoRegionsNeverMix() {
    // An analyst of demo who is also the admin of another region, and a professional there.
    JsonObject both =
        personWith(
            new RegionRole(Role.REGION_ANALYST, "demo"),
            new RegionRole(Role.REGION_ADMIN, OTHER),
            new RegionRole(Role.PROFESSIONAL, OTHER));

    assertThat(indicators(both, "demo").statusCode()).isEqualTo(200);
    assertThat(indicators(both, OTHER).statusCode()).as("as admin there").isEqualTo(200);
    refusedAsNowhere(both, "demo", false);
    assertThat(putRoster(both, OTHER, both.getString("personId")).statusCode())
        .as("their own region's roster, with themselves on it")
        .isEqualTo(200);
    assertThat(putRoster(koers.signInAs("admin"), "demo", both.getString("personId")).statusCode())
        .as("demo's admin cannot put a professional of another region on demo's roster")
        .isEqualTo(422);
    rosterIsStill(koers.idOf("pro-joris"));

    // Registering a young person needs the professional role in that very region.
    JsonObject youth = new JsonObject().put("firstName", "Kim").put("dateOfBirth", "2010-05-01");
    assertThat(koers.post(both, "/v1/youth", youth.copy().put("regionId", OTHER)).statusCode())
        .isEqualTo(201);
    assertThat(koers.post(both, "/v1/youth", youth.copy().put("regionId", "demo")).statusCode())
        .isEqualTo(403);
  }
}
