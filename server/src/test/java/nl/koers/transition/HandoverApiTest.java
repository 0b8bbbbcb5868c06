package nl.koers.transition;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A warm handover to adult services counts only when three people say so: youth care (the case
 * coordinator), the adult service (the contact who accepted the invite, from the meeting on) and
 * the young person, who says whether they met. Each tries to speak for another, and cannot.
 */
class HandoverApiTest extends KoersApiTest {

  private static final String MEETING = "2026-12-10";

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private String handovers() {
    return "/v1/youth/" + koers.idOf("daan") + "/transition/handovers";
  }

  private static JsonObject plan() {
    return new JsonObject()
        .put("kind", "WMO")
        .put(
            "contact",
            new JsonObject().put("name", "Ruben de Vries").put("organisation", "Wmo-loket Demo"))
        .put("meetingDate", MEETING);
  }

  /** Eva records a handover for daan; answers the 201 body (with the invite). */
  private JsonObject recorded() {
    HttpResponse<Buffer> answer = koers.post(koers.signInAs("pro-eva"), handovers(), plan());
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
    return answer.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> post(String handle, String path, JsonObject body) {
    return koers.post(koers.signInAs(handle), path, body);
  }

  private static String accept(JsonObject recorded) {
    return "/v1/handover-invites/" + recorded.getJsonObject("invite").getString("code") + "/accept";
  }

  private static String asContact(JsonObject recorded) {
    return "/v1/handovers/" + recorded.getString("id");
  }

  private String youthAnswer(JsonObject recorded) {
    return handovers() + "/" + recorded.getString("id") + "/youth-answer";
  }

  private String confirm(JsonObject recorded) {
    return handovers() + "/" + recorded.getString("id") + "/confirm";
  }

  private static JsonObject side(String side) {
    return new JsonObject().put("side", side);
  }

  private static JsonObject met(boolean met) {
    return new JsonObject().put("met", met);
  }

  private JsonObject overdracht() {
    return koers
        .get(koers.signInAs("pro-eva"), "/v1/youth/" + koers.idOf("daan") + "/transition/checklist")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(item -> item.getString("id").equals("overdracht"))
        .findFirst()
        .orElseThrow();
  }

  private List<String> inboxTypes(String handle, String about) {
    return NotifyTesting.inbox(koers, koers.signInAs(handle)).stream()
        .filter(item -> item.getString("resource").equals(about))
        .map(item -> item.getString("type"))
        .toList();
  }

  private String daansHandovers() {
    return "youth/" + koers.idOf("daan") + "/transition/handovers";
  }

  private static String problemType(HttpResponse<Buffer> answer) {
    return answer.bodyAsJsonObject().getString("type");
  }

  @Test
  void rubenEvaAndDaanEachConfirmTheirPartAndOnlyThenTheHandoverIsCompleteAndTickedOff() {
    JsonObject recorded = recorded();
    HttpResponse<Buffer> accepted = post("wmo-ruben", accept(recorded), null);
    clock.set(Instant.parse("2026-12-09T10:00:00Z"));
    HttpResponse<Buffer> dayBefore = post("wmo-ruben", asContact(recorded) + "/confirm", null);
    JsonObject unchanged =
        koers.get(koers.signInAs("wmo-ruben"), asContact(recorded)).bodyAsJsonObject();
    clock.set(Instant.parse("2026-12-10T09:00:00Z"));
    JsonObject adultSide =
        post("wmo-ruben", asContact(recorded) + "/confirm", null).bodyAsJsonObject();
    JsonObject youthSide =
        post("pro-eva", confirm(recorded), side("YOUTH_CARE")).bodyAsJsonObject();
    JsonObject checklistBefore = overdracht();
    JsonObject answered = post("daan", youthAnswer(recorded), met(true)).bodyAsJsonObject();

    assertThat(recorded.getJsonObject("invite").getString("code")).hasSize(8);
    assertThat(recorded.getString("adultContactId")).isNull();
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    assertThat(accepted.bodyAsJsonObject().getString("adultContactId"))
        .isEqualTo(koers.idOf("wmo-ruben"));
    assertThat(accepted.bodyAsJsonObject().containsKey("invite")).isFalse();
    assertThat(dayBefore.statusCode()).isEqualTo(409);
    assertThat(problemType(dayBefore)).isEqualTo("urn:koers:problem:handover-not-met-yet");
    assertThat(dayBefore.bodyAsJsonObject().getString("detail")).contains(MEETING);
    assertThat(unchanged.getString("adultServicesConfirmedAt")).isNull();
    assertThat(adultSide.getString("adultServicesConfirmedAt")).isNotNull();
    assertThat(youthSide.getBoolean("complete")).isFalse();
    assertThat(checklistBefore.getString("doneAt")).isNull();
    assertThat(answered.getJsonObject("youthAnswer").getBoolean("met")).isTrue();
    assertThat(answered.getBoolean("complete")).isTrue();
    assertThat(overdracht().getString("doneAt")).isNotNull();
    assertThat(overdracht().getBoolean("overdue")).isFalse();
    Eventually.until(
        "daan hears of the plan and of both sides",
        () ->
            inboxTypes("daan", daansHandovers())
                .containsAll(List.of("HANDOVER_PLANNED", "HANDOVER_CONFIRMED")));
    assertThat(inboxTypes("daan", daansHandovers()))
        .containsExactlyInAnyOrder("HANDOVER_PLANNED", "HANDOVER_CONFIRMED", "HANDOVER_CONFIRMED");
  }

  @Test
  void rubensRetryOfHisConfirmationGetsTheSameAnswer() {
    JsonObject recorded = recorded();
    post("wmo-ruben", accept(recorded), null);
    clock.set(Instant.parse("2026-12-10T10:00:00Z"));
    JsonObject ruben = koers.signInAs("wmo-ruben");
    java.util.Map<String, String> key =
        java.util.Map.of("Idempotency-Key", "retry-" + recorded.getString("id"));

    HttpResponse<Buffer> first = koers.post(ruben, asContact(recorded) + "/confirm", null, key);
    HttpResponse<Buffer> retry = koers.post(ruben, asContact(recorded) + "/confirm", null, key);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(200);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsJsonObject().getString("adultServicesConfirmedAt"))
        .isEqualTo(first.bodyAsJsonObject().getString("adultServicesConfirmedAt"));
  }

