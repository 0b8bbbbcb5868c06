package nl.koers.platform.module;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import nl.koers.platform.background.Leases;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.clock.DevClock;
import nl.koers.platform.http.SystemRoutes;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.mongo.CollectionSpec;

/**
 * What the platform itself brings: the contract, liveness, readiness and metrics, and the
 * collections of its shared parts (idempotency records, leases, dev mode's clock), and the job that
 * deletes idempotency records after their day.
 */
public final class PlatformModule implements KoersModule {

  /** How often records past their day are deleted. */
  static final Duration FORGET_EVERY = Duration.ofHours(1);

  private final SystemRoutes routes;
  private final IdempotencyStore idempotency;

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
    this.idempotency = new IdempotencyStore(platform.mongo(), platform.cipher(), platform.clock());
  }

  @Override
  public Operations operations() {
    return routes.operations();
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(IdempotencyStore.SPEC, Leases.SPEC, DevClock.SPEC);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(
        new PeriodicRounds.Job("idempotency expiry", FORGET_EVERY, idempotency::forgetExpired));
  }
}
