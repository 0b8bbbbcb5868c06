package nl.koers.platform.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import nl.koers.platform.config.KoersConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' listener ({@code KOERS_MANAGEMENT_HOST}:{@code KOERS_MANAGEMENT_PORT}, loopback by
 * default): metrics say which routes are used how often and how fast, which an outsider on the
 * public listener must not learn, and a scrape should not compete with the app's rate limits. One
 * instance is plenty for a scraper every few seconds.
 */
public final class ManagementVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ManagementVerticle.class);

  /** A silent scraper connection is closed after this long. */
  private static final int IDLE_SECONDS = 60;

  private final KoersConfig.Management where;
  private final Supplier<Future<Router>> routerFactory;
  private HttpServer server;

  public ManagementVerticle(KoersConfig.Management where, Supplier<Future<Router>> routerFactory) {
    this.where = where;
    this.routerFactory = routerFactory;
  }

  /** The management listener as deployed: its deployment id and the port it serves. */
  public record Deployed(String id, int port) {}

  public static Future<Deployed> deploy(
      Vertx vertx, KoersConfig.Management where, Supplier<Future<Router>> routerFactory) {
    ManagementVerticle verticle = new ManagementVerticle(where, routerFactory);
    return vertx.deployVerticle(verticle).map(id -> new Deployed(id, verticle.server.actualPort()));
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
                            .setHost(where.host())
                            .setPort(where.port())
                            .setIdleTimeout(IDLE_SECONDS)
                            .setIdleTimeoutUnit(TimeUnit.SECONDS))
                    .requestHandler(router)
                    .invalidRequestHandler(InvalidRequests::answer)
                    .listen())
        .onSuccess(
            listening -> {
              server = listening;
              LOG.atInfo()
                  .addKeyValue("host", where.host())
                  .addKeyValue("port", listening.actualPort())
                  .log("management listening");
            });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
