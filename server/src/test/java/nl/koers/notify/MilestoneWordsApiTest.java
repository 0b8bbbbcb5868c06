package nl.koers.notify;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.NotifyTesting.devNotify;
import static nl.koers.testing.NotifyTesting.notification;
import static nl.koers.testing.NotifyTesting.registerPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/**
 * A milestone notification tells the young person what the step means for them: the inbox and the
 * change feed carry its milestone and its words, in the caller's language (Dutch unless English is
 * asked for), a follow-up names how long ago care ended, and the push stays without words. The
 * notifications are made as the milestones make them: an intent in a changed document's outbox,
 * turned into a notification by the relay.
 */
class MilestoneWordsApiTest extends KoersApiTest {

  private static final Map<String, String> ENGLISH = Map.of("Accept-Language", "en");

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, fakeFcm());
  }

  /** A milestone notification to {@code recipient} about sam, through the outbox and the relay. */
  private String milestoneFor(String recipient, String milestone) {
    String samId = koers.idOf("sam");
    NotificationIntent intent =
        NotificationIntent.keyed(
                samId + "/milestone/" + milestone + "/" + recipient + "/" + UUID.randomUUID(),
                NotificationType.MILESTONE,
                koers.idOf(recipient),
                Optional.of(samId),
                "youth/" + samId + "/circle/confirmation",
                clock.instant())
            .withMilestone(milestone);
    await(
        mongo.write(
            mongo.collection("persons").updateOne(Filters.eq("_id", samId), intent.push())));
    koers.runBackgroundNow();
    return intent.id();
  }

  private JsonObject inboxItem(String handle, String id, Map<String, String> headers) {
    HttpResponse<Buffer> answer =
        koers.get(koers.signInAs(handle), "/v1/me/notifications?limit=100", headers);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(item -> id.equals(item.getString("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in the inbox: " + answer.bodyAsString()));
  }

  private JsonObject feedEntry(String handle, String id, Map<String, String> headers) {
    clock.advance(Duration.ofSeconds(3)); // past the feed's hold-back of the newest changes
    HttpResponse<Buffer> answer =
        koers.get(koers.signInAs(handle), "/v1/me/changes?limit=200", headers);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(c -> "NOTIFICATION".equals(c.getString("kind")) && id.equals(c.getString("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in the feed: " + answer.bodyAsString()));
  }

  @Test
  void theYoungPersonsInboxSaysTheMilestoneInDutchUnlessTheyAskForEnglish() {
    String id = milestoneFor("sam", "ADULT");

    assertThat(notification(mongo, id).getString("milestone")).isEqualTo("ADULT");
    JsonObject dutch = inboxItem("sam", id, Map.of());
    JsonObject english = inboxItem("sam", id, ENGLISH);

    assertThat(dutch.getString("milestone")).isEqualTo("ADULT");
    assertThat(dutch.getJsonObject("message"))
        .isEqualTo(
            new JsonObject()
                .put("title", "Je bent 18: jij beslist")
                .put(
                    "text",
                    "Gefeliciteerd met je verjaardag! Vanaf nu beslis jij wie er in je kring blijft"
                        + " en wat zij mogen zien. Kijk of je kring nog klopt en bevestig wie mag"
                        + " blijven."));
    assertThat(english.getString("milestone")).isEqualTo("ADULT");
    assertThat(english.getJsonObject("message").getString("title"))
        .isEqualTo("You are 18: you decide");
    assertThat(english.getJsonObject("message").getString("text"))
        .contains("you decide who stays in your circle");
  }

  @Test
  void markingAMilestoneNotificationReadAnswersItWithItsWords() {
    String id = milestoneFor("sam", "PLAN_OPENS");

    HttpResponse<Buffer> read =
        koers.post(
            koers.signInAs("sam"),
            "/v1/me/notifications/" + id + "/read",
            new JsonObject(),
            ENGLISH);

    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getString("milestone")).isEqualTo("PLAN_OPENS");
    assertThat(read.bodyAsJsonObject().getJsonObject("message").getString("title"))
        .isEqualTo("Your future plan is open");
  }

  @Test
  void theChangeFeedSaysWhatTheInboxSaysInTheSameLanguage() {
    String id = milestoneFor("sam", "EXTENDED_CARE_DECISION_DUE");

    JsonObject dutch = feedEntry("sam", id, Map.of());
    JsonObject english = feedEntry("sam", id, ENGLISH);

    assertThat(dutch.getString("milestone")).isEqualTo("EXTENDED_CARE_DECISION_DUE");
    assertThat(dutch.getJsonObject("message"))
        .isEqualTo(inboxItem("sam", id, Map.of()).getJsonObject("message"));
    assertThat(dutch.getJsonObject("message").getString("text")).contains("Jij mag zeggen");
    assertThat(english.getJsonObject("message"))
        .isEqualTo(inboxItem("sam", id, ENGLISH).getJsonObject("message"));
    assertThat(english.getJsonObject("message").getString("text")).contains("You may say");
  }

  @Test
  void aFollowUpNamesHowLongAgoYouthCareEnded() {
    String sixMonths = milestoneFor("sam", "FOLLOW_UP_6_MONTHS");
    String twoYears = milestoneFor("sam", "FOLLOW_UP_24_MONTHS");
    String thirtyMonths = milestoneFor("sam", "FOLLOW_UP_30_MONTHS");

    JsonObject six = inboxItem("sam", sixMonths, Map.of()).getJsonObject("message");
    assertThat(six.getString("title")).isEqualTo("6 maanden na je jeugdzorg: hoe gaat het?");
    assertThat(six.getString("text")).startsWith("Je jeugdzorg stopte 6 maanden geleden.");
    assertThat(inboxItem("sam", sixMonths, ENGLISH).getJsonObject("message").getString("text"))
        .startsWith("Your youth care ended 6 months ago.");
    assertThat(inboxItem("sam", twoYears, Map.of()).getJsonObject("message").getString("text"))
        .startsWith("Je jeugdzorg stopte 2 jaar geleden.");
    assertThat(inboxItem("sam", twoYears, ENGLISH).getJsonObject("message").getString("title"))
        .isEqualTo("2 years after youth care: how are you?");
    assertThat(feedEntry("sam", thirtyMonths, ENGLISH).getJsonObject("message").getString("text"))
        .startsWith("Your youth care ended 30 months ago.");
  }

  @Test
  void aNotificationAboutNoMilestoneHasNeitherAMilestoneNorWords() {
    String id = devNotify(koers, "sam");
    koers.runBackgroundNow();

    assertThat(notification(mongo, id)).doesNotContainKey("milestone");
    JsonObject item = inboxItem("sam", id, ENGLISH);
    JsonObject entry = feedEntry("sam", id, ENGLISH);
    for (JsonObject seen : List.of(item, entry)) {
      assertThat(seen.containsKey("milestone")).as(seen.encode()).isFalse();
      assertThat(seen.containsKey("message")).as(seen.encode()).isFalse();
    }
  }

  @Test
  void someoneInTheCircleToldOfTheStepGetsItsNameButNotTheWordsMeantForTheYoungPerson() {
    String id = milestoneFor("pro-eva", "ADULT");

    JsonObject item = inboxItem("pro-eva", id, Map.of());
    JsonObject entry = feedEntry("pro-eva", id, Map.of());

    for (JsonObject seen : List.of(item, entry)) {
      assertThat(seen.getString("milestone")).isEqualTo("ADULT");
      assertThat(seen.containsKey("message")).as("'you are 18' is not for her").isFalse();
    }
  }

  @Test
  void thePushOfAMilestoneNotificationCarriesOnlyItsTypeAndId() {
    registerPhone(koers, koers.signInAs("sam"));
    String id = milestoneFor("sam", "FOLLOW_UP_6_MONTHS");

    Eventually.until("pushed", () -> fcm.accepted().size() >= 1);

    JsonObject message = fcm.received().get(0).getJsonObject("message");
    assertThat(message.getJsonObject("data"))
        .isEqualTo(new JsonObject().put("type", "update").put("id", id));
    String everything = message.encode().toLowerCase(Locale.ROOT);
    for (String word : List.of("maanden", "months", "jeugdzorg", "youth care", "follow_up")) {
      assertThat(everything).doesNotContain(word);
    }
    assertThat(message.getJsonObject("notification").getString("body"))
        .isEqualTo("Er is iets nieuws voor je in Koers");
  }

  @Test
  void aMilestoneThereAreNoWordsForIsRefusedWhenTheIntentIsMade() {
    NotificationIntent intent =
        new NotificationIntent(
            UUID.randomUUID().toString(),
            NotificationType.MILESTONE,
            koers.idOf("sam"),
            Optional.of(koers.idOf("sam")),
            "me/notifications",
            clock.instant());

    assertThatThrownBy(() -> intent.withMilestone("TURNS_17_AND_A_HALF"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> intent.withMilestone("FOLLOW_UP_0_MONTHS"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(intent.milestone()).isEmpty();
  }
}
