package nl.koers.testing;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;

/** Small helpers that keep HTTP tests reading like what a client does. */
public final class Http {

  private Http() {}

  /** Waits (on the test thread, never on an event loop) for a future's result. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("did not complete: " + e, e);
    }
  }

  /** The body of a problem answer, after checking it is one. */
  public static JsonObject problem(HttpResponse<Buffer> response) {
    String type = response.getHeader("Content-Type");
    if (type == null || !type.startsWith("application/problem+json")) {
      throw new AssertionError(
          "expected application/problem+json, got " + type + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }
}
