package nl.koers.feedback;

import static nl.koers.feedback.FeedbackTesting.logConversation;
import static nl.koers.feedback.FeedbackTesting.openRequests;
import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.insights.Rollups;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Questions worded for the young person: 12-15 and 16+ differ where age matters, easy-read when
 * they choose it (only they may), the words of an open request never change under them, the pulse's
 * own free-text item within its limit and sealed at rest, and every wording counted together.
 */
class WordingApiTest extends KoersApiTest {

  private static final String MARKER = "kiwiwording4711";

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private String noorId() {
    return koers.idOf("noor");
  }

  private String samId() {
    return koers.idOf("sam");
  }

  /** The young person's open request of this kind, newest if several. */
  private JsonObject openOf(String handle, String kind) {
    List<JsonObject> open =
        openRequests(koers, koers.signInAs(handle), koers.idOf(handle)).stream()
            .filter(r -> r.getString("kind").equals(kind))
            .toList();
    assertThat(open).as("%s's open %s requests", handle, kind).isNotEmpty();
    return open.get(open.size() - 1);
  }

  /** A pulse eva asks of this young person after a conversation, as their phone shows it. */
  private JsonObject pulseFor(String handle) {
    String requestId = logConversation(koers, koers.signInAs("pro-eva"), koers.idOf(handle));
    return request(handle, requestId);
  }

  private JsonObject request(String handle, String requestId) {
    return openRequests(koers, koers.signInAs(handle), koers.idOf(handle)).stream()
        .filter(r -> r.getString("id").equals(requestId))
        .findFirst()
        .orElseThrow();
  }

