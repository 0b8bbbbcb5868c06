package nl.koers.circle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.koers.identity.IdentityModule;
import nl.koers.identity.People;
import nl.koers.notify.Inbox;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Mongo;

/**
 * A young person's circle and the one place access is decided ({@link CareCircle}): relations,
 * scopes and age rules, registrations, consents and their history, the access and security logs,
 * and the re-authorization of idempotent replays.
 */
public final class CircleModule implements KoersModule {

  private final YouthRecords records;
  private final CareCircle careCircle;
  private final Replays replays;
  private final ConsentLog consentLog;
  private final Consents consents;
  private final Circles circles;
  private final Standings standings;
  private final AccessLog accessLog;
  private final SecurityLog securityLog;
  private final Operations operations;
  private final Duration relayPeriod;

  /**
   * {@code regionRoles}, {@code safetyDuty} and {@code organisations} are the region capability's
   * (its role check, its safety-contact roster and its register of organisations), handed in
   * because region builds on circle.
   */
  public CircleModule(
      Platform platform,
      IdentityModule identity,
      Inbox inbox,
      CareCircle.RegionRoles regionRoles,
      CareCircle.SafetyDuty safetyDuty,
      Registrations.OpenOrganisations organisations) {
    Mongo mongo = platform.mongo();
    Clock clock = platform.clock();
    People people = identity.people();
    this.records = new YouthRecords(mongo);
    this.accessLog = new AccessLog(mongo);
    this.securityLog = new SecurityLog(mongo);
    this.careCircle =
        new CareCircle(records, regionRoles, accessLog, securityLog, safetyDuty, clock);
    // A replayed Idempotency-Key is allowed again as a fresh request would be.
    this.replays = new Replays(careCircle, records, securityLog, clock);
    this.consentLog =
        new ConsentLog(mongo, () -> platform.outboxes().carrying(OutboxSource.Carries.CONSENTS));
    this.consents = new Consents(careCircle, records, consentLog, people, inbox, clock);
    this.circles = new Circles(careCircle, records, people, accessLog, clock);
    this.standings = new Standings(records, consentLog, clock);
    Registrations registrations =
        new Registrations(
            people,
            regionRoles,
            organisations,
            records,
            careCircle,
            identity.activations(),
            identity.accounts(),
            identity.sessions(),
            clock);
    this.operations =
        new CircleRoutes(circles, registrations, consents)
            .operations()
            .and(new RegistrationRoutes(registrations, circles).operations());
    this.relayPeriod = Duration.ofMillis(platform.config().notifyIntervalMillis());
  }

  /** Who looked at a young person's data (erasure pseudonymises it). */
  public AccessLog accessLog() {
    return accessLog;
  }

  /** Refused attempts (erasure pseudonymises the young person in them). */
  public SecurityLog securityLog() {
    return securityLog;
  }

  /** The consent history (erasure removes a young person's). */
  public ConsentLog consentLog() {
    return consentLog;
  }

  public YouthRecords records() {
    return records;
  }

  public CareCircle careCircle() {
    return careCircle;
  }

  public Replays replays() {
    return replays;
  }

  public Consents consents() {
    return consents;
  }

  public Circles circles() {
    return circles;
  }

  /** Where a person stands toward each young person: what the change feed decides on. */
  public Standings standings() {
    return standings;
  }

  @Override
  public Operations operations() {
    return operations;
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(YouthRecords.SPEC, AccessLog.SPEC, SecurityLog.SPEC, ConsentLog.SPEC);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(new PeriodicRounds.Job("consent relay", relayPeriod, consentLog::relay));
  }

  @Override
  public List<OutboxSource> outboxSources() {
    return List.of(
        OutboxSource.notifications(YouthRecords.SPEC.name()),
        OutboxSource.consents(YouthRecords.SPEC.name(), "_id"));
  }
}
