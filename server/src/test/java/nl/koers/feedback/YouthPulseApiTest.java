package nl.koers.feedback;

import static nl.koers.feedback.FeedbackTesting.feedbackIds;
import static nl.koers.feedback.FeedbackTesting.inboxTypes;
import static nl.koers.feedback.FeedbackTesting.logConversation;
import static nl.koers.feedback.FeedbackTesting.openRequests;
import static nl.koers.feedback.FeedbackTesting.pulseAnswer;
import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nl.koers.insights.Publication;
import nl.koers.insights.Rollups;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A pulse the young person starts about a recent contact, and sharing choices that say what
 * happens: "just for me" is read by nobody and counted nowhere, and a choice only ever widens.
 */
class YouthPulseApiTest extends KoersApiTest {

  /** Monday 23 November 2026, 11:00 in Amsterdam. */
  @Override
  protected Instant startsAt() {
    return Instant.parse("2026-11-23T10:00:00Z");
  }

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private static final LocalDate TODAY = LocalDate.parse("2026-11-23");

  private final java.util.Map<String, String> ids = new java.util.HashMap<>();

  private String id(String handle) {
    return ids.computeIfAbsent(handle, koers::idOf);
  }

  private String noorId() {
    return id("noor");
  }

  private String evaId() {
    return id("pro-eva");
  }

  private HttpResponse<Buffer> start(
      JsonObject session, String youthId, String with, LocalDate day) {
    return koers.post(
        session,
        "/v1/youth/" + youthId + "/feedback/requests",
        new JsonObject().put("with", with).put("day", day.toString()));
  }

  @Test
  void noorStartsAPulseForYesterdaysConversationWithEvaAndAnswersItLikeAnyPulse() {
    JsonObject noor = koers.signInAs("noor");
    JsonObject eva = koers.signInAs("pro-eva");

    HttpResponse<Buffer> started = start(noor, noorId(), evaId(), TODAY.minusDays(1));

    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(201);
    JsonObject pulse = started.bodyAsJsonObject();
    assertThat(pulse.getString("kind")).isEqualTo("PULSE");
    assertThat(pulse.getJsonObject("contactMoment").getString("with")).isEqualTo(evaId());
    assertThat(pulse.getJsonObject("contactMoment").getString("day")).isEqualTo("2026-11-22");
    assertThat(pulse.getJsonObject("questionnaire").getString("audience")).isEqualTo("YOUTH_12_15");
    String id = pulse.getString("id");
    assertThat(openRequests(koers, noor, noorId())).extracting(r -> r.getString("id")).contains(id);

    HttpResponse<Buffer> again = start(noor, noorId(), evaId(), TODAY.minusDays(1));
    assertThat(again.statusCode()).as("the same contact and day: the one there is").isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(id);

    HttpResponse<Buffer> answered =
        koers.post(
            noor,
            "/v1/youth/" + noorId() + "/feedback",
            pulseAnswer(id, 2, "SHARE_WITH_PROFESSIONAL"));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    assertThat(answered.bodyAsJsonObject().getJsonObject("task").getString("status"))
        .isEqualTo("OPEN");
    assertThat(feedbackIds(koers, eva, noorId())).contains(id);
    Eventually.until(
        "eva is asked to reply", () -> inboxTypes(koers, eva).contains("FEEDBACK_TASK"));
    HttpResponse<Buffer> afterAnswer = start(noor, noorId(), evaId(), TODAY.minusDays(1));
    assertThat(afterAnswer.statusCode()).as("answered: not a second one").isEqualTo(409);
    assertThat(openRequests(koers, noor, noorId()))
        .extracting(r -> r.getString("id"))
        .doesNotContain(id);
  }

