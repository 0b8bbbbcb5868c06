package nl.koers.privacy;

import java.time.Duration;
import java.util.List;
import nl.koers.circle.CircleModule;
import nl.koers.feedback.FeedbackModule;
import nl.koers.mentor.MentorModule;
import nl.koers.notify.Inbox;
import nl.koers.notify.NotifyModule;
import nl.koers.plan.PlanModule;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.transition.TransitionModule;

/**
 * The young person's rights over their own data. Part one: a copy of everything Koers holds about
 * them (access and portability), built in the background from the other capabilities' reads, kept
 * sealed and deleted 7 days after it is ready. It is assembled after the capabilities it reads.
 */
public final class PrivacyModule implements KoersModule {

  private final Exports exports;
  private final Duration period;

  public PrivacyModule(
      Platform platform,
      CircleModule circle,
      Inbox inbox,
      NotifyModule notify,
      FeedbackModule feedback,
      PlanModule plan,
      TransitionModule transition,
      MentorModule mentor) {
    ExportSources sources =
        new ExportSources(
            circle.circles(),
            circle.consents(),
            feedback.feedback(),
            feedback.safetySignals(),
            plan.plans(),
            transition.checklists(),
            transition.transitions(),
            transition.handovers(),
            transition.conversations(),
            inbox,
            notify.devices(),
            mentor.mentors());
    this.exports =
        new Exports(
            new ExportStore(platform.mongo(), platform.dataKeys()),
            new ExportSections(sources),
            circle.careCircle(),
            ExportRoutes::texts,
            platform.clock());
    // As often as the notifications go out: a copy asked for is ready about as soon as a push.
    this.period = Duration.ofMillis(platform.config().notifyIntervalMillis());
  }

  @Override
  public Operations operations() {
    return new ExportRoutes(exports).operations();
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(ExportStore.SPEC);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(new PeriodicRounds.Job("data exports", period, exports::buildPending));
  }

  @Override
  public List<OutboxSource> outboxSources() {
    return List.of(OutboxSource.notifications(ExportStore.SPEC.name()));
  }
}
