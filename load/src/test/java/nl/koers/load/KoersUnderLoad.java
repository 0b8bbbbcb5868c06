package nl.koers.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Koers a load run talks to: the one at {@code KOERS_BASE_URL} (loopback only: a load test
 * never sends traffic off this machine), or else one started here from the server's jar on the
 * embedded default in dev mode, on a free loopback port, with a fresh data directory. A started one
 * gets a rate limit no phone mix reaches: the mix signs in few demo people very often, which the
 * per-person limit is there to stop in production.
 */
final class KoersUnderLoad {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern PERSON_ID =
      Pattern.compile("\"person\"\\s*:\\s*\\{[^}]*?\"id\"\\s*:\\s*\"([^\"]+)\"");

  final String baseUrl;
  private final Optional<Process> started;

  private KoersUnderLoad(String baseUrl, Optional<Process> started) {
    this.baseUrl = baseUrl;
    this.started = started;
  }

  static KoersUnderLoad startOrTarget() {
    String target = System.getenv("KOERS_BASE_URL");
    if (target != null && !target.isBlank()) {
      requireLoopback(target);
      return new KoersUnderLoad(target.replaceAll("/$", ""), Optional.empty());
    }
    try {
      return start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start Koers: " + e.getMessage(), e);
    }
  }

  private static void requireLoopback(String target) {
    String host = URI.create(target).getHost();
    try {
      if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
        throw new IllegalArgumentException("KOERS_BASE_URL must be a loopback address: " + target);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("KOERS_BASE_URL: unknown host " + host, e);
    }
  }

  private static KoersUnderLoad start() throws IOException {
    Path jar = Path.of(System.getProperty("koers.jar", "../server/target/koers-server.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IOException("no server jar at " + jar.toAbsolutePath() + " (build it first)");
    }
    Path work = Path.of(System.getProperty("koers.work", "target"));
    Path data = work.resolve("load-data");
    deleteTree(data);
    Files.createDirectories(data);
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("load-server.log").toFile());
    builder.environment().remove("MONGODB_URI");
    builder.environment().put("KOERS_HTTP_HOST", "127.0.0.1");
    builder.environment().put("KOERS_HTTP_PORT", Integer.toString(port));
    builder.environment().put("KOERS_DATA_DIR", data.toAbsolutePath().toString());
    builder.environment().put("KOERS_RATE_LIMIT_PER_MINUTE", "10000000");
    Process process = builder.start();
    KoersUnderLoad koers = new KoersUnderLoad("http://127.0.0.1:" + port, Optional.of(process));
    Runtime.getRuntime().addShutdownHook(new Thread(koers::stop));
    koers.awaitReady(process);
    return koers;
  }

  private void awaitReady(Process process) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("Koers exited with " + process.exitValue() + ", see its log");
      }
      try {
        if (get("/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      pause();
    }
    throw new IOException("Koers did not become ready in 90 s");
  }

  /** The id of a demo person, from a dev-mode sign-in (done once, before the run). */
  String idOf(String handle) {
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/v1/dev/session"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"person\":\"" + handle + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher id = PERSON_ID.matcher(answer.body());
      if (answer.statusCode() != 200 || !id.find()) {
        throw new IllegalStateException(
            "dev sign-in of " + handle + " answered " + answer.statusCode() + ": " + answer.body());
      }
      return id.group(1);
    } catch (IOException e) {
      throw new IllegalStateException("dev sign-in of " + handle + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the Koers this run started (SIGTERM: it finishes what is in flight). */
  void stop() {
    started.ifPresent(
        process -> {
          process.destroy();
          try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
              process.destroyForcibly();
            }
          } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
          }
        });
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
