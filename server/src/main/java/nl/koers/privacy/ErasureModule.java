package nl.koers.privacy;

import java.time.Duration;
import java.util.List;
import nl.koers.circle.CircleModule;
import nl.koers.feedback.FeedbackModule;
import nl.koers.identity.IdentityModule;
import nl.koers.insights.InsightsModule;
import nl.koers.mentor.MentorModule;
import nl.koers.notify.NotifyModule;
import nl.koers.plan.PlanModule;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.support.SupportModule;
import nl.koers.transition.TransitionModule;

/**
 * Privacy rights, erasure part: the young person's request and the hourly job that carries it out.
 * It reaches into nearly every capability (each erases its own part), so it is assembled after all
 * of them.
 */
public final class ErasureModule implements KoersModule {

  /** How often due erasures are looked for (dev mode's clock and tests run it at once). */
  static final Duration PERIOD = Duration.ofHours(1);

  private final Erasures erasures;

  public ErasureModule(
      Platform platform,
      IdentityModule identity,
      CircleModule circle,
      NotifyModule notify,
      FeedbackModule feedback,
      PlanModule plan,
      TransitionModule transition,
      MentorModule mentor,
      SupportModule support,
      InsightsModule insights) {
    ErasureSteps steps =
        new ErasureSteps(
            identity,
            circle,
            notify,
            feedback,
            plan,
            transition,
            mentor,
            support,
            insights,
            new IdempotencyStore(platform.mongo(), platform.cipher(), platform.clock()),
            platform.dataKeys(),
            new ExportStore(platform.mongo(), platform.dataKeys()));
    this.erasures =
        new Erasures(
            new ErasureStore(platform.mongo()),
            steps.all(),
            circle.careCircle(),
            feedback.safetySignals(),
            new Retention(
                circle.records(), transition.extendedCare(), platform.config().retentionGrace()),
            platform.config().erasureAfter(),
            platform.config().instanceId(),
            platform.clock());
  }

  /** Of these young people, those erased: dev mode's demo seed leaves them out. */
  public io.vertx.core.Future<java.util.Set<String>> erasedAmong(
      java.util.Collection<String> youthIds) {
    return erasures.erasedAmong(youthIds);
  }

  /** The rules (tests break a run off halfway through them). */
  Erasures erasures() {
    return erasures;
  }

  @Override
  public Operations operations() {
    return new ErasureRoutes(erasures).operations();
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(ErasureStore.SPEC);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(
        // First who is past the region's horizon (notice now, erased later), then what is due.
        new PeriodicRounds.Job("retention", PERIOD, erasures::scheduleRetention),
        new PeriodicRounds.Job("erasures", PERIOD, erasures::eraseDue));
  }

  @Override
  public List<OutboxSource> outboxSources() {
    return List.of(OutboxSource.notifications(ErasureStore.SPEC.name()));
  }
}
