package nl.koers.platform.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import nl.koers.platform.config.KoersConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the contract's router over HTTP, deployed as several instances (one event loop each) that
 * share one listening socket: Vert.x spreads the connections over them. On undeploy the server
 * stops taking new connections and lets requests in flight finish (up to the grace period) before
 * it closes.
 */
public final class HttpApiVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);
  private static final AtomicInteger RANDOM_PORTS = new AtomicInteger();

  private final String host;
  private final int port;
  private final int graceSeconds;
  private final Supplier<Future<Router>> routerFactory;
  private final KoersConfig.HttpLimits limits;
  private final AtomicInteger openConnections;
  private HttpServer server;
  private ConnectionGuard guard;

  /**
   * One instance; {@code openConnections} is shared by all instances of one deployment, so the
   * connection cap holds for the server, not per event loop.
   */
  public HttpApiVerticle(
      String host,
      int port,
      int graceSeconds,
      KoersConfig.HttpLimits limits,
      AtomicInteger openConnections,
      Supplier<Future<Router>> routerFactory) {
    this.host = host;
    this.port = port;
    this.graceSeconds = graceSeconds;
    this.limits = limits;
    this.openConnections = openConnections;
    this.routerFactory = routerFactory;
  }

  /**
   * The port to give every instance of one deployment. Instances listening on one port share its
   * socket, but on port 0 each would bind a random port of its own; a negative port is Vert.x's
   * shared random port instead: the first instance binds a random port, the others with the same
   * negative value share it. Each deployment gets its own value, so two servers in one Vert.x never
   * share a socket.
   */
  /** The HTTP API as deployed: its deployment id and the port all its instances serve. */
  public record Deployed(String id, int port) {}

  /**
   * Deploys {@code KOERS_HTTP_INSTANCES} instances (one event loop each) on one shared port; each
   * builds its own router from the contract.
   */
  public static Future<Deployed> deploy(
      Vertx vertx, KoersConfig config, Supplier<Future<Router>> routerFactory) {
    int port = sharedPort(config.httpPort());
    List<HttpApiVerticle> instances = new CopyOnWriteArrayList<>();
    AtomicInteger openConnections = new AtomicInteger();
    Supplier<HttpApiVerticle> instance =
        () -> {
          HttpApiVerticle one =
              new HttpApiVerticle(
                  config.httpHost(),
                  port,
                  config.shutdownGraceSeconds(),
                  config.httpLimits(),
                  openConnections,
                  routerFactory);
          instances.add(one);
          return one;
        };
    return vertx
        .deployVerticle(instance, new DeploymentOptions().setInstances(config.httpInstances()))
        .map(id -> new Deployed(id, instances.get(0).actualPort()));
  }

  public static int sharedPort(int port) {
    return port == 0 ? -RANDOM_PORTS.incrementAndGet() : port;
  }

  @Override
  public Future<?> start() {
    guard = new ConnectionGuard(vertx, limits, openConnections);
    return routerFactory
        .get()
        .compose(
            router ->
                vertx
                    .createHttpServer(
                        new HttpServerOptions()
                            .setHost(host)
                            .setPort(port)
                            .setCompressionSupported(true)
                            // HTTP/1 from the first byte: with cleartext HTTP/2 detection on, a
                            // connection is not handed over (nor counted) until it sends.
                            .setHttp2ClearTextEnabled(false)
                            .setIdleTimeout(limits.idleSeconds())
                            .setIdleTimeoutUnit(TimeUnit.SECONDS))
                    .connectionHandler(guard::connected)
                    .requestHandler(
                        request -> {
                          guard.headArrived(request);
                          router.handle(request);
                        })
                    .invalidRequestHandler(InvalidRequests::answer)
                    .listen())
        .onSuccess(
            listening -> {
              server = listening;
              LOG.atInfo()
                  .addKeyValue("host", host)
                  .addKeyValue("port", listening.actualPort())
                  .log("HTTP API listening");
            });
  }

  @Override
  public Future<?> stop() {
    if (guard != null) {
      guard.stop();
    }
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(graceSeconds, TimeUnit.SECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
