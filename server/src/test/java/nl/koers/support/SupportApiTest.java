package nl.koers.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/**
 * A foster parent asks for support and the foster-care worker answers in time, or the request
 * escalates to the region admin; a JIM asks the case coordinator. In the demo marco is sam's foster
 * parent, pro-femke his foster-care worker, pro-eva his case coordinator, jim-sam his JIM.
 */
class SupportApiTest extends KoersApiTest {

  private static final String TEXT = "Sam slaapt slecht sinds het bezoek. Hoe help ik hem?";

  @Override
  protected boolean serverPerTest() {
    return true;
  }

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private String support() {
    return "/v1/youth/" + koers.idOf("sam") + "/carer-support";
  }

  private static JsonObject request(String urgency) {
    return new JsonObject().put("topic", "BEHAVIOUR").put("urgency", urgency).put("text", TEXT);
  }

  private JsonObject filed(String handle, String urgency) {
    HttpResponse<Buffer> made = koers.post(koers.signInAs(handle), support(), request(urgency));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    return made.bodyAsJsonObject();
  }

  private long countOf(String handle, String type, String resource) {
    koers.runBackgroundNow();
    return NotifyTesting.inbox(koers, koers.signInAs(handle)).stream()
        .filter(i -> i.getString("type").equals(type) && i.getString("resource").equals(resource))
        .count();
  }

  private static String resource(JsonObject request) {
    return "youth/" + request.getString("youthId") + "/carer-support/" + request.getString("id");
  }

  @Test
  void marcosRequestGoesToFemkeWhoAnswersAndMarcoReadsTheAnswer() {
    JsonObject request = filed("marco", "NORMAL");
    assertThat(request.getJsonObject("holder").getString("name")).isEqualTo("Femke");
    assertThat(request.getJsonObject("holder").getString("kind")).isEqualTo("FOSTER_CARE_WORKER");
    assertThat(request.getString("state")).isEqualTo("OPEN");
    assertThat(countOf("pro-femke", "SUPPORT_REQUESTED", resource(request))).isEqualTo(1);

    String one = support() + "/" + request.getString("id");
    JsonObject femke = koers.signInAs("pro-femke");
    assertThat(koers.get(femke, one).bodyAsJsonObject().getString("text")).isEqualTo(TEXT);
    HttpResponse<Buffer> answered =
        koers.post(femke, one + "/answer", new JsonObject().put("text", "Ik kom donderdag."));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);

    JsonObject seen = koers.get(koers.signInAs("marco"), one).bodyAsJsonObject();
    assertThat(seen.getString("state")).isEqualTo("ANSWERED");
    assertThat(seen.getJsonObject("answer").getString("text")).isEqualTo("Ik kom donderdag.");
    assertThat(seen.getJsonObject("answer").getJsonObject("by").getString("name"))
        .isEqualTo("Femke");
    assertThat(countOf("marco", "SUPPORT_ANSWERED", resource(request))).isEqualTo(1);
    assertThat(
            koers
                .get(koers.signInAs("pro-eva"), support())
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .as("the case coordinator sees every request about sam")
        .hasSize(1);
  }

