package nl.koers.region;

import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * The region's register of organisations as its admin keeps it: a professional is registered into
 * an open organisation of the register only, a closed one keeps its place but takes nobody new, and
 * nobody but the admin changes it (the analyst reads it to name the per-organisation indicators).
 */
class OrganisationsApiTest extends KoersApiTest {

  private static final String REGISTER = "/v1/regions/demo/organisations";
  private static final String PROFESSIONALS = "/v1/regions/demo/professionals";

  private HttpResponse<Buffer> register(JsonObject admin, String id, String name) {
    return koers.post(admin, REGISTER, new JsonObject().put("id", id).put("name", name));
  }

  private HttpResponse<Buffer> registerProfessional(JsonObject admin, String organisationId) {
    return koers.post(
        admin,
        PROFESSIONALS,
        new JsonObject().put("name", "Pieter Jansen").put("organisationId", organisationId));
  }

  private HttpResponse<Buffer> change(JsonObject admin, String id, JsonObject body, String tag) {
    return koers.patch(
        admin, REGISTER + "/" + id, body, tag == null ? Map.of() : Map.of("If-Match", tag));
  }

  private List<String> ids(JsonObject session) {
    return koers.get(session, REGISTER).bodyAsJsonObject().getJsonArray("organisations").stream()
        .map(o -> ((JsonObject) o).getString("id"))
        .toList();
  }

  @Test
  void theDemoRegionsRegisterHoldsTheOrganisationsItsProfessionalsAndIndicatorsName() {
    assertThat(ids(koers.signInAs("admin")))
        .contains("jeugdhulp-west", "gezinshuis-oost", "wijkteam-centrum");
    assertThat(ids(koers.signInAs("analyst"))).contains("jeugdhulp-west");
  }

