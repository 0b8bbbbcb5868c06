package nl.koers.feedback;

import static nl.koers.feedback.FeedbackTesting.feedbackIds;
import static nl.koers.feedback.FeedbackTesting.inboxTypes;
import static nl.koers.feedback.FeedbackTesting.logConversation;
import static nl.koers.feedback.FeedbackTesting.openRequests;
import static nl.koers.feedback.FeedbackTesting.pulseAnswer;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/** Pulses after contact moments, answers with a sharing choice, and who sees what. */
class FeedbackApiTest extends KoersApiTest {

  /** Monday 23 November 2026, 11:00 in Amsterdam. */
  @Override
  protected Instant startsAt() {
    return Instant.parse("2026-11-23T10:00:00Z");
  }

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private String samId() {
    return koers.idOf("sam");
  }

  @Test
  void aPulseAfterAContactMomentIsAnsweredInOnePostAndSeenByTheCoordinatorOnlyWhenShared() {
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject sam = koers.signInAs("sam");
    String kept = logConversation(koers, eva, samId());

    JsonObject request =
        openRequests(koers, sam, samId()).stream()
            .filter(r -> r.getString("id").equals(kept))
            .findFirst()
            .orElseThrow();
    assertThat(request.getString("kind")).isEqualTo("PULSE");
    assertThat(request.getJsonObject("questionnaire").getJsonArray("items")).hasSize(5);
    Eventually.until("sam is told", () -> inboxTypes(koers, sam).contains("FEEDBACK_REQUESTED"));

    HttpResponse<Buffer> regionOnly =
        koers.post(sam, "/v1/youth/" + samId() + "/feedback", pulseAnswer(kept, 4, "REGION_ONLY"));
    String shared = logConversation(koers, eva, samId());
    koers.post(
        sam,
        "/v1/youth/" + samId() + "/feedback",
        pulseAnswer(shared, 5, "SHARE_WITH_PROFESSIONAL"));

    assertThat(regionOnly.statusCode()).isEqualTo(201);
    assertThat(feedbackIds(koers, sam, samId())).containsExactlyInAnyOrder(kept, shared);
    assertThat(feedbackIds(koers, eva, samId())).containsExactly(shared);
    JsonObject seenByEva =
        koers
            .get(eva, "/v1/youth/" + samId() + "/feedback")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(seenByEva.getJsonObject("youth").getString("firstName")).isEqualTo("Sam");
  }

  @Test
  void parentsFosterParentsAndTheJimNeverSeeAYoungPersonsFeedback() {
    JsonObject eva = koers.signInAs("pro-eva");
    String noorId = koers.idOf("noor");
    JsonObject noor = koers.signInAs("noor");
    String pulse = logConversation(koers, eva, noorId);
    koers.post(
        noor,
        "/v1/youth/" + noorId + "/feedback",
        pulseAnswer(pulse, 2, "SHARE_WITH_PROFESSIONAL"));

    assertThat(
            koers.get(koers.signInAs("marco"), "/v1/youth/" + samId() + "/feedback").statusCode())
        .isEqualTo(404);
    assertThat(
            koers.get(koers.signInAs("jim-sam"), "/v1/youth/" + samId() + "/feedback").statusCode())
        .isEqualTo(404);
    // ilse, noor's parent, reads only her own answers: noor's are not among them.
    assertThat(feedbackIds(koers, koers.signInAs("ilse"), noorId)).doesNotContain(pulse);
    assertThat(feedbackIds(koers, eva, noorId)).containsExactly(pulse);
  }

  @Test
  void aParentAnswersTheirOwnQuestionnaire() {
    String noorId = koers.idOf("noor");
    JsonObject ilse = koers.signInAs("ilse");

    JsonObject survey = openRequests(koers, ilse, noorId).get(0);
    assertThat(survey.getJsonObject("questionnaire").getString("audience")).isEqualTo("PARENT");
    JsonArray answers = new JsonArray();
    for (Object item : survey.getJsonObject("questionnaire").getJsonArray("items")) {
      JsonObject question = (JsonObject) item;
      Object value =
          switch (question.getString("type")) {
            case "SMILEY_5" -> 4;
            case "SCALE_0_10" -> 8;
            case "YES_NO" -> true;
            default -> "Fijn dat er geluisterd wordt.";
          };
      answers.add(
          FeedbackTesting.answer(question.getString("id"), question.getString("type"), value));
    }
    HttpResponse<Buffer> answered =
        koers.post(
            ilse,
            "/v1/youth/" + noorId + "/feedback",
            new JsonObject()
                .put("feedbackRequestId", survey.getString("id"))
                .put("answers", answers));

    assertThat(answered.statusCode()).isEqualTo(201);
    assertThat(answered.bodyAsJsonObject().getString("sharing")).isEqualTo("REGION_ONLY");
    assertThat(feedbackIds(koers, ilse, noorId)).containsExactly(survey.getString("id"));
    assertThat(openRequests(koers, ilse, noorId)).isEmpty();
  }