  @Test
  void nobodyOutsideTheRequestReadsOrAnswersItAndNobodyButCarersFilesOne() {
    JsonObject request = filed("marco", "NORMAL");
    String one = support() + "/" + request.getString("id");
    JsonObject answer = new JsonObject().put("text", "Niet van jou");
    for (String outsider : new String[] {"jim-sam", "sam", "ilse", "tess", "pro-joris", "admin"}) {
      JsonObject session = koers.signInAs(outsider);
      assertThat(koers.get(session, one).statusCode()).as(outsider + " reads").isEqualTo(404);
      assertThat(koers.post(session, one + "/answer", answer).statusCode())
          .as(outsider + " answers")
          .isEqualTo(404);
    }
    assertThat(koers.post(koers.signInAs("marco"), one + "/answer", answer).statusCode())
        .as("the requester cannot answer his own request")
        .isEqualTo(404);
    for (String notACarer : new String[] {"sam", "pro-eva", "pro-femke", "ilse", "tess"}) {
      assertThat(koers.post(koers.signInAs(notACarer), support(), request("NORMAL")).statusCode())
          .as(notACarer + " files")
          .isEqualTo(404);
    }
    assertThat(
            koers
                .get(koers.signInAs("jim-sam"), support())
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .as("the JIM does not see the foster parent's requests")
        .isEmpty();
    org.bson.Document stored = await(mongo.first(mongo.collection("supportRequests").find()));
    assertThat(stored.toJson()).as("sealed at rest").doesNotContain("slaapt");
  }

  @Test
  void aRetryWithTheSameKeyMakesOneRequestAndOneNotice() {
    JsonObject marco = koers.signInAs("marco");
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    HttpResponse<Buffer> first = koers.post(marco, support(), request("NORMAL"), key);
    HttpResponse<Buffer> again = koers.post(marco, support(), request("NORMAL"), key);

    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.bodyAsJsonObject().getString("id"))
        .isEqualTo(first.bodyAsJsonObject().getString("id"));
    assertThat(koers.get(marco, support()).bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertThat(countOf("pro-femke", "SUPPORT_REQUESTED", resource(first.bodyAsJsonObject())))
        .isEqualTo(1);
  }

  @Test
  void anUnansweredUrgentRequestEscalatesOnceToTheAdminAndMarcoIsTold() {
    JsonObject request = filed("marco", "URGENT");
    String id = request.getString("id");
    String regionLink = "regions/demo/support-requests/" + id;
    assertThat(countOf("admin", "SUPPORT_ESCALATED", regionLink)).isZero();

    clock.advance(Duration.ofDays(4)); // past the next working day, whatever today is
    koers.runBackgroundNow();
    koers.runBackgroundNow();

    assertThat(countOf("admin", "SUPPORT_ESCALATED", regionLink)).isEqualTo(1);
    assertThat(countOf("marco", "SUPPORT_ESCALATED", resource(request))).isEqualTo(1);
    JsonObject admin = koers.signInAs("admin");
    HttpResponse<Buffer> listed = koers.get(admin, "/v1/regions/demo/support-requests");
    assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
    JsonObject item = listed.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("id")).isEqualTo(id);
    assertThat(item.getString("ageBand")).isEqualTo("16-17");
    assertThat(item.getInteger("daysOverdue")).isPositive();
    assertThat(item.encode()).as("no text, no young person").doesNotContain("slaapt", "Sam");
    assertThat(koers.get(admin, "/v1/" + regionLink).statusCode()).isEqualTo(200);
    assertThat(koers.get(koers.signInAs("analyst"), "/v1/" + regionLink).statusCode())
        .isEqualTo(404);

    HttpResponse<Buffer> late =
        koers.post(
            koers.signInAs("pro-femke"),
            support() + "/" + id + "/answer",
            new JsonObject().put("text", "Sorry, ik bel je nu."));
    assertThat(late.statusCode()).as("a late answer still counts").isEqualTo(200);
    HttpResponse<Buffer> twice =
        koers.post(
            koers.signInAs("pro-eva"),
            support() + "/" + id + "/answer",
            new JsonObject().put("text", "Ik ook"));
    assertThat(twice.statusCode()).isEqualTo(409);
  }

