package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.koers.circle.CircleModule;
import nl.koers.feedback.FeedbackModule;
import nl.koers.identity.IdentityModule;
import nl.koers.plan.PlanModule;
import nl.koers.platform.background.Leases;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.region.RegionModule;

/**
 * The move to adulthood: age milestones, the transition checklist, the steady contact, follow-up
 * after 18 up to the region's horizon, warm handovers, the conversation with the steady contact,
 * the case coordinator's caseload of open steps, and the region admin's checklist template and
 * horizon ({@link RegionSettings}).
 */
public final class TransitionModule implements KoersModule {

  private final Transitions transitions;
  private final HandoverStore handoverStore;
  private final ConversationStore conversationStore;
  private final Checklists checklists;
  private final ExtendedCare extendedCare;
  private final Conversations conversations;
  private final Handovers handovers;
  private final Tasks tasks;
  private final Operations operations;
  private final Duration milestonePeriod;

  public TransitionModule(
      Platform platform,
      IdentityModule identity,
      CircleModule circle,
      FeedbackModule feedback,
      RegionModule region,
      PlanModule plan) {
    KoersConfig config = platform.config();
    Clock clock = platform.clock();
    ChecklistStore checklistStore = new ChecklistStore(platform.mongo());
    ExtendedCareStore extendedCareStore = new ExtendedCareStore(platform.mongo());
    this.checklists = new Checklists(checklistStore, circle.careCircle(), clock);
    this.extendedCare =
        new ExtendedCare(
            extendedCareStore, checklists, circle.records(), circle.careCircle(), clock);
    this.transitions =
        new Transitions(
            circle.records(),
            circle.careCircle(),
            identity.people(),
            new Leases(platform.mongo(), clock),
            checklists,
            feedback.feedback(),
            extendedCare,
            config.instanceId(),
            clock);
    this.conversationStore = new ConversationStore(platform.mongo(), platform.dataKeys());
    this.conversations = new Conversations(conversationStore, circle.careCircle(), clock);
    circle.replays().on(Conversations.CHECK, conversations::allowAgain);
    this.handoverStore = new HandoverStore(platform.mongo(), platform.dataKeys());
    this.handovers =
        new Handovers(handoverStore, circle.careCircle(), circle.records(), checklists, clock);
    circle.replays().on(Handovers.CONTACT_CHECK, handovers::allowAgain);
    this.tasks =
        new Tasks(
            circle.records(),
            circle.careCircle(),
            checklists,
            plan.plans(),
            new Leases(platform.mongo(), clock),
            config.instanceId(),
            clock);
    this.operations =
        new TransitionRoutes(transitions, checklists, handovers, extendedCare)
            .operations()
            .and(
                new FollowUpRoutes(
                        new FollowUps(extendedCare, circle.records(), circle.careCircle(), clock))
                    .operations())
            .and(new ConversationRoutes(conversations).operations())
            .and(
                new RegionSettingsRoutes(
                        new RegionSettings(
                            checklistStore,
                            extendedCareStore,
                            region.regions(),
                            circle.records(),
                            clock))
                    .operations())
            .and(
                new CaseloadRoutes(
                        new Caseloads(
                            circle.records(),
                            circle.careCircle(),
                            plan.plans(),
                            handovers,
                            checklists,
                            clock))
                    .operations())
            .and(new TaskRoutes(tasks).operations());
    // At start-up, then hourly by default; one instance at a time (lease).
    this.milestonePeriod = config.milestonePeriod();
  }

  /** The conversations (the change feed reads what changed in them). */
  /** The steady contact's rules (a young person's own copy of their data reads it). */
  public Transitions transitions() {
    return transitions;
  }

  public Conversations conversations() {
    return conversations;
  }

  /** The warm handovers (the continuity monitor counts who has one). */
  public Handovers handovers() {
    return handovers;
  }

  /** The transition checklists (the demo seeds its region's template). */
  public Checklists checklists() {
    return checklists;
  }

  /** The extended-care decisions (the demo seeds its region's horizon). */
  public ExtendedCare extendedCare() {
    return extendedCare;
  }

  /**
   * Handover contacts stored before they were sealed are sealed at every start, and texts sealed
   * with the master key move to the young person's own key (both idempotent).
   */
  @Override
  public Future<Void> seed() {
    return handoverStore
        .sealPlainTexts()
        .compose(v -> conversationStore.sealWithYouthKeys())
        .mapEmpty();
  }

  @Override
  public Operations operations() {
    return operations;
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(
        ChecklistStore.TEMPLATES,
        ChecklistStore.CHECKLISTS,
        ExtendedCareStore.REGIONS,
        ConversationStore.SPEC,
        HandoverStore.SPEC);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(
        new PeriodicRounds.Job("milestones", milestonePeriod, transitions::runMilestones),
        // Owners of plan actions and checklist items: due in 7 days, overdue.
        new PeriodicRounds.Job("task reminders", milestonePeriod, tasks::remind));
  }

  @Override
  public List<OutboxSource> outboxSources() {
    return List.of(
        OutboxSource.notifications(ConversationStore.SPEC.name()),
        OutboxSource.notifications(ChecklistStore.CHECKLISTS.name()),
        OutboxSource.notifications(HandoverStore.SPEC.name()));
  }
}
