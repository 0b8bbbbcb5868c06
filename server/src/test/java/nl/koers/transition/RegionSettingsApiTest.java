package nl.koers.transition;

import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * The region admin edits the checklist template and the horizon on what they read (If-Match), and a
 * change reaches only what starts after it: a checklist that is open keeps its template, a decision
 * made keeps its age; a new checklist and a new decision follow the change.
 */
class RegionSettingsApiTest extends KoersApiTest {

  private static final String TEMPLATE = "/v1/regions/demo/checklist-template";
  private static final String HORIZON = "/v1/regions/demo/horizon";

  private static JsonObject item(String id, String nl, String en, int monthsFrom18) {
    return new JsonObject()
        .put("id", id)
        .put("title", new JsonObject().put("nl", nl).put("en", en))
        .put("monthsFrom18", monthsFrom18);
  }

  private HttpResponse<Buffer> put(JsonObject session, String path, JsonObject body, String tag) {
    return koers.put(session, path, body, tag == null ? Map.of() : Map.of("If-Match", tag));
  }

  private List<String> checklistItems(String handle, String youthHandle) {
    return koers
        .get(
            koers.signInAs(handle),
            "/v1/youth/" + koers.idOf(youthHandle) + "/transition/checklist")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(i -> ((JsonObject) i).getString("id"))
        .toList();
  }

  private HttpResponse<Buffer> extendDaanUntil(int age) {
    JsonObject eva = koers.signInAs("pro-eva");
    String path = "/v1/youth/" + koers.idOf("daan") + "/transition/extended-care";
    return koers.put(
        eva,
        path,
        new JsonObject()
            .put("extended", true)
            .put("kind", "verlengde-jeugdhulp")
            .put("untilAge", age),
        Map.of("If-Match", koers.get(eva, path).getHeader("ETag")));
  }

  /** The template with one item added to what the admin read. */
  private JsonObject withStudentFinance(JsonObject read) {
    JsonArray items = read.getJsonArray("items").copy();
    items.add(
        item(
            "studiefinanciering", "Studiefinanciering aanvragen", "Apply for student finance", -2));
    return new JsonObject().put("items", items);
  }

  @Test
  void aNewTemplateItemReachesAChecklistThatOpensLaterButNotOneThatIsOpenAlready() {
    JsonObject admin = koers.signInAs("admin");
    HttpResponse<Buffer> read = koers.get(admin, TEMPLATE);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    List<String> daanBefore = checklistItems("pro-eva", "daan");

    HttpResponse<Buffer> saved =
        put(admin, TEMPLATE, withStudentFinance(read.bodyAsJsonObject()), read.getHeader("ETag"));

    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    // sam is 16: his checklist opens at 17, with the template of then.
    assertThat(checklistItems("sam", "sam")).contains("studiefinanciering");
    // daan is 17 years and 10 months: his checklist opened before the change and stays as it was.
    assertThat(checklistItems("pro-eva", "daan"))
        .isEqualTo(daanBefore)
        .doesNotContain("studiefinanciering");
    assertThat(koers.get(admin, TEMPLATE).bodyAsJsonObject().getJsonArray("items").size())
        .isEqualTo(read.bodyAsJsonObject().getJsonArray("items").size() + 1);
  }

  @Test
  void aTemplateChangeWithoutIfMatchIs428AndOnAStaleReadIs412AndNothingChanges() {
    JsonObject admin = koers.signInAs("admin");
    HttpResponse<Buffer> read = koers.get(admin, TEMPLATE);
    JsonObject change = withStudentFinance(read.bodyAsJsonObject());

    HttpResponse<Buffer> missing = put(admin, TEMPLATE, change, null);
    assertThat(missing.statusCode()).as(missing.bodyAsString()).isEqualTo(428);
    assertThat(problem(missing).getString("type"))
        .isEqualTo("urn:koers:problem:precondition-required");

    assertThat(put(admin, TEMPLATE, change, read.getHeader("ETag")).statusCode()).isEqualTo(200);
    JsonObject afterFirst = koers.get(admin, TEMPLATE).bodyAsJsonObject();
    HttpResponse<Buffer> stale =
        put(
            admin,
            TEMPLATE,
            new JsonObject().put("items", new JsonArray().add(item("digid", "DigiD", "DigiD", -3))),
            read.getHeader("ETag"));

    assertThat(stale.statusCode()).as(stale.bodyAsString()).isEqualTo(412);
    assertThat(koers.get(admin, TEMPLATE).bodyAsJsonObject()).isEqualTo(afterFirst);
  }

