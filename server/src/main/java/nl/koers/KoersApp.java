package nl.koers;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import nl.koers.circle.CircleModule;
import nl.koers.demo.DemoModule;
import nl.koers.feedback.FeedbackModule;
import nl.koers.identity.IdentityModule;
import nl.koers.identity.SessionModule;
import nl.koers.identity.SigningKeys;
import nl.koers.insights.InsightsModule;
import nl.koers.mentor.MentorModule;
import nl.koers.notify.Inbox;
import nl.koers.notify.NotifyModule;
import nl.koers.plan.PlanModule;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.clock.DevClock;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ContractRouter;
import nl.koers.platform.http.HttpApiVerticle;
import nl.koers.platform.http.RateLimiter;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Outboxes;
import nl.koers.platform.module.Platform;
import nl.koers.platform.module.PlatformModule;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.MongoConnection;
import nl.koers.region.RegionModule;
import nl.koers.transition.TransitionModule;

/**
 * Koers, assembled: the platform's parts are loaded, every capability module wires itself from
 * them, and what the modules declare (collections, outboxes, jobs, operations) is put to work.
 * {@link #stop()} is the graceful way down.
 */
public final class KoersApp {

  /** The contract, on the classpath (module {@code openapi}). */
  public static final String CONTRACT = "koers.yaml";

  private final Vertx vertx;
  private final MongoConnection connection;
  private final HttpApiVerticle api;
  private final PeriodicRounds background;
  private final List<String> deployments;

  private KoersApp(
      Vertx vertx,
      MongoConnection connection,
      HttpApiVerticle api,
      PeriodicRounds background,
      List<String> deployments) {
    this.vertx = vertx;
    this.connection = connection;
    this.api = api;
    this.background = background;
    this.deployments = deployments;
  }

  /** Every module, in the order they are built (each from the ones before it). */
  static List<KoersModule> modules(
      Platform platform,
      SigningKeys keys,
      Buffer contract,
      PrometheusMeterRegistry registry,
      AtomicReference<PeriodicRounds> background) {
    IdentityModule identity = new IdentityModule(platform, keys);
    Inbox inbox = NotifyModule.inbox(platform);
    // The care circle reads the region's roles and roster; the region's routes build on circle.
    RegionModule region = new RegionModule(platform, identity);
    CircleModule circle =
        new CircleModule(
            platform, identity, inbox, region.regions()::holds, region.safetyRoster()::includes);
    NotifyModule notify = new NotifyModule(platform, inbox, identity, circle);
    FeedbackModule feedback = new FeedbackModule(platform, identity, circle, region);
    PlanModule plan = new PlanModule(platform, circle);
    return List.of(
        new PlatformModule(platform, contract, registry),
        identity,
        new SessionModule(identity, circle, notify),
        region,
        circle,
        notify,
        feedback,
        new MentorModule(platform, identity, circle, inbox),
        plan,
        new TransitionModule(platform, identity, circle, feedback),
        new InsightsModule(platform, identity, circle, plan, region),
        new DemoModule(
            platform, identity, circle, region, notify, () -> background.get().runNow()));
  }

  public static Future<KoersApp> start(
      Vertx vertx, KoersConfig config, Clock clock, PrometheusMeterRegistry registry) {
    return MongoConnection.open(vertx, config)
        .compose(
            connection ->
                start(vertx, config, clock, registry, connection)
                    .onFailure(e -> connection.close()));
  }

