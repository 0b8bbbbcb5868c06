package nl.koers.insights;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import nl.koers.circle.CircleModule;
import nl.koers.identity.IdentityModule;
import nl.koers.plan.PlanModule;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.region.RegionModule;
import nl.koers.transition.TransitionModule;

/**
 * What a region learns, in aggregate: facts relayed from feedback and safety signals, hourly
 * snapshots of the circles, indicators published for closed months (frozen, small groups hidden),
 * the continuity monitor of who turns 18 soon, and the analysts' dashboard.
 */
public final class InsightsModule implements KoersModule {

  private final Insights insights;
  private final Operations operations;
  private final Duration relayPeriod;

  public InsightsModule(
      Platform platform,
      IdentityModule identity,
      CircleModule circle,
      PlanModule plan,
      RegionModule region,
      TransitionModule transition) {
    this.insights =
        new Insights(
            platform.mongo(),
            new Rollups(platform.mongo()),
            identity.people(),
            region.regions(),
            circle.records(),
            plan.plans(),
            () -> platform.outboxes().collectionsCarrying(OutboxSource.Carries.FACTS),
            platform.cipher(),
            platform.clock());
    Continuity continuity =
        new Continuity(
            new QueryLogStore(platform.mongo(), platform.clock()),
            region.regions(),
            circle.records(),
            identity.people(),
            plan.plans(),
            transition.handovers(),
            platform.clock());
    this.operations =
        new InsightsRoutes(insights)
            .operations()
            .and(new ContinuityRoutes(continuity).operations())
            .and(new DashboardRoutes(platform.vertx()).operations());
    this.relayPeriod = Duration.ofMillis(platform.config().notifyIntervalMillis());
  }

  /** The region's rollups (erasure forgets which facts a young person's were). */
  public Insights insights() {
    return insights;
  }

  @Override
  public Operations operations() {
    return operations;
  }

  /** Every start: rollups written before contributor tokens were keyed get keyed ones. */
  @Override
  public Future<Void> seed() {
    return insights.keyStoredContributors().mapEmpty();
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(Rollups.SPEC, PublishedIndicators.SPEC, Insights.QUERY_LOG);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(
        new PeriodicRounds.Job("insights relay", relayPeriod, insights::relay),
        // At start-up, then hourly: the circles' states for the indicators.
        new PeriodicRounds.Job("insights snapshot", Duration.ofHours(1), insights::snapshot),
        // Closed months from the 3rd of the next month, frozen (also on the first query).
        new PeriodicRounds.Job("insights publication", Duration.ofHours(1), insights::publishDue));
  }
}
