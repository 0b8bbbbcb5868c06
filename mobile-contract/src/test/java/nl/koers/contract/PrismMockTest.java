package nl.koers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an app developer gets from the README's mock command: Prism, on the mock contract, answers
 * an operation with its example (the one the example checks hold to the contract), and another
 * example on request with {@code Prefer: example=…}.
 */
class PrismMockTest {

  private static final Path PRISM = Path.of("node_modules", ".bin", "prism");
  private static Process prism;
  private static int port;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void startPrism() throws Exception {
    assertThat(PRISM).as("installed by mvn verify (npm ci)").exists();
    assertThat(MockContract.OUTPUT).as("built by mvn verify (process-test-classes)").exists();
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    prism =
        new ProcessBuilder(
                PRISM.toString(),
                "mock",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                MockContract.OUTPUT.toString())
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", "prism.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        get("/health/live", null, null);
        return;
      } catch (IOException notYet) {
        assertThat(prism.isAlive()).as("prism runs; see target/prism.log").isTrue();
        Thread.sleep(250);
      }
    }
    throw new AssertionError("prism did not listen within 60 s; see target/prism.log");
  }

  @AfterAll
  static void stopPrism() {
    if (prism != null) {
      prism.destroy();
    }
  }

  @Test
  void anOperationAnswersWithItsExample() throws Exception {
    JsonObject example = example("getMe");

    HttpResponse<String> answer = get("/v1/me", "Bearer any", null);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(answer.body()))
        .isEqualTo(example.getJsonObject("response").getJsonObject("body"));
  }

  @Test
  void anotherExampleIsChosenByName() throws Exception {
    Path situation = firstSituationExample();
    JsonObject example = new JsonObject(Files.readString(situation));
    String name = situation.getFileName().toString().replaceFirst("\\.json$", "");
    JsonObject request = example.getJsonObject("request");
    JsonObject response = example.getJsonObject("response");

    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + request.getString("path")))
                .method(
                    request.getString("method"),
                    request.containsKey("body")
                        ? HttpRequest.BodyPublishers.ofString(
                            request.getJsonObject("body").encode())
                        : HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer any")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "mock-1")
                .header("If-Match", "\"1\"")
                .header("Prefer", "code=" + response.getInteger("status") + ", example=" + name)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as(name).isEqualTo(response.getInteger("status"));
    assertThat(new JsonObject(answer.body())).as(name).isEqualTo(response.getJsonObject("body"));
  }

  /** A situation example (op.situation.json) of a GET whose answer is a JSON object. */
  private static Path firstSituationExample() throws IOException {
    try (var files = Files.list(MockContract.EXAMPLES)) {
      return files
          .filter(file -> file.getFileName().toString().chars().filter(c -> c == '.').count() == 2)
          .sorted()
          .filter(PrismMockTest::isGetWithJsonObjectBody)
          .findFirst()
          .orElseThrow();
    }
  }

  private static boolean isGetWithJsonObjectBody(Path file) {
    try {
      JsonObject example = new JsonObject(Files.readString(file));
      return "GET".equals(example.getJsonObject("request").getString("method"))
          && example.getJsonObject("response").getValue("body") instanceof JsonObject;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonObject example(String name) throws IOException {
    return new JsonObject(Files.readString(MockContract.EXAMPLES.resolve(name + ".json")));
  }

  private static HttpResponse<String> get(String path, String authorization, String prefer)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (prefer != null) {
      request.header("Prefer", prefer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
