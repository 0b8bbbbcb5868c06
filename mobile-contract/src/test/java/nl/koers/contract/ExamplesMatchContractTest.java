package nl.koers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example a mobile team builds against is one the contract (and so the server) accepts. */
class ExamplesMatchContractTest {

  private static final Path EXAMPLES = Path.of("examples");

  private static Vertx vertx;
  private static OpenAPIContract contract;
  private static HttpServer validatingServer;
  private static WebClient client;

  @BeforeAll
  static void startValidatingServer() {
    vertx = Vertx.vertx();
    contract = await(ContractDocument.load(vertx, "koers.yaml"));
    // Validation as the server does it: a router built from the contract, body read first; each
    // operation answers its own id, so a test also sees which operation the path selected.
    RouterBuilder builder =
        RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
            .rootHandler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    for (OpenAPIRoute route : builder.getRoutes()) {
      String operationId = route.getOperation().getOperationId();
      // Examples show the shape of a call; who may make it is the server's tests' business.
      route.setDoSecurity(false);
      route.addHandler(rc -> rc.response().end(operationId));
    }
    Router router = builder.createRouter();
    router
        .route()
        .failureHandler(
            rc ->
                rc.response()
                    .setStatusCode(rc.statusCode() > 0 ? rc.statusCode() : 500)
                    .end(String.valueOf(rc.failure())));
    validatingServer =
        await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @Test
  void everyOperationHasAnExample() throws IOException {
    Set<String> covered = new TreeSet<>();
    for (Path example : examples().toList()) {
      covered.add(read(example).getString("operationId"));
    }
    Set<String> operations =
        contract.operations().stream()
            .map(Operation::getOperationId)
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(covered).containsAll(operations);
    assertThat(operations).containsAll(covered);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theRequestIsAcceptedByTheExamplesOperation(Path example) throws IOException {
    JsonObject json = read(example);
    JsonObject request = json.getJsonObject("request");
    HttpRequest<Buffer> call =
        client.request(
            HttpMethod.valueOf(request.getString("method")),
            validatingServer.actualPort(),
            "127.0.0.1",
            request.getString("path"));
    request
        .getJsonObject("headers", new JsonObject())
        .forEach(h -> call.putHeader(h.getKey(), String.valueOf(h.getValue())));
    // WebClient reads the whole answer before it completes, so no part of it can be missed.
    HttpResponse<Buffer> response =
        await(
            request.containsKey("body")
                ? call.putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer(Json.encode(request.getValue("body"))))
                : call.send());
    JsonObject answer =
        new JsonObject()
            .put("status", response.statusCode())
            .put("text", String.valueOf(response.bodyAsString()));

    assertThat(answer.getInteger("status")).as(answer.getString("text")).isEqualTo(200);
    assertThat(answer.getString("text")).isEqualTo(json.getString("operationId"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theResponseMatchesTheContract(Path example) throws IOException {
    JsonObject json = read(example);
    JsonObject response = json.getJsonObject("response");
    String contentType = response.getString("contentType");
    Buffer body =
        response.getValue("body") instanceof JsonObject object
            ? object.toBuffer()
            : Buffer.buffer(response.getString("text", ""));
    ValidatableResponse validatable =
        contentType == null
            ? ValidatableResponse.create(response.getInteger("status"))
            : ValidatableResponse.create(
                response.getInteger("status"),
                body,
                ContractDocument.validatorMediaType(contentType));

    await(
        ResponseValidator.create(vertx, contract)
            .validate(validatable, json.getString("operationId")));
  }

  private static JsonObject read(Path example) throws IOException {
    return new JsonObject(Files.readString(example));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e.getCause() != null ? e.getCause().getMessage() : e.toString(), e);
    }
  }
}
