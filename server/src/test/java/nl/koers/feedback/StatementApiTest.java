package nl.koers.feedback;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A young person's statement, any time: it reaches one professional of the circle as a reply task
 * with the same deadline, reply, rating and escalation as shared feedback, and nobody else reads
 * it. Statements are feedback records ({@code feedback} collection, the young person's id on each),
 * so the erasure's feedback step removes them and the export's feedback section holds them.
 */
class StatementApiTest extends KoersApiTest {

  private static final String MARKER = "kiwistatement4711";

  /** Monday 23 November 2026, 11:00 in Amsterdam. */
  @Override
  protected Instant startsAt() {
    return Instant.parse("2026-11-23T10:00:00Z");
  }

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

  private HttpResponse<Buffer> send(JsonObject session, String youthId, JsonObject body) {
    return koers.post(session, "/v1/youth/" + youthId + "/statements", body);
  }

  private JsonObject sent(JsonObject session, String youthId, String text) {
    HttpResponse<Buffer> sent = send(session, youthId, new JsonObject().put("text", text));
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(201);
    return sent.bodyAsJsonObject();
  }

  private JsonObject read(JsonObject session, String youthId, String statementId) {
    HttpResponse<Buffer> read =
        koers.get(session, "/v1/youth/" + youthId + "/statements/" + statementId);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject();
  }

  private List<String> listed(JsonObject session, String youthId) {
    HttpResponse<Buffer> listed = koers.get(session, "/v1/youth/" + youthId + "/statements");
    assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
    return listed.bodyAsJsonObject().getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getString("id"))
        .toList();
  }

  private List<JsonObject> inbox(JsonObject session, String type) {
    return NotifyTesting.inbox(koers, session).stream()
        .filter(n -> type.equals(n.getString("type")))
        .toList();
  }

  private HttpResponse<Buffer> reply(JsonObject session, String youthId, String id, String text) {
    return koers.post(
        session,
        "/v1/youth/" + youthId + "/feedback/" + id + "/responses",
        new JsonObject().put("text", text));
  }

  @Test
  void noorsStatementBecomesEvasTaskDueInFiveWorkingDaysAndHerNoticeLeadsToIt() {
    JsonObject noor = koers.signInAs("noor");
    JsonObject statement =
        send(
                noor,
                noorId(),
                new JsonObject()
                    .put("text", "Ik wil vaker zelf kiezen wanneer we praten.")
                    .put("topic", "MY_HELP")
                    .put("wantsToTalk", true))
            .bodyAsJsonObject();

    assertThat(statement.getString("state")).isEqualTo("OPEN");
    assertThat(statement.getString("dueAt")).isEqualTo("2026-11-30T10:00:00Z");
    assertThat(statement.getJsonObject("addressee").getString("firstName")).isEqualTo("Eva");
    assertThat(statement.getString("topic")).isEqualTo("MY_HELP");
    assertThat(statement.getBoolean("wantsToTalk")).isTrue();
    assertThat(statement.containsKey("safetyOffer")).isFalse();

    JsonObject eva = koers.signInAs("pro-eva");
    Eventually.until("eva is told", () -> !inbox(eva, "FEEDBACK_TASK").isEmpty());
    JsonObject told = inbox(eva, "FEEDBACK_TASK").get(0);
    assertThat(told.encode()).doesNotContain("kiezen");
    assertThat(told.getString("resource"))
        .isEqualTo("youth/" + noorId() + "/statements/" + statement.getString("id"));
    HttpResponse<Buffer> followed = koers.get(eva, "/v1/" + told.getString("resource"));
    assertThat(followed.statusCode()).isEqualTo(200);
    assertThat(followed.bodyAsJsonObject().getString("text"))
        .isEqualTo("Ik wil vaker zelf kiezen wanneer we praten.");
    assertThat(listed(eva, noorId())).containsExactly(statement.getString("id"));
    assertThat(listed(noor, noorId())).containsExactly(statement.getString("id"));
    Eventually.until(
        "to whom it went is on noor's consent history",
        () ->
            koers
                .get(noor, "/v1/youth/" + noorId() + "/consents?limit=100")
                .bodyAsJsonObject()
                .getJsonArray("items")
                .stream()
                .map(JsonObject.class::cast)
                .anyMatch(
                    c ->
                        c.getString("decision").equals("FEEDBACK_SHARING")
                            && c.getString("about").equals(statement.getString("id"))
                            && c.getJsonArray("after").contains("ADDRESSEE_ONLY")));
  }

  @Test
  void evaRepliesNoorSeesTheReplyAndRatesIt() {
    JsonObject noor = koers.signInAs("noor");
    String id = sent(noor, noorId(), "School is te druk naast de therapie.").getString("id");
    JsonObject eva = koers.signInAs("pro-eva");

    HttpResponse<Buffer> replied = reply(eva, noorId(), id, "We schuiven de afspraak naar 16 uur.");
    assertThat(replied.statusCode()).as(replied.bodyAsString()).isEqualTo(201);
    JsonObject seen = read(noor, noorId(), id);
    assertThat(seen.getString("state")).isEqualTo("REPLIED");
    assertThat(seen.getString("repliedAt")).isNotNull();
    JsonObject response = seen.getJsonArray("responses").getJsonObject(0);
    assertThat(response.getString("text")).isEqualTo("We schuiven de afspraak naar 16 uur.");
    Eventually.until("noor is told", () -> !inbox(noor, "FEEDBACK_ANSWERED").isEmpty());

    HttpResponse<Buffer> rated =
        koers.post(
            noor,
            "/v1/youth/"
                + noorId()
                + "/feedback/"
                + id
                + "/responses/"
                + response.getString("id")
                + "/rating",
            new JsonObject().put("rating", 5));
    assertThat(rated.statusCode()).as(rated.bodyAsString()).isEqualTo(204);
    JsonObject after = read(noor, noorId(), id);
    assertThat(after.getString("state")).isEqualTo("RATED");
    assertThat(after.getJsonArray("responses").getJsonObject(0).getInteger("rating")).isEqualTo(5);
  }

  @Test
  void aLateStatementIsOverdueThenEscalatesToTheRegionAdminsWithoutItsText() {
    JsonObject noor = koers.signInAs("noor");
    String id = sent(noor, noorId(), "Ik hoor niks over mijn plan " + MARKER).getString("id");

    clock.set(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(read(koers.signInAs("noor"), noorId(), id).getString("state")).isEqualTo("OPEN");
    clock.set(Instant.parse("2026-11-30T10:00:01Z"));
    // Past due it is OVERDUE until the escalation round (which may run at once) marks it.
    assertThat(read(koers.signInAs("noor"), noorId(), id).getString("state"))
        .isIn("OVERDUE", "ESCALATED");
    koers.runBackgroundNow();

    JsonObject later = koers.signInAs("noor");
    JsonObject escalated = read(later, noorId(), id);
    assertThat(escalated.getString("state")).isEqualTo("ESCALATED");
    assertThat(escalated.getString("escalatedAt")).isNotNull();
    Eventually.until(
        "noor hears someone will answer", () -> !inbox(later, "FEEDBACK_ESCALATED").isEmpty());

    JsonObject admin = koers.signInAs("admin");
    HttpResponse<Buffer> tasks =
        koers.get(admin, "/v1/regions/demo/feedback-tasks?state=ESCALATED");
    assertThat(tasks.statusCode()).as(tasks.bodyAsString()).isEqualTo(200);
    JsonObject task = tasks.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(task.getString("id")).isEqualTo(id);
    assertThat(task.getString("kind")).isEqualTo("STATEMENT");
    assertThat(task.getBoolean("shared")).isFalse();
    assertThat(task.getValue("answers")).isNull();
    assertThat(tasks.bodyAsString()).doesNotContain(MARKER).doesNotContain(noorId());
  }

  @Test
  void aParentFosterParentOrJimNamedAsAddresseeIsRefusedAndNothingIsSent() {
    JsonObject noor = koers.signInAs("noor");
    HttpResponse<Buffer> toIlse =
        send(
            noor,
            noorId(),
            new JsonObject().put("text", "Voor mama.").put("addresseeId", koers.idOf("ilse")));
    JsonObject sam = koers.signInAs("sam");
    HttpResponse<Buffer> toMarco =
        send(
            sam,
            samId(),
            new JsonObject().put("text", "Voor Marco.").put("addresseeId", koers.idOf("marco")));
    HttpResponse<Buffer> toJim =
        send(
            sam,
            samId(),
            new JsonObject()
                .put("text", "Voor mijn JIM.")
                .put("addresseeId", koers.idOf("jim-sam")));

    for (HttpResponse<Buffer> refused : List.of(toIlse, toMarco, toJim)) {
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
      assertThat(problem(refused).getString("type"))
          .isEqualTo("urn:koers:problem:not-a-statement-addressee");
      assertThat(problem(refused).getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("/addresseeId");
    }
    assertThat(listed(noor, noorId())).isEmpty();
    assertThat(listed(sam, samId())).isEmpty();
  }

  @Test
  void aStatementToTheFosterCareWorkerIsHersAloneNotTheCaseCoordinators() {
    JsonObject sam = koers.signInAs("sam");
    HttpResponse<Buffer> sent =
        send(
            sam,
            samId(),
            new JsonObject()
                .put("text", "Kan Femke met Marco praten over mijn kamer?")
                .put("topic", "MY_HOME")
                .put("addresseeId", koers.idOf("pro-femke")));
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(201);
    String id = sent.bodyAsJsonObject().getString("id");
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject femke = koers.signInAs("pro-femke");

    assertThat(koers.get(eva, "/v1/youth/" + samId() + "/statements/" + id).statusCode())
        .isEqualTo(404);
    assertThat(koers.get(eva, "/v1/youth/" + samId() + "/feedback/" + id).statusCode())
        .isEqualTo(404);
    assertThat(listed(eva, samId())).isEmpty();
    assertThat(reply(eva, samId(), id, "Ik regel het.").statusCode()).isEqualTo(404);

    assertThat(listed(femke, samId())).containsExactly(id);
    assertThat(reply(femke, samId(), id, "Ja, donderdag.").statusCode()).isEqualTo(201);
    assertThat(read(sam, samId(), id).getString("state")).isEqualTo("REPLIED");
  }

  @Test
  void aStatementStaysWithWhomItWasGivenToEvenWhenSamTriesToShareItWider() {
    JsonObject sam = koers.signInAs("sam");
    HttpResponse<Buffer> sent =
        send(
            sam,
            samId(),
            new JsonObject()
                .put("text", "Alleen voor Femke.")
                .put("addresseeId", koers.idOf("pro-femke")));
    String id = sent.bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> widened =
        koers.put(
            sam,
            "/v1/youth/" + samId() + "/feedback/" + id + "/sharing",
            new JsonObject().put("sharing", "SHARE_WITH_PROFESSIONAL"));

    assertThat(widened.statusCode()).as(widened.bodyAsString()).isEqualTo(409);
    assertThat(widened.bodyAsJsonObject().getString("type"))
        .isEqualTo("urn:koers:problem:sharing-not-wider");
    JsonObject eva = koers.signInAs("pro-eva");
    assertThat(koers.get(eva, "/v1/youth/" + samId() + "/feedback/" + id).statusCode())
        .as("the case coordinator still cannot read it")
        .isEqualTo(404);
  }

  @Test
  void ilseCannotReadNoorsStatementInAnyWay() {
    String id = sent(koers.signInAs("noor"), noorId(), "Niet aan mama vertellen.").getString("id");
    JsonObject ilse = koers.signInAs("ilse");

    HttpResponse<Buffer> one = koers.get(ilse, "/v1/youth/" + noorId() + "/statements/" + id);
    HttpResponse<Buffer> all = koers.get(ilse, "/v1/youth/" + noorId() + "/statements");
    HttpResponse<Buffer> asFeedback = koers.get(ilse, "/v1/youth/" + noorId() + "/feedback/" + id);
    HttpResponse<Buffer> none =
        koers.get(ilse, "/v1/youth/" + UUID.randomUUID() + "/statements/" + id);

    assertThat(one.statusCode()).isEqualTo(404);
    assertThat(all.statusCode()).isEqualTo(404);
    assertThat(asFeedback.statusCode()).isEqualTo(404);
    assertThat(one.bodyAsJsonObject().getString("type"))
        .isEqualTo(none.bodyAsJsonObject().getString("type"));
    assertThat(koers.get(ilse, "/v1/youth/" + noorId() + "/feedback").bodyAsString())
        .doesNotContain("mama");
    assertThat(send(ilse, noorId(), new JsonObject().put("text", "Namens Noor.")).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aReplayedIdempotencyKeyGetsTheFirstAnswerAndSendsNothingTwice() {
    JsonObject noor = koers.signInAs("noor");
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    JsonObject body = new JsonObject().put("text", "Ik wil een andere begeleider.");

    HttpResponse<Buffer> first =
        koers.post(noor, "/v1/youth/" + noorId() + "/statements", body, key);
    HttpResponse<Buffer> again =
        koers.post(noor, "/v1/youth/" + noorId() + "/statements", body, key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.bodyAsJsonObject().getString("id"))
        .isEqualTo(first.bodyAsJsonObject().getString("id"));
    assertThat(listed(noor, noorId())).hasSize(1);
    JsonObject eva = koers.signInAs("pro-eva");
    Eventually.until("eva is told", () -> !inbox(eva, "FEEDBACK_TASK").isEmpty());
    koers.runBackgroundNow();
    assertThat(inbox(eva, "FEEDBACK_TASK")).hasSize(1);
  }

  @Test
  void aDangerWordOffersTheSafetySignalAndTheStatementIsStillTasked() {
    JsonObject noor = koers.signInAs("noor");
    JsonObject worried = sent(noor, noorId(), "Ik ben bang thuis, hij slaat soms.");
    JsonObject english = sent(noor, noorId(), "I feel UNSAFE at home.");
    JsonObject calm = sent(noor, noorId(), "Bangkok lijkt me een mooie stad voor stage.");

    JsonObject offer = worried.getJsonObject("safetyOffer");
    assertThat(offer.getString("path")).isEqualTo("/v1/youth/" + noorId() + "/safety-signals");
    assertThat(offer.getString("operationId")).isEqualTo("raiseSafetySignal");
    assertThat(offer.getString("message")).contains("112");
    assertThat(english.containsKey("safetyOffer")).isTrue();
    assertThat(calm.containsKey("safetyOffer")).isFalse();
    assertThat(worried.getString("state")).isEqualTo("OPEN");
    assertThat(listed(koers.signInAs("pro-eva"), noorId()))
        .contains(worried.getString("id"), english.getString("id"));
    // Offered, not raised: no safety signal is made on the young person's behalf.
    assertThat(
            koers
                .get(noor, "/v1/youth/" + noorId() + "/safety-signals")
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .isEmpty();
  }

  @Test
  void theTextIsSealedAtRestAndEmptyTextIsRefused() {
    JsonObject noor = koers.signInAs("noor");
    String id = sent(noor, noorId(), "Mijn geheime woord is " + MARKER).getString("id");

    Document stored = await(mongo.first(mongo.collection("feedback").find(Filters.eq("_id", id))));
    assertThat(stored.toJson()).doesNotContain(MARKER);
    assertThat(stored.getString("youthId")).isEqualTo(noorId());
    assertThat(read(noor, noorId(), id).getString("text")).contains(MARKER);

    HttpResponse<Buffer> blank = send(noor, noorId(), new JsonObject().put("text", "   "));
    HttpResponse<Buffer> empty = send(noor, noorId(), new JsonObject().put("text", ""));
    HttpResponse<Buffer> tooLong =
        send(noor, noorId(), new JsonObject().put("text", "a".repeat(1001)));
    for (HttpResponse<Buffer> refused : List.of(blank, empty, tooLong)) {
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
      assertThat(refused.bodyAsString()).contains("/text");
    }
    assertThat(listed(noor, noorId())).containsExactly(id);
  }
}
