package nl.koers.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.MutableClock;
import nl.koers.testing.RunningKoers;
import nl.koers.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default keeps the database in one file under the data directory: the free text about
 * a young person must not be in it, whatever the stand-in does with old pages. A word written into
 * a field Koers keeps in plain (a handover contact's organisation) proves the search sees text in
 * the file at all.
 */
class ShreddedAtRestEmbeddedTest {

  private static final String MARKER = "kiwiembedded4242";
  private static final String PLAIN = "plainorganisation4242";

  @TempDir Path dataDir;

  @Test
  void aMessageFeedbackSafetyTextAndPlanTextAreNowhereInTheEmbeddedFile() throws Exception {
    JsonObject settings =
        new JsonObject()
            .put(KoersConfig.DATA_DIR, dataDir.toString())
            .put(KoersConfig.DEV_MODE, true)
            .put(KoersConfig.JWT_KEYS_FILE, TestKeys.file().toString());
    try (RunningKoers koers =
        RunningKoers.start(settings, new MutableClock(Instant.parse("2026-11-23T10:00:00Z")))) {
      MarkedTexts.message(koers, "sam", "Bericht " + MARKER);
      String feedback = MarkedTexts.feedbackWords(koers, "Woorden " + MARKER);
      MarkedTexts.safetySignal(koers, "noor", "Signaal " + MARKER);
      MarkedTexts.planSituation(koers, "sam", "Situatie " + MARKER);
      MarkedTexts.handover(koers, "daan", PLAIN);

      assertThat(MarkedTexts.feedbackWordsRead(koers, feedback)).isEqualTo("Woorden " + MARKER);
      assertThat(MarkedTexts.planSituationRead(koers, "sam")).isEqualTo("Situatie " + MARKER);
    }

    String file =
        new String(
            Files.readAllBytes(dataDir.resolve(MongoConnection.EMBEDDED_FILE)),
            StandardCharsets.ISO_8859_1);
    assertThat(file).as("plain text is visible in the file").contains(PLAIN);
    assertThat(file).doesNotContain(MARKER);
  }
}
