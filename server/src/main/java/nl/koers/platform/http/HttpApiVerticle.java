package nl.koers.platform.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the contract's router over HTTP. On undeploy the server stops taking new connections and
 * lets requests in flight finish (up to the grace period) before it closes.
 */
public final class HttpApiVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);

  private final String host;
  private final int port;
  private final int graceSeconds;
  private final Supplier<Future<Router>> routerFactory;
  private HttpServer server;

  public HttpApiVerticle(
      String host, int port, int graceSeconds, Supplier<Future<Router>> routerFactory) {
    this.host = host;
    this.port = port;
    this.graceSeconds = graceSeconds;
    this.routerFactory = routerFactory;
  }

  @Override
  public Future<?> start() {
    return routerFactory
        .get()
        .compose(
            router ->
                vertx
                    .createHttpServer(
                        new HttpServerOptions()
                            .setHost(host)
                            .setPort(port)
                            .setCompressionSupported(true))
                    .requestHandler(router)
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
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(graceSeconds, TimeUnit.SECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
