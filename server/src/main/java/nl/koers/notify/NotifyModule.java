package nl.koers.notify;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.CircleModule;
import nl.koers.identity.IdentityModule;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Mongo;

/**
 * Notifications: the in-app inbox, devices and preferences, the relay that turns every module's
 * outbox into notifications, and push dispatch through FCM (a loopback stand-in, or dev mode's
 * outbox). Pushes carry no names or care content.
 */
public final class NotifyModule implements KoersModule {

  private final Devices devices;
  private final Optional<DevOutbox> devOutbox;
  private final OutboxRelay relay;
  private final Dispatcher dispatcher;
  private final NotifyRoutes routes;
  private final Notifications notifications;
  private final Preferences preferences;
  private final Duration relayPeriod;

  /** The inbox, first: circle and mentor rules write to it before notify itself is made. */
  public static Inbox inbox(Platform platform) {
    return new Inbox(new Notifications(platform.mongo()), platform.clock());
  }

  public NotifyModule(
      Platform platform, Inbox inbox, IdentityModule identity, CircleModule circle) {
    KoersConfig config = platform.config();
    Mongo mongo = platform.mongo();
    Clock clock = platform.clock();
    this.notifications = new Notifications(mongo);
    this.devices = new Devices(mongo, clock);
    this.preferences = new Preferences(mongo);
    this.devOutbox =
        config.fcmEndpoint().isEmpty() && config.devMode()
            ? Optional.of(new DevOutbox(clock))
            : Optional.empty();
    this.relay =
        new OutboxRelay(
            mongo,
            notifications,
            () -> platform.outboxes().collectionsCarrying(OutboxSource.Carries.NOTIFICATIONS));
    this.dispatcher =
        new Dispatcher(
            config.instanceId(),
            notifications,
            devices,
            preferences,
            new Pushes(platform.vertx(), messaging(platform.vertx(), config, devOutbox)),
            circle.careCircle()::mayHearAbout,
            clock);
    this.routes =
        new NotifyRoutes(
            devices, inbox, preferences, identity.people(), devOutbox, clock, config.appVersions());
    this.relayPeriod = Duration.ofMillis(config.notifyIntervalMillis());
  }

  private static Messaging messaging(
      Vertx vertx, KoersConfig config, Optional<DevOutbox> devOutbox) {
    return config
        .fcmEndpoint()
        .map(uri -> Messaging.standIn(vertx, config.firebaseProjectId(), uri))
        .or(() -> devOutbox.map(outbox -> Messaging.dev(vertx, config.firebaseProjectId(), outbox)))
        .orElseGet(() -> Messaging.google(vertx, config.firebaseProjectId()));
  }

  /** Everyone's inbox (erasure removes a person's, and what was about them). */
  public Notifications notifications() {
    return notifications;
  }

  /** Everyone's notification settings (erasure removes a person's). */
  public Preferences preferences() {
    return preferences;
  }

  public Devices devices() {
    return devices;
  }

  /** Dev mode's stand-in for FCM (present only in dev mode without a loopback FCM). */
  public Optional<DevOutbox> devOutbox() {
    return devOutbox;
  }

  @Override
  public Operations operations() {
    return routes.operations();
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(Notifications.SPEC, Devices.SPEC, Preferences.SPEC);
  }

  @Override
  public List<PeriodicRounds.Job> jobs() {
    return List.of(
        new PeriodicRounds.Job("outbox relay", relayPeriod, relay::relay),
        // Stale devices go by their TTL index, which the platform's expiry job sweeps.
        new PeriodicRounds.Job("push dispatch", relayPeriod, dispatcher::dispatchDue));
  }
}
