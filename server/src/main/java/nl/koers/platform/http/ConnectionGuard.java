package nl.koers.platform.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nl.koers.platform.config.KoersConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow and surplus connections from holding the server. Vert.x's idle timeout closes a
 * connection that is silent, but a client that trickles a request head a byte at a time is never
 * silent: so each connection must deliver a whole request head within the header time, counted from
 * connecting and again from each answer. Connections beyond the cap (counted over all event loops
 * of one server) are closed at once. One guard per HTTP instance; the count is shared.
 *
 * <p>The end of an answer is noticed by a sweep once a second rather than by a response handler:
 * the router takes the response's end handler for itself. So the header time is kept to within a
 * second.
 */
final class ConnectionGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  private static final long SWEEP_MILLIS = 1000;

  /** A connection's state: the request being answered, or since when it waits for one. */
  private static final class Waiting {
    HttpServerRequest answering;
    long since;

    Waiting(long since) {
      this.since = since;
    }
  }

  private final Vertx vertx;
  private final KoersConfig.HttpLimits limits;
  private final AtomicInteger open;

  /** Touched only on this instance's event loop. */
  private final Map<HttpConnection, Waiting> connections = new HashMap<>();

  private long sweeper = -1;

  ConnectionGuard(Vertx vertx, KoersConfig.HttpLimits limits, AtomicInteger open) {
    this.vertx = vertx;
    this.limits = limits;
    this.open = open;
  }

  /** For {@code HttpServer.connectionHandler}. */
  void connected(HttpConnection connection) {
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      LOG.atWarn()
          .addKeyValue("remote", String.valueOf(connection.remoteAddress()))
          .addKeyValue("max", limits.maxConnections())
          .log("connection refused: too many open");
      connection.close();
      return;
    }
    if (sweeper < 0) {
      sweeper = vertx.setPeriodic(SWEEP_MILLIS, tick -> sweep());
    }
    connections.put(connection, new Waiting(now()));
    connection.closeHandler(
        closed -> {
          open.decrementAndGet();
          connections.remove(connection);
        });
  }

  /** Called when a request's head has arrived: no header time runs while it is answered. */
  void headArrived(HttpServerRequest request) {
    Waiting waiting = connections.get(request.connection());
    if (waiting != null) {
      waiting.answering = request;
    }
  }

  /** Stops the sweep (the server is stopping). */
  void stop() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
  }

  private void sweep() {
    long now = now();
    long limit = limits.headerSeconds() * 1000L;
    List<HttpConnection> tooSlow = new ArrayList<>();
    connections.forEach(
        (connection, waiting) -> {
          if (waiting.answering != null && waiting.answering.response().ended()) {
            waiting.answering = null;
            waiting.since = now;
          }
          if (waiting.answering == null && now - waiting.since >= limit) {
            tooSlow.add(connection);
          }
        });
    for (HttpConnection connection : tooSlow) {
      connections.remove(connection);
      LOG.atInfo()
          .addKeyValue("remote", String.valueOf(connection.remoteAddress()))
          .log("connection closed: no complete request head in time");
      connection.close();
    }
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