  @Test
  void aProfessionalRegisteredIntoANewOrganisationWorksThereAndAnUnknownOneIs422() {
    JsonObject admin = koers.signInAs("admin");
    HttpResponse<Buffer> made = register(admin, "pleegzorg-noord", "Pleegzorg Noord");
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    assertThat(made.bodyAsJsonObject().getString("status")).isEqualTo("OPEN");

    HttpResponse<Buffer> into = registerProfessional(admin, "pleegzorg-noord");
    assertThat(into.statusCode()).as(into.bodyAsString()).isEqualTo(201);

    HttpResponse<Buffer> typo = registerProfessional(admin, "pleegzorg-nord");
    assertThat(typo.statusCode()).as(typo.bodyAsString()).isEqualTo(422);
    assertThat(problem(typo).getString("type")).isEqualTo("urn:koers:problem:unknown-organisation");
    assertThat(problem(typo).getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/organisationId");
  }

  @Test
  void aClosedOrganisationStaysInTheRegisterButTakesNoNewProfessionals() {
    JsonObject admin = koers.signInAs("admin");
    String tag = koers.get(admin, REGISTER).getHeader("ETag");

    HttpResponse<Buffer> closed =
        change(admin, "wijkteam-centrum", new JsonObject().put("closed", true), tag);

    assertThat(closed.statusCode()).as(closed.bodyAsString()).isEqualTo(200);
    assertThat(closed.bodyAsJsonObject().getString("status")).isEqualTo("CLOSED");
    assertThat(ids(admin)).contains("wijkteam-centrum");
    HttpResponse<Buffer> refused = registerProfessional(admin, "wijkteam-centrum");
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
    assertThat(problem(refused).getString("type"))
        .isEqualTo("urn:koers:problem:unknown-organisation");

    HttpResponse<Buffer> reopened =
        change(
            admin,
            "wijkteam-centrum",
            new JsonObject().put("closed", false),
            closed.getHeader("ETag"));
    assertThat(reopened.statusCode()).as(reopened.bodyAsString()).isEqualTo(200);
    assertThat(registerProfessional(admin, "wijkteam-centrum").statusCode()).isEqualTo(201);
  }

  @Test
  void aRenameKeepsTheIdAndTheAgbCodeIsEightDigits() {
    JsonObject admin = koers.signInAs("admin");
    String tag = koers.get(admin, REGISTER).getHeader("ETag");

    HttpResponse<Buffer> renamed =
        change(
            admin,
            "jeugdhulp-west",
            new JsonObject().put("name", "Jeugdhulp West-Brabant").put("agbCode", "12345678"),
            tag);

    assertThat(renamed.statusCode()).as(renamed.bodyAsString()).isEqualTo(200);
    assertThat(renamed.bodyAsJsonObject().getString("id")).isEqualTo("jeugdhulp-west");
    assertThat(renamed.bodyAsJsonObject().getString("name")).isEqualTo("Jeugdhulp West-Brabant");
    assertThat(renamed.bodyAsJsonObject().getString("agbCode")).isEqualTo("12345678");
    HttpResponse<Buffer> badAgb =
        koers.post(
            admin,
            REGISTER,
            new JsonObject().put("id", "x-org").put("name", "X").put("agbCode", "1234"));
    assertThat(badAgb.statusCode()).as(badAgb.bodyAsString()).isEqualTo(400);
    assertThat(ids(admin)).doesNotContain("x-org");
  }

  @Test
  void anIdTheRegionRegisteredBeforeIs409AndTheRegisterStaysAsItWas() {
    JsonObject admin = koers.signInAs("admin");
    List<String> before = ids(admin);

    HttpResponse<Buffer> again = register(admin, "jeugdhulp-west", "Another West");

    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(409);
    assertThat(ids(admin)).isEqualTo(before);
  }

  @Test
  void aChangeWithoutIfMatchIs428AndOnARegisterChangedSinceItWasReadIs412() {
    JsonObject admin = koers.signInAs("admin");
    String read = koers.get(admin, REGISTER).getHeader("ETag");
    JsonObject rename = new JsonObject().put("name", "Gezinshuis Oost-Midden");

    HttpResponse<Buffer> missing = change(admin, "gezinshuis-oost", rename, null);
    assertThat(missing.statusCode()).as(missing.bodyAsString()).isEqualTo(428);

    // Another screen of the admin registers an organisation first.
    assertThat(register(admin, "pleegzorg-zuid", "Pleegzorg Zuid").statusCode()).isEqualTo(201);
    HttpResponse<Buffer> stale = change(admin, "gezinshuis-oost", rename, read);

    assertThat(stale.statusCode()).as(stale.bodyAsString()).isEqualTo(412);
    JsonObject oost =
        koers.get(admin, REGISTER).bodyAsJsonObject().getJsonArray("organisations").stream()
            .map(JsonObject.class::cast)
            .filter(o -> o.getString("id").equals("gezinshuis-oost"))
            .findFirst()
            .orElseThrow();
    assertThat(oost.getString("name")).isEqualTo("Gezinshuis Oost");
  }

  @Test
  void nobodyButTheRegionsAdminChangesTheRegisterAndAnotherRegionsAdminSeesNothing() {
    JsonObject admin = koers.signInAs("admin");
    String tag = koers.get(admin, REGISTER).getHeader("ETag");
    for (String handle : List.of("analyst", "pro-eva", "marco")) {
      JsonObject someone = koers.signInAs(handle);
      HttpResponse<Buffer> made = register(someone, "by-" + handle, "Mine");
      HttpResponse<Buffer> closed =
          change(someone, "jeugdhulp-west", new JsonObject().put("closed", true), tag);
      assertThat(made.statusCode()).as(handle + " " + made.bodyAsString()).isEqualTo(404);
      assertThat(closed.statusCode()).as(handle + " " + closed.bodyAsString()).isEqualTo(404);
    }
    assertThat(koers.get(koers.signInAs("pro-eva"), REGISTER).statusCode()).isEqualTo(404);
    // The demo admin is admin of demo only: demo-noord answers as a region that is not there.
    assertThat(koers.get(admin, "/v1/regions/demo-noord/organisations").statusCode())
        .isEqualTo(404);
    assertThat(ids(admin)).doesNotContain("by-analyst", "by-pro-eva", "by-marco");
    assertThat(koers.get(admin, REGISTER).getHeader("ETag")).isEqualTo(tag);
  }
}