  @Test
  void aTemplateWithAnItemIdTwiceIsRefusedNamingTheSecond() {
    JsonObject admin = koers.signInAs("admin");
    HttpResponse<Buffer> read = koers.get(admin, TEMPLATE);
    JsonObject twice =
        new JsonObject()
            .put(
                "items",
                new JsonArray()
                    .add(item("digid", "DigiD aanvragen", "Apply for DigiD", -3))
                    .add(item("digid", "Nog eens", "Again", -2)));

    HttpResponse<Buffer> refused = put(admin, TEMPLATE, twice, read.getHeader("ETag"));

    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
    assertThat(problem(refused).getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/items/1/id");
    assertThat(koers.get(admin, TEMPLATE).bodyAsJsonObject()).isEqualTo(read.bodyAsJsonObject());
  }

  @Test
  void aHigherHorizonLetsTheCaseCoordinatorExtendCareFurther() {
    JsonObject admin = koers.signInAs("admin");
    HttpResponse<Buffer> read = koers.get(admin, HORIZON);
    assertThat(read.bodyAsJsonObject().getInteger("horizonAge")).isEqualTo(23);
    assertThat(extendDaanUntil(27).statusCode()).as("beyond the horizon of 23").isEqualTo(422);

    HttpResponse<Buffer> saved =
        put(admin, HORIZON, new JsonObject().put("horizonAge", 27), read.getHeader("ETag"));

    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    assertThat(saved.bodyAsJsonObject().getInteger("horizonAge")).isEqualTo(27);
    HttpResponse<Buffer> extended = extendDaanUntil(27);
    assertThat(extended.statusCode()).as(extended.bodyAsString()).isEqualTo(200);
  }

  @Test
  void aLowerHorizonLeavesADecisionMadeAsItWasAndRefusesNewOnesBeyondIt() {
    JsonObject admin = koers.signInAs("admin");
    assertThat(extendDaanUntil(23).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> lowered =
        put(
            admin,
            HORIZON,
            new JsonObject().put("horizonAge", 21),
            koers.get(admin, HORIZON).getHeader("ETag"));

    assertThat(lowered.statusCode()).as(lowered.bodyAsString()).isEqualTo(200);
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject daan =
        koers
            .get(eva, "/v1/youth/" + koers.idOf("daan") + "/transition/extended-care")
            .bodyAsJsonObject();
    assertThat(daan.encode()).contains("\"untilAge\":23");
    assertThat(extendDaanUntil(23).statusCode())
        .as("a new decision meets the new horizon")
        .isEqualTo(422);
  }

  @Test
  void aHorizonChangeWithoutIfMatchIs428AndStaleIs412AndTheHorizonStays() {
    JsonObject admin = koers.signInAs("admin");
    String read = koers.get(admin, HORIZON).getHeader("ETag");

    assertThat(put(admin, HORIZON, new JsonObject().put("horizonAge", 27), null).statusCode())
        .isEqualTo(428);
    assertThat(put(admin, HORIZON, new JsonObject().put("horizonAge", 21), read).statusCode())
        .isEqualTo(200);
    HttpResponse<Buffer> stale = put(admin, HORIZON, new JsonObject().put("horizonAge", 27), read);

    assertThat(stale.statusCode()).as(stale.bodyAsString()).isEqualTo(412);
    assertThat(koers.get(admin, HORIZON).bodyAsJsonObject().getInteger("horizonAge")).isEqualTo(21);
  }

  @Test
  void nobodyButTheRegionsAdminReadsOrChangesTheTemplateAndTheHorizon() {
    JsonObject admin = koers.signInAs("admin");
    String templateTag = koers.get(admin, TEMPLATE).getHeader("ETag");
    String horizonTag = koers.get(admin, HORIZON).getHeader("ETag");
    for (String handle : List.of("analyst", "pro-eva", "sam", "marco")) {
      JsonObject someone = koers.signInAs(handle);
      assertThat(koers.get(someone, TEMPLATE).statusCode()).as(handle).isEqualTo(404);
      assertThat(koers.get(someone, HORIZON).statusCode()).as(handle).isEqualTo(404);
      assertThat(
              put(someone, HORIZON, new JsonObject().put("horizonAge", 27), horizonTag)
                  .statusCode())
          .as(handle)
          .isEqualTo(404);
      assertThat(
              put(
                      someone,
                      TEMPLATE,
                      new JsonObject()
                          .put("items", new JsonArray().add(item("digid", "DigiD", "DigiD", -3))),
                      templateTag)
                  .statusCode())
          .as(handle)
          .isEqualTo(404);
    }
    assertThat(koers.get(admin, HORIZON).bodyAsJsonObject().getInteger("horizonAge")).isEqualTo(23);
    assertThat(koers.get(admin, TEMPLATE).getHeader("ETag")).isEqualTo(templateTag);
  }
}
