package nl.koers;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.api.CircleHandlers;
import nl.koers.api.HttpApiVerticle;
import nl.koers.api.KeysHandler;
import nl.koers.api.RegistrationHandlers;
import nl.koers.api.SessionHandlers;
import nl.koers.api.SystemHandlers;
import nl.koers.circle.AccessLog;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Circles;
import nl.koers.circle.DemoRegion;
import nl.koers.circle.Registrations;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.AccessTokens;
import nl.koers.identity.Accounts;
import nl.koers.identity.Activations;
import nl.koers.identity.FirebaseAdminIdTokens;
import nl.koers.identity.FirebaseIdTokens;
import nl.koers.identity.KoersJwtAuth;
import nl.koers.identity.People;
import nl.koers.identity.RefreshTokens;
import nl.koers.identity.Sessions;
import nl.koers.identity.SigningKeys;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.ContractRouter;
import nl.koers.platform.http.RateLimiter;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.MongoConnection;

/**
 * Koers, wired: MongoDB (real or embedded), the collections and indexes every capability declares,
 * and the HTTP API built from the contract. {@link #stop()} is the graceful way down.
 */
public final class KoersApp {

  /** The contract, on the classpath (module {@code openapi}). */
  public static final String CONTRACT = "koers.yaml";

  /** Every collection the application uses, with the indexes its queries need. */
  static final List<CollectionSpec> COLLECTIONS =
      List.of(
          IdempotencyStore.SPEC,
          People.SPEC,
          Accounts.SPEC,
          RefreshTokens.FAMILIES,
          RefreshTokens.TOKENS,
          Activations.SPEC,
          YouthRecords.SPEC,
          AccessLog.SPEC);

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
                    .compose(v -> seedDemoRegion(connection, config, clock))
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

  private static Future<Void> seedDemoRegion(
      MongoConnection connection, KoersConfig config, Clock clock) {
    if (!config.devMode()) {
      return Future.succeededFuture();
    }
    Mongo mongo = connection.mongo();
    return new DemoRegion(new People(mongo), new YouthRecords(mongo), clock).seed();
  }

  private static Future<KoersApp> deploy(Vertx vertx, Parts parts) {
    KoersConfig config = parts.config();
    AccessTokens tokens =
        new AccessTokens(parts.keys(), parts.clock(), config.jwtIssuer(), config.jwtAudience());
    Map<String, List<Handler<RoutingContext>>> operations = operations(vertx, parts, tokens);
    // Signed-in callers are limited per person, everyone else per address.
    ContractRouter.Plumbing plumbing =
        new ContractRouter.Plumbing(
            List.of(),
            Optional.of(
                JWTAuthHandler.create(new KoersJwtAuth(tokens), ContractRouter.BEARER_SCHEME)),
            List.of(
                new RateLimiter(
                    config.rateLimitPerMinute(), parts.clock(), rc -> Caller.of(rc).personId())),
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
  private static Map<String, List<Handler<RoutingContext>>> operations(
      Vertx vertx, Parts parts, AccessTokens tokens) {
    KoersConfig config = parts.config();
    Clock clock = parts.clock();
    Mongo mongo = parts.connection().mongo();
    SystemHandlers system =
        new SystemHandlers(vertx, parts.contract(), mongo::ping, parts.registry());
    Map<String, List<Handler<RoutingContext>>> operations = new HashMap<>(system.operations());
    operations.put("getJwks", List.of(new KeysHandler(parts.keys(), clock)::jwks));

    People people = new People(mongo);
    Accounts accounts = new Accounts(mongo, people, clock);
    Sessions sessions = new Sessions(vertx, tokens, new RefreshTokens(mongo, clock));
    YouthRecords records = new YouthRecords(mongo);
    AccessLog accessLog = new AccessLog(mongo);
    CareCircle circle = new CareCircle(records, people, accessLog, clock);
    Circles circles = new Circles(circle, records, people, accessLog, clock);
    Registrations registrations =
        new Registrations(
            people, records, circle, new Activations(mongo, clock), accounts, sessions, clock);
    FirebaseIdTokens firebase =
        new FirebaseAdminIdTokens(vertx, config.firebaseProjectId(), config.authEmulatorHost());
    IdempotentRequests idempotent =
        new IdempotentRequests(new IdempotencyStore(mongo, clock), rc -> Caller.of(rc).personId());

    SessionHandlers session = new SessionHandlers(firebase, accounts, sessions, circles);
    operations.put("createSession", List.of(session::createSession));
    operations.put("refreshSession", List.of(session::refreshSession));
    operations.put("endSession", List.of(session::endSession));
    operations.put(
        "createDevSession",
        List.of(config.devMode() ? session::createDevSession : SystemHandlers::absent));
    operations.put("getMe", List.of(session::getMe));

    CircleHandlers circleHandlers = new CircleHandlers(circles, registrations);
    operations.put("getYouthProfile", List.of(circleHandlers::getYouthProfile));
    operations.put("getCircle", List.of(circleHandlers::getCircle));
    operations.put("getAccessLog", List.of(circleHandlers::getAccessLog));
    operations.put("endRelation", List.of(idempotent, circleHandlers::endRelation));
    operations.put("assignCaseCoordinator", List.of(circleHandlers::assignCaseCoordinator));

    RegistrationHandlers registration = new RegistrationHandlers(registrations, session);
    operations.put("registerProfessional", List.of(idempotent, registration::registerProfessional));
    operations.put("registerYouth", List.of(idempotent, registration::registerYouth));
    operations.put("addToCircle", List.of(idempotent, registration::addToCircle));
    operations.put("redeemActivation", List.of(registration::redeemActivation));
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
