package nl.koers;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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
import nl.koers.platform.http.ManagementVerticle;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Modules;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.Platform;
import nl.koers.platform.module.PlatformModule;
import nl.koers.platform.mongo.DataKeys;
import nl.koers.platform.mongo.Expiry;
import nl.koers.privacy.ErasureModule;
import nl.koers.privacy.PrivacyModule;
import nl.koers.region.RegionModule;
import nl.koers.support.SupportModule;
import nl.koers.sync.SyncModule;
import nl.koers.transition.TransitionModule;

/**
 * Koers, assembled: the platform's parts are loaded, every capability module wires itself from them
 * and the modules before it, and what the modules declare (collections, outboxes, jobs, operations)
 * is put to work. {@link #stop()} is the graceful way down.
 */
public final class KoersApp {

  /** The contract, on the classpath (module {@code openapi}). */
  public static final String CONTRACT = "koers.yaml";

  private final Running running;

  /** What stops on the way down: the HTTP API, the background jobs, the database. */
  private record Running(
      Platform platform,
      Modules modules,
      HttpApiVerticle.Deployed api,
      ManagementVerticle.Deployed management,
      PeriodicRounds background,
      String backgroundId) {}

  private KoersApp(Running running) {
    this.running = running;
  }

  /** Every module, in the order they are built (each from the ones before it). */
  private static Modules modules(
      Platform platform,
      PlatformModule system,
      IdentityModule identity,
      AtomicReference<PeriodicRounds> background) {
    Inbox inbox = NotifyModule.inbox(platform);
    // The care circle reads the region's roles and roster; the region's routes build on circle.
    RegionModule region = new RegionModule(platform, identity);
    CircleModule circle =
        new CircleModule(
            platform,
            identity,
            inbox,
            region.regions()::holds,
            region.safetyRoster()::includes,
            region.organisations()::isOpen);
    NotifyModule notify = new NotifyModule(platform, inbox, identity, circle);
    FeedbackModule feedback = new FeedbackModule(platform, identity, circle, region);
    PlanModule plan = new PlanModule(platform, circle);
    TransitionModule transition =
        new TransitionModule(platform, identity, circle, feedback, region, plan);
    MentorModule mentor = new MentorModule(platform, identity, circle, inbox);
    SupportModule support = new SupportModule(platform, identity, circle, region);
    InsightsModule insights =
        new InsightsModule(platform, identity, circle, plan, region, transition);
    // Erasure reaches into every capability above: each erases its own part.
    ErasureModule erasure =
        new ErasureModule(
            platform,
            identity,
            circle,
            notify,
            feedback,
            plan,
            transition,
            mentor,
            support,
            insights);
    Supplier<Future<Void>> roundNow = () -> background.get().runNow();
    return new Modules(
        List.of(
            system,
            identity,
            new SessionModule(identity, circle, notify),
            region,
            circle,
            notify,
            feedback,
            mentor,
            plan,
            transition,
            support,
            new SyncModule(platform, circle, inbox, feedback, plan, transition),
            insights,
            new PrivacyModule(platform, circle, inbox, notify, feedback, plan, transition, mentor),
            erasure,
            new DemoModule(
                platform,
                identity,
                circle,
                region,
                notify,
                plan,
                transition,
                mentor,
                erasure::erasedAmong,
                roundNow)));
  }

  public static Future<KoersApp> start(
      Vertx vertx, KoersConfig config, Clock clock, PrometheusMeterRegistry registry) {
    return Platform.open(vertx, config, clock)
        .compose(
            platform -> assemble(platform, registry).onFailure(e -> platform.connection().close()));
  }

  private static Future<KoersApp> assemble(Platform platform, PrometheusMeterRegistry registry) {
    AtomicReference<PeriodicRounds> background = new AtomicReference<>();
    return Future.all(
            PlatformModule.load(platform, CONTRACT, registry), IdentityModule.load(platform))
        .compose(
            loaded -> {
              IdentityModule identity = loaded.resultAt(1);
              Modules modules = modules(platform, loaded.resultAt(0), identity, background);
              platform.outboxes().declare(modules.outboxSources());
              List<PeriodicRounds.Job> jobs = new ArrayList<>(modules.jobs());
              // Every module's TTL indexes, kept by Koers itself (the stand-in has no TTL monitor).
              jobs.add(
                  new Expiry(platform.mongo(), platform.clock(), registry, modules.collections())
                      .job());
              background.set(
                  new PeriodicRounds(jobs, Duration.ofMillis(platform.config().idleRoundMillis())));
              return platform
                  .mongo()
                  .ensure(modules.collections())
                  .compose(v -> modules.seed())
                  .compose(v -> deploy(platform, modules, background.get()));
            });
  }

  private static Future<KoersApp> deploy(
      Platform platform, Modules modules, PeriodicRounds background) {
    ContractRouter.Plumbing plumbing =
        ContractRouter.Plumbing.secured(
            modules.find(IdentityModule.class).bearerAuth(),
            platform,
            modules.find(CircleModule.class).replays(),
            background::hurry);
    Vertx vertx = platform.vertx();
    Operations operations = modules.operations();
    Operations management = modules.find(PlatformModule.class).managementOperations();
    // The public API listens last: once /health/ready answers, the instance is fully started.
    return ManagementVerticle.deploy(
            vertx,
            platform.config().management(),
            () -> ContractRouter.createManagement(vertx, CONTRACT, management))
        .compose(
            operators ->
                vertx
                    .deployVerticle(background)
                    .compose(
                        backgroundId ->
                            HttpApiVerticle.deploy(
                                    vertx,
                                    platform.config(),
                                    () ->
                                        ContractRouter.create(
                                            vertx, CONTRACT, operations, plumbing))
                                .map(
                                    api ->
                                        new KoersApp(
                                            new Running(
                                                platform,
                                                modules,
                                                api,
                                                operators,
                                                background,
                                                backgroundId)))));
  }

  /** One of the assembled modules (tests reach a module's rules through it). */
  public <M extends KoersModule> M module(Class<M> type) {
    return running.modules().find(type);
  }

  public int port() {
    return running.api().port();
  }

  /** The port of the management listener (metrics). */
  public int managementPort() {
    return running.management().port();
  }

  /**
   * The young people's data keys of this instance (one cache for all its stores): erasure destroys
   * a young person's key through it, and tests look at what it did.
   */
  public DataKeys dataKeys() {
    return running.platform().dataKeys();
  }

  /** Runs every background job once now, then the relays and dispatch once more. */
  public Future<Void> runBackgroundNow() {
    return running.background().runNow();
  }

  /**
   * After the database was put back behind Koers's back (a restore; the API tests between tests):
   * no module answers from what it read before.
   */
  public void forgetCachedReads() {
    running.modules().forgetCachedReads();
  }

  /** Lets requests in flight and the background jobs finish, then closes the database. */
  public Future<Void> stop() {
    Vertx vertx = running.platform().vertx();
    return vertx
        .undeploy(running.api().id())
        .eventually(() -> vertx.undeploy(running.management().id()))
        .eventually(() -> vertx.undeploy(running.backgroundId()))
        .eventually(() -> running.platform().connection().closeOffTheEventLoop(vertx));
  }
}
