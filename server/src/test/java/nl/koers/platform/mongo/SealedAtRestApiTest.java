package nl.koers.platform.mongo;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.feedback.FeedbackTesting;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Free text about a young person must not be readable by whoever gets a copy of the database: each
 * is written through the API with a marker word, read back as written, and then looked for in every
 * document of every collection. Text stored in plain before sealing is sealed at the next start,
 * once. (The test backends keep the database in memory or in a container, not in a file here.)
 */
class SealedAtRestApiTest extends KoersApiTest {

  private static final String MARKER = "kiwimarker4711";

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private String samId() {
    return koers.idOf("sam");
  }

  private String noorId() {
    return koers.idOf("noor");
  }

  private static JsonObject item(String id, String type) {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("text", new JsonObject().put("nl", "Vraag").put("en", "Question"))
        .put("required", true);
  }

  /** A pulse with a free text item, for the region; the next contact moment asks it. */
  private void publishPulseWithWords() {
    HttpResponse<Buffer> published =
        koers.post(
            koers.signInAs("admin"),
            "/v1/regions/demo/questionnaires",
            new JsonObject()
                .put("kind", "PULSE")
                .put("audience", "YOUTH_16_PLUS")
                .put("title", new JsonObject().put("nl", "Hoe ging het?"))
                .put(
                    "items",
                    new JsonArray().add(item("mood", "SMILEY_5")).add(item("words", "FREE_TEXT"))));
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(201);
  }

  /** Sam answers with words and a low score shared with Eva, and Eva replies; the feedback id. */
  private String feedbackWithWordsAndReply(String words, String reply) {
    publishPulseWithWords();
    JsonObject sam = koers.signInAs("sam");
    JsonObject eva = koers.signInAs("pro-eva");
    String pulse = FeedbackTesting.logConversation(koers, eva, samId());
    HttpResponse<Buffer> answered =
        koers.post(
            sam,
            "/v1/youth/" + samId() + "/feedback",
            new JsonObject()
                .put("feedbackRequestId", pulse)
                .put("sharing", "SHARE_WITH_PROFESSIONAL")
                .put(
                    "answers",
                    new JsonArray()
                        .add(new JsonObject().put("itemId", "mood").put("valueInteger", 1))
                        .add(new JsonObject().put("itemId", "words").put("valueText", words))));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> replied =
        koers.post(
            eva,
            "/v1/youth/" + samId() + "/feedback/" + pulse + "/responses",
            new JsonObject().put("text", reply));
    assertThat(replied.statusCode()).as(replied.bodyAsString()).isEqualTo(201);
    return pulse;
  }

  /** Noor raises a signal with this text and Eva closes it with this note; the signal's path. */
  private String closedSignal(String text, String note) {
    HttpResponse<Buffer> raised =
        koers.post(
            koers.signInAs("noor"),
            "/v1/youth/" + noorId() + "/safety-signals",
            new JsonObject().put("text", text).put("mayCallMe", true));
    assertThat(raised.statusCode()).as(raised.bodyAsString()).isEqualTo(201);
    String path =
        "/v1/youth/" + noorId() + "/safety-signals/" + raised.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> closed =
        koers.post(koers.signInAs("pro-eva"), path + "/close", new JsonObject().put("note", note));
    assertThat(closed.statusCode()).as(closed.bodyAsString()).isEqualTo(200);
    return path;
  }

  private String checkIns() {
    return "/v1/youth/" + samId() + "/mentor/check-ins";
  }

  /** The demo's JIM of Sam checks in with this text and Eva replies; the check-in id. */
  private String checkInWithReply(String text, String reply) {
    HttpResponse<Buffer> made =
        koers.post(
            koers.signInAs("jim-sam"),
            checkIns(),
            new JsonObject().put("score", 2).put("text", text));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    String id = made.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> replied =
        koers.put(
            koers.signInAs("pro-eva"),
            checkIns() + "/" + id + "/reply",
            new JsonObject().put("text", reply));
    assertThat(replied.statusCode()).as(replied.bodyAsString()).isEqualTo(200);
    return id;
  }

