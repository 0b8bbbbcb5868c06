package nl.koers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.KoersProcess;
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
    Path log = dataDir.resolve("server.log");
    KoersProcess koers =
        KoersProcess.start(
            Map.of(
                KoersConfig.DATA_DIR,
                dataDir.resolve("data").toString(),
                KoersConfig.SHUTDOWN_GRACE_SECONDS,
                "10",
                // Several HTTP instances whatever the machine: the one with the request waits.
                KoersConfig.HTTP_INSTANCES,
                "3"),
            log);
    Process server = koers.process;
    int port = koers.port;
    try {

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
}
