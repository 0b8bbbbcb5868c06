package nl.koers.platform.mongo;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.TestKeys;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Crypto-shredding: every free text about a young person is sealed with that young person's own
 * data key, so destroying the key (erasure's first step) makes every copy of their texts unreadable
 * — also to someone holding the database and the master key — while everyone else's still read.
 * Texts from before per-person keys move to them at start-up, once.
 */
class CryptoShreddingApiTest extends KoersApiTest {

  private static final String MARKER = "kiwishred0815";

  private String samId() {
    return koers.idOf("sam");
  }

  private String noorId() {
    return koers.idOf("noor");
  }

  private FieldCipher master() {
    try {
      return FieldCipher.load(TestKeys.dataKeyFile(), false);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
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

  private Document samsWords(String feedbackId) {
    return stored("feedback", feedbackId).getList("answers", Document.class).stream()
        .filter(a -> a.getString("itemId").equals("words"))
        .findFirst()
        .orElseThrow()
        .get("sealedValue", Document.class);
  }

  private Document samsSituation() {
    return stored("plans", samId())
        .get("domains", Document.class)
        .get("wonen", Document.class)
        .get("sealedSituation", Document.class);
  }

  @Test
  void aMessageFeedbackSafetyTextAndPlanTextAreFoundInNoStoredDocumentAndNameTheYouthKey() {
    String message = MarkedTexts.message(koers, "sam", "Bericht " + MARKER);
    String feedback = MarkedTexts.feedbackWords(koers, "Woorden " + MARKER);
    String signal = MarkedTexts.safetySignal(koers, "noor", "Signaal " + MARKER);
    MarkedTexts.planSituation(koers, "sam", "Situatie " + MARKER);

    assertThat(MarkedTexts.lastMessage(koers, "sam")).isEqualTo("Bericht " + MARKER);
    assertThat(MarkedTexts.feedbackWordsRead(koers, feedback)).isEqualTo("Woorden " + MARKER);
    assertThat(MarkedTexts.safetySignalRead(koers, "noor", signal).getString("text"))
        .isEqualTo("Signaal " + MARKER);
    assertThat(MarkedTexts.planSituationRead(koers, "sam")).isEqualTo("Situatie " + MARKER);
    assertThat(everyDocument()).isNotEmpty().noneMatch(doc -> doc.contains(MARKER));
    assertThat(
            List.of(
                stored("messages", message).get("body", Document.class),
                samsWords(feedback),
                stored("safetySignals", signal).get("sealedText", Document.class),
                samsSituation()))
        .allSatisfy(text -> assertThat(text.getString("key")).isEqualTo("youth"));
    assertThat(stored("dataKeys", samId())).as("Sam's key, sealed").isNotNull();
    assertThat(stored("dataKeys", samId()).toJson()).doesNotContain("aes256");
  }

  @Test
  void afterSamsKeyIsDestroyedHisStoredTextsOpenForNobodyWhileNoorsStillRead() {
    String message = MarkedTexts.message(koers, "sam", "Bericht van Sam");
    String feedback = MarkedTexts.feedbackWords(koers, "Woorden van Sam");
    String samsSignal = MarkedTexts.safetySignal(koers, "sam", "Signaal van Sam");
    MarkedTexts.planSituation(koers, "sam", "Situatie van Sam");
    String support = MarkedTexts.supportRequest(koers, "Verzoek over Sam");
    String noorsSignal = MarkedTexts.safetySignal(koers, "noor", "Signaal van Noor");
    String daansHandover = MarkedTexts.handover(koers, "daan", "Wmo-loket Demo");
    Document body = stored("messages", message).get("body", Document.class);
    Document words = samsWords(feedback);
    Document situation = samsSituation();
    Document signalText = stored("safetySignals", samsSignal).get("sealedText", Document.class);
    // The way in works while the key is there: what fails below fails for the key alone.
    SealedTexts before = await(new DataKeys(mongo, master()).toRead(samId()));
    assertThat(before.open(body, message)).isEqualTo("Bericht van Sam");

    await(koers.app.dataKeys().destroy(samId()));
    await(koers.app.dataKeys().destroy(samId())); // erasure retried: nothing more to do

    assertThat(stored("dataKeys", samId())).isNull();
    SealedTexts after = await(new DataKeys(mongo, master()).toRead(samId()));
    assertThat(
            List.of(
                after.open(body, message),
                after.open(words, feedback + "/answers/words"),
                after.open(situation, samId() + "/plan/wonen/situation"),
                after.open(signalText, samsSignal + "/text")))
        .containsOnly(SealedTexts.ERASED);
    FieldCipher master = master();
    assertThatThrownBy(() -> master.open(sealed(body), message))
        .as("the master key alone opens nothing of Sam's")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> master.open(sealed(words), feedback + "/answers/words"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(MarkedTexts.lastMessage(koers, "sam")).isEqualTo(SealedTexts.ERASED);
    assertThat(MarkedTexts.feedbackWordsRead(koers, feedback)).isEqualTo(SealedTexts.ERASED);
    assertThat(MarkedTexts.planSituationRead(koers, "sam")).isEqualTo(SealedTexts.ERASED);
    assertThat(MarkedTexts.safetySignalRead(koers, "sam", samsSignal).getString("text"))
        .isEqualTo(SealedTexts.ERASED);
    assertThat(MarkedTexts.supportRequestRead(koers, support).getString("text"))
        .isEqualTo(SealedTexts.ERASED);
    assertThat(MarkedTexts.safetySignalRead(koers, "noor", noorsSignal).getString("text"))
        .isEqualTo("Signaal van Noor");
    assertThat(MarkedTexts.handoverContactName(koers, "daan", daansHandover)).isEqualTo("Ruben");
  }

  private static FieldCipher.Sealed sealed(Document text) {
    return new FieldCipher.Sealed(text.getString("nonce"), text.getString("ciphertext"));
  }

  @Test
  void aTextWrittenAfterTheKeyWasDestroyedGetsANewKeyAndTheOldTextsStayUnreadable() {
    MarkedTexts.planSituation(koers, "sam", "Voor het wissen");
    Document old = samsSituation();
    await(koers.app.dataKeys().destroy(samId()));

    MarkedTexts.message(koers, "sam", "Na het wissen");

    assertThat(MarkedTexts.lastMessage(koers, "sam")).isEqualTo("Na het wissen");
    assertThat(
            await(new DataKeys(mongo, master()).toRead(samId()))
                .open(old, samId() + "/plan/wonen/situation"))
        .isEqualTo(SealedTexts.ERASED);
  }

  @Test
  void twoInstancesMakingAYoungPersonsFirstKeyAtOnceEndWithOneKeyBothUse() {
    DataKeys one = new DataKeys(mongo, master());
    DataKeys other = new DataKeys(mongo, master());
    for (int i = 0; i < 20; i++) {
      String youthId = "racing-" + i;
      Future<SealedTexts> first = one.toWrite(youthId);
      Future<SealedTexts> second = other.toWrite(youthId);
      await(Future.all(first, second));

      Document sealedByOne = first.result().seal("van de een", youthId);
      Document sealedByOther = second.result().seal("van de ander", youthId);
      assertThat(second.result().open(sealedByOne, youthId)).isEqualTo("van de een");
      assertThat(first.result().open(sealedByOther, youthId)).isEqualTo("van de ander");
      assertThat(await(mongo.list(mongo.collection("dataKeys").find(Filters.eq("_id", youthId)))))
          .hasSize(1);
    }
  }

  @Test
  void textsSealedWithTheMasterKeyOrPlainMoveToTheYouthKeyOnceAndReadTheSame() {
    String message = MarkedTexts.message(koers, "sam", "nieuw bericht");
    String feedback = MarkedTexts.feedbackWords(koers, "nieuwe woorden");
    String signal = MarkedTexts.safetySignal(koers, "noor", "nieuw signaal");
    MarkedTexts.planSituation(koers, "sam", "nieuwe situatie");
    String support = MarkedTexts.supportRequest(koers, "nieuw verzoek");
    MarkedTexts.supportAnswer(koers, support, "nieuw antwoord");
    // As stores wrote them before per-person keys: sealed with the master key, or plain.
    SealedTexts legacy = new SealedTexts(master());
    update("messages", message, Updates.set("body", legacy.seal("Oud bericht", message)));
    Document answers = stored("feedback", feedback);
    List<Document> oldAnswers = new ArrayList<>();
    for (Document answer : answers.getList("answers", Document.class)) {
      oldAnswers.add(
          answer.getString("itemId").equals("words")
              ? new Document("itemId", "words")
                  .append("sealedValue", legacy.seal("Oude woorden", feedback + "/answers/words"))
              : answer);
    }
    update("feedback", feedback, Updates.set("answers", oldAnswers));
    update(
        "safetySignals",
        signal,
        Updates.combine(Updates.unset("sealedText"), Updates.set("text", "Oud signaal")));
    update(
        "plans",
        samId(),
        Updates.set(
            "domains.wonen.sealedSituation",
            legacy.seal("Oude situatie", samId() + "/plan/wonen/situation")));

    update(
        "supportRequests",
        support,
        Updates.combine(
            Updates.set("text", legacy.seal("Oud verzoek", support + "/text")),
            Updates.set("answer.text", legacy.seal("Oud antwoord", support + "/answer"))));

    restartWith(settings());
    List<Object> once = storedTexts(message, feedback, signal, support);
    restartWith(settings());

    assertThat(MarkedTexts.lastMessage(koers, "sam")).isEqualTo("Oud bericht");
    assertThat(MarkedTexts.feedbackWordsRead(koers, feedback)).isEqualTo("Oude woorden");
    assertThat(MarkedTexts.safetySignalRead(koers, "noor", signal).getString("text"))
        .isEqualTo("Oud signaal");
    assertThat(MarkedTexts.planSituationRead(koers, "sam")).isEqualTo("Oude situatie");
    assertThat(once)
        .allSatisfy(text -> assertThat(((Document) text).getString("key")).isEqualTo("youth"));
    assertThat(stored("safetySignals", signal)).doesNotContainKey("text");
    assertThat(MarkedTexts.supportRequestRead(koers, support).getString("text"))
        .isEqualTo("Oud verzoek");
    assertThat(
            MarkedTexts.supportRequestRead(koers, support)
                .getJsonObject("answer")
                .getString("text"))
        .isEqualTo("Oud antwoord");
    assertThat(storedTexts(message, feedback, signal, support))
        .as("a second start re-seals nothing")
        .isEqualTo(once);
  }

  private void update(String collection, String id, org.bson.conversions.Bson update) {
    await(mongo.write(mongo.collection(collection).updateOne(Filters.eq("_id", id), update)));
  }

  private List<Object> storedTexts(String message, String feedback, String signal, String support) {
    Document request = stored("supportRequests", support);
    return List.of(
        stored("messages", message).get("body"),
        samsWords(feedback),
        stored("safetySignals", signal).get("sealedText"),
        samsSituation(),
        request.get("text"),
        request.get("answer", Document.class).get("text"));
  }
}
