package nl.koers.testing;

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

/** Koers as a separate server process (java Main), on a free loopback port, for black-box tests. */
public final class KoersProcess implements AutoCloseable {

  public final Process process;
  public final int port;

  private KoersProcess(Process process, int port) {
    this.process = process;
    this.port = port;
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
    KoersProcess started = new KoersProcess(builder.start(), port);
    started.waitUntilReady();
    return started;
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
  }
}
