package nl.koers.transition;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/** A warm handover to adult services, confirmed by both sides. */
class HandoverApiTest extends KoersApiTest {

  @Test
  void evaRecordsDaansHandoverAndItIsCompleteWhenBothSidesConfirm() {
    String daanId = koers.idOf("daan");
    JsonObject eva = koers.signInAs("pro-eva");
    String path = "/v1/youth/" + daanId + "/transition/handovers";
    JsonObject handover =
        new JsonObject()
            .put("kind", "WMO")
            .put(
                "contact",
                new JsonObject().put("name", "Fatma Yilmaz").put("organisation", "Wmo-loket Demo"))
            .put("meetingDate", "2027-01-12");

    HttpResponse<Buffer> byDaan = koers.post(koers.signInAs("daan"), path, handover);
    JsonObject recorded = koers.post(eva, path, handover).bodyAsJsonObject();
    String confirm = path + "/" + recorded.getString("id") + "/confirm";
    koers.post(eva, confirm, new JsonObject().put("side", "YOUTH_CARE"));
    JsonObject complete =
        koers.post(eva, confirm, new JsonObject().put("side", "ADULT_SERVICES")).bodyAsJsonObject();

    assertThat(byDaan.statusCode()).isEqualTo(403);
    assertThat(recorded.getBoolean("complete")).isFalse();
    assertThat(complete.getBoolean("complete")).isTrue();
    assertThat(koers.get(koers.signInAs("daan"), path).bodyAsJsonObject().getJsonArray("items"))
        .hasSize(1);
    assertThat(koers.get(koers.signInAs("marco"), path).statusCode()).isEqualTo(404);
  }
}
