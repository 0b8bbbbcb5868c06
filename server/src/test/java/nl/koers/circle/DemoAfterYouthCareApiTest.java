package nl.koers.circle;

import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * The demo region's young adult: lotte, 19, after youth care, with steady contact pro-eva and her
 * mother ilse, whose access ended at 18. And pro-joris, a professional in nobody's circle.
 */
class DemoAfterYouthCareApiTest extends KoersApiTest {

  private static final List<String> LOTTES_DATA =
      List.of("", "/circle", "/steady-contact", "/plan", "/transition/checklist", "/feedback");

  private JsonArray circleOf(String youthId) {
    return koers
        .get(koers.signInAs("lotte"), "/v1/youth/" + youthId + "/circle")
        .bodyAsJsonObject()
        .getJsonArray("items");
  }

  private static JsonObject ofKind(JsonArray circle, String kind) {
    return circle.stream()
        .map(JsonObject.class::cast)
        .filter(m -> kind.equals(m.getString("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + circle.encode()));
  }

  @Test
  void lotteIsNineteenAfterYouthCareWithPro_evaConfirmedAsHerSteadyContact() {
    String lotte = koers.idOf("lotte");
    String eva = koers.idOf("pro-eva");
    JsonObject session = koers.signInAs("lotte");

    JsonObject profile = koers.get(session, "/v1/youth/" + lotte).bodyAsJsonObject();
    assertThat(profile.getString("ageBand")).isEqualTo("18-27");
    assertThat(profile.getJsonObject("steadyContact").getString("id")).isEqualTo(eva);
    JsonObject steady =
        koers.get(session, "/v1/youth/" + lotte + "/steady-contact").bodyAsJsonObject();
    assertThat(steady.getString("personId")).isEqualTo(eva);
    assertThat(steady.getString("confirmedAt")).isNotNull();
    JsonArray circle = circleOf(lotte);
    assertThat(circle).hasSize(2);
    assertThat(ofKind(circle, "STEADY_CONTACT").getJsonObject("person").getString("id"))
        .isEqualTo(eva);
    assertThat(circle.stream().map(JsonObject.class::cast).map(m -> m.getString("kind")))
        .as("youth care ended at 18: no case coordinator")
        .doesNotContain("CASE_COORDINATOR");
    assertThat(koers.get(koers.signInAs("pro-eva"), "/v1/youth/" + lotte).statusCode())
        .as("her steady contact")
        .isEqualTo(200);
  }

  @Test
  void ilseSeesNothingOfLotteUntilLotteKeepsHerInTheCircle() {
    String lotte = "/v1/youth/" + koers.idOf("lotte");
    String nobody = "/v1/youth/" + UUID.randomUUID();
    JsonObject ilse = koers.signInAs("ilse");

    for (String part : LOTTES_DATA) {
      HttpResponse<Buffer> answer = koers.get(ilse, lotte + part);
      HttpResponse<Buffer> missing = koers.get(ilse, nobody + part);
      assertThat(answer.statusCode()).as(part).isEqualTo(404);
      assertThat(problem(answer).getString("type")).isEqualTo(problem(missing).getString("type"));
      assertThat(problem(answer).getString("detail"))
          .isEqualTo(problem(missing).getString("detail"));
    }
    assertThat(ilse.getJsonObject("person").getJsonArray("circles").encode())
        .as("not even lotte's id among ilse's circles")
        .doesNotContain(koers.idOf("lotte"));

    // The bend: it is the age rule, not a missing relation - once lotte keeps her, ilse sees her.
    String parent = ofKind(circleOf(koers.idOf("lotte")), "PARENT").getString("id");
    HttpResponse<Buffer> kept =
        koers.post(
            koers.signInAs("lotte"),
            lotte + "/circle/confirmation",
            new JsonObject()
                .put(
                    "keep",
                    new JsonArray()
                        .add(parent)
                        .add(
                            ofKind(circleOf(koers.idOf("lotte")), "STEADY_CONTACT")
                                .getString("id"))));
    assertThat(kept.statusCode()).isEqualTo(200);
    assertThat(koers.get(koers.signInAs("ilse"), lotte).statusCode()).isEqualTo(200);
  }

  @Test
  void pro_jorisIsAProfessionalOfTheRegionInNobodysCircle() {
    JsonObject joris = koers.signInAs("pro-joris");

    assertThat(joris.getJsonObject("person").getJsonArray("roles")).containsExactly("PROFESSIONAL");
    for (String handle : List.of("sam", "noor", "daan", "lotte")) {
      assertThat(koers.get(joris, "/v1/youth/" + koers.idOf(handle)).statusCode())
          .as(handle)
          .isEqualTo(404);
    }
  }
}
