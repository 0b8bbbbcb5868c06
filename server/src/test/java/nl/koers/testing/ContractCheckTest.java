package nl.koers.testing;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check every API test relies on, tried against a stand-in server that answers what the test
 * tells it to: an answer the contract does not allow must fail the call, or "every API test is a
 * contract test" would be an empty promise.
 */
class ContractCheckTest {

  private Vertx vertx;
  private HttpServer server;
  private WebClient client;
  private int status;
  private String contentType;
  private String body;

  @BeforeEach
  void startStandIn() {
    vertx = Vertx.vertx();
    server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request -> {
                      request.response().setStatusCode(status);
                      if (contentType != null) {
                        request.response().putHeader("Content-Type", contentType);
                      }
                      request.response().end(body);
                    })
                .listen(0, "127.0.0.1"));
    client =
        ContractCheck.on(
            vertx,
            WebClient.create(
                vertx,
                new WebClientOptions()
                    .setDefaultHost("127.0.0.1")
                    .setDefaultPort(server.actualPort())));
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void aBodyTheSchemaDoesNotDescribeFailsTheCall() {
    answer(200, "application/json", "{\"surprise\": true}");

    assertThatThrownBy(() -> await(client.get("/v1/me").send()))
        .hasMessageContaining("getMe")
        .hasMessageContaining("does not allow");
  }

  @Test
  void aStatusTheOperationDoesNotDeclareFailsTheCall() {
    answer(418, "text/plain", "teapot");

    assertThatThrownBy(() -> await(client.get("/v1/me").send())).hasMessageContaining("getMe");
  }

  @Test
  void aProblemStatusCoveredOnlyByDefaultFailsTheCall() {
    // getMe declares no 409: a well-formed problem with it still breaks a generated client.
    answer(
        409,
        "application/problem+json",
        "{\"type\":\"urn:koers:problem:conflict\",\"title\":\"Conflict\",\"status\":409}");

    assertThatThrownBy(() -> await(client.get("/v1/me").send()))
        .hasMessageContaining("getMe")
        .hasMessageContaining("only through `default`");
  }

  @Test
  void aProblemAnswerInTheContractsShapePasses() {
    answer(
        404,
        "application/problem+json",
        "{\"type\":\"https://koers.nl/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
            + "\"detail\":\"No such thing.\",\"instance\":\"/v1/youth/x\",\"requestId\":\"r-1\"}");

    assertThat(await(client.get("/v1/youth/nobody").send()).statusCode()).isEqualTo(404);
  }

  @Test
  void aPathTheContractDoesNotNameIsLeftAlone() {
    answer(404, null, "");

    assertThat(await(client.get("/v1/no-such-thing").send()).statusCode()).isEqualTo(404);
  }

  private void answer(int status, String contentType, String body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }
}
