package nl.koers.platform.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nl.koers.platform.security.Authorizations;

/**
 * The one way handlers answer a success. Before the answer goes out, the access-log lines the
 * request owes are written ({@link Authorizations#settle}), and when the request is idempotent (it
 * carried an {@code Idempotency-Key}) the answer is remembered, so a retry gets exactly this answer
 * again - a 204 included.
 */
public final class Replies {

  static final String RECORDER = "koers.responseRecorder";

  /** Remembers an answer for later replay. */
  @FunctionalInterface
  public interface Recorder {
    Future<Void> record(int status, Map<String, String> headers, String body);
  }

  private Replies() {}

  public static void ok(RoutingContext rc, JsonObject body) {
    json(rc, 200, Map.of(), body);
  }

  /**
   * How a route answers its call: 200 with the view of what the call answered, or the failure as
   * problem details ({@code .onComplete(Replies.ok(rc, view))}).
   */
  public static <T> Handler<AsyncResult<T>> ok(RoutingContext rc, Function<T, JsonObject> view) {
    return done -> {
      if (done.failed()) {
        rc.fail(done.cause());
      } else {
        ok(rc, view.apply(done.result()));
      }
    };
  }

  /**
   * As {@link #ok(RoutingContext, Function)} for a call that answers a list: 200 with {@code
   * {"items": [...]}}, each item in its view, in the order the call gave them.
   */
  public static <T> Handler<AsyncResult<List<T>>> items(
      RoutingContext rc, Function<T, JsonObject> view) {
    return ok(
        rc,
        found -> new JsonObject().put("items", new JsonArray(found.stream().map(view).toList())));
  }

  public static void created(RoutingContext rc, String location, JsonObject body) {
    json(rc, 201, Map.of("Location", location), body);
  }

  /** 204: done, nothing to say. Remembered like any other answer. */
  public static void noContent(RoutingContext rc) {
    send(rc, 204, new LinkedHashMap<>(), null);
  }

  /** 200 with a body that is not plain JSON (e.g. FHIR), as it is. */
  public static void ok(RoutingContext rc, String contentType, String body) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(HttpHeaders.CONTENT_TYPE.toString(), contentType);
    send(rc, 200, all, body);
  }

  public static void json(
      RoutingContext rc, int status, Map<String, String> headers, JsonObject body) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(HttpHeaders.CONTENT_TYPE.toString(), "application/json");
    send(rc, status, all, body.encode());
  }

  private static void send(RoutingContext rc, int status, Map<String, String> all, String body) {
    String byContent = ConditionalRequests.contentTag(rc, status, body);
    if (byContent != null) {
      rc.response().putHeader(HttpHeaders.ETAG, byContent);
      if (ConditionalRequests.clientHas(rc, byContent)) {
        // The client has this very answer: 304, no body. Still a read, so its lines are written.
        Map<String, String> tagOnly = new LinkedHashMap<>();
        tagOnly.put(HttpHeaders.ETAG.toString(), byContent);
        send(rc, 304, tagOnly, null);
        return;
      }
    }
    String etag = rc.response().headers().get(HttpHeaders.ETAG);
    if (etag != null) {
      all.put(HttpHeaders.ETAG.toString(), etag);
    }
    Recorder recorder = rc.get(RECORDER);
    Callers.authorizations(rc)
        .settle()
        .compose(
            logged ->
                recorder == null ? Future.succeededFuture() : recorder.record(status, all, body))
        .onComplete(
            done -> {
              if (done.failed()) {
                rc.fail(done.cause());
                return;
              }
              all.forEach(rc.response()::putHeader);
              rc.response().setStatusCode(status);
              if (body == null) {
                rc.response().end();
              } else {
                rc.response().end(body);
              }
            });
  }

  /**
   * Sends a remembered answer again, as it was, once the replay has been allowed again (and its
   * access-log lines are written).
   */
  public static void replay(
      RoutingContext rc, int status, Map<String, String> headers, String body) {
    Callers.authorizations(rc)
        .settle()
        .onSuccess(
            logged -> {
              headers.forEach(rc.response()::putHeader);
              rc.response().putHeader("Idempotent-Replayed", "true").setStatusCode(status);
              if (body == null) {
                rc.response().end();
              } else {
                rc.response().end(body);
              }
            })
        .onFailure(rc::fail);
  }

  /** Lets a request's answer be remembered (set by the idempotency handler). */
  public static void recordWith(RoutingContext rc, Recorder recorder) {
    rc.put(RECORDER, recorder);
  }
}
