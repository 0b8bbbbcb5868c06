package nl.koers.feedback;

import static nl.koers.feedback.FeedbackTesting.inboxTypes;
import static nl.koers.feedback.FeedbackTesting.post;
import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/** A safety signal reaches the right people at once, and nobody else. */
class SafetySignalApiTest extends KoersApiTest {

  /** 23:30 in Amsterdam: quiet hours, which a safety signal ignores. */
  @Override
  protected Instant startsAt() {
    return Instant.parse("2026-11-23T22:30:00Z");
  }

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, fakeFcm());
  }

  private HttpResponse<Buffer> raise(JsonObject noor, String noorId) {
    return post(
        koers,
        noor,
        "/v1/youth/" + noorId + "/safety-signals",
        new JsonObject().put("text", "Ik voel me thuis niet veilig.").put("mayCallMe", true));
  }

  @Test
  void theCoordinatorAndTheSafetyContactAreToldAtOnceAtNightAndParentsAreNot() {
    String noorId = koers.idOf("noor");
    JsonObject noor = koers.signInAs("noor");
    JsonObject eva = koers.signInAs("pro-eva");
    String evasPhone = NotifyTesting.registerPhone(koers, eva);
    String ilsesPhone = NotifyTesting.registerPhone(koers, koers.signInAs("ilse"));

    HttpResponse<Buffer> raised = raise(noor, noorId);

    assertThat(raised.statusCode()).isEqualTo(201);
    assertThat(raised.bodyAsJsonObject().getString("acknowledgement")).contains("ontvangen");
    Eventually.until(
        "eva's phone rings, at night",
        () -> NotifyTesting.acceptedFor(fcm.accepted(), evasPhone) == 1);
    assertThat(inboxTypes(koers, eva)).containsExactly("SAFETY");
    assertThat(inboxTypes(koers, koers.signInAs("admin"))).containsExactly("SAFETY");
    assertThat(inboxTypes(koers, noor)).containsExactly("SAFETY_RECEIVED");
    Eventually.pause(Duration.ofMillis(300));
    for (String nobody : List.of("ilse", "marco", "jim-sam", "analyst", "tess")) {
      assertThat(inboxTypes(koers, koers.signInAs(nobody))).as(nobody).isEmpty();
    }
    assertThat(NotifyTesting.acceptedFor(fcm.accepted(), ilsesPhone)).isZero();
  }

  @Test
  void twoDaysLaterTheYoungPersonIsAskedWhetherItIsSaferNow() {
    String noorId = koers.idOf("noor");
    raise(koers.signInAs("noor"), noorId);

    clock.advance(Duration.ofHours(47));
    Eventually.pause(Duration.ofMillis(300));
    assertThat(inboxTypes(koers, koers.signInAs("noor"))).doesNotContain("SAFETY_FOLLOW_UP");

    clock.advance(Duration.ofHours(2));
    JsonObject noor = koers.signInAs("noor");
    Eventually.until("asked", () -> inboxTypes(koers, noor).contains("SAFETY_FOLLOW_UP"));
    Eventually.pause(Duration.ofMillis(300));
    assertThat(inboxTypes(koers, noor).stream().filter("SAFETY_FOLLOW_UP"::equals)).hasSize(1);
  }

  @Test
  void aSignalIsClosedWithANoteNeverDeletedAndEveryStepIsInTheAccessLog() {
    String noorId = koers.idOf("noor");
    JsonObject noor = koers.signInAs("noor");
    String signal = raise(noor, noorId).bodyAsJsonObject().getString("id");
    String path = "/v1/youth/" + noorId + "/safety-signals/" + signal;

    HttpResponse<Buffer> readByContact = koers.get(koers.signInAs("admin"), path);
    HttpResponse<Buffer> closeByIlse =
        post(koers, koers.signInAs("ilse"), path + "/close", new JsonObject().put("note", "x"));
    HttpResponse<Buffer> closed =
        post(
            koers,
            koers.signInAs("pro-eva"),
            path + "/close",
            new JsonObject().put("note", "Gebeld; veilig onderdak geregeld."));
    HttpResponse<Buffer> delete =
        await(
            koers
                .client
                .delete(path)
                .bearerTokenAuthentication(koers.signInAs("pro-eva").getString("accessToken"))
                .send());

    assertThat(readByContact.statusCode()).isEqualTo(200);
    assertThat(readByContact.bodyAsJsonObject().getBoolean("mayCallMe")).isTrue();
    assertThat(closeByIlse.statusCode()).isEqualTo(404);
    assertThat(closed.bodyAsJsonObject().getString("status")).isEqualTo("CLOSED");
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(
            koers
                .get(noor, "/v1/youth/" + noorId + "/safety-signals")
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .hasSize(1);
    List<String> log =
        koers
            .get(noor, "/v1/youth/" + noorId + "/access-log?limit=100&includeOwn=true")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(
                e ->
                    ((JsonObject) e).getString("capacity")
                        + " "
                        + ((JsonObject) e).getString("action")
                        + " "
                        + ((JsonObject) e).getString("resource"))
            .toList();
    assertThat(log)
        .as(
            koers
                .get(noor, "/v1/youth/" + noorId + "/access-log?limit=100&includeOwn=true")
                .bodyAsString())
        .contains(
            "SELF WRITE youth/" + noorId + "/safety-signals",
            "SAFETY_CONTACT READ youth/" + noorId + "/safety-signals/" + signal,
            "CASE_COORDINATOR WRITE youth/" + noorId + "/safety-signals/" + signal);
  }

  @Test
  void onlyTheYoungPersonThemselvesCanRaiseOne() {
    String noorId = koers.idOf("noor");
    for (String other : List.of("ilse", "pro-eva", "admin", "sam")) {
      assertThat(raise(koers.signInAs(other), noorId).statusCode()).as(other).isEqualTo(404);
    }
  }
}
