package nl.koers.transition;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.koers.circle.CircleModule;
import nl.koers.feedback.FeedbackModule;
import nl.koers.identity.IdentityModule;
import nl.koers.platform.background.Leases;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Mongo;

/**
 * The move to adulthood: age milestones, the transition checklist, the steady contact, follow-up
 * after 18 up to the region's horizon, warm handovers and the conversation with the steady contact.
 */
public final class TransitionModule implements KoersModule {

  private final Transitions transitions;
  private final Operations operations;
  private final Duration milestonePeriod;

  public TransitionModule(
      Platform platform, IdentityModule identity, CircleModule circle, FeedbackModule feedback) {
    KoersConfig config = platform.config();
    Mongo mongo = platform.mongo();
    Clock clock = platform.clock();
    Checklists checklists = new Checklists(mongo, circle.careCircle(), clock);
    this.transitions =
        new Transitions(
            circle.records(),
            circle.careCircle(),
            identity.people(),
            new Leases(mongo, clock),
            checklists,
            feedback.feedback(),
            config.instanceId(),
            clock);
    ExtendedCare extendedCare =
        new ExtendedCare(mongo, checklists, circle.records(), circle.careCircle(), clock);
    Conversations conversations =
        new Conversations(mongo, circle.careCircle(), platform.cipher(), clock);
    circle.replays().on(Conversations.CHECK, conversations::allowAgain);
    Handovers handovers = new Handovers(mongo, circle.careCircle(), clock);
    this.operations =
        new TransitionRoutes(transitions, checklists, handovers, extendedCare)
            .operations()
            .and(new ConversationRoutes(conversations).operations());
    // At start-up, then hourly by default; one instance at a time (lease).
    this.milestonePeriod = config.milestonePeriod();
  }

  @Override
  public Operations operations() {
    return operations;
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(
        Checklists.TEMPLATES,
        Checklists.CHECKLISTS,
        ExtendedCare.REGIONS,
        Conversations.SPEC,
        Handovers.SPEC);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(
        new PeriodicRounds.Job("milestones", milestonePeriod, transitions::runMilestones));
  }

  @Override
  public List<OutboxSource> outboxSources() {
    return List.of(OutboxSource.notifications(Conversations.SPEC.name()));
  }
}
