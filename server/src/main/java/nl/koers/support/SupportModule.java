package nl.koers.support;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import nl.koers.circle.CircleModule;
import nl.koers.identity.IdentityModule;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.region.RegionModule;

/**
 * Support for carers (foster parents, JIMs): a request answered in time by the one it goes to, or
 * escalated to the region's admins. Its own capability, because it is about the carer's work with a
 * young person, not the young person's own voice (feedback) or circle.
 */
public final class SupportModule implements KoersModule {

  private final CarerSupport support;
  private final SupportRequestStore store;
  private final Duration period;

  public SupportModule(
      Platform platform, IdentityModule identity, CircleModule circle, RegionModule region) {
    this.store = new SupportRequestStore(platform.mongo(), platform.dataKeys());
    this.support =
        new CarerSupport(
            circle.careCircle(),
            region.regions(),
            identity.people(),
            store,
            platform.config().replyWorkingDays(),
            platform.clock());
    this.period = Duration.ofMillis(platform.config().notifyIntervalMillis());
  }

  /** Carers' support requests (erasure removes those about a young person). */
  public CarerSupport support() {
    return support;
  }

  @Override
  public Operations operations() {
    return new SupportRoutes(support).operations();
  }

  /** Requests sealed with the master key move to the young person's own key (idempotent). */
  @Override
  public Future<Void> seed() {
    return store.sealWithYouthKeys().mapEmpty();
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(SupportRequestStore.SPEC);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(new PeriodicRounds.Job("support escalation", period, support::escalateOverdue));
  }

  @Override
  public List<OutboxSource> outboxSources() {
    return List.of(OutboxSource.notifications(SupportRequestStore.SPEC.name()));
  }
}