  @Test
  void evaCannotConfirmTheAdultServicesSideForThem() {
    JsonObject recorded = recorded();
    post("wmo-ruben", accept(recorded), null);
    clock.set(Instant.parse("2026-12-11T10:00:00Z"));

    HttpResponse<Buffer> byEva = post("pro-eva", confirm(recorded), side("ADULT_SERVICES"));
    HttpResponse<Buffer> evaAsContact = post("pro-eva", asContact(recorded) + "/confirm", null);

    assertThat(byEva.statusCode()).isEqualTo(403);
    assertThat(problemType(byEva)).isEqualTo("urn:koers:problem:handover-side-not-yours");
    assertThat(evaAsContact.statusCode()).isEqualTo(404);
    assertThat(
            koers
                .get(koers.signInAs("wmo-ruben"), asContact(recorded))
                .bodyAsJsonObject()
                .getString("adultServicesConfirmedAt"))
        .isNull();
  }

  @Test
  void theInviteCodeIsShownOnceAndStoredNowhereInPlainTextNotEvenInTheRecordForARetry() {
    String code = recorded().getJsonObject("invite").getString("code");

    for (String collection : List.of(IdempotencyStore.COLLECTION, HandoverStore.SPEC.name())) {
      List<Document> stored = await(mongo.list(mongo.collection(collection).find()));
      assertThat(stored).as(collection).isNotEmpty();
      assertThat(stored)
          .as("the code in " + collection)
          .allSatisfy(doc -> assertThat(doc.toJson()).doesNotContain(code));
    }
  }

