package nl.koers.mentor;

import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/** The JIM, from the young person's invite to its end, and every refusal on the way. */
class MentorApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private JsonObject nominate(String youthHandle, String firstName) {
    HttpResponse<Buffer> invited =
        koers.post(
            koers.signInAs(youthHandle),
            "/v1/youth/" + koers.idOf(youthHandle) + "/mentor/nominations",
            new JsonObject().put("firstName", firstName).put("relation", "my hockey coach"));
    assertThat(invited.statusCode()).as(invited.bodyAsString()).isEqualTo(201);
    return invited.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> accept(String handle, String code) {
    return koers.post(
        koers.signInAs(handle),
        "/v1/mentor-invites/" + code + "/accept",
        new JsonObject().put("acceptTerms", true));
  }

  private String nominationPath(String youthHandle, JsonObject nomination) {
    return "/v1/youth/"
        + koers.idOf(youthHandle)
        + "/mentor/nominations/"
        + nomination.getString("id");
  }

  private List<String> inbox(String handle) {
    return NotifyTesting.inbox(koers, koers.signInAs(handle)).stream()
        .map(item -> item.getString("type"))
        .toList();
  }

  @Test
  void noorChoosesTessAndEndsItAndTessLosesAccessAtHerNextRequest() {
    String noorId = koers.idOf("noor");
    JsonObject tess = koers.signInAs("tess");
    JsonObject nomination = nominate("noor", "Tess");
    assertThat(nomination.getString("code")).matches("[ACDEFGHJKMNPQRTUVWXY345679]{8}");
    assertThat(nomination.getString("link"))
        .isEqualTo("koers://mentor-invite/" + nomination.getString("code"));

    assertThat(accept("tess", nomination.getString("code")).bodyAsJsonObject().getString("status"))
        .isEqualTo("PENDING_CONFIRMATION");
    HttpResponse<Buffer> again = accept("tess", nomination.getString("code"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(problem(again).getString("type")).isEqualTo("urn:koers:problem:invite-used");
    assertThat(koers.get(tess, "/v1/youth/" + noorId).statusCode()).isEqualTo(404);
    assertThat(koers.signInAs("tess").getJsonObject("person").getJsonArray("roles").getList())
        .contains("MENTOR");

    JsonObject eva = koers.signInAs("pro-eva");
    HttpResponse<Buffer> tooSoon =
        koers.post(eva, nominationPath("noor", nomination) + "/confirm", null);
    assertThat(problem(tooSoon).getString("type"))
        .isEqualTo("urn:koers:problem:parent-agreement-needed");
    koers.post(
        koers.signInAs("ilse"),
        nominationPath("noor", nomination) + "/parent-agreement",
        new JsonObject().put("agreed", true));
    assertThat(
            koers
                .post(eva, nominationPath("noor", nomination) + "/confirm", null)
                .bodyAsJsonObject()
                .getString("status"))
        .isEqualTo("ACTIVE");

    HttpResponse<Buffer> card = koers.get(tess, "/v1/youth/" + noorId);
    assertThat(card.statusCode()).isEqualTo(200);
    assertThat(card.bodyAsJsonObject().getJsonObject("jim").getString("name")).isEqualTo("Tess");

    assertThat(koers.delete(koers.signInAs("noor"), "/v1/youth/" + noorId + "/mentor").statusCode())
        .isEqualTo(204);
    assertThat(koers.get(tess, "/v1/youth/" + noorId).statusCode()).isEqualTo(404);

    Eventually.until(
        "everyone told",
        () -> inbox("tess").contains("MENTOR_ENDED") && inbox("pro-eva").contains("MENTOR_ENDED"));
    assertThat(inbox("noor")).contains("MENTOR_INVITE_ACCEPTED", "MENTOR_ACTIVE", "MENTOR_ENDED");
    assertThat(inbox("pro-eva")).contains("MENTOR_CONFIRMATION_NEEDED");
    Eventually.until("ilse is told", () -> !inbox("ilse").isEmpty());
    assertThat(inbox("ilse")).containsExactly("MENTOR_AGREEMENT_NEEDED");
    Eventually.until("noor is told", () -> inbox("noor").contains("MENTOR_PARENT_DECIDED"));
  }

  @Test
  void everyRefusalIsItsOwnClearProblem() {
    String expired = nominate("noor", "Later").getString("code");
    JsonObject withdrawn = nominate("noor", "Oops");
    koers.post(koers.signInAs("noor"), nominationPath("noor", withdrawn) + "/withdraw", null);
    String open = nominate("noor", "Someone").getString("code");

    assertThat(problem(accept("tess", withdrawn.getString("code"))).getString("type"))
        .isEqualTo("urn:koers:problem:invite-withdrawn");
    assertThat(accept("tess", "ACDEFGHJ").statusCode()).isEqualTo(404);
    assertThat(problem(accept("noor", open)).getString("type"))
        .isEqualTo("urn:koers:problem:invite-own");
    assertThat(problem(accept("ilse", open)).getString("type"))
        .isEqualTo("urn:koers:problem:mentor-is-parent");
    assertThat(problem(accept("sam", open)).getString("type"))
        .isEqualTo("urn:koers:problem:mentor-too-young");
    HttpResponse<Buffer> noTerms =
        koers.post(
            koers.signInAs("tess"),
            "/v1/mentor-invites/" + open + "/accept",
            new JsonObject().put("acceptTerms", false));
    assertThat(noTerms.statusCode()).isEqualTo(400);

    clock.advance(Mentors.INVITE_VALIDITY.plusSeconds(1));
    HttpResponse<Buffer> late = accept("tess", expired);
    assertThat(late.statusCode()).isEqualTo(410);
    assertThat(problem(late).getString("type")).isEqualTo("urn:koers:problem:invite-expired");
  }

  @Test
  void atMostFiveOpenInvites() {
    for (int i = 0; i < Mentors.MAX_OPEN; i++) {
      nominate("daan", "Adult " + i);
    }
    HttpResponse<Buffer> sixth =
        koers.post(
            koers.signInAs("daan"),
            "/v1/youth/" + koers.idOf("daan") + "/mentor/nominations",
            new JsonObject().put("firstName", "One more").put("relation", "neighbour"));

    assertThat(sixth.statusCode()).isEqualTo(422);
    assertThat(problem(sixth).getString("type"))
        .isEqualTo("urn:koers:problem:too-many-nominations");
  }

  @Test
  void aNewJimReplacesTheActiveOneOnConfirmationAndThereIsNeverMoreThanOne() {
    String samId = koers.idOf("sam");
    JsonObject jimSam = koers.signInAs("jim-sam");
    JsonObject nomination = nominate("sam", "Tess");
    accept("tess", nomination.getString("code"));
    assertThat(koers.get(jimSam, "/v1/youth/" + samId).statusCode())
        .as("still the JIM meanwhile")
        .isEqualTo(200);

    // sam is 16: no parent agreement needed.
    koers.post(koers.signInAs("pro-eva"), nominationPath("sam", nomination) + "/confirm", null);

    assertThat(koers.get(jimSam, "/v1/youth/" + samId).statusCode()).isEqualTo(404);
    assertThat(koers.get(koers.signInAs("tess"), "/v1/youth/" + samId).statusCode()).isEqualTo(200);
    JsonArray circle =
        koers
            .get(koers.signInAs("sam"), "/v1/youth/" + samId + "/circle")
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(
            circle.stream()
                .map(JsonObject.class::cast)
                .filter(
                    r ->
                        r.getString("kind").equals("JIM")
                            && !r.getString("status").equals("ENDED")))
        .singleElement()
        .satisfies(r -> assertThat(r.getJsonObject("person").getString("name")).isEqualTo("Tess"));
  }

  @Test
  void theYoungPersonDecidesWhatTheJimSeesButNeverFeedback() {
    String samId = koers.idOf("sam");
    JsonObject sam = koers.signInAs("sam");
    JsonObject jim = koers.signInAs("jim-sam");
    String scopes = "/v1/youth/" + samId + "/mentor/scopes";
    String circle = "/v1/youth/" + samId + "/circle";

    assertThat(
            koers
                .putAsRead(
                    sam,
                    circle,
                    scopes,
                    new JsonObject().put("scopes", new JsonArray().add("milestones")))
                .statusCode())
        .isEqualTo(200);
    assertThat(koers.get(jim, "/v1/youth/" + samId).statusCode()).isEqualTo(404);

    assertThat(
            koers
                .putAsRead(
                    sam,
                    circle,
                    scopes,
                    new JsonObject().put("scopes", new JsonArray().add("profile").add("feedback")))
                .statusCode())
        .isEqualTo(400);
    koers.putAsRead(
        sam, circle, scopes, new JsonObject().put("scopes", new JsonArray().add("profile")));
    assertThat(koers.get(jim, "/v1/youth/" + samId).statusCode()).isEqualTo(200);
    assertThat(koers.get(jim, "/v1/youth/" + samId + "/feedback").statusCode()).isEqualTo(404);
  }

  @Test
  void aJimCanStepDown() {
    String samId = koers.idOf("sam");
    JsonObject jim = koers.signInAs("jim-sam");

    assertThat(koers.post(jim, "/v1/youth/" + samId + "/mentor/step-down", null).statusCode())
        .isEqualTo(204);

    assertThat(koers.get(jim, "/v1/youth/" + samId).statusCode()).isEqualTo(404);
    assertThat(
            koers
                .get(koers.signInAs("sam"), "/v1/youth/" + samId)
                .bodyAsJsonObject()
                .getValue("jim"))
        .isNull();
  }

  @Test
  void everyEightWeeksTheJimIsAskedAndALowCheckInIsATaskForTheCoordinator() {
    String noorId = koers.idOf("noor");
    JsonObject nomination = nominate("noor", "Tess");
    accept("tess", nomination.getString("code"));
    koers.post(
        koers.signInAs("ilse"),
        nominationPath("noor", nomination) + "/parent-agreement",
        new JsonObject().put("agreed", true));
    koers.post(koers.signInAs("pro-eva"), nominationPath("noor", nomination) + "/confirm", null);

    clock.advance(Mentors.CHECK_IN_EVERY.plusMinutes(1));
    Eventually.until("tess is asked", () -> inbox("tess").contains("MENTOR_CHECK_IN"));
    koers.runBackgroundNow();
    assertThat(inbox("tess").stream().filter("MENTOR_CHECK_IN"::equals)).hasSize(1);

    HttpResponse<Buffer> low =
        koers.post(
            koers.signInAs("tess"),
            "/v1/youth/" + noorId + "/mentor/check-ins",
            new JsonObject().put("score", 2).put("text", "Zwaar de laatste tijd."));
    assertThat(low.statusCode()).isEqualTo(201);
    Eventually.until("eva is told", () -> inbox("pro-eva").contains("MENTOR_CHECK_IN_LOW"));
    assertThat(
            koers
                .get(koers.signInAs("pro-eva"), "/v1/youth/" + noorId + "/mentor/check-ins")
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .hasSize(1);
    assertThat(
            koers
                .get(koers.signInAs("noor"), "/v1/youth/" + noorId + "/mentor/check-ins")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void aParentsRefusalBindsAndNobodyOverrulesIt() {
    JsonObject nomination = nominate("noor", "Tess");
    accept("tess", nomination.getString("code"));
    JsonObject eva = koers.signInAs("pro-eva");
    String agreement = nominationPath("noor", nomination) + "/parent-agreement";

    HttpResponse<Buffer> evaFirst =
        koers.post(eva, agreement, new JsonObject().put("agreed", true));
    assertThat(evaFirst.statusCode())
        .as("the agreement is ilse's, not the case coordinator's")
        .isEqualTo(404);
    HttpResponse<Buffer> refused =
        koers.post(koers.signInAs("ilse"), agreement, new JsonObject().put("agreed", false));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.bodyAsJsonObject().getString("status")).isEqualTo("PARENT_REFUSED");

    HttpResponse<Buffer> overruled =
        koers.post(eva, agreement, new JsonObject().put("agreed", true));
    assertThat(overruled.statusCode()).isEqualTo(409);
    assertThat(problem(overruled).getString("type")).isEqualTo("urn:koers:problem:parent-refused");
    HttpResponse<Buffer> changedMind =
        koers.post(koers.signInAs("ilse"), agreement, new JsonObject().put("agreed", true));
    assertThat(problem(changedMind).getString("type"))
        .isEqualTo("urn:koers:problem:parent-refused");
    HttpResponse<Buffer> confirmed =
        koers.post(eva, nominationPath("noor", nomination) + "/confirm", null);
    assertThat(confirmed.statusCode()).isEqualTo(409);
    assertThat(problem(confirmed).getString("type")).isEqualTo("urn:koers:problem:parent-refused");

    assertThat(koers.get(koers.signInAs("tess"), "/v1/youth/" + koers.idOf("noor")).statusCode())
        .isEqualTo(404);
    JsonObject seenByNoor =
        koers
            .get(koers.signInAs("noor"), "/v1/youth/" + koers.idOf("noor") + "/mentor/nominations")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(seenByNoor.getString("status")).isEqualTo("PARENT_REFUSED");
    assertThat(seenByNoor.getJsonObject("parentAgreement").getString("decidedBy"))
        .isEqualTo("PARENT");
    Eventually.until("noor is told", () -> inbox("noor").contains("MENTOR_PARENT_DECIDED"));
    Eventually.until("eva is told", () -> inbox("pro-eva").contains("MENTOR_PARENT_DECIDED"));
  }

  @Test
  void aParentIsToldWhenAnAgreementWaitsAndReadsTheNominationWithoutItsCode() {
    String nominations = "/v1/youth/" + koers.idOf("noor") + "/mentor/nominations";
    JsonObject ilse = koers.signInAs("ilse");
    JsonObject nomination = nominate("noor", "Tess");
    nominate("noor", "Not accepted");

    assertThat(koers.get(ilse, nominations).bodyAsJsonObject().getJsonArray("items"))
        .as("nothing waits for ilse before someone accepted")
        .isEmpty();
    HttpResponse<Buffer> tooEarly =
        koers.post(
            ilse,
            nominationPath("noor", nomination) + "/parent-agreement",
            new JsonObject().put("agreed", true));
    assertThat(tooEarly.statusCode()).isEqualTo(404);

    accept("tess", nomination.getString("code"));
    Eventually.until("ilse is told", () -> inbox("ilse").contains("MENTOR_AGREEMENT_NEEDED"));
    JsonArray items = koers.get(ilse, nominations).bodyAsJsonObject().getJsonArray("items");

    assertThat(items).hasSize(1);
    JsonObject seen = items.getJsonObject(0);
    assertThat(seen.fieldNames())
        .containsExactlyInAnyOrder("id", "firstName", "relation", "status", "parentAgreed");
    assertThat(seen.getString("firstName")).isEqualTo("Tess");
    assertThat(seen.getString("relation")).isEqualTo("my hockey coach");
    assertThat(seen.getString("status")).isEqualTo("PENDING_CONFIRMATION");
    assertThat(seen.encode()).doesNotContain(nomination.getString("code"));
    assertThat(
            koers
                .get(
                    koers.signInAs("marco"),
                    "/v1/youth/" + koers.idOf("sam") + "/mentor/nominations")
                .statusCode())
        .as("a foster parent has no say")
        .isEqualTo(404);
  }

  @Test
  void fromSixteenNobodyRecordsAParentAgreement() {
    JsonObject nomination = nominate("daan", "Tess");
    accept("tess", nomination.getString("code"));

    HttpResponse<Buffer> recorded =
        koers.post(
            koers.signInAs("pro-eva"),
            nominationPath("daan", nomination) + "/parent-agreement",
            new JsonObject().put("agreed", true));

    assertThat(recorded.statusCode()).isEqualTo(422);
    assertThat(problem(recorded).getString("type")).isEqualTo("urn:koers:problem:decides-alone");
    assertThat(
            problem(
                    koers.post(
                        koers.signInAs("pro-eva"),
                        nominationPath("daan", nomination) + "/parent-agreement",
                        new JsonObject().put("agreed", true),
                        Map.of(
                            "Accept-Language",
                            "en",
                            "Idempotency-Key",
                            UUID.randomUUID().toString())))
                .getString("title"))
        .isEqualTo("The young person decides alone");
    assertThat(
            koers
                .post(
                    koers.signInAs("pro-eva"),
                    nominationPath("daan", nomination) + "/confirm",
                    null)
                .bodyAsJsonObject()
                .getString("status"))
        .isEqualTo("ACTIVE");
  }

  @Test
  void withNoParentInTheCircleTheCoordinatorRecordsTheGuardiansDecisionWithNameAndReason() {
    JsonObject eva = koers.signInAs("pro-eva");
    String yaraId =
        koers
            .post(
                eva,
                "/v1/youth",
                new JsonObject()
                    .put("firstName", "Yara")
                    .put("dateOfBirth", "2013-03-01")
                    .put("regionId", "demo"))
            .bodyAsJsonObject()
            .getJsonObject("youth")
            .getString("id");
    JsonObject yara = koers.sessionFor(yaraId);
    JsonObject nomination =
        koers
            .post(
                yara,
                "/v1/youth/" + yaraId + "/mentor/nominations",
                new JsonObject().put("firstName", "Tess").put("relation", "mijn buurvrouw"))
            .bodyAsJsonObject();
    accept("tess", nomination.getString("code"));
    String path = "/v1/youth/" + yaraId + "/mentor/nominations/" + nomination.getString("id");

    HttpResponse<Buffer> withoutWho =
        koers.post(eva, path + "/parent-agreement", new JsonObject().put("agreed", true));
    assertThat(withoutWho.statusCode()).isEqualTo(400);
    assertThat(problem(withoutWho).getJsonArray("errors").encode())
        .contains("/guardianName", "/reason");
    assertThat(
            koers
                .post(
                    koers.signInAs("ilse"),
                    path + "/parent-agreement",
                    new JsonObject().put("agreed", true))
                .statusCode())
        .as("ilse is no parent of yara")
        .isEqualTo(404);
    HttpResponse<Buffer> recorded =
        koers.post(
            eva,
            path + "/parent-agreement",
            new JsonObject()
                .put("agreed", true)
                .put("guardianName", "Mevr. De Boer (Jeugdbescherming)")
                .put("reason", "Besproken met de voogd op 20 november"));
    assertThat(recorded.statusCode()).isEqualTo(200);

    JsonObject seenByYara =
        koers
            .get(yara, "/v1/youth/" + yaraId + "/mentor/nominations")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonObject("parentAgreement");
    assertThat(seenByYara.getString("decidedBy")).isEqualTo("GUARDIAN");
    assertThat(seenByYara.getString("guardianName")).isEqualTo("Mevr. De Boer (Jeugdbescherming)");
    assertThat(seenByYara.getString("reason")).isEqualTo("Besproken met de voogd op 20 november");
    assertThat(koers.post(eva, path + "/confirm", null).bodyAsJsonObject().getString("status"))
        .isEqualTo("ACTIVE");
    JsonObject line =
        koers
            .get(yara, "/v1/youth/" + yaraId + "/consents")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(line.getString("decision")).isEqualTo("GUARDIAN_AGREEMENT");
    assertThat(line.getJsonObject("guardian").getString("name"))
        .isEqualTo("Mevr. De Boer (Jeugdbescherming)");
    assertThat(line.getJsonObject("decidedBy").getString("capacity")).isEqualTo("CASE_COORDINATOR");
    assertThat(line.getString("ageBand")).isEqualTo("12-15");
  }
}
