package nl.koers.testing;

import static nl.koers.testing.Http.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stand-in for FCM's HTTP v1 API on loopback, for the real Admin SDK to push to. It keeps every
 * request, answers 200 by default, and answers what a test scripts first: FCM's error bodies (so
 * the SDK reports the real error codes), or no answer at all for a while.
 */
public final class FakeFcm implements AutoCloseable {

  /** One scripted answer. */
  public record Answer(int status, String fcmErrorCode, String grpcStatus, String retryAfter) {

    public static Answer unavailable(String retryAfter) {
      return new Answer(503, null, "UNAVAILABLE", retryAfter);
    }

    public static Answer quotaExceeded() {
      return new Answer(429, "QUOTA_EXCEEDED", "RESOURCE_EXHAUSTED", null);
    }

    public static Answer unregistered() {
      return new Answer(404, "UNREGISTERED", "NOT_FOUND", null);
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<JsonObject> received = new ArrayList<>();
  private final List<JsonObject> accepted = new ArrayList<>();
  private final AtomicBoolean holding = new AtomicBoolean();
  private final List<HttpServerRequest> held = new ArrayList<>();

  public FakeFcm() {
    server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request ->
                        request.body().onSuccess(body -> answer(request, body.toJsonObject())))
                .listen(0, "127.0.0.1"));
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  public synchronized void then(Answer... answers) {
    script.addAll(List.of(answers));
  }

  /** Takes requests in but does not answer them until {@link #release()}. */
  public void hold() {
    holding.set(true);
  }

  /** Answers the held requests with 200 (FCM took them, whoever still listens). */
  public synchronized void release() {
    holding.set(false);
    held.forEach(request -> ok(request));
    held.clear();
  }

  /**
   * As if new: held requests are answered, scripted answers dropped, what arrived forgotten (for
   * the next test on a shared server).
   */
  public synchronized void reset() {
    release();
    script.clear();
    received.clear();
    accepted.clear();
  }

  /** Every messages:send body that arrived, including refused ones. */
  public synchronized List<JsonObject> received() {
    return List.copyOf(received);
  }

  /** The messages FCM took (answered 200). */
  public synchronized List<JsonObject> accepted() {
    return List.copyOf(accepted);
  }

  private synchronized void answer(HttpServerRequest request, JsonObject body) {
    received.add(body);
    if (holding.get()) {
      held.add(request);
      accepted.add(body);
      return;
    }
    Answer next = script.poll();
    if (next == null) {
      accepted.add(body);
      ok(request);
      return;
    }
    JsonObject error =
        new JsonObject()
            .put("code", next.status())
            .put("message", "scripted")
            .put("status", next.grpcStatus());
    if (next.fcmErrorCode() != null) {
      error.put(
          "details",
          new io.vertx.core.json.JsonArray()
              .add(
                  new JsonObject()
                      .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
                      .put("errorCode", next.fcmErrorCode())));
    }
    request.response().setStatusCode(next.status()).putHeader("Content-Type", "application/json");
    if (next.retryAfter() != null) {
      request.response().putHeader("Retry-After", next.retryAfter());
    }
    request.response().end(new JsonObject().put("error", error).encode());
  }

  private static void ok(HttpServerRequest request) {
    request
        .response()
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("name", "projects/demo-koers/messages/" + System.nanoTime())
                .encode());
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
