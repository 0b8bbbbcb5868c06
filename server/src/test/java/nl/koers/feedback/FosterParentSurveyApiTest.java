package nl.koers.feedback;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.insights.Facts;
import nl.koers.insights.Indicator;
import nl.koers.insights.Rollups;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The foster parent's experience questionnaire: marco is asked, in the app, how supported he is
 * with sam's placement; his answer is his own (sam and eva do not read it unless shared, marco
 * still reads none of sam's feedback), and it counts in the region's "foster-parent support"
 * indicator under the same rule as every indicator: nothing that stands for fewer than 10 people.
 */
class FosterParentSurveyApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    // Facts relayed quickly; milestones off (their notifications are not what this is about).
    return NotifyTesting.settings(backend, database, null);
  }

  private static final String NOVEMBER = "?from=2026-11&to=2026-11";

  private Optional<JsonObject> survey(JsonObject session, String youthId) {
    return FeedbackTesting.openRequests(koers, session, youthId).stream()
        .filter(r -> r.getString("kind").equals("SURVEY"))
        .findFirst();
  }

  /** Every required item of the questionnaire answered with the same score. */
  private static JsonObject answers(JsonObject request, int score) {
    JsonArray answers = new JsonArray();
    for (Object entry : request.getJsonObject("questionnaire").getJsonArray("items")) {
      JsonObject item = (JsonObject) entry;
      if (item.getString("type").equals("FREE_TEXT")) {
        continue;
      }
      answers.add(FeedbackTesting.answer(item.getString("id"), item.getString("type"), score));
    }
    return new JsonObject()
        .put("feedbackRequestId", request.getString("id"))
        .put("answers", answers)
        .put("sharing", "REGION_ONLY");
  }

  @Test
  void marcoIsAskedAboutTheSupportHeGetsAndHisAnswerCountsForFosterParentSupport() {
    JsonObject marco = koers.signInAs("marco");
    String sam = koers.idOf("sam");

    JsonObject request = survey(marco, sam).orElseThrow();

    assertThat(request.getJsonObject("questionnaire").getString("key"))
        .isEqualTo("survey-foster-parent");
    assertThat(request.getJsonObject("questionnaire").getString("audience"))
        .isEqualTo("FOSTER_PARENT");
    HttpResponse<Buffer> answered =
        koers.post(marco, "/v1/youth/" + sam + "/feedback", answers(request, 4));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    assertThat(survey(marco, sam)).as("answered once, not asked again this period").isEmpty();
    Eventually.until(
        "marco's answer is counted",
        () -> counted("FOSTER_PARENT|16-17", Indicator.FOSTER_PARENT_SUPPORT.id()) == 1L);
    assertThat(counted("YOUTH|16-17", Indicator.SURVEY_SCORE.id()))
        .as("not counted as sam's own experience")
        .isZero();
  }

  @Test
  void aFosterParentsAnswerIsNotPartOfTheYoungPersonsFeedbackAndMarcoStillReadsNoneOfSams() {
    JsonObject marco = koers.signInAs("marco");
    String sam = koers.idOf("sam");
    JsonObject request = survey(marco, sam).orElseThrow();
    assertThat(
            koers.post(marco, "/v1/youth/" + sam + "/feedback", answers(request, 2)).statusCode())
        .isEqualTo(201);

    assertThat(FeedbackTesting.feedbackIds(koers, koers.signInAs("sam"), sam))
        .doesNotContain(request.getString("id"));
    assertThat(FeedbackTesting.feedbackIds(koers, koers.signInAs("pro-eva"), sam))
        .as("kept for the region only")
        .doesNotContain(request.getString("id"));
    assertThat(koers.get(marco, "/v1/youth/" + sam + "/feedback").statusCode()).isEqualTo(404);
  }

  @Test
  void aParentGetsTheParentsSurveyAndSomeoneOutsideTheCircleNoneAtAll() {
    JsonObject ilse = koers.signInAs("ilse");
    assertThat(
            survey(ilse, koers.idOf("noor"))
                .orElseThrow()
                .getJsonObject("questionnaire")
                .getString("key"))
        .isEqualTo("survey-parent");
    HttpResponse<Buffer> marcoOnNoor =
        koers.get(
            koers.signInAs("marco"), "/v1/youth/" + koers.idOf("noor") + "/feedback/requests");
    assertThat(marcoOnNoor.statusCode()).isEqualTo(404);
  }

  @Test
  void nineFosterParentsAreNotPublishedAsACell() {
    fosterParentsAnswer(9);
    publishNovember();

    JsonObject report = indicators();

    for (String band : List.of("16-17", "all")) {
      JsonObject cell = cell(report, band).orElseThrow();
      assertThat(cell.getBoolean("suppressed")).as(band).isTrue();
      assertThat(cell.getValue("n")).as(band).isNull();
      assertThat(cell.getValue("value")).as(band).isNull();
    }
  }

  @Test
  void twelveFosterParentsArePublishedWithTheirMeanScore() {
    fosterParentsAnswer(12);
    publishNovember();

    JsonObject cell = cell(indicators(), "all").orElseThrow();

    assertThat(cell.getBoolean("suppressed")).isFalse();
    assertThat(cell.getLong("n")).isEqualTo(12L);
    assertThat(cell.getDouble("value")).isEqualTo(4.0);
  }

  /**
   * {@code count} foster parents of 16-17 year olds answered in November, as feedback counts it.
   */
  private void fosterParentsAnswer(int count) {
    List<Document> facts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      facts.add(
          Facts.fact(
              "foster-" + i,
              "demo",
              "2026-11",
              Facts.Audience.FOSTER_PARENT,
              "16-17",
              Indicator.FOSTER_PARENT_SUPPORT.id(),
              Map.of("n", 1L, "count:support-fits", 1L, "sum:support-fits", 4L),
              Optional.empty()));
    }
    await(
        mongo.write(
            mongo
                .collection("feedback")
                .insertOne(new Document("_id", "foster-answers").append(Facts.OUTBOX, facts))));
    Eventually.until(
        "the answers are counted",
        () -> counted("FOSTER_PARENT|16-17", Indicator.FOSTER_PARENT_SUPPORT.id()) == count);
  }

  /** 3 December, 00:00 in Amsterdam: November is published. */
  private void publishNovember() {
    clock.set(Instant.parse("2026-12-02T23:00:00Z"));
  }

  private JsonObject indicators() {
    HttpResponse<Buffer> answer =
        koers.get(koers.signInAs("analyst"), "/v1/regions/demo/indicators" + NOVEMBER);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  private static Optional<JsonObject> cell(JsonObject report, String band) {
    return report.getJsonArray("cells").stream()
        .map(JsonObject.class::cast)
        .filter(c -> c.getString("indicator").equals(Indicator.FOSTER_PARENT_SUPPORT.id()))
        .filter(c -> c.getString("audience").equals("FOSTER_PARENT"))
        .filter(c -> c.getString("band").equals(band))
        .findFirst();
  }

  /** What November's rollup of demo has counted (n) in one cell for one indicator. */
  private long counted(String cell, String indicator) {
    Document rollup =
        await(
            mongo.first(
                mongo.collection(Rollups.SPEC.name()).find(new Document("_id", "demo|2026-11"))));
    Document cells = rollup == null ? null : rollup.get("cells", Document.class);
    Document of = cells == null ? null : cells.get(cell, Document.class);
    Document counters = of == null ? null : of.get(indicator, Document.class);
    Object n = counters == null ? null : counters.get("n");
    return n == null ? 0 : ((Number) n).longValue();
  }
}