  @Test
  void aPulseNoorStartsAfterChoosingEasyReadIsWordedEasy() {
    JsonObject noor = koers.signInAs("noor");
    HttpResponse<Buffer> chosen =
        koers.put(
            noor,
            "/v1/youth/" + noorId() + "/reading-level",
            new JsonObject().put("readingLevel", "EASY"));
    assertThat(chosen.statusCode()).as(chosen.bodyAsString()).isEqualTo(200);

    HttpResponse<Buffer> started = start(noor, noorId(), evaId(), TODAY.minusDays(1));

    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(201);
    JsonObject questionnaire = started.bodyAsJsonObject().getJsonObject("questionnaire");
    assertThat(questionnaire.getString("readingLevel")).isEqualTo("EASY");
    assertThat(questionnaire.getString("id")).isEqualTo("pulse-youth-12-15-easy@1");
  }

  @Test
  void aFourthStartOnOneDayIsRefusedAndTheNextDayMayStartAgain() {
    JsonObject noor = koers.signInAs("noor");
    for (int back = 0; back < YouthPulses.PER_DAY; back++) {
      assertThat(start(noor, noorId(), evaId(), TODAY.minusDays(back)).statusCode()).isEqualTo(201);
    }

    HttpResponse<Buffer> fourth = start(noor, noorId(), evaId(), TODAY.minusDays(4));
    HttpResponse<Buffer> startedAgain = start(noor, noorId(), evaId(), TODAY);

    assertThat(fourth.statusCode()).isEqualTo(422);
    assertThat(problem(fourth).getString("type"))
        .isEqualTo("urn:koers:problem:pulse-limit-reached");
    assertThat(problem(fourth).getString("detail")).contains("3");
    assertThat(startedAgain.statusCode()).as("asking again for one there is").isEqualTo(200);
    assertThat(startedPulses(noor)).hasSize(3);

    clock.set(Instant.parse("2026-11-23T23:00:00Z")); // Tuesday, 00:00 in Amsterdam
    JsonObject nextDay = koers.signInAs("noor");
    assertThat(start(nextDay, noorId(), evaId(), TODAY.minusDays(4)).statusCode()).isEqualTo(201);
  }