  @Test
  void aRecordingRetriedAfterACrashGivesOneHandoverAndOnlyTheCodeItAnswersWorks() {
    JsonObject eva = koers.signInAs("pro-eva");
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    JsonObject first = koers.post(eva, handovers(), plan(), key).bodyAsJsonObject();
    // The answer was lost with the process: the retry runs the recording again.
    await(mongo.write(mongo.collection(IdempotencyStore.COLLECTION).deleteMany(new Document())));
    HttpResponse<Buffer> retried = koers.post(eva, handovers(), plan(), key);

    assertThat(retried.statusCode()).isEqualTo(201);
    JsonObject second = retried.bodyAsJsonObject();
    assertThat(second.getString("id")).isEqualTo(first.getString("id"));
    assertThat(koers.get(eva, handovers()).bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertThat(post("wmo-ruben", accept(first), null).statusCode())
        .as("the code of the lost answer")
        .isEqualTo(404);
    assertThat(post("wmo-ruben", accept(second), null).statusCode()).isEqualTo(200);
  }

  @Test
  void theInviteCodeWorksOnceAndNotForTheFamily() {
    JsonObject recorded = recorded();
    HttpResponse<Buffer> byDaan = post("daan", accept(recorded), null);
    HttpResponse<Buffer> byRuben = post("wmo-ruben", accept(recorded), null);
    HttpResponse<Buffer> byTess = post("tess", accept(recorded), null);
    JsonObject late = recorded();
    clock.set(Instant.parse("2026-12-24T10:00:00Z"));
    HttpResponse<Buffer> expired = post("tess", accept(late), null);

    assertThat(byDaan.statusCode()).isEqualTo(422);
    assertThat(problemType(byDaan)).isEqualTo("urn:koers:problem:handover-contact-not-allowed");
    assertThat(byRuben.statusCode()).isEqualTo(200);
    assertThat(byTess.statusCode()).isEqualTo(409);
    assertThat(problemType(byTess)).isEqualTo("urn:koers:problem:invite-used");
    assertThat(koers.get(koers.signInAs("tess"), asContact(recorded)).statusCode()).isEqualTo(404);
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(post("tess", "/v1/handover-invites/ABCD-EFGH/accept", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void theAdultContactSeesThatOneHandoverAndNothingElseOfDaan() {
    JsonObject recorded = recorded();
    JsonObject other = recorded();
    post("wmo-ruben", accept(recorded), null);
    JsonObject ruben = koers.signInAs("wmo-ruben");
    String daan = "/v1/youth/" + koers.idOf("daan");

    assertThat(koers.get(ruben, asContact(recorded)).statusCode()).isEqualTo(200);
    assertThat(koers.get(ruben, asContact(other)).statusCode()).isEqualTo(404);
    assertThat(koers.get(ruben, daan + "/transition/handovers").statusCode()).isEqualTo(404);
    assertThat(koers.get(ruben, daan).statusCode()).isEqualTo(404);
    assertThat(koers.get(koers.signInAs("pro-eva"), asContact(recorded)).statusCode())
        .isEqualTo(404);
  }

  @Test
  void onlyDaanAnswersAndOnlyFromTheMeetingDateOn() {
    JsonObject recorded = recorded();
    clock.set(Instant.parse("2026-12-09T22:59:00Z")); // 23:59 in Amsterdam, the day before
    HttpResponse<Buffer> early = post("daan", youthAnswer(recorded), met(true));
    clock.set(Instant.parse("2026-12-10T10:00:00Z"));
    HttpResponse<Buffer> byEva = post("pro-eva", youthAnswer(recorded), met(true));
    HttpResponse<Buffer> byIlse = post("ilse", youthAnswer(recorded), met(true));
    HttpResponse<Buffer> byJoris = post("pro-joris", youthAnswer(recorded), met(true));
    HttpResponse<Buffer> readByJoris = koers.get(koers.signInAs("pro-joris"), handovers());
    HttpResponse<Buffer> readByMarco = koers.get(koers.signInAs("marco"), handovers());

    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(problemType(early)).isEqualTo("urn:koers:problem:handover-not-met-yet");
    assertThat(byEva.statusCode()).isEqualTo(404);
    assertThat(byIlse.statusCode()).isEqualTo(404);
    assertThat(byJoris.statusCode()).isEqualTo(404);
    assertThat(readByJoris.statusCode()).isEqualTo(404);
    assertThat(readByMarco.statusCode()).isEqualTo(404);
    JsonObject seenByDaan =
        koers
            .get(koers.signInAs("daan"), handovers())
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(h -> h.getString("id").equals(recorded.getString("id")))
            .findFirst()
            .orElseThrow();
    assertThat(seenByDaan.getValue("youthAnswer")).isNull();
    assertThat(seenByDaan.containsKey("invite")).isFalse();
  }

  @Test
  void daanSayingTheyDidNotMeetAlertsEvaAndKeepsTheHandoverOpen() {
    JsonObject recorded = recorded();
    post("wmo-ruben", accept(recorded), null);
    clock.set(Instant.parse("2026-12-10T10:00:00Z"));
    post("wmo-ruben", asContact(recorded) + "/confirm", null);
    post("pro-eva", confirm(recorded), side("YOUTH_CARE"));

    JsonObject missed = post("daan", youthAnswer(recorded), met(false)).bodyAsJsonObject();

    assertThat(missed.getJsonObject("youthAnswer").getBoolean("met")).isFalse();
    assertThat(missed.getBoolean("complete")).isFalse();
    Eventually.until(
        "eva hears the meeting did not happen",
        () -> inboxTypes("pro-eva", daansHandovers()).contains("HANDOVER_MISSED"));
  }

  @Test
  void daanCannotRecordOrConfirmAHandoverHimself() {
    JsonObject recorded = recorded();

    HttpResponse<Buffer> record = post("daan", handovers(), plan());
    HttpResponse<Buffer> confirmSelf = post("daan", confirm(recorded), side("YOUTH_CARE"));

    assertThat(record.statusCode()).isEqualTo(403);
    assertThat(confirmSelf.statusCode()).isEqualTo(403);
    assertThat(koers.get(koers.signInAs("marco"), handovers()).statusCode()).isEqualTo(404);
  }
}
