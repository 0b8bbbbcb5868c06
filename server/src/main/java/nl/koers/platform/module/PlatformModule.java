package nl.koers.platform.module;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import nl.koers.platform.background.Leases;
import nl.koers.platform.clock.DevClock;
import nl.koers.platform.http.SystemRoutes;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.DataKeys;

/**
 * What the platform itself brings: the contract, liveness, readiness and metrics, and the
 * collections of its shared parts (idempotency records, leases, dev mode's clock, data keys).
 */
public final class PlatformModule implements KoersModule {

  private final SystemRoutes routes;

  /** The contract is served as it is on the classpath. */
  public static Future<PlatformModule> load(
      Platform platform, String contractPath, PrometheusMeterRegistry registry) {
    return platform
        .vertx()
        .fileSystem()
        .readFile(contractPath)
        .map(contract -> new PlatformModule(platform, contract, registry));
  }

  public PlatformModule(Platform platform, Buffer contract, PrometheusMeterRegistry registry) {
    this.routes =
        new SystemRoutes(
            platform.vertx(),
            contract,
            platform.mongo()::ping,
            registry,
            platform.config().appVersions(),
            platform.clock());
  }

  @Override
  public Operations operations() {
    return routes.operations();
  }

  /** The operations of the management listener (not in {@link #operations()}). */
  public Operations managementOperations() {
    return routes.managementOperations();
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(IdempotencyStore.SPEC, Leases.SPEC, DevClock.SPEC, DataKeys.SPEC);
  }
}
