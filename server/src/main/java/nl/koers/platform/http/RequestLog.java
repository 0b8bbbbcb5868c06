package nl.koers.platform.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a new one),
 * returns it in the response, and writes one structured log line per request when it ends. The line
 * holds method, route, status and timing, never query strings, bodies or personal data. A platform
 * handler, so it runs first, before the body is read.
 */
public final class RequestLog implements PlatformHandler {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "koers.requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");
  private static final Logger LOG = LoggerFactory.getLogger("koers.access");

  @Override
  public void handle(RoutingContext rc) {
    String incoming = rc.request().getHeader(HEADER);
    String id =
        incoming != null && SANE.matcher(incoming).matches()
            ? incoming
            : UUID.randomUUID().toString();
    rc.put(KEY, id);
    rc.response().putHeader(HEADER, id);
    long started = System.nanoTime();
    rc.addBodyEndHandler(
        v ->
            LOG.atInfo()
                .addKeyValue("requestId", id)
                .addKeyValue("method", rc.request().method().name())
                .addKeyValue("path", rc.request().path())
                .addKeyValue("status", rc.response().getStatusCode())
                .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000.0)
                .log("request"));
    rc.next();
  }

  /** The id of the request, for logs and problem answers. */
  public static String requestId(RoutingContext rc) {
    String id = rc.get(KEY);
    return id != null ? id : "-";
  }
}
