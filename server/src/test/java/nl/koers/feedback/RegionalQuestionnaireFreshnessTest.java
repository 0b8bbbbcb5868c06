package nl.koers.feedback;

import static nl.koers.feedback.FeedbackTesting.logConversation;
import static nl.koers.feedback.FeedbackTesting.openRequests;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.Eventually;
import nl.koers.testing.MongoTest;
import nl.koers.testing.MutableClock;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/**
 * Each instance keeps what it read of a region's latest questionnaires for {@code
 * KOERS_REGION_CACHE_FRESHNESS} (every pulse asks it; a region publishes a few times a year): the
 * instance a region publishes on asks the new version at once, another one once its freshness has
 * passed, never later.
 */
class RegionalQuestionnaireFreshnessTest extends MongoTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  @Test
  void theInstanceARegionPublishesOnAsksTheNewVersionAtOnceAnotherGoesOnWithTheOneItRead() {
    try (RunningKoers a = RunningKoers.start(settings("PT1H"), clock);
        RunningKoers b = RunningKoers.start(settings("PT1H"), clock)) {
      String samId = b.idOf("sam");
      String national = questionnaireOfANewPulse(b, samId);
      questionnaireOfANewPulse(a, samId);

      String published = publishPulseForSixteenPlus(a);

      assertThat(published).isNotEqualTo(national);
      assertThat(questionnaireOfANewPulse(a, samId)).isEqualTo(published);
      assertThat(questionnaireOfANewPulse(b, samId))
          .as("within its hour, the other instance asks the version it read")
          .isEqualTo(national);
    }
  }

  @Test
  void anotherInstanceAsksTheRegionsNewVersionOnceItsFreshnessHasPassed() {
    try (RunningKoers a = RunningKoers.start(settings("PT1S"), clock);
        RunningKoers b = RunningKoers.start(settings("PT1S"), clock)) {
      String samId = b.idOf("sam");
      String national = questionnaireOfANewPulse(b, samId);

      String published = publishPulseForSixteenPlus(a);

      assertThat(published).isNotEqualTo(national);
      Eventually.until(
          "the other instance asks the region's version",
          Duration.ofSeconds(10),
          () -> questionnaireOfANewPulse(b, samId).equals(published));
    }
  }

  private JsonObject settings(String freshness) {
    return RunningKoers.devMode(backend, database)
        .put(KoersConfig.REGION_CACHE_FRESHNESS, freshness);
  }

  /** Eva logs a conversation with sam: the questionnaire of the pulse sam is then asked. */
  private static String questionnaireOfANewPulse(RunningKoers koers, String samId) {
    String pulse = logConversation(koers, koers.signInAs("pro-eva"), samId);
    return openRequests(koers, koers.signInAs("sam"), samId).stream()
        .filter(request -> request.getString("id").equals(pulse))
        .findFirst()
        .orElseThrow()
        .getJsonObject("questionnaire")
        .getString("id");
  }

  private static String publishPulseForSixteenPlus(RunningKoers koers) {
    JsonObject text = new JsonObject().put("nl", "Hoe voel je je?").put("en", "How do you feel?");
    return koers
        .post(
            koers.signInAs("admin"),
            "/v1/regions/demo/questionnaires",
            new JsonObject()
                .put("kind", "PULSE")
                .put("audience", "YOUTH_16_PLUS")
                .put("title", new JsonObject().put("nl", "Hoe ging het?").put("en", "How was it?"))
                .put(
                    "items",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("id", "mood")
                                .put("type", "SMILEY_5")
                                .put("text", text)
                                .put("required", true))))
        .bodyAsJsonObject()
        .getString("id");
  }
}
