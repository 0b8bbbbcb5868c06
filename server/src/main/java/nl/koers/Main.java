package nl.koers;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Koers; SIGTERM (or Ctrl-C) lets requests in flight finish, then exits. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    Vertx vertx = Metrics.vertxReportingTo(registry);
    KoersConfig.load(vertx, new JsonObject())
        .compose(
            config -> {
              // Registered before anything listens: a SIGTERM while Koers is still starting waits
              // for the start, then stops what started, like one that comes later.
              Future<KoersApp> started = KoersApp.start(vertx, config, Clock.systemUTC(), registry);
              stopOnShutdown(vertx, started, config);
              return started;
            })
        .onFailure(
            failure -> {
              LOG.atError().setCause(failure).log("Koers could not start");
              vertx.close().onComplete(closed -> System.exit(1));
            });
  }

  private static void stopOnShutdown(Vertx vertx, Future<KoersApp> started, KoersConfig config) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("shutting down: finishing requests in flight");
                  try {
                    started
                        .compose(KoersApp::stop, notStarted -> Future.succeededFuture())
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(config.shutdownGraceSeconds() + 10L, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    LOG.atWarn().setCause(e).log("shutdown did not complete cleanly");
                  }
                  // Separately: a future bound to an event loop cannot complete once Vert.x closed.
                  try {
                    vertx
                        .close()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                    LOG.info("stopped");
                  } catch (Exception e) {
                    LOG.atWarn().setCause(e).log("Vert.x did not close cleanly");
                  }
                },
                "koers-shutdown"));
  }
}
