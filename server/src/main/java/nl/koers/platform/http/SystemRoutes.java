package nl.koers.platform.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import nl.koers.platform.config.AppVersions;
import nl.koers.platform.module.Operations;

/**
 * The contract itself, liveness, readiness, metrics and the app versions the server takes: what
 * operators and clients need first.
 */
public final class SystemRoutes {

  private final Buffer contract;
  private final HealthCheckHandler liveness;
  private final HealthCheckHandler readiness;
  private final Handler<RoutingContext> metrics;
  private final AppVersions appVersions;
  private final Clock clock;

  public SystemRoutes(
      Vertx vertx,
      Buffer contract,
      Supplier<Future<Void>> databasePing,
      PrometheusMeterRegistry registry,
      AppVersions appVersions,
      Clock clock) {
    this.contract = contract;
    this.appVersions = appVersions;
    this.clock = clock;
    this.liveness =
        HealthCheckHandler.create(vertx)
            .register("event-loop", promise -> promise.complete(Status.OK()));
    this.readiness =
        HealthCheckHandler.create(vertx)
            .register(
                "mongodb",
                2_000,
                promise ->
                    // A database that does not answer in time is as down as one that refuses.
                    databasePing
                        .get()
                        .timeout(1_500, TimeUnit.MILLISECONDS)
                        .onSuccess(v -> promise.complete(Status.OK()))
                        .onFailure(e -> promise.complete(Status.KO())));
    this.metrics = PrometheusScrapingHandler.create(registry);
  }

  public Operations operations() {
    return Operations.of()
        .on("getContract", this::contract)
        .on("getLiveness", liveness)
        .on("getReadiness", readiness)
        .on("getAppConfig", this::appConfig);
  }

  /** What the management listener serves: the metrics, off the public listener. */
  public Operations managementOperations() {
    return Operations.of().on("getMetrics", metrics);
  }

  private void appConfig(RoutingContext rc) {
    Replies.ok(rc, AppVersionGate.appConfig(appVersions, clock.instant()));
  }

  private void contract(RoutingContext rc) {
    rc.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(contract);
  }
}
