package nl.koers.mentor;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import nl.koers.circle.CircleModule;
import nl.koers.identity.IdentityModule;
import nl.koers.notify.Inbox;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;

/**
 * The JIM mentor a young person picks: nomination, invite, parent agreement (12-15), confirmation,
 * scopes, check-ins and stepping down.
 */
public final class MentorModule implements KoersModule {

  private final Mentors mentors;
  private final NominationStore nominations;
  private final Duration period;

  public MentorModule(
      Platform platform, IdentityModule identity, CircleModule circle, Inbox inbox) {
    this.nominations = new NominationStore(platform.mongo(), platform.dataKeys());
    this.mentors =
        new Mentors(
            nominations,
            new JimRelationStore(circle.records()),
            circle.careCircle(),
            circle.consents(),
            circle.records(),
            identity.people(),
            inbox,
            platform.clock());
    this.period = Duration.ofMillis(platform.config().notifyIntervalMillis());
  }

  /** The JIM's rules, for dev mode's demo JIM. */
  public Mentors mentors() {
    return mentors;
  }

  @Override
  public Operations operations() {
    return new MentorRoutes(mentors).operations();
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(NominationStore.SPEC);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(new PeriodicRounds.Job("mentor check-ins", period, mentors::askDueCheckIns));
  }

  /** Check-in texts stored before they were sealed are sealed at every start (idempotent). */
  @Override
  public Future<Void> seed() {
    return nominations.sealPlainTexts().mapEmpty();
  }

  @Override
  public List<OutboxSource> outboxSources() {
    return List.of(
        OutboxSource.notifications(NominationStore.SPEC.name()),
        OutboxSource.consents(NominationStore.SPEC.name(), "youthId"));
  }
}
