package nl.koers.notify;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.NotifyTesting.acceptedFor;
import static nl.koers.testing.NotifyTesting.devNotify;
import static nl.koers.testing.NotifyTesting.inbox;
import static nl.koers.testing.NotifyTesting.registerPhone;
import static nl.koers.testing.NotifyTesting.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import nl.koers.demo.DemoRegion;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/** Quiet hours, types turned off, and people who left a circle. */
class PreferencesAndCircleTest extends KoersApiTest {

  /** 23:30 in Amsterdam (CET): quiet. */
  private static final Instant LATE = Instant.parse("2026-11-23T22:30:00Z");

  /** 07:00 the next morning in Amsterdam: quiet hours over. */
  private static final Instant MORNING = Instant.parse("2026-11-24T06:00:00Z");

  @Override
  protected Instant startsAt() {
    return LATE;
  }

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, fakeFcm());
  }

  private NotificationIntent intent(
      NotificationType type, String recipient, Optional<String> youth) {
    return new NotificationIntent(
        UUID.randomUUID().toString(),
        type,
        DemoRegion.idOf(recipient),
        youth.map(DemoRegion::idOf),
        youth.map(y -> "youth/" + DemoRegion.idOf(y)).orElse("me/notifications"),
        clock.instant());
  }

  private void record(String collection, String documentHandle, NotificationIntent intent) {
    await(
        mongo.write(
            mongo
                .collection(collection)
                .updateOne(Filters.eq("_id", DemoRegion.idOf(documentHandle)), intent.push())));
  }

  @Test
  void quietHoursHoldOrdinaryPushesUntilMorningButNeverASafetySignal() {
    String token = registerPhone(koers, koers.signInAs("pro-eva"));
    String test = devNotify(koers, "pro-eva");
    Eventually.until("in the inbox", () -> inbox(koers, koers.signInAs("pro-eva")).size() == 1);
    koers.runBackgroundNow();
    assertThat(fcm.received()).isEmpty();

    NotificationIntent safety = intent(NotificationType.SAFETY, "pro-eva", Optional.of("sam"));
    record("youth", "sam", safety);
    Eventually.until("the safety push, at night", () -> "SENT".equals(state(mongo, safety.id())));
    assertThat(acceptedFor(fcm.accepted(), token)).isEqualTo(1);
    assertThat(
            fcm.accepted()
                .get(0)
                .getJsonObject("message")
                .getJsonObject("android")
                .getString("priority"))
        .isEqualTo("high");

    clock.set(MORNING);
    Eventually.until("the test push, in the morning", () -> "SENT".equals(state(mongo, test)));
    assertThat(acceptedFor(fcm.accepted(), token)).isEqualTo(2);
  }

  @Test
  void aTypeTurnedOffIsNotPushedButIsStillInTheInbox() {
    clock.set(MORNING);
    JsonObject marco = koers.signInAs("marco");
    registerPhone(koers, marco);
    JsonObject saved =
        koers
            .putAsRead(
                marco,
                "/v1/me/notification-preferences",
                "/v1/me/notification-preferences",
                new JsonObject()
                    .put("types", new JsonObject().put("TEST", false))
                    .put("quietHours", new JsonObject().put("start", "22:00").put("end", "07:00")))
            .bodyAsJsonObject();
    assertThat(saved.getJsonObject("types").getBoolean("TEST")).isFalse();
    assertThat(saved.getJsonObject("types").getBoolean("SAFETY")).isTrue();

    String id = devNotify(koers, "marco");

    Eventually.until("handled", () -> "SKIPPED".equals(state(mongo, id)));
    assertThat(fcm.received()).isEmpty();
    assertThat(inbox(koers, marco)).extracting(item -> item.getString("id")).containsExactly(id);
  }

  @Test
  void everyTypeThatIsNotUrgentCanBeTurnedOffAndStaysOff() {
    JsonObject sam = koers.signInAs("sam");
    JsonObject quiet = new JsonObject().put("start", "22:00").put("end", "07:00");

    var saved =
        koers.putAsRead(
            sam,
            "/v1/me/notification-preferences",
            "/v1/me/notification-preferences",
            new JsonObject()
                .put("types", new JsonObject().put("MESSAGE", false).put("MILESTONE", false))
                .put("quietHours", quiet));

    assertThat(saved.statusCode()).isEqualTo(200);
    JsonObject types =
        koers.get(sam, "/v1/me/notification-preferences").bodyAsJsonObject().getJsonObject("types");
    assertThat(types.getBoolean("MESSAGE")).isFalse();
    assertThat(types.getBoolean("MILESTONE")).isFalse();
    assertThat(types.getBoolean("CIRCLE_CHANGED")).isTrue();
  }

  @Test
  void safetyNotificationsCannotBeTurnedOff() {
    JsonObject sam = koers.signInAs("sam");
    JsonObject quiet = new JsonObject().put("start", "22:00").put("end", "07:00");

    var refused =
        koers.putAsRead(
            sam,
            "/v1/me/notification-preferences",
            "/v1/me/notification-preferences",
            new JsonObject()
                .put("types", new JsonObject().put("SAFETY", false))
                .put("quietHours", quiet));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(
            refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/types/SAFETY");
    assertThat(
            koers
                .get(sam, "/v1/me/notification-preferences")
                .bodyAsJsonObject()
                .getJsonObject("types")
                .getBoolean("SAFETY"))
        .isTrue();
  }

  @Test
  void someoneWhoLeftTheCircleIsNotToldAnythingMoreAboutThatYoungPersonEvenIfQueued() {
    String token = registerPhone(koers, koers.signInAs("marco"));
    NotificationIntent aboutSam =
        intent(NotificationType.CIRCLE_CHANGED, "marco", Optional.of("sam"));
    record("youth", "sam", aboutSam);
    Eventually.until(
        "queued for the morning",
        () ->
            "PENDING".equals(state(mongo, aboutSam.id()))
                && inbox(koers, koers.signInAs("marco")).size() == 1);

    JsonObject eva = koers.signInAs("pro-eva");
    String samId = DemoRegion.idOf("sam");
    String marcosRelation =
        koers
            .get(eva, "/v1/youth/" + samId + "/circle")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(r -> r.getString("kind").equals("FOSTER_PARENT"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    koers.post(eva, "/v1/youth/" + samId + "/circle/" + marcosRelation + "/end", null);

    assertThat(inbox(koers, koers.signInAs("marco"))).isEmpty();
    clock.set(MORNING);
    koers.runBackgroundNow();
    assertThat(acceptedFor(fcm.accepted(), token)).isZero();
    assertThat(state(mongo, aboutSam.id())).isEqualTo("WITHDRAWN");
  }

  @Test
  void aYoungPersonIsToldWhenSomeoneJoinsTheirCircle() {
    clock.set(MORNING);
    JsonObject sam = koers.signInAs("sam");
    String token = registerPhone(koers, sam);
    String samId = DemoRegion.idOf("sam");

    koers.post(
        koers.signInAs("pro-eva"),
        "/v1/youth/" + samId + "/circle",
        new JsonObject().put("kind", "PROFESSIONAL").put("name", "Bram"));

    Eventually.until("pushed", () -> acceptedFor(fcm.accepted(), token) == 1);
    assertThat(inbox(koers, sam))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.getString("type")).isEqualTo("CIRCLE_CHANGED");
              assertThat(item.getString("resource")).isEqualTo("youth/" + samId + "/circle");
            });
  }
}
