package nl.koers.platform.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way handlers answer with JSON. When the request is idempotent (it carried an {@code
 * Idempotency-Key}), the answer is remembered before it is sent, so a retry gets exactly this
 * answer again.
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

  public static void created(RoutingContext rc, String location, JsonObject body) {
    json(rc, 201, Map.of("Location", location), body);
  }

  public static void json(
      RoutingContext rc, int status, Map<String, String> headers, JsonObject body) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(HttpHeaders.CONTENT_TYPE.toString(), "application/json");
    String etag = rc.response().headers().get(HttpHeaders.ETAG);
    if (etag != null) {
      all.put(HttpHeaders.ETAG.toString(), etag);
    }
    String encoded = body.encode();
    Recorder recorder = rc.get(RECORDER);
    Future<Void> remembered =
        recorder == null ? Future.succeededFuture() : recorder.record(status, all, encoded);
    remembered.onComplete(
        done -> {
          if (done.failed()) {
            rc.fail(done.cause());
            return;
          }
          all.forEach(rc.response()::putHeader);
          rc.response().setStatusCode(status).end(encoded);
        });
  }

  /** Sends a remembered answer again, as it was. */
  public static void replay(
      RoutingContext rc, int status, Map<String, String> headers, String body) {
    headers.forEach(rc.response()::putHeader);
    rc.response().putHeader("Idempotent-Replayed", "true").setStatusCode(status).end(body);
  }

  /** Lets a request's answer be remembered (set by the idempotency handler). */
  public static void recordWith(RoutingContext rc, Recorder recorder) {
    rc.put(RECORDER, recorder);
  }
}
