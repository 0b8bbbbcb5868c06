package nl.koers.platform.http;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import nl.koers.platform.config.KoersConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that holds a connection without finishing a request, one that goes silent, one too many,
 * and requests the HTTP codec cannot read: each is closed or answered, never kept forever and never
 * with an empty body.
 */
class SlowClientsTest {

  private static final int HEADER_SECONDS = 1;
  private static final int IDLE_SECONDS = 2;
  private static final int MAX_CONNECTIONS = 3;

  private final Vertx vertx = Vertx.vertx();
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    await(vertx.close());
  }

  /** Two instances answering {@code GET /hello}, with the test's limits. */
  private int deploy() {
    int port = HttpApiVerticle.sharedPort(0);
    AtomicInteger open = new AtomicInteger();
    List<HttpApiVerticle> instances = new CopyOnWriteArrayList<>();
    KoersConfig.HttpLimits limits =
        new KoersConfig.HttpLimits(IDLE_SECONDS, HEADER_SECONDS, MAX_CONNECTIONS);
    await(
        vertx.deployVerticle(
            () -> {
              HttpApiVerticle one =
                  new HttpApiVerticle(
                      "127.0.0.1",
                      port,
                      1,
                      limits,
                      open,
                      () -> {
                        Router router = Router.router(vertx);
                        router.get("/hello").handler(rc -> rc.end("hello"));
                        return Future.succeededFuture(router);
                      });
              instances.add(one);
              return one;
            },
            new DeploymentOptions().setInstances(2)));
    return instances.get(0).actualPort();
  }

  private Socket connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    sockets.add(socket);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Everything the server sends until it closes; fails if it keeps the connection 10 s. */
  private static String readUntilClosed(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        seen.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException stillOpen) {
      throw new AssertionError("the server kept the connection open for 10 s", stillOpen);
    } catch (IOException reset) {
      // A reset is a close too.
    }
    return seen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRequestHeadThatNeverEndsIsClosedAfterTheHeaderTimeEvenWhileBytesTrickleIn()
      throws Exception {
    Socket socket = connect(deploy());
    long started = System.nanoTime();
    send(socket, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    // A byte at a time, never silent long enough for the idle timeout.
    for (int i = 0; i < 4; i++) {
      Thread.sleep(400);
      try {
        send(socket, "X");
      } catch (IOException closed) {
        break;
      }
    }

    String answer = readUntilClosed(socket);

    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(answer).as("nothing was answered").isEmpty();
    assertThat(seconds).as("closed after the header time, not the idle time").isLessThan(9.0);
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAndOneThatFinishesItsRequestIsAnswered()
      throws Exception {
    int port = deploy();
    Socket silent = connect(port);
    Socket prompt = connect(port);
    send(prompt, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

    assertThat(readUntilClosed(prompt)).startsWith("HTTP/1.1 200").endsWith("hello");
    assertThat(readUntilClosed(silent)).isEmpty();
  }

  @Test
  void aKeptAliveConnectionGetsTheHeaderTimeAgainAfterEachAnswer() throws Exception {
    Socket socket = connect(deploy());
    send(socket, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    Thread.sleep(700);
    send(socket, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    String answers = readUntilClosed(socket);

    assertThat(answers.split("HTTP/1.1 200", -1)).as("two answers, then closed").hasSize(3);
  }

  @Test
  void connectionsBeyondTheCapAreClosedAtOnceAndAFreedPlaceCanBeUsedAgain() throws Exception {
    int port = deploy();
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < MAX_CONNECTIONS; i++) {
      held.add(connect(port));
    }
    Thread.sleep(200);
    Socket surplus = connect(port);
    surplus.setSoTimeout(HEADER_SECONDS * 500);
    assertThat(readsEndOfStream(surplus)).as("closed at once, before any header time").isTrue();

    held.get(0).close();
    Thread.sleep(200);
    Socket next = connect(port);
    send(next, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(readUntilClosed(next)).startsWith("HTTP/1.1 200");
  }

  private static boolean readsEndOfStream(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Test
  void headersTooLargeAreAProblemAndTheConnectionCloses() throws Exception {
    Socket socket = connect(deploy());
    send(
        socket,
        "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\nX-Big: "
            + "a".repeat(10_000)
            + "\r\n\r\n");

    Answer answer = Answer.of(readUntilClosed(socket));

    assertThat(answer.status).isEqualTo(431);
    assertThat(answer.head).containsIgnoringCase("content-type: application/problem+json");
    assertThat(answer.body.getString("type")).isEqualTo("urn:koers:problem:headers-too-large");
    // The headers could not be read, so neither could the language: Dutch, the default.
    assertThat(answer.body.getString("title")).isEqualTo("Headers te groot");
    assertThat(answer.body.getString("requestId")).isNotBlank();
  }

  @Test
  void anAddressTooLongIsAProblemInDutchByDefault() throws Exception {
    Socket socket = connect(deploy());
    send(socket, "GET /hello?q=" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    Answer answer = Answer.of(readUntilClosed(socket));

    assertThat(answer.status).isEqualTo(414);
    assertThat(answer.body.getString("type")).isEqualTo("urn:koers:problem:uri-too-long");
    assertThat(answer.body.getString("title")).isEqualTo("Adres te lang");
  }

  @Test
  void twoContentLengthsAreABadRequestWithABodyInTheClientsLanguage() throws Exception {
    Socket socket = connect(deploy());
    send(
        socket,
        "POST /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en-GB, nl;q=0.5\r\n"
            + "Content-Length: 2\r\nContent-Length: 5\r\n\r\n"
            + "hello");

    Answer answer = Answer.of(readUntilClosed(socket));

    assertThat(answer.status).isEqualTo(400);
    assertThat(answer.body.getString("type")).isEqualTo("urn:koers:problem:bad-request");
    assertThat(answer.body.getInteger("status")).isEqualTo(400);
    assertThat(answer.head).containsIgnoringCase("content-language: en");
  }

  /** One HTTP answer as read off the socket. */
  private record Answer(int status, String head, JsonObject body) {
    static Answer of(String raw) {
      // An answer to a request line that could not be read is in HTTP/1.0.
      assertThat(raw).startsWith("HTTP/1.");
      int end = raw.indexOf("\r\n\r\n");
      String head = raw.substring(0, end);
      return new Answer(
          Integer.parseInt(raw.substring(9, 12)), head, new JsonObject(raw.substring(end + 4)));
    }
  }
}
