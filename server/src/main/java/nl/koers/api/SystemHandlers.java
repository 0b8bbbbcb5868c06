package nl.koers.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The contract itself, liveness, readiness and metrics: what operators and clients need first. */
public final class SystemHandlers {

  private final Buffer contract;
  private final HealthCheckHandler liveness;
  private final HealthCheckHandler readiness;
  private final Handler<RoutingContext> metrics;

  public SystemHandlers(
      Vertx vertx,
      Buffer contract,
      Supplier<Future<Void>> databasePing,
      PrometheusMeterRegistry registry) {
    this.contract = contract;
    this.liveness =
        HealthCheckHandler.create(vertx)
            .register("event-loop", promise -> promise.complete(Status.OK()));
    this.readiness =
        HealthCheckHandler.create(vertx)
            .register(
                "mongodb",
                2_000,
                promise ->
                    databasePing
                        .get()
                        .onSuccess(v -> promise.complete(Status.OK()))
                        .onFailure(e -> promise.complete(Status.KO())));
    this.metrics = PrometheusScrapingHandler.create(registry);
  }

  /** For operations that exist only in some set-ups (dev mode): elsewhere they are not there. */
  public static void absent(RoutingContext rc) {
    rc.fail(404);
  }

  public Map<String, List<Handler<RoutingContext>>> operations() {
    return Map.of(
        "getContract", List.of(this::contract),
        "getLiveness", List.of(liveness),
        "getReadiness", List.of(readiness),
        "getMetrics", List.of(metrics));
  }

  private void contract(RoutingContext rc) {
    rc.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(contract);
  }
}