  /** The item of a request's questionnaire with this id. */
  private static JsonObject item(JsonObject request, String itemId) {
    return items(request).stream()
        .filter(i -> i.getString("id").equals(itemId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no item " + itemId));
  }

  private static List<JsonObject> items(JsonObject request) {
    return request.getJsonObject("questionnaire").getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  private static List<String> itemIds(JsonObject request) {
    return items(request).stream().map(i -> i.getString("id")).toList();
  }

  private static String nl(JsonObject item) {
    return item.getJsonObject("text").getString("nl");
  }

  private static String en(JsonObject item) {
    return item.getJsonObject("text").getString("en");
  }

  private HttpResponse<Buffer> chooseReadingLevel(String handle, String youthId, String level) {
    return koers.put(
        koers.signInAs(handle),
        "/v1/youth/" + youthId + "/reading-level",
        new JsonObject().put("readingLevel", level));
  }

  private HttpResponse<Buffer> answer(String handle, String requestId, JsonArray answers) {
    return koers.post(
        koers.signInAs(handle),
        "/v1/youth/" + koers.idOf(handle) + "/feedback",
        new JsonObject()
            .put("feedbackRequestId", requestId)
            .put("sharing", "SHARE_WITH_PROFESSIONAL")
            .put("answers", answers),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  /** The four smileys of a pulse, all the same, and a comment when {@code comment} is not null. */
  private static JsonArray pulseAnswers(int smiley, String comment) {
    JsonArray answers = new JsonArray();
    for (String item : List.of("heard", "my-goals", "approach", "overall")) {
      answers.add(new JsonObject().put("itemId", item).put("valueInteger", smiley));
    }
    if (comment != null) {
      answers.add(new JsonObject().put("itemId", "comment").put("valueText", comment));
    }
    return answers;
  }

  /** The sentences of a text: what ends in . ? or ! (a colon or comma does not end one). */
  private static List<String> sentences(String text) {
    return Arrays.stream(text.split("(?<=[.?!])\\s+")).map(String::strip).toList();
  }

  private static int words(String sentence) {
    return sentence.split("\\s+").length;
  }

  @Test
  void theTwelveToFifteenAndSixteenPlusPulsesDifferWhereAgeMattersAndKeepTheirItems() {
    JsonObject noors = pulseFor("noor");
    JsonObject sams = pulseFor("sam");

    assertThat(itemIds(noors))
        .as("the same items, so the region counts them together")
        .containsExactly("heard", "my-goals", "approach", "overall", "comment")
        .isEqualTo(itemIds(sams));
    assertThat(nl(item(noors, "heard"))).contains("begeleider");
    assertThat(en(item(noors, "heard"))).contains("support worker");
    assertThat(nl(item(sams, "heard"))).doesNotContain("begeleider").contains("serieus genomen");
    assertThat(nl(item(sams, "my-goals"))).contains("eigen doelen");
    assertThat(nl(item(noors, "my-goals"))).doesNotContain("doelen");
    assertThat(nl(item(sams, "approach"))).contains("meebeslissen");
    assertThat(en(item(sams, "approach"))).contains("a say");
    assertThat(nl(item(noors, "approach"))).doesNotContain("meebeslissen");
    assertThat(noors.getJsonObject("questionnaire").getJsonObject("title").getString("nl"))
        .isEqualTo("Hoe ging het gesprek met je begeleider?");
    assertThat(noors.getJsonObject("questionnaire").getString("id"))
        .isEqualTo("pulse-youth-12-15@2");
    assertThat(sams.getJsonObject("questionnaire").getString("readingLevel")).isEqualTo("STANDARD");
    for (JsonObject pulse : List.of(noors, sams)) {
      JsonObject comment = item(pulse, "comment");
      assertThat(comment.getString("type")).isEqualTo("FREE_TEXT");
      assertThat(comment.getBoolean("required")).isFalse();
      assertThat(comment.getInteger("maxLength")).isEqualTo(500);
      assertThat(items(pulse)).noneMatch(i -> i.containsKey("pictogram"));
    }
    assertThat(nl(item(noors, "comment"))).startsWith("Wil je nog iets zeggen?");
    assertThat(en(item(sams, "comment"))).startsWith("Anything else you want to say");
  }

  @Test
  void theTwelveToFifteenAndSixteenPlusSurveysDifferWhereAgeMatters() {
    JsonObject noors = openOf("noor", "SURVEY");
    JsonObject sams = openOf("sam", "SURVEY");

    assertThat(nl(item(noors, "taken-seriously"))).contains("begeleider");
    assertThat(nl(item(sams, "taken-seriously"))).isEqualTo("Ik word serieus genomen.");
    assertThat(nl(item(sams, "say"))).contains("eigen keuzes");
    assertThat(nl(item(noors, "say"))).doesNotContain("keuzes");
    assertThat(nl(item(noors, "better"))).contains("thuis of op school");
    assertThat(nl(item(sams, "future"))).contains("later");
    assertThat(en(item(sams, "future"))).contains("housing", "work", "money");
    assertThat(itemIds(sams))
        .as("16+ asks about the future as well, every other item is the same")
        .containsAll(itemIds(noors))
        .contains("future");
    assertThat(itemIds(noors)).doesNotContain("future");
    assertThat(itemIds(sams)).hasSize(itemIds(noors).size() + 1);
    assertThat(sams.getJsonObject("questionnaire").getString("id"))
        .isEqualTo("survey-youth-16-plus@2");
  }

  @Test
  void noorSwitchesToEasyReadAndHerNextPulseAndSurveyCarryTheEasyWordsAndPictograms() {
    JsonObject before =
        new JsonObject()
            .put(
                "questionnaire",
                koers
                    .get(koers.signInAs("noor"), "/v1/questionnaires/pulse-youth-12-15@2")
                    .bodyAsJsonObject());

    HttpResponse<Buffer> chosen = chooseReadingLevel("noor", noorId(), "EASY");

    assertThat(chosen.statusCode()).as(chosen.bodyAsString()).isEqualTo(200);
    assertThat(chosen.bodyAsJsonObject().getString("readingLevel")).isEqualTo("EASY");
    JsonObject card = koers.get(koers.signInAs("noor"), "/v1/youth/" + noorId()).bodyAsJsonObject();
    assertThat(card.getString("readingLevel")).isEqualTo("EASY");
    JsonObject evasView =
        koers.get(koers.signInAs("pro-eva"), "/v1/youth/" + noorId()).bodyAsJsonObject();
    assertThat(evasView.containsKey("readingLevel")).as("her setting, not her circle's").isFalse();

    JsonObject easy = pulseFor("noor");
    JsonObject questionnaire = easy.getJsonObject("questionnaire");
    assertThat(questionnaire.getString("readingLevel")).isEqualTo("EASY");
    assertThat(questionnaire.getString("id")).isEqualTo("pulse-youth-12-15-easy@1");
    assertThat(itemIds(easy)).isEqualTo(itemIds(before));
    assertThat(items(easy).stream().map(i -> i.getString("pictogram")))
        .containsExactly("heard", "goals", "way-of-working", "overall", "comment");
    assertThat(nl(item(easy, "approach"))).isEqualTo("Ik vond het fijn zo.");
    assertThat(nl(item(easy, "heard"))).isNotEqualTo(nl(item(before, "heard")));
    assertThat(item(easy, "comment").getInteger("maxLength")).isEqualTo(500);
    assertShortAndPictured(easy);

    JsonObject survey = openOf("noor", "SURVEY");
    assertThat(survey.getJsonObject("questionnaire").getString("id"))
        .isEqualTo("survey-youth-12-15-easy@1");
    assertShortAndPictured(survey);
  }

  /** Easy-read: every sentence at most ten words, in both languages; a pictogram on every item. */
  private static void assertShortAndPictured(JsonObject request) {
    for (JsonObject item : items(request)) {
      assertThat(item.getString("pictogram"))
          .as("pictogram of %s", item.getString("id"))
          .isIn(Questionnaire.PICTOGRAMS);
      for (String text : List.of(nl(item), en(item))) {
        assertThat(sentences(text))
            .allSatisfy(s -> assertThat(words(s)).as(s).isLessThanOrEqualTo(10));
      }
    }
  }

  @Test
  void sixteenPlusEasyReadIsWordedForTheirAgeToo() {
    assertThat(chooseReadingLevel("sam", samId(), "EASY").statusCode()).isEqualTo(200);

    JsonObject sams = pulseFor("sam");

    assertThat(sams.getJsonObject("questionnaire").getString("id"))
        .isEqualTo("pulse-youth-16-plus-easy@1");
    assertThat(nl(item(sams, "approach"))).isEqualTo("Ik mocht meebeslissen.");
    assertThat(nl(item(sams, "my-goals"))).contains("doelen");
    assertThat(nl(item(sams, "heard"))).doesNotContain("begeleider");
    assertShortAndPictured(sams);
    assertShortAndPictured(openOf("sam", "SURVEY"));
    assertThat(itemIds(openOf("sam", "SURVEY"))).contains("future");
  }

  /** The region admin publishes a 12-15 pulse of demo's own at this reading level. */
  private JsonObject publishForDemo(String level, String pictogram) {
    JsonObject item =
        new JsonObject()
            .put("id", "heard")
            .put("type", "SMILEY_5")
            .put("text", new JsonObject().put("nl", "Demo: " + level).put("en", "Demo: " + level))
            .put("required", true);
    if (pictogram != null) {
      item.put("pictogram", pictogram);
    }
    HttpResponse<Buffer> published =
        koers.post(
            koers.signInAs("admin"),
            "/v1/regions/demo/questionnaires",
            new JsonObject()
                .put("kind", "PULSE")
                .put("audience", "YOUTH_12_15")
                .put("readingLevel", level)
                .put("title", new JsonObject().put("nl", "Hoe ging het?"))
                .put("items", new JsonArray().add(item)));
    return new JsonObject()
        .put("status", published.statusCode())
        .put("body", published.bodyAsString());
  }

  @Test
  void aRegionsOwnStandardPulseDoesNotReachAnEasyReaderItsOwnEasyOneDoes() {
    chooseReadingLevel("noor", noorId(), "EASY");
    assertThat(publishForDemo("STANDARD", null).getInteger("status")).isEqualTo(201);

    assertThat(pulseFor("noor").getJsonObject("questionnaire").getString("id"))
        .as("the region wrote no easy words: the national easy ones")
        .isEqualTo("pulse-youth-12-15-easy@1");
    JsonObject wrongKey = publishForDemo("EASY", "a-photo.png");
    assertThat(wrongKey.getInteger("status"))
        .as("a pictogram is a key, not an image")
        .isEqualTo(400);
    assertThat(publishForDemo("EASY", "heard").getInteger("status")).isEqualTo(201);

    JsonObject regional = pulseFor("noor").getJsonObject("questionnaire");
    assertThat(regional.getString("id")).isEqualTo("pulse-youth-12-15-demo-easy@1");
    assertThat(regional.getString("readingLevel")).isEqualTo("EASY");
    assertThat(regional.getJsonArray("items").getJsonObject(0).getString("pictogram"))
        .isEqualTo("heard");
    chooseReadingLevel("noor", noorId(), "STANDARD");
    assertThat(pulseFor("noor").getJsonObject("questionnaire").getString("id"))
        .isEqualTo("pulse-youth-12-15-demo@1");
  }

  @Test
  void aRequestOpenedBeforeTheSwitchKeepsItsWording() {
    String noor = noorId();
    String before = logConversation(koers, koers.signInAs("pro-eva"), noor);
    JsonObject surveyBefore = openOf("noor", "SURVEY");

    chooseReadingLevel("noor", noor, "EASY");
    String after = logConversation(koers, koers.signInAs("pro-eva"), noor);

    assertThat(request("noor", before).getJsonObject("questionnaire").getString("id"))
        .isEqualTo("pulse-youth-12-15@2");
    assertThat(request("noor", after).getJsonObject("questionnaire").getString("id"))
        .isEqualTo("pulse-youth-12-15-easy@1");
    assertThat(openOf("noor", "SURVEY").getJsonObject("questionnaire").getString("id"))
        .as("this period's survey was asked already")
        .isEqualTo(surveyBefore.getJsonObject("questionnaire").getString("id"))
        .isEqualTo("survey-youth-12-15@2");
    HttpResponse<Buffer> answered = answer("noor", before, pulseAnswers(4, null));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    assertThat(answered.bodyAsJsonObject().getString("questionnaireId"))
        .isEqualTo("pulse-youth-12-15@2");
  }

  @Test
  void onlyNoorMayChooseHerReadingLevelNotIlseHerParentNorEva() {
    HttpResponse<Buffer> nobody = chooseReadingLevel("ilse", UUID.randomUUID().toString(), "EASY");

    HttpResponse<Buffer> byIlse = chooseReadingLevel("ilse", noorId(), "EASY");
    HttpResponse<Buffer> byEva = chooseReadingLevel("pro-eva", noorId(), "EASY");

    assertThat(byIlse.statusCode()).isEqualTo(404);
    assertThat(byEva.statusCode()).isEqualTo(404);
    for (String field : List.of("type", "title", "status", "detail")) {
      assertThat(problem(byIlse).getValue(field)).isEqualTo(problem(nobody).getValue(field));
    }
    JsonObject card = koers.get(koers.signInAs("noor"), "/v1/youth/" + noorId()).bodyAsJsonObject();
    assertThat(card.getString("readingLevel")).isEqualTo("STANDARD");
    assertThat(pulseFor("noor").getJsonObject("questionnaire").getString("readingLevel"))
        .isEqualTo("STANDARD");
    HttpResponse<Buffer> unknown = chooseReadingLevel("noor", noorId(), "TINY");
    assertThat(unknown.statusCode()).isEqualTo(400);
  }

  @Test
  void aPulseCommentOf501CharactersIsRefusedNamingTheItemAndNothingIsStored() {
    String requestId = pulseFor("noor").getString("id");

    HttpResponse<Buffer> refused = answer("noor", requestId, pulseAnswers(2, "a".repeat(501)));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(problem(refused).encode()).contains("comment", "/answers/4/valueText");
    assertThat(request("noor", requestId).getString("id"))
        .as("still open: nothing was answered")
        .isEqualTo(requestId);
    Document stored = stored("feedback", requestId);
    assertThat(stored.getString("status")).isEqualTo("OPEN");
    assertThat(stored.containsKey("answers")).isFalse();
    assertThat(FeedbackTesting.feedbackIds(koers, koers.signInAs("noor"), noorId()))
        .doesNotContain(requestId);
  }

  @Test
  void aPulseCommentOf500CharactersIsAcceptedSealedAtRestAndReadByEvaWhenShared() {
    String requestId = pulseFor("noor").getString("id");
    String comment = MARKER + " " + "b".repeat(500 - MARKER.length() - 1);

    HttpResponse<Buffer> answered = answer("noor", requestId, pulseAnswers(4, comment));

    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    assertThat(everyDocument()).isNotEmpty().noneMatch(doc -> doc.contains(MARKER));
    Document sealed =
        stored("feedback", requestId).getList("answers", Document.class).stream()
            .filter(a -> a.getString("itemId").equals("comment"))
            .findFirst()
            .orElseThrow();
    assertThat(sealed.get(FeedbackStore.SEALED_VALUE, Document.class).getString("key"))
        .isEqualTo("youth");
    HttpResponse<Buffer> read =
        koers.get(koers.signInAs("pro-eva"), "/v1/youth/" + noorId() + "/feedback/" + requestId);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(
            read.bodyAsJsonObject().getJsonArray("answers").stream()
                .map(JsonObject.class::cast)
                .filter(a -> a.getString("itemId").equals("comment"))
                .findFirst()
                .orElseThrow()
                .getString("valueText"))
        .isEqualTo(comment);
  }

  @Test
  void anEasyAnswerAndAStandardAnswerCountInTheSameRegionCell() {
    long countBefore = countedFor("count:heard");
    long sumBefore = countedFor("sum:heard");
    String standard = pulseFor("noor").getString("id");
    assertThat(answer("noor", standard, pulseAnswers(2, null)).statusCode()).isEqualTo(201);
    chooseReadingLevel("noor", noorId(), "EASY");
    JsonObject easy = pulseFor("noor");
    assertThat(easy.getJsonObject("questionnaire").getString("readingLevel")).isEqualTo("EASY");

    assertThat(answer("noor", easy.getString("id"), pulseAnswers(5, null)).statusCode())
        .isEqualTo(201);

    Eventually.until(
        "both answers are counted in noor's cell",
        () -> countedFor("count:heard") == countBefore + 2);
    assertThat(countedFor("sum:heard")).isEqualTo(sumBefore + 7);
  }

  /** A counter of the pulse score in demo's November cell of young people of 12-15. */
  private long countedFor(String counter) {
    Document rollup =
        await(
            mongo.first(
                mongo.collection(Rollups.SPEC.name()).find(new Document("_id", "demo|2026-11"))));
    Document cells = rollup == null ? null : rollup.get("cells", Document.class);
    Document cell = cells == null ? null : cells.get("YOUTH|12-15", Document.class);
    Document counters = cell == null ? null : cell.get("pulse-score", Document.class);
    Object value = counters == null ? null : counters.get(counter);
    return value == null ? 0 : ((Number) value).longValue();
  }

  private Document stored(String collection, String id) {
    return await(mongo.first(mongo.collection(collection).find(Filters.eq("_id", id))));
  }

  /** Every document of every collection of the database, as JSON. */
  private List<String> everyDocument() {
    List<String> all = new ArrayList<>();
    try (MongoClient client = MongoClients.create(backend.uri())) {
      var db = client.getDatabase(database);
      for (String name : await(mongo.list(db.listCollectionNames()))) {
        for (Document doc : await(mongo.list(db.getCollection(name).find()))) {
          all.add(name + " " + doc.toJson());
        }
      }
    }
    return all;
  }
}