  @Test
  void startsAtTheSameMomentCannotPassTheLimitTogether() throws Exception {
    JsonObject noor = koers.signInAs("noor");
    String noorId = noorId();
    String evaId = evaId();
    ExecutorService phones = Executors.newFixedThreadPool(6);
    try {
      List<CompletableFuture<Integer>> answers = new ArrayList<>();
      for (int back = 0; back < 6; back++) {
        LocalDate day = TODAY.minusDays(back);
        answers.add(
            CompletableFuture.supplyAsync(
                () -> start(noor, noorId, evaId, day).statusCode(), phones));
      }
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<Integer> answer : answers) {
        statuses.add(answer.get());
      }

      assertThat(statuses.stream().filter(s -> s == 201)).hasSize(3);
      assertThat(statuses.stream().filter(s -> s == 422)).hasSize(3);
      assertThat(startedPulses(noor)).hasSize(3);
    } finally {
      phones.shutdownNow();
    }
  }

  @Test
  void aDayMoreThanAWeekAgoOrStillToComeIsRefused() {
    JsonObject noor = koers.signInAs("noor");

    HttpResponse<Buffer> eightDaysAgo = start(noor, noorId(), evaId(), TODAY.minusDays(8));
    HttpResponse<Buffer> tomorrow = start(noor, noorId(), evaId(), TODAY.plusDays(1));
    HttpResponse<Buffer> aWeekAgo = start(noor, noorId(), evaId(), TODAY.minusDays(7));

    assertThat(eightDaysAgo.statusCode()).isEqualTo(422);
    assertThat(problem(eightDaysAgo).getString("type"))
        .isEqualTo("urn:koers:problem:pulse-day-out-of-range");
    assertThat(tomorrow.statusCode()).isEqualTo(422);
    assertThat(problem(tomorrow).getString("type"))
        .isEqualTo("urn:koers:problem:pulse-day-out-of-range");
    assertThat(aWeekAgo.statusCode()).isEqualTo(201);
    assertThat(startedPulses(noor)).hasSize(1);
  }

  @Test
  void onlySomeoneWhoHelpsInTheCircleCanBeWhomThePulseIsAbout() {
    JsonObject noor = koers.signInAs("noor");

    for (String handle : List.of("ilse", "pro-joris", "tess", "noor", "jim-sam")) {
      HttpResponse<Buffer> refused = start(noor, noorId(), id(handle), TODAY);
      assertThat(refused.statusCode()).as(handle).isEqualTo(422);
      assertThat(problem(refused).getString("type"))
          .as(handle)
          .isEqualTo("urn:koers:problem:pulse-contact-not-in-circle");
    }
    assertThat(startedPulses(noor)).isEmpty();
    JsonObject sam = koers.signInAs("sam");
    HttpResponse<Buffer> withJim = start(sam, id("sam"), id("jim-sam"), TODAY);
    assertThat(withJim.statusCode()).as("sam's JIM supports him").isEqualTo(201);
  }

  @Test
  void ilseCannotStartOneForNoorNorCanEvaOrMarcoStartOneForTheirYoungPeople() {
    String nobody = "00000000-0000-4000-8000-000000000000";
    for (String handle : List.of("ilse", "pro-eva")) {
      JsonObject session = koers.signInAs(handle);
      HttpResponse<Buffer> refused = start(session, noorId(), evaId(), TODAY);
      HttpResponse<Buffer> missing = start(session, nobody, evaId(), TODAY);
      assertThat(refused.statusCode()).as(handle).isEqualTo(404);
      assertThat(problem(refused).getString("type")).isEqualTo(problem(missing).getString("type"));
    }
    assertThat(start(koers.signInAs("marco"), id("sam"), evaId(), TODAY).statusCode())
        .isEqualTo(404);
    assertThat(startedPulses(koers.signInAs("noor"))).isEmpty();
  }

  @Test
  void anAnswerJustForNoorIsReadByNobodyElseAndNeverCounted() {
    JsonObject noor = koers.signInAs("noor");
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject sam = koers.signInAs("sam");
    for (int i = 0; i < 10; i++) {
      answerRegionOnly(sam, logConversation(koers, eva, id("sam")));
    }
    Eventually.until("sam's ten pulses are counted", () -> counted("pulse-score", "n") == 10L);
    long surveysBefore = counted("survey-score", "n");
    long sharedBefore = counted("shared-with-professional", "n");
    long answeredBefore = counted("response-rate", "yes");

    String pulse =
        start(noor, noorId(), evaId(), TODAY.minusDays(1)).bodyAsJsonObject().getString("id");
    koers.post(noor, "/v1/youth/" + noorId() + "/feedback", pulseAnswer(pulse, 1, "NOBODY"));
    String survey = answerSurveyWithWords(noor, "NOBODY", "Ik wil een andere begeleider.");
    // One more of sam's, counted after noor's: once it is, noor's had their chance to count.
    answerRegionOnly(sam, logConversation(koers, eva, id("sam")));
    Eventually.until("sam's eleventh is counted", () -> counted("pulse-score", "n") == 11L);

    assertThat(counted("survey-score", "n")).isEqualTo(surveysBefore);
    assertThat(counted("shared-with-professional", "n")).isEqualTo(sharedBefore + 1);
    assertThat(counted("response-rate", "yes")).isEqualTo(answeredBefore + 1);
    assertThat(feedbackIds(koers, eva, noorId())).doesNotContain(pulse, survey);
    assertThat(koers.get(eva, "/v1/youth/" + noorId() + "/feedback/" + survey).statusCode())
        .isEqualTo(404);
    assertThat(feedbackIds(koers, noor, noorId())).contains(pulse, survey);
    assertThat(ownWords(noor, survey)).isEqualTo("Ik wil een andere begeleider.");
    koers.runBackgroundNow();
    assertThat(inboxTypes(koers, eva)).doesNotContain("FEEDBACK_TASK");

    clock.set(Instant.parse("2026-12-02T23:00:00Z")); // 3 December: November is published
    assertThat(pulseCountPublished("2026-11")).as("sam's eleven, not noor's").isEqualTo(11L);
  }

  @Test
  void wideningJustForMeToTheProfessionalLetsEvaReadTheWordsAndIsOnTheConsentHistory() {
    JsonObject noor = koers.signInAs("noor");
    JsonObject eva = koers.signInAs("pro-eva");
    String survey = answerSurveyWithWords(noor, "NOBODY", "Ik wil vaker praten.");
    String path = "/v1/youth/" + noorId() + "/feedback/" + survey;
    assertThat(koers.get(eva, path).statusCode()).isEqualTo(404);
    long surveysBefore = counted("survey-score", "n");

    HttpResponse<Buffer> byIlse = widen(koers.signInAs("ilse"), survey, "SHARE_WITH_PROFESSIONAL");
    HttpResponse<Buffer> byEva = widen(eva, survey, "SHARE_WITH_PROFESSIONAL");
    HttpResponse<Buffer> widened = widen(noor, survey, "SHARE_WITH_PROFESSIONAL");

    assertThat(byIlse.statusCode()).isEqualTo(404);
    assertThat(byEva.statusCode()).isEqualTo(404);
    assertThat(widened.statusCode()).as(widened.bodyAsString()).isEqualTo(200);
    assertThat(widened.bodyAsJsonObject().getString("sharing"))
        .isEqualTo("SHARE_WITH_PROFESSIONAL");
    assertThat(widened.bodyAsJsonObject().getJsonObject("task").getString("dueAt"))
        .as("five working days from the widening")
        .isEqualTo("2026-11-30T10:00:00Z");
    HttpResponse<Buffer> read = koers.get(eva, path);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(words(read.bodyAsJsonObject())).isEqualTo("Ik wil vaker praten.");
    Eventually.until(
        "eva is asked to reply", () -> inboxTypes(koers, eva).contains("FEEDBACK_TASK"));
    Eventually.until(
        "the survey counts for the region now",
        () -> counted("survey-score", "n") == surveysBefore + 1);
    Eventually.until(
        "both choices are on the consent history", () -> sharingChoices(noor, survey).size() == 2);
    assertThat(sharingChoices(noor, survey))
        .containsExactlyInAnyOrder("[] → [NOBODY]", "[NOBODY] → [SHARE_WITH_PROFESSIONAL]");
  }

  @Test
  void aNarrowingAttemptIsRefusedAndEvaStillReadsIt() {
    JsonObject noor = koers.signInAs("noor");
    JsonObject eva = koers.signInAs("pro-eva");
    String pulse = start(noor, noorId(), evaId(), TODAY).bodyAsJsonObject().getString("id");
    koers.post(noor, "/v1/youth/" + noorId() + "/feedback", pulseAnswer(pulse, 4, "REGION_ONLY"));
    assertThat(widen(noor, pulse, "SHARE_WITH_PROFESSIONAL").statusCode()).isEqualTo(200);

    HttpResponse<Buffer> toNobody = widen(noor, pulse, "NOBODY");
    HttpResponse<Buffer> toRegion = widen(noor, pulse, "REGION_ONLY");
    HttpResponse<Buffer> same = widen(noor, pulse, "SHARE_WITH_PROFESSIONAL");

    assertThat(toNobody.statusCode()).isEqualTo(409);
    assertThat(problem(toNobody).getString("type"))
        .isEqualTo("urn:koers:problem:sharing-not-wider");
    assertThat(toRegion.statusCode()).isEqualTo(409);
    assertThat(same.statusCode()).as("the same choice again changes nothing").isEqualTo(200);
    assertThat(feedbackIds(koers, eva, noorId())).contains(pulse);
    assertThat(
            koers
                .get(eva, "/v1/youth/" + noorId() + "/feedback/" + pulse)
                .bodyAsJsonObject()
                .getString("sharing"))
        .isEqualTo("SHARE_WITH_PROFESSIONAL");
    assertThat(widen(noor, pulse, "SHARE_WITH_PROFESSIONAL").bodyAsJsonObject().getValue("task"))
        .as("a good answer asks for no reply, shared or not")
        .isNull();
    Eventually.until(
        "the choices are on the consent history", () -> sharingChoices(noor, pulse).size() == 2);
    koers.runBackgroundNow();
    assertThat(sharingChoices(noor, pulse))
        .as("only what changed")
        .containsExactlyInAnyOrder(
            "[] → [REGION_ONLY]", "[REGION_ONLY] → [SHARE_WITH_PROFESSIONAL]");
  }

  @Test
  void nobodyWidensAnAnswerThatIsNotTheirOwn() {
    JsonObject ilse = koers.signInAs("ilse");
    JsonObject parentSurvey = openRequests(koers, ilse, noorId()).get(0);
    JsonArray answers = new JsonArray();
    for (Object raw : parentSurvey.getJsonObject("questionnaire").getJsonArray("items")) {
      JsonObject item = (JsonObject) raw;
      Object value =
          switch (item.getString("type")) {
            case "SMILEY_5" -> 2;
            case "SCALE_0_10" -> 3;
            case "YES_NO" -> false;
            default -> "Niemand belt terug.";
          };
      answers.add(FeedbackTesting.answer(item.getString("id"), item.getString("type"), value));
    }
    String ilses =
        koers
            .post(
                ilse,
                "/v1/youth/" + noorId() + "/feedback",
                new JsonObject()
                    .put("feedbackRequestId", parentSurvey.getString("id"))
                    .put("answers", answers)
                    .put("sharing", "REGION_ONLY"))
            .bodyAsJsonObject()
            .getString("id");

    HttpResponse<Buffer> byNoor = widen(koers.signInAs("noor"), ilses, "SHARE_WITH_PROFESSIONAL");
    HttpResponse<Buffer> byIlse = widen(ilse, ilses, "SHARE_WITH_PROFESSIONAL");

    assertThat(byNoor.statusCode()).as("not noor's answer").isEqualTo(404);
    assertThat(byIlse.statusCode()).as("a parent's choice is made when answering").isEqualTo(404);
    assertThat(feedbackIds(koers, koers.signInAs("pro-eva"), noorId())).doesNotContain(ilses);
  }

  @Test
  void sharedLongAfterTheAnswerTheReplyTaskIsDueFromTheSharing() {
    JsonObject noor = koers.signInAs("noor");
    String pulse = logConversation(koers, koers.signInAs("pro-eva"), noorId());
    koers.post(noor, "/v1/youth/" + noorId() + "/feedback", pulseAnswer(pulse, 1, "REGION_ONLY"));

    clock.set(Instant.parse("2026-12-07T10:00:00Z")); // two weeks on, a Monday
    HttpResponse<Buffer> widened = widen(koers.signInAs("noor"), pulse, "SHARE_WITH_PROFESSIONAL");
    koers.runBackgroundNow();

    JsonObject task = widened.bodyAsJsonObject().getJsonObject("task");
    assertThat(task.getString("status")).isEqualTo("OPEN");
    assertThat(task.getString("dueAt")).isEqualTo("2026-12-14T10:00:00Z");
    assertThat(inboxTypes(koers, koers.signInAs("admin"))).doesNotContain("FEEDBACK_ESCALATED");
  }

  // ---------------------------------------------------------------- helpers

  private HttpResponse<Buffer> widen(JsonObject session, String feedbackId, String sharing) {
    return koers.put(
        session,
        "/v1/youth/" + noorId() + "/feedback/" + feedbackId + "/sharing",
        new JsonObject().put("sharing", sharing));
  }

  private void answerRegionOnly(JsonObject sam, String requestId) {
    HttpResponse<Buffer> answered =
        koers.post(
            sam, "/v1/youth/" + id("sam") + "/feedback", pulseAnswer(requestId, 4, "REGION_ONLY"));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
  }

  /** Noor answers her survey (it has open items), with these words in the first open one. */
  private String answerSurveyWithWords(JsonObject noor, String sharing, String text) {
    JsonObject survey =
        openRequests(koers, noor, noorId()).stream()
            .filter(r -> r.getString("kind").equals("SURVEY"))
            .findFirst()
            .orElseThrow();
    JsonArray answers = new JsonArray();
    boolean worded = false;
    for (Object raw : survey.getJsonObject("questionnaire").getJsonArray("items")) {
      JsonObject item = (JsonObject) raw;
      String type = item.getString("type");
      if (type.equals("FREE_TEXT") && worded) {
        continue;
      }
      Object value =
          switch (type) {
            case "SMILEY_5" -> 4;
            case "SCALE_0_10" -> 7;
            case "YES_NO" -> true;
            case "SINGLE_CHOICE" -> item.getJsonArray("options").getJsonObject(0).getValue("value");
            default -> text;
          };
      worded |= type.equals("FREE_TEXT");
      answers.add(FeedbackTesting.answer(item.getString("id"), type, value));
    }
    assertThat(worded).as("the survey has an open item").isTrue();
    HttpResponse<Buffer> answered =
        koers.post(
            noor,
            "/v1/youth/" + noorId() + "/feedback",
            new JsonObject()
                .put("feedbackRequestId", survey.getString("id"))
                .put("answers", answers)
                .put("sharing", sharing));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    return survey.getString("id");
  }

  private String ownWords(JsonObject session, String feedbackId) {
    return words(
        koers.get(session, "/v1/youth/" + noorId() + "/feedback/" + feedbackId).bodyAsJsonObject());
  }

  private static String words(JsonObject feedback) {
    return feedback.getJsonArray("answers").stream()
        .map(JsonObject.class::cast)
        .filter(a -> a.containsKey("valueText"))
        .map(a -> a.getString("valueText"))
        .findFirst()
        .orElse(null);
  }

  /** Noor's open pulses that she started herself. */
  private List<JsonObject> startedPulses(JsonObject noor) {
    return openRequests(koers, noor, noorId()).stream()
        .filter(r -> r.getJsonObject("contactMoment") != null)
        .filter(r -> r.getJsonObject("contactMoment").containsKey("with"))
        .toList();
  }

  /** The sharing choices about one feedback on noor's consent history, as "before → after". */
  private List<String> sharingChoices(JsonObject noor, String feedbackId) {
    return koers
        .get(noor, "/v1/youth/" + noorId() + "/consents?limit=100")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(c -> c.getString("decision").equals("FEEDBACK_SHARING"))
        .filter(c -> c.getString("about").equals(feedbackId))
        .map(c -> c.getJsonArray("before").getList() + " → " + c.getJsonArray("after").getList())
        .toList();
  }

  /** The published pulse-score of demo's young people in one month (all bands). */
  private long pulseCountPublished(String month) {
    JsonObject report =
        koers
            .get(
                koers.signInAs("analyst"),
                "/v1/regions/demo/indicators?from=" + month + "&to=" + month)
            .bodyAsJsonObject();
    return report.getJsonArray("cells").stream()
        .map(JsonObject.class::cast)
        .filter(c -> c.getString("indicator").equals("pulse-score"))
        .filter(c -> c.getString("audience").equals("YOUTH"))
        .filter(c -> c.getString("band").equals("all"))
        .findFirst()
        .orElseThrow()
        .getLong("n");
  }

  /** What November's rollup of demo has counted in the young people's bands. */
  private long counted(String indicator, String counter) {
    Document rollup =
        await(
            mongo.first(
                mongo.collection(Rollups.SPEC.name()).find(new Document("_id", "demo|2026-11"))));
    long sum = 0;
    for (String band : Publication.BANDS) {
      Document cells = rollup == null ? null : rollup.get("cells", Document.class);
      Document of = cells == null ? null : cells.get("YOUTH|" + band, Document.class);
      Document counters = of == null ? null : of.get(indicator, Document.class);
      Object value = counters == null ? null : counters.get(counter);
      sum += value == null ? 0 : ((Number) value).longValue();
    }
    return sum;
  }
}
