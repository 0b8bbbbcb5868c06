package nl.koers;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import nl.koers.circle.CircleModule;
import nl.koers.demo.DemoModule;
import nl.koers.feedback.FeedbackModule;
import nl.koers.identity.IdentityModule;
import nl.koers.identity.SessionModule;
import nl.koers.insights.InsightsModule;
import nl.koers.mentor.MentorModule;
import nl.koers.notify.Inbox;
import nl.koers.notify.NotifyModule;
import nl.koers.plan.PlanModule;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.http.ContractRouter;
import nl.koers.platform.http.HttpApiVerticle;
import nl.koers.platform.module.Modules;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.Platform;
import nl.koers.platform.module.PlatformModule;
import nl.koers.platform.mongo.MongoConnection;
import nl.koers.transition.TransitionModule;

/**
 * Koers, assembled: the platform's parts are loaded, every capability module wires itself from them
 * and the modules before it, and what the modules declare (collections, outboxes, jobs, operations)
 * is put to work. {@link #stop()} is the graceful way down.
 */
public final class KoersApp {

  /** The contract, on the classpath (module {@code openapi}). */
  public static final String CONTRACT = "koers.yaml";

  private final Vertx vertx;
  private final MongoConnection connection;
  private final HttpApiVerticle.Deployed api;
  private final PeriodicRounds background;
  private final String backgroundDeployment;

  private KoersApp(
      Vertx vertx,
      MongoConnection connection,
      HttpApiVerticle.Deployed api,
      PeriodicRounds background,
      String backgroundDeployment) {
    this.vertx = vertx;
    this.connection = connection;
    this.api = api;
    this.background = background;
    this.backgroundDeployment = backgroundDeployment;
  }

  /** Every module, in the order they are built (each from the ones before it). */
  private static Modules modules(
      Platform platform,
      PlatformModule system,
      IdentityModule identity,
      AtomicReference<PeriodicRounds> background) {
    Inbox inbox = NotifyModule.inbox(platform);
    CircleModule circle = new CircleModule(platform, identity, inbox);
    NotifyModule notify = new NotifyModule(platform, inbox, identity, circle);
    FeedbackModule feedback = new FeedbackModule(platform, identity, circle);
    PlanModule plan = new PlanModule(platform, circle);
    return new Modules(
        List.of(
            system,
            identity,
            new SessionModule(identity, circle, notify),
            circle,
            notify,
            feedback,
            new MentorModule(platform, identity, circle, inbox),
            plan,
            new TransitionModule(platform, identity, circle, feedback),
            new InsightsModule(platform, identity, circle, plan),
            new DemoModule(platform, identity, circle, notify, () -> background.get().runNow())));
  }

  public static Future<KoersApp> start(
      Vertx vertx, KoersConfig config, Clock clock, PrometheusMeterRegistry registry) {
    return MongoConnection.open(vertx, config)
        .compose(
            connection ->
                Platform.load(vertx, config, clock, connection.mongo())
                    .compose(platform -> assemble(platform, connection, registry))
                    .onFailure(e -> connection.close()));
  }

  private static Future<KoersApp> assemble(
      Platform platform, MongoConnection connection, PrometheusMeterRegistry registry) {
    AtomicReference<PeriodicRounds> background = new AtomicReference<>();
    return Future.all(
            PlatformModule.load(platform, CONTRACT, registry), IdentityModule.load(platform))
        .compose(
            loaded -> {
              IdentityModule identity = loaded.resultAt(1);
              Modules modules = modules(platform, loaded.resultAt(0), identity, background);
              platform.outboxes().declare(modules.outboxSources());
              background.set(new PeriodicRounds(modules.jobs()));
              return platform
                  .mongo()
                  .ensure(modules.collections())
                  .compose(v -> modules.seed())
                  .compose(v -> deploy(platform, connection, modules, background.get()));
            });
  }

  private static Future<KoersApp> deploy(
      Platform platform, MongoConnection connection, Modules modules, PeriodicRounds background) {
    KoersConfig config = platform.config();
    Operations operations = modules.operations();
    ContractRouter.Plumbing plumbing =
        ContractRouter.Plumbing.secured(
            modules.find(IdentityModule.class).bearerAuth(),
            config.rateLimitPerMinute(),
            platform.clock(),
            modules.find(CircleModule.class).idempotentRequests(platform));
    Vertx vertx = platform.vertx();
    return HttpApiVerticle.deploy(
            vertx, config, () -> ContractRouter.create(vertx, CONTRACT, operations, plumbing))
        .compose(
            api ->
                vertx
                    .deployVerticle(background)
                    .map(id -> new KoersApp(vertx, connection, api, background, id)));
  }

  public int port() {
    return api.port();
  }

  /** Runs every background job once now, then the relays and dispatch once more. */
  public Future<Void> runBackgroundNow() {
    return background.runNow();
  }

  /** Lets requests in flight and the background jobs finish, then closes the database. */
  public Future<Void> stop() {
    return vertx
        .undeploy(api.id())
        .eventually(() -> vertx.undeploy(backgroundDeployment))
        .eventually(() -> vertx.executeBlocking(this::closeConnection, false));
  }

  private Void closeConnection() {
    connection.close();
    return null;
  }
}