  @Test
  void aRetryGetsTheFirstAnswerAndASecondAnswerIsRefused() {
    JsonObject sam = koers.signInAs("sam");
    String pulse = logConversation(koers, koers.signInAs("pro-eva"), samId());
    String key = UUID.randomUUID().toString();
    String path = "/v1/youth/" + samId() + "/feedback";

    HttpResponse<Buffer> first =
        koers.post(sam, path, pulseAnswer(pulse, 3, "REGION_ONLY"), Map.of("Idempotency-Key", key));
    HttpResponse<Buffer> retry =
        koers.post(sam, path, pulseAnswer(pulse, 3, "REGION_ONLY"), Map.of("Idempotency-Key", key));
    HttpResponse<Buffer> again = koers.post(sam, path, pulseAnswer(pulse, 5, "REGION_ONLY"));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(feedbackIds(koers, sam, samId())).containsExactly(pulse);
  }

  @Test
  void answersThatDoNotFitTheQuestionnaireAreRefusedItemByItemAndChangeNothing() {
    JsonObject sam = koers.signInAs("sam");
    String pulse = logConversation(koers, koers.signInAs("pro-eva"), samId());
    JsonObject wrong =
        new JsonObject()
            .put("feedbackRequestId", pulse)
            .put(
                "answers",
                new JsonArray()
                    .add(new JsonObject().put("itemId", "heard").put("valueInteger", 6))
                    .add(new JsonObject().put("itemId", "my-goals").put("valueText", "yes"))
                    .add(new JsonObject().put("itemId", "mystery").put("valueInteger", 1)));

    HttpResponse<Buffer> refused = koers.post(sam, "/v1/youth/" + samId() + "/feedback", wrong);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(
            problem(refused).getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("name")))
        .containsExactlyInAnyOrder("heard", "my-goals", "mystery", "approach", "overall");
    assertThat(openRequests(koers, sam, samId()))
        .extracting(r -> r.getString("id"))
        .contains(pulse);
    assertThat(
            koers
                .post(
                    sam, "/v1/youth/" + samId() + "/feedback", pulseAnswer(pulse, 4, "REGION_ONLY"))
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void anAnswerCarriesExactlyOneValueInTheFieldItsItemTakes() {
    JsonObject sam = koers.signInAs("sam");
    String pulse = logConversation(koers, koers.signInAs("pro-eva"), samId());
    JsonObject bent =
        new JsonObject()
            .put("feedbackRequestId", pulse)
            .put(
                "answers",
                new JsonArray()
                    .add(new JsonObject().put("itemId", "heard"))
                    .add(
                        new JsonObject()
                            .put("itemId", "my-goals")
                            .put("valueInteger", 4)
                            .put("valueText", "4"))
                    .add(new JsonObject().put("itemId", "approach").put("valueBoolean", true))
                    .add(
                        new JsonObject()
                            .put("itemId", "overall")
                            .put("valueChoices", new JsonArray().add("4"))));

    HttpResponse<Buffer> refused = koers.post(sam, "/v1/youth/" + samId() + "/feedback", bent);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(
            problem(refused).getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactlyInAnyOrder(
            "/answers/0/valueInteger",
            "/answers/1/valueInteger",
            "/answers/2/valueInteger",
            "/answers/3/valueInteger");
    assertThat(openRequests(koers, sam, samId()))
        .extracting(r -> r.getString("id"))
        .contains(pulse);
  }

  @Test
  void nobodyAnswersOnSomeoneElsesBehalf() {
    JsonObject eva = koers.signInAs("pro-eva");
    String pulse = logConversation(koers, eva, samId());

    HttpResponse<Buffer> byEva =
        koers.post(
            eva,
            "/v1/youth/" + samId() + "/feedback",
            pulseAnswer(pulse, 5, "SHARE_WITH_PROFESSIONAL"));
    HttpResponse<Buffer> byMarco =
        koers.post(
            koers.signInAs("marco"),
            "/v1/youth/" + samId() + "/feedback",
            pulseAnswer(pulse, 5, "REGION_ONLY"));

    assertThat(byEva.statusCode()).isEqualTo(404);
    assertThat(byMarco.statusCode()).isEqualTo(404);
    assertThat(openRequests(koers, koers.signInAs("sam"), samId()))
        .extracting(r -> r.getString("id"))
        .contains(pulse);
  }

  @Test
  void aLowSharedScoreBecomesATaskThatEscalatesAfterFiveWorkingDaysUnlessAnswered() {
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject sam = koers.signInAs("sam");
    String late = logConversation(koers, eva, samId());
    String answeredInTime = logConversation(koers, eva, samId());
    koers.post(
        sam, "/v1/youth/" + samId() + "/feedback", pulseAnswer(late, 1, "SHARE_WITH_PROFESSIONAL"));
    koers.post(
        sam,
        "/v1/youth/" + samId() + "/feedback",
        pulseAnswer(answeredInTime, 2, "SHARE_WITH_PROFESSIONAL"));
    Eventually.until(
        "two tasks for eva",
        () -> inboxTypes(koers, eva).stream().filter("FEEDBACK_TASK"::equals).count() == 2);

    JsonObject response =
        koers
            .post(
                eva,
                "/v1/youth/" + samId() + "/feedback/" + answeredInTime + "/responses",
                new JsonObject()
                    .put("text", "Goed dat je het zegt. Volgende keer plannen we het samen."))
            .bodyAsJsonObject();
    Eventually.until("sam hears back", () -> inboxTypes(koers, sam).contains("FEEDBACK_ANSWERED"));
    assertThat(
            koers
                .post(
                    sam,
                    "/v1/youth/"
                        + samId()
                        + "/feedback/"
                        + answeredInTime
                        + "/responses/"
                        + response.getString("id")
                        + "/rating",
                    new JsonObject().put("rating", 4))
                .statusCode())
        .isEqualTo(204);

    // Monday 11:00 + five working days = next Monday 11:00.
    clock.set(Instant.parse("2026-11-30T09:59:59Z"));
    koers.runBackgroundNow();
    assertThat(inboxTypes(koers, koers.signInAs("admin"))).doesNotContain("FEEDBACK_ESCALATED");

    clock.set(Instant.parse("2026-11-30T10:00:01Z"));
    JsonObject admin = koers.signInAs("admin");
    Eventually.until(
        "the admin is told", () -> inboxTypes(koers, admin).contains("FEEDBACK_ESCALATED"));
    koers.runBackgroundNow();
    assertThat(inboxTypes(koers, admin).stream().filter("FEEDBACK_ESCALATED"::equals)).hasSize(1);
    JsonObject escalated =
        koers
            .get(koers.signInAs("sam"), "/v1/youth/" + samId() + "/feedback")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(f -> f.getString("id").equals(late))
            .findFirst()
            .orElseThrow();
    assertThat(escalated.getJsonObject("task").getString("escalatedAt")).isNotNull();
  }

  @Test
  void answersAndQuestionnairesAreAvailableAsFhirResources() {
    JsonObject sam = koers.signInAs("sam");
    String pulse = logConversation(koers, koers.signInAs("pro-eva"), samId());
    koers.post(sam, "/v1/youth/" + samId() + "/feedback", pulseAnswer(pulse, 4, "REGION_ONLY"));

    HttpResponse<Buffer> response =
        koers.get(sam, "/v1/youth/" + samId() + "/feedback/" + pulse + "/fhir");
    HttpResponse<Buffer> questionnaire =
        koers.get(sam, "/v1/questionnaires/pulse-youth-16-plus@2/fhir");

    assertThat(response.getHeader("Content-Type")).startsWith("application/fhir+json");
    JsonObject qr = response.bodyAsJsonObject();
    assertThat(qr.getString("resourceType")).isEqualTo("QuestionnaireResponse");
    assertThat(qr.getString("status")).isEqualTo("completed");
    assertThat(qr.getString("questionnaire"))
        .isEqualTo("urn:koers:questionnaire:pulse-youth-16-plus|2");
    assertThat(qr.getJsonArray("item")).hasSize(4);
    assertThat(
            qr.getJsonArray("item")
                .getJsonObject(0)
                .getJsonArray("answer")
                .getJsonObject(0)
                .getInteger("valueInteger"))
        .isEqualTo(4);
    JsonObject q = questionnaire.bodyAsJsonObject();
    assertThat(q.getString("resourceType")).isEqualTo("Questionnaire");
    assertThat(q.getJsonArray("item")).hasSize(5);
    assertThat(q.getJsonArray("item").getJsonObject(0).getString("type")).isEqualTo("integer");
    assertThat(
            koers
                .get(
                    koers.signInAs("marco"),
                    "/v1/youth/" + samId() + "/feedback/" + pulse + "/fhir")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void aRegionsOwnVersionReplacesTheDefaultForItsYoungPeople() {
    JsonObject admin = koers.signInAs("admin");
    JsonObject published =
        koers
            .post(
                admin,
                "/v1/regions/demo/questionnaires",
                new JsonObject()
                    .put("kind", "PULSE")
                    .put("audience", "YOUTH_16_PLUS")
                    .put(
                        "title",
                        new JsonObject().put("nl", "Hoe ging het?").put("en", "How did it go?"))
                    .put(
                        "items",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("id", "mood")
                                    .put("type", "SMILEY_5")
                                    .put(
                                        "text",
                                        new JsonObject()
                                            .put("nl", "Hoe voel je je?")
                                            .put("en", "How do you feel?"))
                                    .put("required", true))))
            .bodyAsJsonObject();
    assertThat(
            koers
                .post(
                    koers.signInAs("pro-eva"),
                    "/v1/regions/demo/questionnaires",
                    new JsonObject()
                        .put("kind", "PULSE")
                        .put("audience", "YOUTH_16_PLUS")
                        .put("title", new JsonObject().put("nl", "x"))
                        .put(
                            "items",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("id", "a")
                                        .put("type", "YES_NO")
                                        .put("text", new JsonObject().put("nl", "x")))))
                .statusCode())
        .isEqualTo(403);

    String pulse = logConversation(koers, koers.signInAs("pro-eva"), samId());

    JsonObject request =
        openRequests(koers, koers.signInAs("sam"), samId()).stream()
            .filter(r -> r.getString("id").equals(pulse))
            .findFirst()
            .orElseThrow();
    assertThat(request.getJsonObject("questionnaire").getString("id"))
        .isEqualTo(published.getString("id"));
    assertThat(
            koers
                .get(admin, "/v1/questionnaires/pulse-youth-16-plus@1")
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .as("the default is unchanged")
        .hasSize(4);
  }

  @Test
  void eachAnswerIsReadBackInTheValueFieldItWasGivenIn() {
    JsonObject text = new JsonObject().put("nl", "Vraag").put("en", "Question");
    koers.post(
        koers.signInAs("admin"),
        "/v1/regions/demo/questionnaires",
        new JsonObject()
            .put("kind", "PULSE")
            .put("audience", "YOUTH_16_PLUS")
            .put("title", new JsonObject().put("nl", "Hoe ging het?"))
            .put(
                "items",
                new JsonArray()
                    .add(item("mood", "SMILEY_5", text))
                    .add(
                        item("best", "SINGLE_CHOICE", text)
                            .put(
                                "options",
                                new JsonArray()
                                    .add(new JsonObject().put("value", "talk").put("text", text))
                                    .add(new JsonObject().put("value", "walk").put("text", text))))
                    .add(item("again", "YES_NO", text))
                    .add(item("words", "FREE_TEXT", text))));
    JsonObject sam = koers.signInAs("sam");
    String pulse = logConversation(koers, koers.signInAs("pro-eva"), samId());
    JsonArray answers =
        new JsonArray()
            .add(new JsonObject().put("itemId", "mood").put("valueInteger", 4))
            .add(
                new JsonObject()
                    .put("itemId", "best")
                    .put("valueChoices", new JsonArray().add("walk")))
            .add(new JsonObject().put("itemId", "again").put("valueBoolean", true))
            .add(new JsonObject().put("itemId", "words").put("valueText", "42"));
    String path = "/v1/youth/" + samId() + "/feedback";
    JsonArray twoChoices = answers.copy();
    twoChoices.getJsonObject(1).put("valueChoices", new JsonArray().add("walk").add("talk"));

    HttpResponse<Buffer> tooMany =
        koers.post(
            sam, path, new JsonObject().put("feedbackRequestId", pulse).put("answers", twoChoices));
    HttpResponse<Buffer> answered =
        koers.post(
            sam, path, new JsonObject().put("feedbackRequestId", pulse).put("answers", answers));

    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(problem(tooMany).getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/answers/1/valueChoices");
    assertThat(answered.statusCode()).isEqualTo(201);
    assertThat(answered.bodyAsJsonObject().getJsonArray("answers")).isEqualTo(answers);
    assertThat(
            koers
                .get(sam, path)
                .bodyAsJsonObject()
                .getJsonArray("items")
                .getJsonObject(0)
                .getJsonArray("answers"))
        .isEqualTo(answers);
  }

  private static JsonObject item(String id, String type, JsonObject text) {
    return new JsonObject().put("id", id).put("type", type).put("text", text).put("required", true);
  }
}
