package nl.koers.circle;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * Every demo person (each role and relation) against every young person's endpoints, and against
 * someone else's young person: exactly the allowed calls succeed, and every refusal is
 * indistinguishable from asking about a young person who does not exist.
 */
class AuthorizationTableTest extends KoersApiTest {

  private static final String MISSING = "missing";

  /** What each endpoint is, as a call on a young person. */
  private enum Endpoint {
    PROFILE(HttpMethod.GET, ""),
    CIRCLE(HttpMethod.GET, "/circle"),
    ACCESS_LOG(HttpMethod.GET, "/access-log"),
    ADD_TO_CIRCLE(HttpMethod.POST, "/circle"),
    ASSIGN_CASE_COORDINATOR(HttpMethod.PUT, "/case-coordinator"),
    FEEDBACK(HttpMethod.GET, "/feedback"),
    FEEDBACK_REQUESTS(HttpMethod.GET, "/feedback/requests"),
    SAFETY_SIGNALS(HttpMethod.GET, "/safety-signals"),
    CONTACT_MOMENT(HttpMethod.POST, "/contact-moments"),
    MENTOR_NOMINATIONS(HttpMethod.GET, "/mentor/nominations");

    final HttpMethod method;
    final String suffix;

    Endpoint(HttpMethod method, String suffix) {
      this.method = method;
      this.suffix = suffix;
    }
  }

  /** The policy, written out: actor → endpoint → the young people they may call it on. */
  private static final Map<String, Map<Endpoint, Set<String>>> ALLOWED =
      Map.of(
          "sam",
              Map.of(
                  Endpoint.PROFILE,
                  Set.of("sam"),
                  Endpoint.CIRCLE,
                  Set.of("sam"),
                  Endpoint.ACCESS_LOG,
                  Set.of("sam"),
                  Endpoint.FEEDBACK,
                  Set.of("sam"),
                  Endpoint.FEEDBACK_REQUESTS,
                  Set.of("sam"),
                  Endpoint.SAFETY_SIGNALS,
                  Set.of("sam"),
                  Endpoint.MENTOR_NOMINATIONS,
                  Set.of("sam")),
          "noor",
              Map.of(
                  Endpoint.PROFILE,
                  Set.of("noor"),
                  Endpoint.CIRCLE,
                  Set.of("noor"),
                  Endpoint.ACCESS_LOG,
                  Set.of("noor"),
                  Endpoint.FEEDBACK,
                  Set.of("noor"),
                  Endpoint.FEEDBACK_REQUESTS,
                  Set.of("noor"),
                  Endpoint.SAFETY_SIGNALS,
                  Set.of("noor"),
                  Endpoint.MENTOR_NOMINATIONS,
                  Set.of("noor")),
          "daan",
              Map.of(
                  Endpoint.PROFILE,
                  Set.of("daan"),
                  Endpoint.CIRCLE,
                  Set.of("daan"),
                  Endpoint.ACCESS_LOG,
                  Set.of("daan"),
                  Endpoint.FEEDBACK,
                  Set.of("daan"),
                  Endpoint.FEEDBACK_REQUESTS,
                  Set.of("daan"),
                  Endpoint.SAFETY_SIGNALS,
                  Set.of("daan"),
                  Endpoint.MENTOR_NOMINATIONS,
                  Set.of("daan")),
          "ilse",
              Map.of(
                  Endpoint.PROFILE,
                  Set.of("noor"),
                  Endpoint.CIRCLE,
                  Set.of("noor"),
                  Endpoint.FEEDBACK,
                  Set.of("noor"),
                  Endpoint.FEEDBACK_REQUESTS,
                  Set.of("noor"),
                  // Before 16 a parent reads what waits for their agreement.
                  Endpoint.MENTOR_NOMINATIONS,
                  Set.of("noor")),
          "marco", Map.of(Endpoint.PROFILE, Set.of("sam"), Endpoint.CIRCLE, Set.of("sam")),
          "jim-sam", Map.of(Endpoint.PROFILE, Set.of("sam")),
          "tess", Map.of(),
          "pro-eva",
              Map.of(
                  Endpoint.PROFILE,
                  Set.of("sam", "noor", "daan"),
                  Endpoint.CIRCLE,
                  Set.of("sam", "noor", "daan"),
                  Endpoint.ADD_TO_CIRCLE,
                  Set.of("sam", "noor", "daan"),
                  Endpoint.FEEDBACK,
                  Set.of("sam", "noor", "daan"),
                  Endpoint.SAFETY_SIGNALS,
                  Set.of("sam", "noor", "daan"),
                  Endpoint.CONTACT_MOMENT,
                  Set.of("sam", "noor", "daan"),
                  Endpoint.MENTOR_NOMINATIONS,
                  Set.of("sam", "noor", "daan")),
          "analyst", Map.of(),
          "admin", Map.of(Endpoint.ASSIGN_CASE_COORDINATOR, Set.of("sam", "noor", "daan")));

