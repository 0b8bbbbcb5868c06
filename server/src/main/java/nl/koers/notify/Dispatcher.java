package nl.koers.notify;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import nl.koers.notify.Notifications.DeviceState;
import nl.koers.notify.Notifications.State;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes due notifications. Any number of instances run one each: a notification is claimed with a
 * lease, so only one instance works on it at a time, and a dead instance's work is taken over when
 * its lease ends. Each device's push is recorded before it is sent ({@code SENDING}) and after
 * ({@code SENT}); a takeover never sends again to a device that may already have it, so a crash
 * does not make a duplicate (and the push's collapse key would fold one on the phone anyway).
 */
public final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  static final Duration LEASE = Duration.ofSeconds(30);
  static final Duration FIRST_RETRY = Duration.ofSeconds(2);
  static final Duration LONGEST_RETRY = Duration.ofHours(1);
  static final Duration QUOTA_PAUSE = Duration.ofSeconds(60);
  private static final int BATCH = 50;

  /** Whether a person may still hear about a young person (they are in the circle). */
  @FunctionalInterface
  public interface Audience {
    Future<Boolean> mayHearAbout(String personId, String youthId);
  }

  private final String instance;
  private final Notifications notifications;
  private final Devices devices;
  private final Preferences preferences;
  private final Pushes pushes;
  private final Audience audience;
  private final Clock clock;

  public Dispatcher(
      String instance,
      Notifications notifications,
      Devices devices,
      Preferences preferences,
      Pushes pushes,
      Audience audience,
      Clock clock) {
    this.instance = instance;
    this.notifications = notifications;
    this.devices = devices;
    this.preferences = preferences;
    this.pushes = pushes;
    this.audience = audience;
    this.clock = clock;
  }

  /** Works through what is due now (at most a batch); answers how many it handled. */
  public Future<Integer> dispatchDue() {
    return next(0);
  }

  private Future<Integer> next(int done) {
    if (done >= BATCH) {
      return Future.succeededFuture(done);
    }
    return notifications
        .claimDue(instance, clock.instant(), LEASE)
        .compose(
            claimed ->
                claimed.isEmpty()
                    ? Future.succeededFuture(done)
                    : handle(claimed.get())
                        .recover(
                            e -> {
                              LOG.atWarn()
                                  .addKeyValue("notification", claimed.get().getString("_id"))
                                  .setCause(e)
                                  .log("dispatch failed; retried after the lease");
                              return Future.succeededFuture();
                            })
                        .compose(v -> next(done + 1)));
  }

  private Future<Void> handle(Document notification) {
    String id = notification.getString("_id");
    Instant now = clock.instant();
    if (!notification.getDate("expiresAt").toInstant().isAfter(now)) {
      return finish(id, State.EXPIRED, Map.of());
    }
    String youthId = notification.getString("youthId");
    Future<Boolean> allowed =
        youthId == null
            ? Future.succeededFuture(true)
            : audience.mayHearAbout(notification.getString("recipientId"), youthId);
    return allowed.compose(
        yes ->
            yes ? considerPreferences(notification, now) : finish(id, State.WITHDRAWN, Map.of()));
  }

  private Future<Void> considerPreferences(Document notification, Instant now) {
    String id = notification.getString("_id");
    NotificationType type = NotificationType.valueOf(notification.getString("type"));
    return preferences
        .of(notification.getString("recipientId"))
        .compose(
            settings -> {
              if (!settings.wants(type)) {
                return finish(id, State.SKIPPED, Map.of());
              }
              Optional<Instant> quietUntil =
                  type.urgent() ? Optional.empty() : settings.quietUntil(now);
              if (quietUntil.isPresent()) {
                return finish(
                    id, State.PENDING, Map.of("nextAttemptAt", Date.from(quietUntil.get())));
              }
              return push(notification, type, now);
            });
  }

  private Future<Void> push(Document notification, NotificationType type, Instant now) {
    String id = notification.getString("_id");
    Document deliveries = notification.get("deliveries", new Document());
    Duration timeToLive = Duration.between(now, notification.getDate("expiresAt").toInstant());
    return devices
        .freshOf(notification.getString("recipientId"))
        .compose(
            phones -> {
              List<Pushes.Outcome> outcomes = new ArrayList<>();
              Future<Void> chain = Future.succeededFuture();
              for (Devices.Device phone : phones) {
                if (deliveries.containsKey(phone.id())) {
                  // Sent, dropped, failed, or possibly sent by an instance that died: never again.
                  continue;
                }
                chain =
                    chain.compose(
                        v -> pushTo(id, phone, type, timeToLive).map(outcomes::add).mapEmpty());
              }
              return chain.compose(v -> conclude(notification, outcomes));
            });
  }

  private Future<Pushes.Outcome> pushTo(
      String id, Devices.Device phone, NotificationType type, Duration timeToLive) {
    return notifications
        .recordDevice(id, instance, phone.id(), DeviceState.SENDING, clock.instant())
        .compose(
            stillOurs -> {
              if (!stillOurs) {
                return Future.failedFuture(new IllegalStateException("lease lost"));
              }
              return pushes.send(
                  PushPayload.message(phone.token(), type, id, phone.locale(), timeToLive));
            })
        .compose(outcome -> record(id, phone, outcome).map(outcome));
  }

  private Future<Void> record(String id, Devices.Device phone, Pushes.Outcome outcome) {
    Instant now = clock.instant();
    if (outcome instanceof Pushes.Delivered) {
      return notifications.recordDevice(id, instance, phone.id(), DeviceState.SENT, now).mapEmpty();
    }
    if (outcome instanceof Pushes.DeadToken) {
      return devices
          .drop(phone.id())
          .compose(
              v -> notifications.recordDevice(id, instance, phone.id(), DeviceState.DROPPED, now))
          .mapEmpty();
    }
    if (outcome instanceof Pushes.Failed) {
      return notifications
          .recordDevice(id, instance, phone.id(), DeviceState.FAILED, now)
          .mapEmpty();
    }
    return notifications.forgetDevice(id, instance, phone.id());
  }

  private Future<Void> conclude(Document notification, List<Pushes.Outcome> outcomes) {
    String id = notification.getString("_id");
    List<Pushes.TryAgain> retries =
        outcomes.stream()
            .filter(Pushes.TryAgain.class::isInstance)
            .map(Pushes.TryAgain.class::cast)
            .toList();
    if (retries.isEmpty()) {
      return finish(id, State.SENT, Map.of("sentAt", Date.from(clock.instant())));
    }
    int attempts = notification.getInteger("attempts", 0) + 1;
    Instant next = clock.instant().plus(delay(attempts, retries));
    Map<String, Object> details = new HashMap<>();
    details.put("attempts", attempts);
    details.put("lastError", retries.get(0).reason());
    if (!next.isBefore(notification.getDate("expiresAt").toInstant())) {
      LOG.atWarn().addKeyValue("notification", id).log("push gave up: time to live passed");
      return finish(id, State.EXPIRED, details);
    }
    details.put("nextAttemptAt", Date.from(next));
    return finish(id, State.PENDING, details);
  }

  /**
   * Exponential backoff with jitter, never sooner than FCM's {@code Retry-After}, and at least a
   * minute when FCM says the quota is exceeded.
   */
  static Duration delay(int attempts, List<Pushes.TryAgain> retries) {
    long exponential = FIRST_RETRY.toMillis() * (1L << Math.min(attempts - 1, 20));
    long capped = Math.min(exponential, LONGEST_RETRY.toMillis());
    long jittered = (long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    Duration delay = Duration.ofMillis(jittered);
    for (Pushes.TryAgain retry : retries) {
      if (retry.notBefore().isPresent() && retry.notBefore().get().compareTo(delay) > 0) {
        delay = retry.notBefore().get();
      }
      if (retry.quota() && QUOTA_PAUSE.compareTo(delay) > 0) {
        delay = QUOTA_PAUSE;
      }
    }
    return delay;
  }

  private Future<Void> finish(String id, State state, Map<String, Object> details) {
    Map<String, Object> all = new HashMap<>(details);
    all.put("handledAt", Date.from(clock.instant()));
    return notifications.finish(id, instance, state, all);
  }
}
