package nl.koers.platform.http;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import nl.koers.contract.ContractDocument;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/** The running server, from the outside: health, contract, metrics, and its error answers. */
class SystemApiTest extends KoersApiTest {

  /** Outside dev mode, with a rate limit small enough to reach. */
  @Override
  protected JsonObject settings() {
    return RunningKoers.on(backend, database).put(KoersConfig.RATE_LIMIT_PER_MINUTE, 5);
  }

  @Test
  void isReadyWhenMongoDbAnswers() {
    HttpResponse<Buffer> ready = await(koers.client.get("/health/ready").send());
    HttpResponse<Buffer> live = await(koers.client.get("/health/live").send());

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    assertThat(ready.bodyAsJsonObject().getJsonArray("checks").getJsonObject(0).getString("id"))
        .isEqualTo("mongodb");
    assertThat(live.statusCode()).isEqualTo(200);
  }

  @Test
  void servesTheContractItRunsOn() {
    HttpResponse<Buffer> response = await(koers.client.get("/openapi.yaml").send());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
    JsonObject contract = ContractDocument.parse(response.bodyAsString());
    assertThat(contract.getString("openapi")).startsWith("3.1");
    assertThat(contract.getJsonObject("paths").fieldNames()).contains("/health/ready");
  }

  @Test
  void theManagementListenerServesPrometheusMetricsIncludingHttpTraffic() {
    await(koers.client.get("/health/live").send());
    HttpResponse<Buffer> response = koers.getFromManagement("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString())
        .contains("vertx_http_server_requests_total")
        .contains("jvm_");
  }

  @Test
  void thePublicListenerDoesNotShowTheMetrics() {
    HttpResponse<Buffer> response = await(koers.client.get("/metrics").send());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(problem(response).getString("type")).isEqualTo("urn:koers:problem:not-found");
    assertThat(response.bodyAsString()).doesNotContain("vertx_http_server_requests_total");
  }

  @Test
  void theManagementListenerServesNothingOfThePublicApi() {
    HttpResponse<Buffer> me = koers.getFromManagement("/v1/me");
    HttpResponse<Buffer> contract = koers.getFromManagement("/openapi.yaml");

    assertThat(me.statusCode()).isEqualTo(404);
    assertThat(problem(me).getString("type")).isEqualTo("urn:koers:problem:not-found");
    assertThat(contract.statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownPathIsAProblem404() {
    HttpResponse<Buffer> response = await(koers.client.get("/v1/nope").send());

    assertThat(response.statusCode()).isEqualTo(404);
    JsonObject problem = problem(response);
    assertThat(problem.getString("type")).isEqualTo("urn:koers:problem:not-found");
    assertThat(problem.getString("title")).isEqualTo("Niet gevonden");
    assertThat(problem.getString("instance")).isEqualTo("/v1/nope");
    assertThat(problem.getString("detail")).isNotBlank();
  }

  @Test
  void aPostOf100KiBToAnyV1PathIsAProblem413() {
    HttpResponse<Buffer> response =
        await(
            koers
                .client
                .post("/v1/anything/at/all")
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("x".repeat(100 * 1024))));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(problem(response).getString("title")).isEqualTo("Verzoek te groot");
  }

  @Test
  void anAnonymousCallerOverTheRateLimitGets429WithRetryAfter() {
    int last = 0;
    HttpResponse<Buffer> response = null;
    for (int i = 0; i < 6; i++) {
      response =
          await(
              koers
                  .client
                  .post("/v1/auth/refresh")
                  .sendJsonObject(new JsonObject().put("refreshToken", "guess-" + i)));
      last = response.statusCode();
    }

    assertThat(last).isEqualTo(429);
    assertThat(Integer.parseInt(response.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(problem(response).getString("type"))
        .isEqualTo("urn:koers:problem:too-many-requests");
    // Health and metrics stay reachable for the load balancer and monitoring.
    assertThat(await(koers.client.get("/health/live").send()).statusCode()).isEqualTo(200);
  }

  @Test
  void everyAnswerCarriesARequestId() {
    HttpResponse<Buffer> response = await(koers.client.get("/health/live").send());

    assertThat(response.getHeader("X-Request-Id")).hasSizeGreaterThanOrEqualTo(8);
  }
}