  @Test
  void onlyThePolicysCallsSucceedAndEveryDenialLooksLikeAMissingYoungPerson() {
    Map<String, String> youthIds = new HashMap<>();
    for (String youth : List.of("sam", "noor", "daan")) {
      youthIds.put(youth, koers.idOf(youth));
    }
    youthIds.put(MISSING, UUID.randomUUID().toString());
    String evaId = koers.idOf("pro-eva");
    List<String> surprises = new ArrayList<>();

    for (String actor : ALLOWED.keySet()) {
      JsonObject session = koers.signInAs(actor);
      for (Endpoint endpoint : Endpoint.values()) {
        JsonObject missingAnswer =
            comparable(call(session, endpoint, youthIds.get(MISSING), evaId));
        assertThat(missingAnswer.getInteger("status")).as(actor + " " + endpoint).isEqualTo(404);
        for (String youth : List.of("sam", "noor", "daan")) {
          boolean allowed = ALLOWED.get(actor).getOrDefault(endpoint, Set.of()).contains(youth);
          HttpResponse<Buffer> answer = call(session, endpoint, youthIds.get(youth), evaId);
          String cell = actor + " " + endpoint + " " + youth + " → " + answer.statusCode();
          if (allowed && answer.statusCode() / 100 != 2) {
            surprises.add(cell + " (should be allowed): " + answer.bodyAsString());
          }
          if (!allowed && !comparable(answer).equals(missingAnswer)) {
            surprises.add(cell + " (should look missing): " + answer.bodyAsString());
          }
        }
      }
    }

    assertThat(surprises).isEmpty();
  }

  private HttpResponse<Buffer> call(
      JsonObject session, Endpoint endpoint, String youthId, String professionalId) {
    HttpRequest<Buffer> request =
        koers
            .client
            .request(endpoint.method, "/v1/youth/" + youthId + endpoint.suffix)
            .bearerTokenAuthentication(session.getString("accessToken"));
    return switch (endpoint) {
      case ADD_TO_CIRCLE ->
          await(
              request
                  .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                  .sendJsonObject(new JsonObject().put("kind", "PARENT").put("name", "Test")));
      case CONTACT_MOMENT ->
          await(
              request
                  .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                  .sendJsonObject(new JsonObject().put("kind", "PHONE")));
      case ASSIGN_CASE_COORDINATOR ->
          await(request.sendJsonObject(new JsonObject().put("professionalId", professionalId)));
      default -> await(request.send());
    };
  }

  /** An answer without what must differ between two requests (the path and the request id). */
  private static JsonObject comparable(HttpResponse<Buffer> answer) {
    JsonObject body = answer.body() == null ? new JsonObject() : answer.bodyAsJsonObject();
    body.remove("instance");
    body.remove("requestId");
    return new JsonObject()
        .put("status", answer.statusCode())
        .put("contentType", answer.getHeader("Content-Type"))
        .put("body", body);
  }
}