  private static Future<KoersApp> start(
      Vertx vertx,
      KoersConfig config,
      Clock clock,
      PrometheusMeterRegistry registry,
      MongoConnection connection) {
    Future<Optional<DevClock>> devClock =
        config.devMode()
            ? DevClock.load(connection.mongo(), clock).map(Optional::of)
            : Future.succeededFuture(Optional.empty());
    // Reading (or generating) keys is file and CPU work: off the event loop.
    Future<SigningKeys> keys =
        vertx.executeBlocking(
            () ->
                SigningKeys.load(config.signingKeysFile(), config.mayGenerateSigningKeys(), clock),
            false);
    Future<FieldCipher> cipher =
        vertx.executeBlocking(
            () -> FieldCipher.load(config.dataKeyFile(), config.embeddedMongo()), false);
    Future<Buffer> contract = vertx.fileSystem().readFile(CONTRACT);
    return Future.all(devClock, keys, cipher, contract)
        .compose(
            loaded -> {
              Platform platform =
                  new Platform(
                      vertx,
                      config,
                      devClock.result().<Clock>map(dev -> dev).orElse(clock),
                      connection.mongo(),
                      cipher.result(),
                      devClock.result(),
                      new Outboxes());
              AtomicReference<PeriodicRounds> background = new AtomicReference<>();
              List<KoersModule> modules =
                  modules(platform, keys.result(), contract.result(), registry, background);
              platform.outboxes().declare(all(modules, KoersModule::outboxSources));
              background.set(new PeriodicRounds(all(modules, KoersModule::jobs)));
              List<CollectionSpec> collections = all(modules, KoersModule::collections);
              return connection
                  .mongo()
                  .ensure(collections)
                  .compose(v -> seed(modules))
                  .compose(v -> deploy(vertx, platform, connection, modules, background.get()));
            });
  }

  private static Future<Void> seed(List<KoersModule> modules) {
    Future<Void> chain = Future.succeededFuture();
    for (KoersModule module : modules) {
      chain = chain.compose(v -> module.seed());
    }
    return chain;
  }

  private static Future<KoersApp> deploy(
      Vertx vertx,
      Platform platform,
      MongoConnection connection,
      List<KoersModule> modules,
      PeriodicRounds background) {
    KoersConfig config = platform.config();
    IdentityModule identity = find(modules, IdentityModule.class);
    CircleModule circle = find(modules, CircleModule.class);
    Map<String, List<io.vertx.core.Handler<io.vertx.ext.web.RoutingContext>>> operations =
        new HashMap<>();
    modules.forEach(
        m -> m.operations().handlers().forEach((id, h) -> operations.put(id, List.of(h))));
    // Signed-in callers are limited per person, everyone else per address.
    ContractRouter.Plumbing plumbing =
        new ContractRouter.Plumbing(
            List.of(),
            Optional.of(JWTAuthHandler.create(identity.bearerAuth(), ContractRouter.BEARER_SCHEME)),
            List.of(
                new RateLimiter(
                    config.rateLimitPerMinute(),
                    platform.clock(),
                    rc -> Callers.of(rc).personId())),
            List.of(
                new RateLimiter(
                    config.rateLimitPerMinute(), platform.clock(), RateLimiter::clientAddress)),
            Optional.of(
                new IdempotentRequests(
                    new IdempotencyStore(platform.mongo(), platform.clock()),
                    rc -> Callers.of(rc).personId(),
                    circle.replays())));
    HttpApiVerticle api =
        new HttpApiVerticle(
            config.httpHost(),
            config.httpPort(),
            config.shutdownGraceSeconds(),
            () -> ContractRouter.create(vertx, CONTRACT, operations, plumbing));
    return vertx
        .deployVerticle(api)
        .compose(
            apiId ->
                vertx
                    .deployVerticle(background)
                    .map(
                        backgroundId ->
                            new KoersApp(
                                vertx, connection, api, background, List.of(apiId, backgroundId))));
  }

  private static <T> List<T> all(List<KoersModule> modules, Function<KoersModule, List<T>> part) {
    return modules.stream().flatMap(module -> part.apply(module).stream()).toList();
  }

  private static <M extends KoersModule> M find(List<KoersModule> modules, Class<M> type) {
    return modules.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  public int port() {
    return api.actualPort();
  }

  /** Runs every background job once now, then the relays and dispatch once more. */
  public Future<Void> runBackgroundNow() {
    return background.runNow();
  }

  /** Lets requests in flight and the background jobs finish, then closes the database. */
  public Future<Void> stop() {
    return vertx
        .undeploy(deployments.get(0))
        .eventually(() -> vertx.undeploy(deployments.get(1)))
        .eventually(() -> vertx.executeBlocking(this::closeConnection, false));
  }

  private Void closeConnection() {
    connection.close();
    return null;
  }
}
