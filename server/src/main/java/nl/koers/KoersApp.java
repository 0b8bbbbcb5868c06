package nl.koers;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.koers.api.HttpApiVerticle;
import nl.koers.api.SystemHandlers;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.http.ContractRouter;
import nl.koers.platform.http.RateLimiter;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.MongoConnection;

/**
 * Koers, wired: MongoDB (real or embedded), the collections and indexes every capability declares,
 * and the HTTP API built from the contract. {@link #stop()} is the graceful way down.
 */
public final class KoersApp {

  /** The contract, on the classpath (module {@code openapi}). */
  public static final String CONTRACT = "koers.yaml";

  /** Every collection the application uses, with the indexes its queries need. */
  static final List<CollectionSpec> COLLECTIONS = List.of(IdempotencyStore.SPEC);

  private final Vertx vertx;
  private final MongoConnection connection;
  private final HttpApiVerticle api;
  private final String deploymentId;

  private KoersApp(
      Vertx vertx, MongoConnection connection, HttpApiVerticle api, String deploymentId) {
    this.vertx = vertx;
    this.connection = connection;
    this.api = api;
    this.deploymentId = deploymentId;
  }

  public static Future<KoersApp> start(
      Vertx vertx, KoersConfig config, Clock clock, PrometheusMeterRegistry registry) {
    return MongoConnection.open(vertx, config)
        .compose(
            connection ->
                connection
                    .mongo()
                    .ensure(COLLECTIONS)
                    .compose(v -> vertx.fileSystem().readFile(CONTRACT))
                    .compose(
                        contract -> {
                          SystemHandlers system =
                              new SystemHandlers(
                                  vertx, contract, connection.mongo()::ping, registry);
                          Map<String, List<Handler<RoutingContext>>> operations =
                              new HashMap<>(system.operations());
                          ContractRouter.Plumbing plumbing =
                              new ContractRouter.Plumbing(
                                  List.of(
                                      new RateLimiter(
                                          config.rateLimitPerMinute(),
                                          clock,
                                          RateLimiter::clientAddress)));
                          HttpApiVerticle api =
                              new HttpApiVerticle(
                                  config.httpHost(),
                                  config.httpPort(),
                                  config.shutdownGraceSeconds(),
                                  () ->
                                      ContractRouter.create(vertx, CONTRACT, operations, plumbing));
                          return vertx
                              .deployVerticle(api)
                              .map(id -> new KoersApp(vertx, connection, api, id));
                        })
                    .onFailure(e -> connection.close()));
  }

  public int port() {
    return api.actualPort();
  }

  /** Lets requests in flight finish, then closes the database connection. */
  public Future<Void> stop() {
    return vertx
        .undeploy(deploymentId)
        .eventually(() -> vertx.executeBlocking(this::closeConnection, false));
  }

  private Void closeConnection() {
    connection.close();
    return null;
  }
}