  @Test
  void theAdminGivesALateRequestToJorisWhoReadsAndAnswersOnlyThatOne() {
    JsonObject request = filed("marco", "URGENT");
    String id = request.getString("id");
    clock.advance(Duration.ofDays(4));
    koers.runBackgroundNow();
    JsonObject admin = koers.signInAs("admin");
    String regionPath = "/v1/regions/demo/support-requests/" + id;
    String tag = koers.get(admin, regionPath).getHeader("ETag");
    JsonObject joris = koers.signInAs("pro-joris");
    String jorisId = koers.idOf("pro-joris");

    for (String notEligible : new String[] {"marco", "pro-femke", "sam"}) {
      HttpResponse<Buffer> refused =
          koers.put(
              admin,
              regionPath + "/holder",
              new JsonObject().put("personId", koers.idOf(notEligible)),
              Map.of("If-Match", tag));
      assertThat(refused.statusCode()).as(notEligible).isEqualTo(422);
      assertThat(refused.bodyAsJsonObject().getString("type"))
          .isEqualTo("urn:koers:problem:not-eligible-assignee");
    }
    assertThat(koers.get(joris, support() + "/" + id).statusCode())
        .as("not his before he is given it")
        .isEqualTo(404);
    HttpResponse<Buffer> given =
        koers.put(
            admin,
            regionPath + "/holder",
            new JsonObject().put("personId", jorisId),
            Map.of("If-Match", tag));
    assertThat(given.statusCode()).as(given.bodyAsString()).isEqualTo(200);
    assertThat(given.bodyAsJsonObject().getString("state")).isEqualTo("OPEN");
    assertThat(given.bodyAsJsonObject().getJsonObject("holder").getString("name"))
        .isEqualTo("Joris");
    HttpResponse<Buffer> stale =
        koers.put(
            admin,
            regionPath + "/holder",
            new JsonObject().put("personId", koers.idOf("pro-eva")),
            Map.of("If-Match", tag));
    assertThat(stale.statusCode()).as("another admin gave it first").isEqualTo(412);
    assertThat(countOf("pro-joris", "SUPPORT_REQUESTED", resource(request))).isEqualTo(1);

    assertThat(koers.get(joris, support() + "/" + id).bodyAsJsonObject().getString("text"))
        .isEqualTo(TEXT);
    assertThat(koers.get(joris, "/v1/youth/" + koers.idOf("sam")).statusCode())
        .as("nothing else of sam")
        .isEqualTo(404);
    assertThat(koers.get(koers.signInAs("pro-femke"), support() + "/" + id).statusCode())
        .as("femke no longer holds it")
        .isEqualTo(404);
    HttpResponse<Buffer> answered =
        koers.post(
            joris, support() + "/" + id + "/answer", new JsonObject().put("text", "Ik bel je."));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
    assertThat(
            koers
                .get(koers.signInAs("marco"), support() + "/" + id)
                .bodyAsJsonObject()
                .getString("state"))
        .isEqualTo("ANSWERED");
    HttpResponse<Buffer> late =
        koers.put(
            admin,
            regionPath + "/holder",
            new JsonObject().put("personId", koers.idOf("pro-eva")),
            Map.of("If-Match", given.getHeader("ETag")));
    assertThat(late.statusCode()).as("answered meanwhile").isEqualTo(409);
  }

  @Test
  void theJimAsksTheCaseCoordinatorWhoRepliesAndTheJimReadsTheReplyToHisCheckIn() {
    JsonObject request = filed("jim-sam", "NORMAL");
    assertThat(request.getJsonObject("holder").getString("kind")).isEqualTo("CASE_COORDINATOR");
    assertThat(countOf("pro-eva", "SUPPORT_REQUESTED", resource(request))).isEqualTo(1);
    assertThat(
            koers
                .get(koers.signInAs("pro-femke"), support() + "/" + request.getString("id"))
                .statusCode())
        .as("the foster-care worker does not see the JIM's request")
        .isEqualTo(404);

    String checkIns = "/v1/youth/" + koers.idOf("sam") + "/mentor/check-ins";
    JsonObject jim = koers.signInAs("jim-sam");
    String checkIn =
        koers
            .post(jim, checkIns, new JsonObject().put("score", 2).put("text", "Lastige week"))
            .bodyAsJsonObject()
            .getString("id");
    HttpResponse<Buffer> reply =
        koers.put(
            koers.signInAs("pro-eva"),
            checkIns + "/" + checkIn + "/reply",
            new JsonObject().put("text", "Dank je, ik bel je morgen."));
    assertThat(reply.statusCode()).as(reply.bodyAsString()).isEqualTo(200);
    assertThat(
            koers
                .put(
                    koers.signInAs("jim-sam"),
                    checkIns + "/" + checkIn + "/reply",
                    new JsonObject().put("text", "Zelf"))
                .statusCode())
        .as("only the case coordinator replies")
        .isEqualTo(404);

    JsonObject mine =
        koers.get(jim, checkIns).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(mine.getJsonObject("reply").getString("text"))
        .isEqualTo("Dank je, ik bel je morgen.");
    assertThat(
            countOf(
                "jim-sam",
                "MENTOR_CHECK_IN_REPLIED",
                "youth/" + koers.idOf("sam") + "/mentor/check-ins"))
        .isEqualTo(1);
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    return nl.koers.testing.Http.await(future);
  }
}