  /** The check-in as the JIM reads it. */
  private JsonObject checkIn(String id) {
    return koers
        .get(koers.signInAs("jim-sam"), checkIns())
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  private String plan() {
    return "/v1/youth/" + samId() + "/plan";
  }

  /**
   * Sam writes his situation and wish for housing, with an action for Marco, and changes them once
   * (two versions).
   */
  private void writePlan(String situation, String wish, String title) {
    JsonObject sam = koers.signInAs("sam");
    for (String prefix : List.of("Eerst ", "")) {
      HttpResponse<Buffer> read = koers.get(sam, plan());
      JsonObject action =
          new JsonObject()
              .put("id", "huurtoeslag")
              .put("title", prefix + title)
              .put("ownerId", koers.idOf("marco"))
              .put("dueDate", "2026-12-20");
      HttpResponse<Buffer> saved =
          koers.patch(
              sam,
              plan() + "/domains/wonen",
              new JsonObject()
                  .put("situation", prefix + situation)
                  .put("wish", prefix + wish)
                  .put("actions", new JsonArray().add(action)),
              Map.of("If-Match", read.getHeader("ETag")));
      assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    }
  }

  private JsonObject housing() {
    HttpResponse<Buffer> read = koers.get(koers.signInAs("sam"), plan());
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject().getJsonObject("domains").getJsonObject("wonen");
  }

  private String housingTask() {
    return "/v1/me/tasks/plan." + samId() + ".wonen.huurtoeslag";
  }

  /** Marco marks his housing action done (the owner's write of the plan's actions). */
  private void marcoCompletesHisAction() {
    JsonObject marco = koers.signInAs("marco");
    HttpResponse<Buffer> done =
        koers.put(
            marco,
            housingTask(),
            new JsonObject().put("done", true),
            Map.of("If-Match", koers.get(marco, housingTask()).getHeader("ETag")));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
  }

  /** The title of Marco's housing action in his own task list. */
  private String marcosTitle() {
    HttpResponse<Buffer> mine = koers.get(koers.signInAs("marco"), "/v1/me/tasks");
    assertThat(mine.statusCode()).as(mine.bodyAsString()).isEqualTo(200);
    return mine.bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(t -> t.getString("id").equals(housingTask().substring("/v1/me/tasks/".length())))
        .findFirst()
        .orElseThrow()
        .getString("title");
  }

  private String handovers() {
    return "/v1/youth/" + koers.idOf("daan") + "/transition/handovers";
  }

  /** Eva records a warm handover of Daan to this adult contact; the handover id. */
  private String handoverTo(String name, String email) {
    HttpResponse<Buffer> recorded =
        koers.post(
            koers.signInAs("pro-eva"),
            handovers(),
            new JsonObject()
                .put("kind", "WMO")
                .put(
                    "contact",
                    new JsonObject()
                        .put("name", name)
                        .put("organisation", "Wmo-loket Demo")
                        .put("email", email))
                .put("meetingDate", "2026-12-10"));
    assertThat(recorded.statusCode()).as(recorded.bodyAsString()).isEqualTo(201);
    return recorded.bodyAsJsonObject().getString("id");
  }

  private JsonObject contactOf(String handoverId) {
    return koers
        .get(koers.signInAs("pro-eva"), handovers())
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(h -> h.getString("id").equals(handoverId))
        .findFirst()
        .orElseThrow()
        .getJsonObject("contact");
  }

  private JsonObject feedback(String feedbackId) {
    HttpResponse<Buffer> read =
        koers.get(koers.signInAs("pro-eva"), "/v1/youth/" + samId() + "/feedback/" + feedbackId);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject();
  }

  private static String words(JsonObject feedback) {
    return feedback.getJsonArray("answers").stream()
        .map(JsonObject.class::cast)
        .filter(a -> a.getString("itemId").equals("words"))
        .findFirst()
        .orElseThrow()
        .getString("valueText");
  }

  private static String reply(JsonObject feedback) {
    return feedback.getJsonArray("responses").getJsonObject(0).getString("text");
  }

  private JsonObject signal(String path) {
    HttpResponse<Buffer> read = koers.get(koers.signInAs("pro-eva"), path);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject();
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

  /** The sealed texts as stored (not what relays and rounds change beside them). */
  private List<Object> sealedTexts(String feedbackId, String signalId, String nominationId) {
    Document feedback = stored("feedback", feedbackId);
    Document signal = stored("safetySignals", signalId);
    return List.of(
        feedback.get("answers"),
        feedback.get("responses"),
        signal.get("sealedText"),
        signal.get("sealedClosingNote"),
        stored("mentorNominations", nominationId).get("checkIns"),
        stored("plans", samId()).get("domains", Document.class).get("wonen"));
  }

  private Document stored(String collection, String id) {
    return await(mongo.first(mongo.collection(collection).find(Filters.eq("_id", id))));
  }

  @Test
  void whatSomeoneWritesIsReadBackAsWrittenAndFoundInNoDocumentOfTheDatabase() {
    String evaId = koers.idOf("pro-eva");
    HttpResponse<Buffer> sent =
        koers.post(
            koers.signInAs("sam"),
            "/v1/youth/" + samId() + "/conversations/" + evaId + "/messages",
            new JsonObject().put("text", "Bericht " + MARKER),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(201);
    String feedbackId = feedbackWithWordsAndReply("Woorden " + MARKER, "Antwoord " + MARKER);
    String signal = closedSignal("Signaal " + MARKER, "Notitie " + MARKER);
    String checkIn = checkInWithReply("Check-in " + MARKER, "Reactie " + MARKER);
    writePlan("Situatie " + MARKER, "Wens " + MARKER, "Actie " + MARKER);
    marcoCompletesHisAction();
    String handover = handoverTo("Ruben " + MARKER, MARKER + "@example.org");

    JsonObject feedback = feedback(feedbackId);
    JsonObject closed = signal(signal);
    assertThat(
            koers
                .get(
                    koers.signInAs("pro-eva"),
                    "/v1/youth/" + samId() + "/conversations/" + evaId + "/messages")
                .bodyAsJsonObject()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("text"))
        .isEqualTo("Bericht " + MARKER);
    assertThat(words(feedback)).isEqualTo("Woorden " + MARKER);
    assertThat(reply(feedback)).isEqualTo("Antwoord " + MARKER);
    assertThat(closed.getString("text")).isEqualTo("Signaal " + MARKER);
    assertThat(closed.getString("closingNote")).isEqualTo("Notitie " + MARKER);
    assertThat(checkIn(checkIn).getString("text")).isEqualTo("Check-in " + MARKER);
    assertThat(checkIn(checkIn).getJsonObject("reply").getString("text"))
        .isEqualTo("Reactie " + MARKER);
    assertThat(contactOf(handover).getString("name")).isEqualTo("Ruben " + MARKER);
    assertThat(contactOf(handover).getString("email")).isEqualTo(MARKER + "@example.org");
    assertThat(housing().getString("situation")).isEqualTo("Situatie " + MARKER);
    assertThat(housing().getString("wish")).isEqualTo("Wens " + MARKER);
    JsonObject action = housing().getJsonArray("actions").getJsonObject(0);
    assertThat(action.getString("title")).isEqualTo("Actie " + MARKER);
    assertThat(action.getString("status")).as("done by Marco").isEqualTo("DONE");
    assertThat(marcosTitle()).isEqualTo("Actie " + MARKER);
    assertThat(everyDocument()).isNotEmpty().noneMatch(doc -> doc.contains(MARKER));
  }

  @Test
  void textStoredPlainBeforeSealingIsSealedAtTheNextStartOnceAndStillReadsTheSame() {
    String feedbackId = feedbackWithWordsAndReply("nieuw", "nieuw antwoord");
    String signal = closedSignal("nieuw signaal", "nieuwe notitie");
    String signalId = signal.substring(signal.lastIndexOf('/') + 1);
    String checkIn = checkInWithReply("nieuwe check-in", "nieuwe reactie");
    Document nomination =
        await(
                mongo.list(
                    mongo.collection("mentorNominations").find(Filters.eq("youthId", samId()))))
            .stream()
            .filter(
                n ->
                    n.getList("checkIns", Document.class, List.of()).stream()
                        .anyMatch(c -> c.getString("id").equals(checkIn)))
            .findFirst()
            .orElseThrow();
    List<Document> plainCheckIns = new ArrayList<>();
    for (Document c : nomination.getList("checkIns", Document.class)) {
      if (c.getString("id").equals(checkIn)) {
        c.remove("sealedText");
        c.append("text", "Oude check-in " + MARKER);
        Document r = c.get("reply", Document.class);
        r.remove("sealedText");
        r.append("text", "Oude reactie " + MARKER);
      }
      plainCheckIns.add(c);
    }
    await(
        mongo.write(
            mongo
                .collection("mentorNominations")
                .updateOne(
                    Filters.eq("_id", nomination.getString("_id")),
                    Updates.set("checkIns", plainCheckIns))));
    // As stores wrote them before sealing: the text itself in the field.
    Document old = stored("feedback", feedbackId);
    List<Document> answers = new ArrayList<>();
    for (Document answer : old.getList("answers", Document.class)) {
      answers.add(
          answer.getString("itemId").equals("words")
              ? new Document("itemId", "words").append("value", "Oud " + MARKER)
              : answer);
    }
    Document response = old.getList("responses", Document.class).get(0);
    response.remove("sealedText");
    response.append("text", "Oud antwoord " + MARKER);
    await(
        mongo.write(
            mongo
                .collection("feedback")
                .updateOne(
                    Filters.eq("_id", feedbackId),
                    Updates.combine(
                        Updates.set("answers", answers),
                        Updates.set("responses", List.of(response))))));
    await(
        mongo.write(
            mongo
                .collection("safetySignals")
                .updateOne(
                    Filters.eq("_id", signalId),
                    Updates.combine(
                        Updates.unset("sealedText"),
                        Updates.unset("sealedClosingNote"),
                        Updates.set("text", "Oud signaal " + MARKER),
                        Updates.set("closingNote", "Oude notitie " + MARKER)))));
    writePlan("nieuwe situatie", "nieuwe wens", "nieuwe actie");
    List<Document> plainActions = new ArrayList<>();
    for (Document action :
        stored("plans", samId())
            .get("domains", Document.class)
            .get("wonen", Document.class)
            .getList("actions", Document.class)) {
      action.remove("sealedTitle");
      action.append("title", "Oude actie " + MARKER);
      plainActions.add(action);
    }
    await(
        mongo.write(
            mongo
                .collection("plans")
                .updateOne(
                    Filters.eq("_id", samId()),
                    Updates.combine(
                        Updates.unset("domains.wonen.sealedSituation"),
                        Updates.unset("domains.wonen.sealedWish"),
                        Updates.set("domains.wonen.situation", "Oude situatie " + MARKER),
                        Updates.set("domains.wonen.wish", "Oude wens " + MARKER),
                        Updates.set("domains.wonen.actions", plainActions)))));
    await(
        mongo.write(
            mongo
                .collection("planVersions")
                .updateMany(
                    Filters.eq("youthId", samId()),
                    Updates.combine(
                        Updates.unset("plan.domains.wonen.sealedSituation"),
                        Updates.set("plan.domains.wonen.situation", "Oude versie " + MARKER),
                        Updates.set("plan.domains.wonen.actions", plainActions)))));
    String handover = handoverTo("Ruben", "ruben@example.org");
    await(
        mongo.write(
            mongo
                .collection("handovers")
                .updateOne(
                    Filters.eq("_id", handover),
                    Updates.set(
                        "contact",
                        new Document("name", "Oude " + MARKER)
                            .append("organisation", "Wmo-loket Demo")
                            .append("email", "oud" + MARKER + "@example.org")))));
    assertThat(everyDocument()).anyMatch(doc -> doc.contains(MARKER));

    restartWith(settings());
    Document sealedOnce = stored("safetySignals", signalId);
    List<Object> textsOnce = sealedTexts(feedbackId, signalId, nomination.getString("_id"));
    restartWith(settings());

    assertThat(words(feedback(feedbackId))).isEqualTo("Oud " + MARKER);
    assertThat(reply(feedback(feedbackId))).isEqualTo("Oud antwoord " + MARKER);
    assertThat(signal(signal).getString("text")).isEqualTo("Oud signaal " + MARKER);
    assertThat(signal(signal).getString("closingNote")).isEqualTo("Oude notitie " + MARKER);
    assertThat(checkIn(checkIn).getString("text")).isEqualTo("Oude check-in " + MARKER);
    assertThat(checkIn(checkIn).getJsonObject("reply").getString("text"))
        .isEqualTo("Oude reactie " + MARKER);
    assertThat(contactOf(handover).getString("name")).isEqualTo("Oude " + MARKER);
    assertThat(contactOf(handover).getString("email")).isEqualTo("oud" + MARKER + "@example.org");
    assertThat(stored("handovers", handover).get("contact", Document.class))
        .doesNotContainKeys("name", "email")
        .containsKeys("sealedName", "sealedEmail");
    assertThat(housing().getString("situation")).isEqualTo("Oude situatie " + MARKER);
    assertThat(housing().getString("wish")).isEqualTo("Oude wens " + MARKER);
    assertThat(housing().getJsonArray("actions").getJsonObject(0).getString("title"))
        .isEqualTo("Oude actie " + MARKER);
    assertThat(marcosTitle()).isEqualTo("Oude actie " + MARKER);
    assertThat(sealedOnce).doesNotContainKeys("text", "closingNote");
    assertThat(sealedOnce.get("sealedText")).isInstanceOf(Document.class);
    assertThat(everyDocument()).noneMatch(doc -> doc.contains(MARKER));
    assertThat(sealedTexts(feedbackId, signalId, nomination.getString("_id")))
        .as("a second start seals nothing again")
        .isEqualTo(textsOnce);
  }
}
