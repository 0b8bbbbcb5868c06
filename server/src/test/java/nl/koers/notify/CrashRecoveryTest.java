package nl.koers.notify;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.KoersProcess.succeeded;
import static nl.koers.testing.NotifyTesting.about;
import static nl.koers.testing.NotifyTesting.acceptedFor;
import static nl.koers.testing.NotifyTesting.inbox;
import static nl.koers.testing.NotifyTesting.registerPhone;
import static nl.koers.testing.NotifyTesting.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.koers.demo.DemoRegion;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.Eventually;
import nl.koers.testing.FakeFcm;
import nl.koers.testing.KoersProcess;
import nl.koers.testing.MongoTest;
import nl.koers.testing.MutableClock;
import nl.koers.testing.NotifyTesting;
import nl.koers.testing.RunningKoers;
import nl.koers.testing.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process dies between any two steps of relaying and dispatching: afterwards every notification
 * is in the inbox once and was pushed once.
 */
class CrashRecoveryTest extends MongoTest {

  @TempDir Path dir;
  private FakeFcm fcm;

  @BeforeEach
  void startFcm() {
    fcm = new FakeFcm();
  }

  @AfterEach
  void stopFcm() {
    if (fcm != null) {
      fcm.close();
    }
  }

  private RunningKoers start(MutableClock clock) {
    return RunningKoers.start(NotifyTesting.settings(backend, database, fcm.uri()), clock);
  }

  private static NotificationIntent testFor(String handle, Instant at) {
    return new NotificationIntent(
        UUID.randomUUID().toString(),
        NotificationType.TEST,
        DemoRegion.idOf(handle),
        Optional.empty(),
        "me/notifications",
        at);
  }

  @Test
  void aCrashAfterTheRelayCopiedAnIntentButBeforeItLeftTheOutbox() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    String token;
    try (RunningKoers koers = start(clock)) {
      token = registerPhone(koers, koers.signInAs("marco"));
    }
    NotificationIntent intent = testFor("marco", clock.instant());
    // The change and its intent, in one write; then the relay's first step, then the crash.
    await(
        mongo.write(
            mongo
                .collection("persons")
                .updateOne(Filters.eq("_id", intent.recipientId()), intent.push())));
    await(new OutboxRelay(mongo, new Notifications(mongo), () -> List.of("persons")).copy(intent));

    try (RunningKoers koers = start(clock)) {
      Eventually.until("sent", () -> "SENT".equals(state(mongo, intent.id())));
      koers.runBackgroundNow();

      assertThat(acceptedFor(fcm.accepted(), token)).isEqualTo(1);
      assertThat(inbox(koers, koers.signInAs("marco"))).hasSize(1);
      assertThat(
              await(
                      mongo.first(
                          mongo
                              .collection("persons")
                              .find(Filters.eq("_id", intent.recipientId()))))
                  .getList(NotificationIntent.OUTBOX, org.bson.Document.class))
          .isEmpty();
    }
  }

  @Test
  void workClaimedByAnInstanceThatDiedIsTakenOverWhenItsLeaseEnds() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    String token;
    try (RunningKoers koers = start(clock)) {
      token = registerPhone(koers, koers.signInAs("marco"));
    }
    NotificationIntent intent = testFor("marco", clock.instant());
    Notifications notifications = new Notifications(mongo);
    await(notifications.insertOnce(intent));
    // The dead instance claimed everything due, this intent among it: a claim takes the oldest due
    // first, and the first server may have left other notifications pending.
    assertThat(claimEverythingDue(notifications, "a-dead-instance", clock.instant()))
        .contains(intent.id());

    try (RunningKoers koers = start(clock)) {
      koers.runBackgroundNow();
      assertThat(about(fcm.received(), intent.id()))
          .as("the lease on %s still holds", intent.id())
          .isEmpty();

      clock.advance(Dispatcher.LEASE.plusSeconds(1));
      Eventually.until("sent", () -> "SENT".equals(state(mongo, intent.id())));
      koers.runBackgroundNow();
      assertThat(acceptedFor(fcm.accepted(), token)).isEqualTo(1);
      assertThat(inbox(koers, koers.signInAs("marco"))).hasSize(1);
    }
  }

  private static List<String> claimEverythingDue(
      Notifications notifications, String instance, Instant now) {
    List<String> claimed = new java.util.ArrayList<>();
    Optional<org.bson.Document> next;
    while ((next = await(notifications.claimDue(instance, now, Dispatcher.LEASE))).isPresent()) {
      claimed.add(next.get().getString("_id"));
    }
    return claimed;
  }

  @Test
  void killMinus9WhileFcmHoldsThePushNeitherLosesNorDuplicatesIt() throws Exception {
    fcm.hold();
    String id;
    String token;
    try (KoersProcess doomed = KoersProcess.start(processSettings(), dir.resolve("doomed.log"))) {
      JsonObject marco = doomed.devSession("marco");
      doomed.withoutQuietHours(marco.getString("accessToken"));
      token = UUID.randomUUID().toString();
      succeeded(
          doomed.post(
              marco.getString("accessToken"),
              "/v1/me/devices",
              new JsonObject()
                  .put("token", token)
                  .put("platform", "ios")
                  .put("appVersion", "1.0.0")
                  .put("locale", "en")));
      id =
          succeeded(doomed.post(null, "/v1/dev/notify", new JsonObject().put("person", "marco")))
              .bodyAsJsonObject()
              .getString("notificationId");
      Eventually.until("the push is at FCM", () -> fcm.received().size() == 1);

      doomed.kill();
    }
    fcm.release();

    MutableClock later = new MutableClock(Instant.now().plus(Dispatcher.LEASE).plusSeconds(1));
    try (RunningKoers survivor = start(later)) {
      Eventually.until("taken over and finished", () -> "SENT".equals(state(mongo, id)));
      survivor.runBackgroundNow();

      assertThat(acceptedFor(fcm.accepted(), token)).isEqualTo(1);
      assertThat(inbox(survivor, survivor.signInAs("marco"))).hasSize(1);
    }
  }

  private Map<String, String> processSettings() {
    return Map.of(
        KoersConfig.MONGODB_URI, backend.uri(),
        KoersConfig.MONGODB_DATABASE, database,
        KoersConfig.JWT_KEYS_FILE, TestKeys.file().toString(),
        KoersConfig.DATA_KEY_FILE, TestKeys.dataKeyFile().toString(),
        KoersConfig.DEV_MODE, "true",
        KoersConfig.FCM_ENDPOINT, fcm.uri().toString(),
        KoersConfig.NOTIFY_INTERVAL_MILLIS, "50",
        KoersConfig.DATA_DIR, dir.resolve("data").toString());
  }
}
