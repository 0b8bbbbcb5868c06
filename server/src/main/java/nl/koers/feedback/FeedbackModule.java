package nl.koers.feedback;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.koers.circle.CircleModule;
import nl.koers.identity.IdentityModule;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.region.RegionModule;

/**
 * A young person's voice: questionnaires, feedback with a tracked answer (escalated when late), and
 * safety signals that reach the people with a duty and are picked up or escalate.
 */
public final class FeedbackModule implements KoersModule {

  private final Questionnaires questionnaires;
  private final Feedback feedback;
  private final FeedbackStore feedbackStore;
  private final SafetySignalStore signalStore;
  private final SafetySignals safetySignals;
  private final Operations operations;
  private final Duration period;

  public FeedbackModule(
      Platform platform, IdentityModule identity, CircleModule circle, RegionModule region) {
    KoersConfig config = platform.config();
    Clock clock = platform.clock();
    this.questionnaires =
        new Questionnaires(new QuestionnaireStore(platform.mongo()), config.regionCacheFreshness());
    FeedbackStore store = new FeedbackStore(platform.mongo(), platform.dataKeys());
    this.feedbackStore = store;
    this.signalStore = new SafetySignalStore(platform.mongo(), platform.dataKeys());
    this.feedback =
        new Feedback(
            circle.careCircle(),
            questionnaires,
            store,
            identity.people(),
            new Feedback.Settings(
                config.replyWorkingDays(), Duration.ofDays(7L * config.surveyEveryWeeks())),
            clock);
    this.safetySignals =
        new SafetySignals(
            signalStore,
            circle.careCircle(),
            circle.records(),
            region.safetyContacts(),
            identity.people(),
            Duration.ofMinutes(config.safetyPickupMinutes()),
            clock);
    this.operations =
        new FeedbackRoutes(
                feedback,
                new FeedbackTasks(
                    circle.careCircle(),
                    region.regions(),
                    identity.people(),
                    questionnaires,
                    store,
                    config.replyWorkingDays(),
                    clock),
                questionnaires,
                region.regions())
            .operations()
            .and(new SafetyRoutes(safetySignals).operations())
            .and(
                new PulseRoutes(
                        new YouthPulses(circle.careCircle(), questionnaires, store, clock),
                        new SharingChoices(
                            circle.careCircle(),
                            questionnaires,
                            store,
                            config.replyWorkingDays(),
                            clock))
                    .operations())
            .and(
                new StatementRoutes(
                        new Statements(
                            circle.careCircle(),
                            store,
                            identity.people(),
                            config.replyWorkingDays(),
                            clock))
                    .operations());
    this.period = Duration.ofMillis(config.notifyIntervalMillis());
  }

  /** The safety signals (erasure waits while one is open, then removes them). */
  public SafetySignals safetySignals() {
    return safetySignals;
  }

  public Feedback feedback() {
    return feedback;
  }

  @Override
  public Operations operations() {
    return operations;
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(QuestionnaireStore.SPEC, FeedbackStore.SPEC, SafetySignalStore.SPEC);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(
        new PeriodicRounds.Job("feedback escalation", period, feedback::escalateOverdue),
        new PeriodicRounds.Job("safety follow-up", period, safetySignals::followUpDue),
        new PeriodicRounds.Job(
            "safety pick-up escalation", period, safetySignals::escalateUnpicked));
  }

  @Override
  public List<OutboxSource> outboxSources() {
    return List.of(
        OutboxSource.notifications(FeedbackStore.SPEC.name()),
        OutboxSource.notifications(SafetySignalStore.SPEC.name()),
        OutboxSource.facts(FeedbackStore.SPEC.name()),
        OutboxSource.facts(SafetySignalStore.SPEC.name()),
        OutboxSource.consents(FeedbackStore.SPEC.name(), "youthId"));
  }

  @Override
  public Future<Void> seed() {
    // Text stored before it was sealed is sealed at every start until none is left (idempotent).
    return questionnaires
        .seedDefaults()
        .compose(v -> feedbackStore.sealPlainTexts())
        .compose(v -> signalStore.sealPlainTexts())
        .mapEmpty();
  }

  @Override
  public void forgetCachedReads() {
    questionnaires.forget();
  }
}
