package nl.koers.plan;

import io.vertx.core.Future;
import java.util.List;
import nl.koers.circle.CircleModule;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;

/** The future plan from 16: domains, who sees each one, versions and optimistic writes. */
public final class PlanModule implements KoersModule {

  private final Plans plans;

  public PlanModule(Platform platform, CircleModule circle) {
    this.plans =
        new Plans(platform.mongo(), platform.dataKeys(), circle.careCircle(), platform.clock());
  }

  public Plans plans() {
    return plans;
  }

  @Override
  public Operations operations() {
    return new PlanRoutes(plans).operations();
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(Plans.PLANS, Plans.VERSIONS);
  }

  /** Plan texts stored before they were sealed are sealed at every start (idempotent). */
  @Override
  public Future<Void> seed() {
    return plans.sealPlainTexts();
  }

  @Override
  public List<OutboxSource> outboxSources() {
    return List.of(
        OutboxSource.consents(Plans.PLANS.name(), "_id"),
        OutboxSource.notifications(Plans.PLANS.name()));
  }
}
