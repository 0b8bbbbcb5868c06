package nl.koers.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import nl.koers.Main;
import nl.koers.platform.config.KoersConfig;

/**
 * Koers as a separate server process (java Main), on a free loopback port, for black-box tests. Its
 * client holds every answer to the contract ({@link ContractCheck}), as {@link RunningKoers}'s
 * does: a process test is a contract test too.
 */
public final class KoersProcess implements AutoCloseable {

  public final Process process;
  public final int port;

  /** Made on the first call through it: tests that speak raw HTTP never load the contract. */
  private Vertx vertx;

  private WebClient client;

  private KoersProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  private WebClient client() {
    if (client == null) {
      vertx = Vertx.vertx();
      client =
          ContractCheck.on(
              vertx,
              WebClient.create(
                  vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)));
    }
    return client;
  }

  /** Starts the server with these settings (environment) and waits until it is ready. */
  public static KoersProcess start(Map<String, String> settings, Path log) throws IOException {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove(KoersConfig.MONGODB_URI);
    builder.environment().putAll(settings);
    builder.environment().put(KoersConfig.HTTP_HOST, "127.0.0.1");
    builder.environment().put(KoersConfig.HTTP_PORT, Integer.toString(port));
    builder.environment().put(KoersConfig.MANAGEMENT_PORT, "0");
    KoersProcess started = new KoersProcess(builder.start(), port);
    started.waitUntilReady();
    return started;
  }

  /** A dev-mode session as this demo person ({@code POST /v1/dev/session}). */
  public JsonObject devSession(String handle) {
    return succeeded(post(null, "/v1/dev/session", new JsonObject().put("person", handle)))
        .bodyAsJsonObject();
  }

  /** A POST with this access token (none: {@code null}). */
  public HttpResponse<Buffer> post(String accessToken, String path, JsonObject body) {
    return send(HttpMethod.POST, accessToken, path, body, Map.of());
  }

  public HttpResponse<Buffer> get(String accessToken, String path) {
    return send(HttpMethod.GET, accessToken, path, null, Map.of());
  }

  /**
   * The person turns quiet hours off (equal start and end), so tests on the wall clock push at any
   * time of day; quiet hours themselves are tested with a fixed clock. Based on what is saved now:
   * the read's ETag goes along as If-Match.
   */
  public void withoutQuietHours(String accessToken) {
    String path = "/v1/me/notification-preferences";
    String etag = succeeded(get(accessToken, path)).getHeader("ETag");
    succeeded(
        send(
            HttpMethod.PUT,
            accessToken,
            path,
            new JsonObject()
                .put("types", new JsonObject())
                .put("quietHours", new JsonObject().put("start", "00:00").put("end", "00:00")),
            Map.of("If-Match", etag)));
  }

  /** The answer, if it is a success; else the test fails with what the server said. */
  public static HttpResponse<Buffer> succeeded(HttpResponse<Buffer> answer) {
    if (answer.statusCode() / 100 != 2) {
      throw new AssertionError("answered " + answer.statusCode() + ": " + answer.bodyAsString());
    }
    return answer;
  }

  private HttpResponse<Buffer> send(
      HttpMethod method,
      String accessToken,
      String path,
      JsonObject body,
      Map<String, String> headers) {
    HttpRequest<Buffer> request = client().request(method, path);
    if (accessToken != null) {
      request.bearerTokenAuthentication(accessToken);
    }
    headers.forEach(request::putHeader);
    return Http.await(body == null ? request.send() : request.sendJsonObject(body));
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private void waitUntilReady() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("server process exited with " + process.exitValue());
      }
      try {
        HttpURLConnection connection =
            (HttpURLConnection) uri("/health/ready").toURL().openConnection();
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Eventually.pause(Duration.ofMillis(200));
    }
    throw new AssertionError("server did not become ready");
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Like {@code kill -9}: no shutdown hook, nothing finished. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
    if (client != null) {
      client.close();
      Http.await(vertx.close());
    }
  }
}
