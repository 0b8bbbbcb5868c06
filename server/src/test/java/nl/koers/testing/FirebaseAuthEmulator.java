package nl.koers.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The Firebase Auth emulator (npm firebase-tools, installed by the build into {@code
 * server/node_modules}), started once per test JVM through {@code firebase emulators:exec --only
 * auth} on free loopback ports, with {@code CI=true} and a scratch {@code HOME}. It stops when the
 * JVM exits, or by itself if the JVM dies.
 */
public final class FirebaseAuthEmulator {

  public static final String PROJECT_ID = "demo-koers";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static FirebaseAuthEmulator running;

  /** {@code 127.0.0.1:<port>}, as FIREBASE_AUTH_EMULATOR_HOST takes it. */
  public final String host;

  private final HttpClient http = HttpClient.newHttpClient();

  private FirebaseAuthEmulator(String host) {
    this.host = host;
  }

  public static synchronized FirebaseAuthEmulator get() {
    if (running == null) {
      running = start();
    }
    return running;
  }

  /** A new user; answers a fresh ID token for them. */
  public SignedIn signUp(String displayName) {
    JsonObject answer =
        post(
            "/identitytoolkit.googleapis.com/v1/accounts:signUp?key=emulator",
            new JsonObject()
                .put("email", UUID.randomUUID() + "@example.test")
                .put("password", "secret-" + UUID.randomUUID())
                .put("displayName", displayName)
                .put("returnSecureToken", true),
            false);
    return new SignedIn(answer.getString("localId"), answer.getString("idToken"));
  }

  /** Revokes every token issued to the user so far (as the Admin SDK's revokeRefreshTokens). */
  public void revokeTokensOf(SignedIn user) {
    long authTime = user.authTimeSeconds();
    update(
        new JsonObject().put("localId", user.uid()).put("validSince", Long.toString(authTime + 1)));
  }

  public void disable(SignedIn user) {
    update(new JsonObject().put("localId", user.uid()).put("disableUser", true));
  }

  /** A user and the ID token the emulator gave them. */
  public record SignedIn(String uid, String idToken) {
    long authTimeSeconds() {
      String payload = idToken.split("\\.")[1];
      return new JsonObject(
              new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
          .getLong("auth_time");
    }
  }

  private void update(JsonObject body) {
    post(
        "/identitytoolkit.googleapis.com/v1/projects/" + PROJECT_ID + "/accounts:update",
        body,
        true);
  }

  private JsonObject post(String path, JsonObject body, boolean asAdmin) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + host + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (asAdmin) {
      // The emulator's stand-in for an admin credential.
      request.header("Authorization", "Bearer owner");
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "emulator answered " + response.statusCode() + ": " + response.body());
      }
      return new JsonObject(response.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("emulator unreachable", e);
    }
  }

  private static FirebaseAuthEmulator start() {
    try {
      Path firebase = Path.of("node_modules", ".bin", "firebase").toAbsolutePath();
      if (!Files.isExecutable(firebase)) {
        throw new IllegalStateException(
            firebase + " is missing: run the build (mvn verify), which installs firebase-tools");
      }
      Path work = Files.createTempDirectory("koers-firebase-");
      Path home = Files.createDirectories(work.resolve("home"));
      int auth = freePort();
      Files.writeString(
          work.resolve("firebase.json"),
          new JsonObject()
              .put(
                  "emulators",
                  new JsonObject()
                      .put("auth", new JsonObject().put("host", "127.0.0.1").put("port", auth))
                      .put("hub", new JsonObject().put("host", "127.0.0.1").put("port", freePort()))
                      .put(
                          "logging",
                          new JsonObject().put("host", "127.0.0.1").put("port", freePort()))
                      .put("ui", new JsonObject().put("enabled", false))
                      .put("singleProjectMode", true))
              .encodePrettily());
      Path hold = work.resolve("hold.js");
      try (InputStream script =
          FirebaseAuthEmulator.class.getResourceAsStream("/firebase/hold.js")) {
        Files.copy(script, hold);
      }
      Path ready = work.resolve("ready");
      Path stop = work.resolve("stop");
      String held = "node " + hold + " " + ready + " " + stop + " " + ProcessHandle.current().pid();
      Path log = Path.of("target", "firebase-auth-emulator.log").toAbsolutePath();
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(
                      firebase.toString(),
                      "emulators:exec",
                      "--only",
                      "auth",
                      "--project",
                      PROJECT_ID,
                      "--config",
                      work.resolve("firebase.json").toString(),
                      held))
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("CI", "true");
      builder.environment().put("NO_UPDATE_NOTIFIER", "1");
      builder.environment().put("HOME", home.toString());
      Process process = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, stop)));
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      while (!Files.exists(ready)) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "Firebase Auth emulator did not start; see " + log + ":\n" + Files.readString(log));
        }
        Thread.sleep(200);
      }
      return new FirebaseAuthEmulator("127.0.0.1:" + auth);
    } catch (IOException e) {
      throw new IllegalStateException("could not start the Firebase Auth emulator", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void stop(Process process, Path stopFile) {
    try {
      Files.writeString(stopFile, "stop");
      if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
