package nl.koers;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.koers.api.HttpApiVerticle;
import nl.koers.api.KeysHandler;
import nl.koers.api.SystemHandlers;
import nl.koers.identity.SigningKeys;
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

  /** What the HTTP API is built from, once loaded. */
  private record Parts(
      KoersConfig config,
      Clock clock,
      PrometheusMeterRegistry registry,
      MongoConnection connection,
      SigningKeys keys,
      Buffer contract) {}

  public static Future<KoersApp> start(
      Vertx vertx, KoersConfig config, Clock clock, PrometheusMeterRegistry registry) {
    return MongoConnection.open(vertx, config)
        .compose(
            connection ->
                connection
                    .mongo()
                    .ensure(COLLECTIONS)
                    .compose(v -> loadSigningKeys(vertx, config, clock))
                    .compose(
                        keys ->
                            vertx
                                .fileSystem()
                                .readFile(CONTRACT)
                                .map(
                                    contract ->
                                        new Parts(
                                            config, clock, registry, connection, keys, contract)))
                    .compose(parts -> deploy(vertx, parts))
                    .onFailure(e -> connection.close()));
  }

  private static Future<KoersApp> deploy(Vertx vertx, Parts parts) {
    KoersConfig config = parts.config();
    Map<String, List<Handler<RoutingContext>>> operations = operations(vertx, parts);
    ContractRouter.Plumbing plumbing =
        new ContractRouter.Plumbing(
            List.of(
                new RateLimiter(
                    config.rateLimitPerMinute(), parts.clock(), RateLimiter::clientAddress)));
    HttpApiVerticle api =
        new HttpApiVerticle(
            config.httpHost(),
            config.httpPort(),
            config.shutdownGraceSeconds(),
            () -> ContractRouter.create(vertx, CONTRACT, operations, plumbing));
    return vertx.deployVerticle(api).map(id -> new KoersApp(vertx, parts.connection(), api, id));
  }

  /** Every operation id of the contract that is built, with its handlers. */
  private static Map<String, List<Handler<RoutingContext>>> operations(Vertx vertx, Parts parts) {
    SystemHandlers system =
        new SystemHandlers(
            vertx, parts.contract(), parts.connection().mongo()::ping, parts.registry());
    Map<String, List<Handler<RoutingContext>>> operations = new HashMap<>(system.operations());
    operations.put("getJwks", List.of(new KeysHandler(parts.keys(), parts.clock())::jwks));
    return operations;
  }

  /** Reading (or, on the embedded default, generating) RSA keys is slow: off the event loop. */
  private static Future<SigningKeys> loadSigningKeys(Vertx vertx, KoersConfig config, Clock clock) {
    return vertx.executeBlocking(
        () -> SigningKeys.load(config.signingKeysFile(), config.mayGenerateSigningKeys(), clock),
        false);
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
