package nl.koers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.koers.platform.config.KoersConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a process, the way it is run: started by {@code Main} on the embedded default,
 * stopped with SIGTERM while a request is still arriving.
 */
class GracefulShutdownTest {

  @TempDir Path dataDir;

  @Test
  void sigtermLetsTheRequestInFlightFinishThenExitsAndLogsAsJson() throws Exception {
    int port = freePort();
    Path log = dataDir.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put(KoersConfig.HTTP_PORT, Integer.toString(port));
    builder.environment().put(KoersConfig.DATA_DIR, dataDir.resolve("data").toString());
    builder.environment().put(KoersConfig.SHUTDOWN_GRACE_SECONDS, "10");
    builder.environment().remove(KoersConfig.MONGODB_URI);
    Process server = builder.start();
    try {
      waitUntilReady(port);

      try (Socket socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        String body = "{\"hello\": \"world\"}";
        out.write(
            ("POST /v1/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: in-flight-0001\r\n"
                    + "Content-Type: application/json\r\nContent-Length: "
                    + body.length()
                    + "\r\n\r\n"
                    + body.substring(0, 5))
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(300);

        server.destroy(); // SIGTERM
        Thread.sleep(700);
        out.write(body.substring(5).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String answer = readHead(socket.getInputStream());

        assertThat(answer).startsWith("HTTP/1.1 404");
        assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
      }
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();

      List<JsonObject> lines =
          Files.readAllLines(log).stream()
              .filter(line -> line.startsWith("{"))
              .map(JsonObject::new)
              .toList();
      assertThat(lines)
          .anySatisfy(line -> assertThat(line.getString("message")).isEqualTo("stopped"));
      assertThat(lines)
          .anySatisfy(
              line ->
                  assertThat(line.encode())
                      .contains("\"requestId\":\"in-flight-0001\"")
                      .contains("\"status\":\"404\""));
    } finally {
      server.destroyForcibly();
    }
  }

  private static void waitUntilReady(int port) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpURLConnection connection =
            (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/health/ready").toURL().openConnection();
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("server did not become ready");
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
