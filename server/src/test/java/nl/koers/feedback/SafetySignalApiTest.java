package nl.koers.feedback;

import static nl.koers.feedback.FeedbackTesting.inboxTypes;
import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A safety signal reaches the people with the duty at once, and nobody else: the case coordinator
 * and the region's safety contacts on duty, never a parent or foster parent. Access follows the
 * duty now; a signal is picked up, or escalates.
 */
class SafetySignalApiTest extends KoersApiTest {

  private static final String ROSTER = "/v1/regions/demo/safety-contacts";

  /** 23:30 on a Monday in Amsterdam: quiet hours, which a safety signal ignores. */
  @Override
  protected Instant startsAt() {
    return Instant.parse("2026-11-23T22:30:00Z");
  }

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, fakeFcm());
  }

  private HttpResponse<Buffer> raise(JsonObject noor, String noorId) {
    return koers.post(
        noor,
        "/v1/youth/" + noorId + "/safety-signals",
        new JsonObject().put("text", "Ik voel me thuis niet veilig.").put("mayCallMe", true));
  }

  private String raiseOne() {
    String noorId = koers.idOf("noor");
    HttpResponse<Buffer> raised = raise(koers.signInAs("noor"), noorId);
    assertThat(raised.statusCode()).as(raised.bodyAsString()).isEqualTo(201);
    return "/v1/youth/" + noorId + "/safety-signals/" + raised.bodyAsJsonObject().getString("id");
  }

  private HttpResponse<Buffer> putRoster(JsonObject session, JsonObject... contacts) {
    return koers.put(
        session,
        ROSTER,
        new JsonObject().put("contacts", new JsonArray(List.of(contacts))),
        Map.of("If-Match", rosterTag("demo")));
  }

  private static JsonObject contact(String personId, JsonObject... dutyWindows) {
    JsonObject contact = new JsonObject().put("personId", personId);
    if (dutyWindows.length > 0) {
      contact.put("dutyWindows", new JsonArray(List.of(dutyWindows)));
    }
    return contact;
  }

  /** Every day from {@code from} to {@code until}, Amsterdam time. */
  private static JsonObject daily(String from, String until) {
    return new JsonObject()
        .put(
            "weekdays",
            new JsonArray(
                List.of(
                    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")))
        .put("from", from)
        .put("until", until);
  }

  private List<String> rosterIds() {
    HttpResponse<Buffer> roster = koers.get(koers.signInAs("admin"), ROSTER);
    assertThat(roster.statusCode()).as(roster.bodyAsString()).isEqualTo(200);
    return roster.bodyAsJsonObject().getJsonArray("contacts").stream()
        .map(c -> ((JsonObject) c).getString("personId"))
        .toList();
  }

  /** Makes a demo person a professional of region demo, as a registration would. */
  private void makeProfessional(String handle) {
    await(
        new People(mongo)
            .grant(koers.idOf(handle), new Person.RegionRole(Role.PROFESSIONAL, "demo")));
  }

  private long count(String handle, String type) {
    return inboxTypes(koers, koers.signInAs(handle)).stream().filter(type::equals).count();
  }

  /** A problem without what differs between two requests (path and request id). */
  private static JsonObject comparable(HttpResponse<Buffer> answer) {
    JsonObject body = answer.bodyAsJsonObject().copy();
    body.remove("instance");
    body.remove("requestId");
    return body.put("httpStatus", answer.statusCode());
  }

  @Test
  void theCoordinatorAndTheSafetyContactAreToldAtOnceAtNightAndParentsAreNot() {
    String noorId = koers.idOf("noor");
    JsonObject noor = koers.signInAs("noor");
    JsonObject eva = koers.signInAs("pro-eva");
    String evasPhone = NotifyTesting.registerPhone(koers, eva);
    String ilsesPhone = NotifyTesting.registerPhone(koers, koers.signInAs("ilse"));

    HttpResponse<Buffer> raised = raise(noor, noorId);

    assertThat(raised.statusCode()).isEqualTo(201);
    assertThat(raised.bodyAsJsonObject().getString("acknowledgement")).contains("ontvangen");
    assertThat(raised.bodyAsJsonObject().getString("status")).isEqualTo("RECEIVED");
    Eventually.until(
        "eva's phone rings, at night",
        () -> NotifyTesting.acceptedFor(fcm.accepted(), evasPhone) == 1);
    assertThat(inboxTypes(koers, eva)).containsExactly("SAFETY");
    assertThat(inboxTypes(koers, koers.signInAs("pro-joris"))).containsExactly("SAFETY");
    assertThat(inboxTypes(koers, noor)).containsExactly("SAFETY_RECEIVED");
    koers.runBackgroundNow();
    for (String nobody : List.of("ilse", "marco", "jim-sam", "analyst", "tess", "admin")) {
      assertThat(inboxTypes(koers, koers.signInAs(nobody))).as(nobody).isEmpty();
    }
    assertThat(NotifyTesting.acceptedFor(fcm.accepted(), ilsesPhone)).isZero();
  }

  @Test
  void onlyAProfessionalOfTheRegionCanBeOnTheRosterAndARefusalChangesNothing() {
    JsonObject admin = koers.signInAs("admin");
    String joris = koers.idOf("pro-joris");
    List<String> refused = new ArrayList<>();
    for (String handle : List.of("sam", "tess", "ilse", "marco", "jim-sam", "analyst", "admin")) {
      refused.add(koers.idOf(handle));
    }
    refused.add(UUID.randomUUID().toString());

    for (String someone : refused) {
      HttpResponse<Buffer> answer = putRoster(admin, contact(joris), contact(someone));
      assertThat(answer.statusCode()).as(someone + ": " + answer.bodyAsString()).isEqualTo(422);
      JsonObject problem = answer.bodyAsJsonObject();
      assertThat(problem.getString("type"))
          .isEqualTo("urn:koers:problem:not-eligible-safety-contact");
      assertThat(problem.getJsonArray("errors")).hasSize(1);
      assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("/contacts/1/personId");
    }
    assertThat(rosterIds()).as("unchanged: only the seeded pro-joris").containsExactly(joris);

    HttpResponse<Buffer> english =
        koers.put(
            admin,
            ROSTER,
            new JsonObject()
                .put("contacts", new JsonArray().add(contact(refused.get(0))).add(contact(joris))),
            Map.of("Accept-Language", "en", "If-Match", rosterTag("demo")));
    assertThat(english.bodyAsJsonObject().getString("title"))
        .isEqualTo("Cannot be a safety contact");
    assertThat(
            english.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/contacts/0/personId");

    HttpResponse<Buffer> accepted =
        putRoster(admin, contact(koers.idOf("pro-eva")), contact(joris, daily("17:00", "09:00")));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    assertThat(rosterIds()).containsExactly(koers.idOf("pro-eva"), joris);
    JsonObject jorisEntry = accepted.bodyAsJsonObject().getJsonArray("contacts").getJsonObject(1);
    assertThat(jorisEntry.getString("name")).isEqualTo("Joris");
    assertThat(jorisEntry.getBoolean("onDutyNow")).as("23:30 is within 17:00-09:00").isTrue();
  }

  @Test
  void onlyTheRegionsAdminSeesOrChangesTheRosterAndEveryoneElseGetsTheMissingRegionAnswer() {
    JsonObject admin = koers.signInAs("admin");
    JsonObject missing = comparable(koers.get(admin, "/v1/regions/nowhere/safety-contacts"));
    assertThat(missing.getInteger("httpStatus")).isEqualTo(404);

    for (String other : List.of("pro-eva", "pro-joris", "analyst", "sam", "ilse", "tess")) {
      JsonObject session = koers.signInAs(other);
      assertThat(comparable(koers.get(session, ROSTER))).as(other + " GET").isEqualTo(missing);
      assertThat(comparable(putRoster(session, contact(koers.idOf("pro-eva")))))
          .as(other + " PUT")
          .isEqualTo(missing);
    }
    assertThat(rosterIds()).containsExactly(koers.idOf("pro-joris"));
  }

  @Test
  void aParentWhoIsAProfessionalOnTheRosterNeverReceivesNorReadsTheirChildsSignal() {
    makeProfessional("ilse");
    makeProfessional("tess");
    JsonObject admin = koers.signInAs("admin");
    // ilse always on duty, tess on duty now, joris off duty now: the signal goes to tess.
    assertThat(
            putRoster(
                    admin,
                    contact(koers.idOf("ilse")),
                    contact(koers.idOf("tess"), daily("20:00", "08:00")),
                    contact(koers.idOf("pro-joris"), daily("08:00", "17:00")))
                .statusCode())
        .as("a professional of the region may be on the roster")
        .isEqualTo(200);

    String signal = raiseOne();

    Eventually.until("tess, next on duty, is told", () -> count("tess", "SAFETY") == 1);
    koers.runBackgroundNow();
    JsonObject ilse = koers.signInAs("ilse");
    assertThat(inboxTypes(koers, ilse)).isEmpty();
    assertThat(count("pro-joris", "SAFETY")).as("off duty, someone else is on").isZero();
    JsonObject missing = comparable(koers.get(ilse, signal.replaceAll("[^/]+$", "no-such-id")));
    assertThat(comparable(koers.get(ilse, signal))).isEqualTo(missing);
    assertThat(koers.get(ilse, signal.replaceAll("/[^/]+$", "")).statusCode()).isEqualTo(404);
    assertThat(koers.post(ilse, signal + "/pick-up", new JsonObject()).statusCode()).isEqualTo(404);
    assertThat(koers.post(ilse, signal + "/close", new JsonObject().put("note", "x")).statusCode())
        .isEqualTo(404);
    assertThat(koers.get(koers.signInAs("tess"), signal).statusCode()).isEqualTo(200);
    assertThat(koers.get(koers.signInAs("pro-joris"), signal).statusCode())
        .as("on the roster, whatever the duty window")
        .isEqualTo(200);
  }

  @Test
  void evenAsCaseCoordinatorAParentIsNeverToldNorShownTheSignal() {
    makeProfessional("ilse");
    String noorId = koers.idOf("noor");
    HttpResponse<Buffer> assigned =
        koers.putAsRead(
            koers.signInAs("admin"),
            "/v1/youth/" + noorId + "/case-coordinator",
            "/v1/youth/" + noorId + "/case-coordinator",
            new JsonObject().put("professionalId", koers.idOf("ilse")));
    assertThat(assigned.statusCode()).as(assigned.bodyAsString()).isLessThan(300);

    String signal = raiseOne();

    Eventually.until("joris, on duty, is told", () -> count("pro-joris", "SAFETY") == 1);
    koers.runBackgroundNow();
    JsonObject ilse = koers.signInAs("ilse");
    assertThat(inboxTypes(koers, ilse)).doesNotContain("SAFETY");
    assertThat(koers.get(ilse, signal).statusCode()).isEqualTo(404);
  }

  @Test
  void someoneTakenOffTheRosterLosesEverySignalAtOnce() {
    String signal = raiseOne();
    JsonObject joris = koers.signInAs("pro-joris");
    assertThat(koers.get(joris, signal).statusCode()).isEqualTo(200);

    assertThat(putRoster(koers.signInAs("admin"), contact(koers.idOf("pro-eva"))).statusCode())
        .isEqualTo(200);

    JsonObject missing = comparable(koers.get(joris, signal.replaceAll("[^/]+$", "no-such-id")));
    assertThat(missing.getInteger("httpStatus")).isEqualTo(404);
    assertThat(comparable(koers.get(joris, signal))).isEqualTo(missing);
    assertThat(koers.get(joris, signal.replaceAll("/[^/]+$", "")).statusCode()).isEqualTo(404);
    assertThat(koers.post(joris, signal + "/close", new JsonObject().put("note", "x")).statusCode())
        .isEqualTo(404);
    assertThat(koers.post(joris, signal + "/pick-up", new JsonObject()).statusCode())
        .isEqualTo(404);
    assertThat(koers.get(koers.signInAs("noor"), signal).bodyAsJsonObject().getString("status"))
        .as("nothing he tried changed it")
        .isEqualTo("RECEIVED");
  }

  @Test
  void anOffDutyContactIsNotToldWhileSomeoneIsOnDutyButIsWhenNobodyIs() {
    makeProfessional("tess");
    JsonObject admin = koers.signInAs("admin");
    putRoster(
        admin,
        contact(koers.idOf("pro-joris"), daily("08:00", "17:00")),
        contact(koers.idOf("tess")));

    raiseOne();
    Eventually.until("tess, on duty, is told", () -> count("tess", "SAFETY") == 1);
    koers.runBackgroundNow();
    assertThat(count("pro-joris", "SAFETY")).isZero();

    putRoster(admin, contact(koers.idOf("pro-joris"), daily("08:00", "17:00")));
    raiseOne();
    Eventually.until(
        "nobody on duty: everyone on the roster is told", () -> count("pro-joris", "SAFETY") == 1);
    assertThat(count("tess", "SAFETY")).as("off the roster now").isEqualTo(1);
  }

  @Test
  void whoPicksItUpIsShownToTheYoungPersonByFirstNameOnlyAndOnlyOnce() {
    String signal = raiseOne();
    JsonObject noor = koers.signInAs("noor");
    assertThat(koers.post(noor, signal + "/pick-up", new JsonObject()).statusCode())
        .as("the young person does not pick up their own signal")
        .isEqualTo(404);

    HttpResponse<Buffer> picked =
        koers.post(koers.signInAs("pro-joris"), signal + "/pick-up", new JsonObject());

    assertThat(picked.statusCode()).as(picked.bodyAsString()).isEqualTo(200);
    assertThat(picked.bodyAsJsonObject().getString("status")).isEqualTo("PICKED_UP");
    JsonObject seen = koers.get(noor, signal).bodyAsJsonObject().getJsonObject("pickedUp");
    assertThat(seen.fieldNames()).containsExactlyInAnyOrder("firstName", "at", "message");
    assertThat(seen.getString("firstName")).isEqualTo("Joris");
    assertThat(seen.getString("message")).isEqualTo("Iemand is ermee bezig: Joris.");
    HttpResponse<Buffer> english = koers.get(noor, signal, Map.of("Accept-Language", "en"));
    assertThat(english.bodyAsJsonObject().getJsonObject("pickedUp").getString("message"))
        .isEqualTo("Someone is on it: Joris.");
    Eventually.until("noor is told", () -> count("noor", "SAFETY_PICKED_UP") == 1);

    HttpResponse<Buffer> again =
        koers.post(koers.signInAs("pro-eva"), signal + "/pick-up", new JsonObject());
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(
            koers
                .get(noor, signal)
                .bodyAsJsonObject()
                .getJsonObject("pickedUp")
                .getString("firstName"))
        .isEqualTo("Joris");
  }

  @Test
  void aSignalNobodyPicksUpEscalatesOnceToTheWholeRosterAndTheRegionAdmins() {
    makeProfessional("tess");
    putRoster(
        koers.signInAs("admin"),
        contact(koers.idOf("pro-joris")),
        contact(koers.idOf("tess"), daily("08:00", "17:00")));
    String signal = raiseOne();
    String pickedInTime = raiseOne();
    assertThat(
            koers
                .post(koers.signInAs("pro-eva"), pickedInTime + "/pick-up", new JsonObject())
                .statusCode())
        .isEqualTo(200);

    clock.advance(Duration.ofMinutes(14));
    koers.runBackgroundNow();
    assertThat(count("pro-joris", "SAFETY_ESCALATED")).as("not yet").isZero();

    clock.advance(Duration.ofMinutes(2));
    Eventually.until("the admin hears of it", () -> count("admin", "SAFETY_ESCALATED") >= 1);
    Eventually.until("joris hears of it", () -> count("pro-joris", "SAFETY_ESCALATED") >= 1);
    Eventually.until("tess, off duty, too", () -> count("tess", "SAFETY_ESCALATED") >= 1);
    // Many more rounds, later still: nothing more.
    koers.runBackgroundNow();
    clock.advance(Duration.ofMinutes(30));
    koers.runBackgroundNow();

    // One signal was never picked up: it escalated exactly once, to each of them.
    for (String told : List.of("admin", "pro-joris", "tess")) {
      assertThat(count(told, "SAFETY_ESCALATED")).as(told).isEqualTo(1);
    }
    for (String nobody : List.of("pro-eva", "ilse", "marco", "noor", "analyst")) {
      assertThat(count(nobody, "SAFETY_ESCALATED")).as(nobody).isZero();
    }
    JsonObject escalated = koers.get(koers.signInAs("noor"), signal).bodyAsJsonObject();
    assertThat(escalated.getString("escalatedAt")).isNotNull();
    assertThat(escalated.getString("status")).isEqualTo("RECEIVED");
    assertThat(
            koers
                .get(koers.signInAs("noor"), pickedInTime)
                .bodyAsJsonObject()
                .getValue("escalatedAt"))
        .as("picked up in time: never escalated")
        .isNull();
  }

  @Test
  void closingAnUnpickedSignalPicksItUpAndASecondCloseIsRefused() {
    String signal = raiseOne();
    JsonObject eva = koers.signInAs("pro-eva");

    HttpResponse<Buffer> closed =
        koers.post(eva, signal + "/close", new JsonObject().put("note", "Gebeld; veilig."));
    HttpResponse<Buffer> again =
        koers.post(
            koers.signInAs("pro-joris"), signal + "/close", new JsonObject().put("note", "x"));
    HttpResponse<Buffer> pickUpAfter =
        koers.post(koers.signInAs("pro-joris"), signal + "/pick-up", new JsonObject());

    assertThat(closed.statusCode()).as(closed.bodyAsString()).isEqualTo(200);
    assertThat(closed.bodyAsJsonObject().getString("status")).isEqualTo("CLOSED");
    assertThat(closed.bodyAsJsonObject().getJsonObject("pickedUp").getString("firstName"))
        .isEqualTo("Eva");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(pickUpAfter.statusCode()).isEqualTo(409);
    JsonObject now = koers.get(koers.signInAs("noor"), signal).bodyAsJsonObject();
    assertThat(now.getString("closingNote")).isEqualTo("Gebeld; veilig.");

    clock.advance(Duration.ofMinutes(20));
    koers.runBackgroundNow();
    assertThat(count("admin", "SAFETY_ESCALATED")).as("closed in time").isZero();
  }

  @Test
  void aFollowUpAnswerBeforeKoersAskedIsRefused() {
    String signal = raiseOne();
    JsonObject noor = koers.signInAs("noor");

    HttpResponse<Buffer> early =
        koers.post(noor, signal + "/follow-up", new JsonObject().put("saferNow", true));

    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(koers.get(noor, signal).bodyAsJsonObject().getValue("followUp")).isNull();

    clock.advance(Duration.ofHours(49));
    Eventually.until("asked", () -> count("noor", "SAFETY_FOLLOW_UP") == 1);
    HttpResponse<Buffer> answered =
        koers.post(
            koers.signInAs("noor"), signal + "/follow-up", new JsonObject().put("saferNow", true));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
    assertThat(answered.bodyAsJsonObject().getJsonObject("followUp").getBoolean("saferNow"))
        .isTrue();
  }

  @Test
  void twoDaysLaterTheYoungPersonIsAskedWhetherItIsSaferNow() {
    String noorId = koers.idOf("noor");
    raise(koers.signInAs("noor"), noorId);

    clock.advance(Duration.ofHours(47));
    koers.runBackgroundNow();
    assertThat(inboxTypes(koers, koers.signInAs("noor"))).doesNotContain("SAFETY_FOLLOW_UP");

    clock.advance(Duration.ofHours(2));
    JsonObject noor = koers.signInAs("noor");
    Eventually.until("asked", () -> inboxTypes(koers, noor).contains("SAFETY_FOLLOW_UP"));
    koers.runBackgroundNow();
    assertThat(inboxTypes(koers, noor).stream().filter("SAFETY_FOLLOW_UP"::equals)).hasSize(1);
  }

  @Test
  void aSignalStoredAsOpenBeforePickUpsExistedReadsAsReceivedAndCanBePickedUp() {
    String noorId = koers.idOf("noor");
    String id = UUID.randomUUID().toString();
    await(
        mongo.write(
            mongo
                .collection(SafetySignalStore.SPEC.name())
                .insertOne(
                    new Document("_id", id)
                        .append("youthId", noorId)
                        .append("regionId", "demo")
                        .append("mayCallMe", false)
                        .append("raisedAt", Date.from(clock.instant()))
                        .append("status", "OPEN")
                        .append("routedTo", List.of(koers.idOf("ilse")))
                        .append("safetyContact", koers.idOf("ilse"))
                        .append("followUpAt", Date.from(clock.instant().plus(Duration.ofDays(2))))
                        .append("followUpSentAt", null))));
    String signal = "/v1/youth/" + noorId + "/safety-signals/" + id;

    assertThat(koers.get(koers.signInAs("noor"), signal).bodyAsJsonObject().getString("status"))
        .isEqualTo("RECEIVED");
    assertThat(koers.get(koers.signInAs("ilse"), signal).statusCode())
        .as("once routed to her: nothing now")
        .isEqualTo(404);
    HttpResponse<Buffer> picked =
        koers.post(koers.signInAs("pro-joris"), signal + "/pick-up", new JsonObject());
    assertThat(picked.bodyAsJsonObject().getString("status")).isEqualTo("PICKED_UP");
  }

  @Test
  void aSignalIsClosedWithANoteNeverDeletedAndEveryStepIsInTheAccessLog() {
    String noorId = koers.idOf("noor");
    JsonObject noor = koers.signInAs("noor");
    String signal = raise(noor, noorId).bodyAsJsonObject().getString("id");
    String path = "/v1/youth/" + noorId + "/safety-signals/" + signal;

    HttpResponse<Buffer> readByContact = koers.get(koers.signInAs("pro-joris"), path);
    HttpResponse<Buffer> closeByIlse =
        koers.post(koers.signInAs("ilse"), path + "/close", new JsonObject().put("note", "x"));
    HttpResponse<Buffer> closeByTess =
        koers.post(koers.signInAs("tess"), path + "/close", new JsonObject().put("note", "x"));
    HttpResponse<Buffer> closed =
        koers.post(
            koers.signInAs("pro-eva"),
            path + "/close",
            new JsonObject().put("note", "Gebeld; veilig onderdak geregeld."));
    HttpResponse<Buffer> delete = koers.delete(koers.signInAs("pro-eva"), path);

    assertThat(readByContact.statusCode()).isEqualTo(200);
    assertThat(readByContact.bodyAsJsonObject().getBoolean("mayCallMe")).isTrue();
    assertThat(closeByIlse.statusCode()).isEqualTo(404);
    assertThat(closeByTess.statusCode()).isEqualTo(404);
    assertThat(closed.bodyAsJsonObject().getString("status")).isEqualTo("CLOSED");
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(
            koers
                .get(noor, "/v1/youth/" + noorId + "/safety-signals")
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .hasSize(1);
    List<String> log =
        koers
            .get(noor, "/v1/youth/" + noorId + "/access-log?limit=100&includeOwn=true")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(
                e ->
                    ((JsonObject) e).getString("capacity")
                        + " "
                        + ((JsonObject) e).getString("action")
                        + " "
                        + ((JsonObject) e).getString("resource"))
            .toList();
    assertThat(log)
        .as(
            koers
                .get(noor, "/v1/youth/" + noorId + "/access-log?limit=100&includeOwn=true")
                .bodyAsString())
        .contains(
            "SELF WRITE youth/" + noorId + "/safety-signals",
            "SAFETY_CONTACT READ youth/" + noorId + "/safety-signals/" + signal,
            "CASE_COORDINATOR WRITE youth/" + noorId + "/safety-signals/" + signal);
  }

  @Test
  void onlyTheYoungPersonThemselvesCanRaiseOne() {
    String noorId = koers.idOf("noor");
    for (String other : List.of("ilse", "pro-eva", "pro-joris", "admin", "sam")) {
      assertThat(raise(koers.signInAs(other), noorId).statusCode()).as(other).isEqualTo(404);
    }
  }
}
