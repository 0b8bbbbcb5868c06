package nl.koers.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.UUID;
import nl.koers.feedback.FeedbackTesting;
import nl.koers.testing.RunningKoers;

/**
 * Free text about a young person written the way people write it, through the API, and read back
 * the way they read it: for the tests that look for it at rest (in the database, in the embedded
 * file) and after its key is destroyed. Each writer answers the id the text is stored under.
 */
final class MarkedTexts {

  private MarkedTexts() {}

  /** The young person sends their case worker Eva a message; the message's id. */
  static String message(RunningKoers koers, String youth, String text) {
    HttpResponse<Buffer> sent =
        koers.post(
            koers.signInAs(youth),
            messagesPath(koers, youth),
            new JsonObject().put("text", text),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(201);
    return sent.bodyAsJsonObject().getString("id");
  }

  /** The newest message of the young person's conversation with Eva, as Eva reads it. */
  static String lastMessage(RunningKoers koers, String youth) {
    HttpResponse<Buffer> read = koers.get(koers.signInAs("pro-eva"), messagesPath(koers, youth));
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("text");
  }

  private static String messagesPath(RunningKoers koers, String youth) {
    return "/v1/youth/"
        + koers.idOf(youth)
        + "/conversations/"
        + koers.idOf("pro-eva")
        + "/messages";
  }

  /**
   * The region publishes a pulse with a free-text item, Eva logs a conversation with Sam, and Sam
   * answers it with these words; the feedback's id.
   */
  static String feedbackWords(RunningKoers koers, String words) {
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
    String samId = koers.idOf("sam");
    String pulse = FeedbackTesting.logConversation(koers, koers.signInAs("pro-eva"), samId);
    HttpResponse<Buffer> answered =
        koers.post(
            koers.signInAs("sam"),
            "/v1/youth/" + samId + "/feedback",
            new JsonObject()
                .put("feedbackRequestId", pulse)
                .put("sharing", "SHARE_WITH_PROFESSIONAL")
                .put(
                    "answers",
                    new JsonArray()
                        .add(new JsonObject().put("itemId", "mood").put("valueInteger", 1))
                        .add(new JsonObject().put("itemId", "words").put("valueText", words))));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    return pulse;
  }

  private static JsonObject item(String id, String type) {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("text", new JsonObject().put("nl", "Vraag").put("en", "Question"))
        .put("required", true);
  }

  /** Sam's free-text answer to that feedback, as Eva reads it. */
  static String feedbackWordsRead(RunningKoers koers, String feedbackId) {
    HttpResponse<Buffer> read =
        koers.get(
            koers.signInAs("pro-eva"),
            "/v1/youth/" + koers.idOf("sam") + "/feedback/" + feedbackId);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject().getJsonArray("answers").stream()
        .map(JsonObject.class::cast)
        .filter(a -> a.getString("itemId").equals("words"))
        .findFirst()
        .orElseThrow()
        .getString("valueText");
  }

  /** The young person raises a safety signal with this text; the signal's id. */
  static String safetySignal(RunningKoers koers, String youth, String text) {
    HttpResponse<Buffer> raised =
        koers.post(
            koers.signInAs(youth),
            "/v1/youth/" + koers.idOf(youth) + "/safety-signals",
            new JsonObject().put("text", text).put("mayCallMe", true));
    assertThat(raised.statusCode()).as(raised.bodyAsString()).isEqualTo(201);
    return raised.bodyAsJsonObject().getString("id");
  }

  /** A safety signal as Eva reads it. */
  static JsonObject safetySignalRead(RunningKoers koers, String youth, String signalId) {
    HttpResponse<Buffer> read =
        koers.get(
            koers.signInAs("pro-eva"),
            "/v1/youth/" + koers.idOf(youth) + "/safety-signals/" + signalId);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject();
  }

  /** The young person writes their housing situation in their plan. */
  static void planSituation(RunningKoers koers, String youth, String situation) {
    JsonObject session = koers.signInAs(youth);
    String plan = "/v1/youth/" + koers.idOf(youth) + "/plan";
    HttpResponse<Buffer> read = koers.get(session, plan);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> saved =
        koers.patch(
            session,
            plan + "/domains/wonen",
            new JsonObject()
                .put("situation", situation)
                .put("wish", "Een eigen plek")
                .put("actions", new JsonArray()),
            Map.of("If-Match", read.getHeader("ETag")));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
  }

  /** The young person's housing situation as they read it in their plan. */
  static String planSituationRead(RunningKoers koers, String youth) {
    HttpResponse<Buffer> read =
        koers.get(koers.signInAs(youth), "/v1/youth/" + koers.idOf(youth) + "/plan");
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject()
        .getJsonObject("domains")
        .getJsonObject("wonen")
        .getString("situation");
  }

  /** Eva records a warm handover of the young person to a contact of this organisation. */
  static String handover(RunningKoers koers, String youth, String organisation) {
    HttpResponse<Buffer> recorded =
        koers.post(
            koers.signInAs("pro-eva"),
            "/v1/youth/" + koers.idOf(youth) + "/transition/handovers",
            new JsonObject()
                .put("kind", "WMO")
                .put(
                    "contact",
                    new JsonObject()
                        .put("name", "Ruben")
                        .put("organisation", organisation)
                        .put("email", "ruben@example.org"))
                .put("meetingDate", "2026-12-10"));
    assertThat(recorded.statusCode()).as(recorded.bodyAsString()).isEqualTo(201);
    return recorded.bodyAsJsonObject().getString("id");
  }

  /** The name of the handover's adult contact, as Eva reads it. */
  static String handoverContactName(RunningKoers koers, String youth, String handoverId) {
    HttpResponse<Buffer> read =
        koers.get(
            koers.signInAs("pro-eva"), "/v1/youth/" + koers.idOf(youth) + "/transition/handovers");
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(h -> h.getString("id").equals(handoverId))
        .findFirst()
        .orElseThrow()
        .getJsonObject("contact")
        .getString("name");
  }

  /** Marco, Sam's foster parent, asks Femke for support with this text; the request's id. */
  static String supportRequest(RunningKoers koers, String text) {
    HttpResponse<Buffer> made =
        koers.post(
            koers.signInAs("marco"),
            supportPath(koers),
            new JsonObject().put("topic", "BEHAVIOUR").put("urgency", "NORMAL").put("text", text));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    return made.bodyAsJsonObject().getString("id");
  }

  /** Femke answers the request with this text. */
  static void supportAnswer(RunningKoers koers, String requestId, String text) {
    HttpResponse<Buffer> answered =
        koers.post(
            koers.signInAs("pro-femke"),
            supportPath(koers) + "/" + requestId + "/answer",
            new JsonObject().put("text", text));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
  }

  /** The support request as Marco reads it. */
  static JsonObject supportRequestRead(RunningKoers koers, String requestId) {
    HttpResponse<Buffer> read =
        koers.get(koers.signInAs("marco"), supportPath(koers) + "/" + requestId);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject();
  }

  private static String supportPath(RunningKoers koers) {
    return "/v1/youth/" + koers.idOf("sam") + "/carer-support";
  }
}
