package nl.koers.notify;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.NotifyTesting.acceptedFor;
import static nl.koers.testing.NotifyTesting.devNotify;
import static nl.koers.testing.NotifyTesting.inbox;
import static nl.koers.testing.NotifyTesting.notification;
import static nl.koers.testing.NotifyTesting.registerPhone;
import static nl.koers.testing.NotifyTesting.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import nl.koers.testing.Eventually;
import nl.koers.testing.FakeFcm;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/** What the dispatcher does with each kind of FCM trouble, through the real Admin SDK. */
class PushFaultsTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, fakeFcm());
  }

  @Test
  void fcmUnavailableForAWhileThenBackLosesNothingAndSendsOnce() {
    JsonObject marco = koers.signInAs("marco");
    String token = registerPhone(koers, marco);
    // More 503s than the SDK retries by itself, so the dispatcher's own retry is needed.
    for (int i = 0; i < 6; i++) {
      fcm.then(FakeFcm.Answer.unavailable("0"));
    }

    String id = devNotify(koers, "marco");
    Eventually.until(
        "a retry scheduled",
        () ->
            notification(mongo, id) != null
                && notification(mongo, id).getInteger("attempts", 0) >= 1);
    assertThat(fcm.accepted()).isEmpty();
    clock.advance(Duration.ofMinutes(1));

    Eventually.until("sent", () -> "SENT".equals(state(mongo, id)));
    koers.runBackgroundNow();
    assertThat(acceptedFor(fcm.accepted(), token)).isEqualTo(1);
    assertThat(inbox(koers, marco)).hasSize(1);
  }

  @Test
  void quotaExceededBacksOffAtLeastAMinute() {
    JsonObject marco = koers.signInAs("marco");
    String token = registerPhone(koers, marco);
    fcm.then(FakeFcm.Answer.quotaExceeded());

    String id = devNotify(koers, "marco");
    Eventually.until(
        "a retry scheduled",
        () ->
            notification(mongo, id) != null
                && notification(mongo, id).getInteger("attempts", 0) == 1);
    Instant nextAttempt = notification(mongo, id).getDate("nextAttemptAt").toInstant();
    assertThat(Duration.between(clock.instant(), nextAttempt))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(60));

    clock.advance(Duration.ofSeconds(59));
    koers.runBackgroundNow();
    assertThat(fcm.received()).hasSize(1);

    clock.advance(Duration.ofSeconds(2));
    Eventually.until("sent after the pause", () -> "SENT".equals(state(mongo, id)));
    assertThat(acceptedFor(fcm.accepted(), token)).isEqualTo(1);
  }

  @Test
  void anUnregisteredTokenIsDeletedAndNotRetried() {
    JsonObject marco = koers.signInAs("marco");
    String token = registerPhone(koers, marco);
    fcm.then(FakeFcm.Answer.unregistered());

    String id = devNotify(koers, "marco");

    Eventually.until("handled", () -> "SENT".equals(state(mongo, id)));
    assertThat(
            await(
                mongo.first(
                    mongo.collection("devices").find(Filters.eq("_id", Devices.idOf(token))))))
        .isNull();
    clock.advance(Duration.ofHours(2));
    koers.runBackgroundNow();
    assertThat(fcm.received()).hasSize(1);
    // Hours later: a new access token, the same inbox.
    assertThat(inbox(koers, koers.signInAs("marco"))).hasSize(1);
  }

  @Test
  void aPushThatKeepsFailingGivesUpAfterItsTimeToLiveAndStaysInTheInbox() {
    JsonObject marco = koers.signInAs("marco");
    registerPhone(koers, marco);
    for (int i = 0; i < 200; i++) {
      fcm.then(FakeFcm.Answer.unavailable("0"));
    }
    String id = devNotify(koers, "marco");
    Eventually.until(
        "a retry scheduled",
        () ->
            notification(mongo, id) != null
                && notification(mongo, id).getInteger("attempts", 0) >= 1);

    clock.advance(Notifications.TIME_TO_LIVE.plusSeconds(1));

    Eventually.until("given up", () -> "EXPIRED".equals(state(mongo, id)));
    assertThat(inbox(koers, koers.signInAs("marco"))).hasSize(1);
  }
}
