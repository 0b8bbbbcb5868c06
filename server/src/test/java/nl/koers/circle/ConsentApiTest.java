package nl.koers.circle;

import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/**
 * A young person of 16 decides who sees what (scopes, ending a parent's or foster parent's access);
 * before 16 only about their JIM; and every consent decision is in a history that only the young
 * person and the case coordinator read and nobody changes.
 */
class ConsentApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private HttpResponse<Buffer> setScopes(
      JsonObject session, String youthHandle, String relationId, String... scopes) {
    return koers.put(
        session,
        "/v1/youth/" + koers.idOf(youthHandle) + "/circle/" + relationId + "/scopes",
        new JsonObject().put("scopes", new JsonArray(List.of(scopes))),
        Map.of("If-Match", circleTag(koers.idOf(youthHandle))));
  }

  private HttpResponse<Buffer> end(JsonObject session, String youthHandle, String relationId) {
    return koers.post(
        session, "/v1/youth/" + koers.idOf(youthHandle) + "/circle/" + relationId + "/end", null);
  }

  /** The id of a member's relation in a young person's circle, as the young person sees it. */
  private String relationOf(String youthHandle, String memberId) {
    return koers
        .get(koers.signInAs(youthHandle), "/v1/youth/" + koers.idOf(youthHandle) + "/circle")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getJsonObject("person").getString("id").equals(memberId))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  private List<String> inbox(String handle) {
    return NotifyTesting.inbox(koers, koers.signInAs(handle)).stream()
        .map(item -> item.getString("type"))
        .toList();
  }

  private JsonArray consents(JsonObject session, String youthHandle, String query) {
    HttpResponse<Buffer> page =
        koers.get(session, "/v1/youth/" + koers.idOf(youthHandle) + "/consents" + query);
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    return page.bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  void samNarrowsMarcosScopesAndMarcoLosesExactlyWhatHeLost() {
    String sam = "/v1/youth/" + koers.idOf("sam");
    JsonObject marco = koers.signInAs("marco");
    String marcoRelation = relationOf("sam", koers.idOf("marco"));
    assertThat(koers.get(marco, sam + "/circle").statusCode()).isEqualTo(200);

    HttpResponse<Buffer> narrowed =
        setScopes(koers.signInAs("sam"), "sam", marcoRelation, "profile");

    assertThat(narrowed.statusCode()).as(narrowed.bodyAsString()).isEqualTo(200);
    assertThat(narrowed.bodyAsJsonObject().getJsonArray("scopes")).containsExactly("profile");
    assertThat(koers.get(marco, sam + "/circle").statusCode()).isEqualTo(404);
    assertThat(koers.get(marco, sam).statusCode()).as("what he kept").isEqualTo(200);
    Eventually.until("marco is told", () -> inbox("marco").contains("ACCESS_CHANGED"));

    assertThat(setScopes(marco, "sam", marcoRelation, "profile", "circle").statusCode())
        .as("marco widening himself")
        .isEqualTo(404);
    assertThat(setScopes(koers.signInAs("pro-eva"), "sam", marcoRelation, "circle").statusCode())
        .as("the case coordinator deciding for sam")
        .isEqualTo(404);
    HttpResponse<Buffer> feedback =
        setScopes(koers.signInAs("sam"), "sam", marcoRelation, "profile", "feedback");
    assertThat(feedback.statusCode()).isEqualTo(422);
    assertThat(problem(feedback).getString("type"))
        .isEqualTo("urn:koers:problem:scope-not-allowed");
    String jimRelation = relationOf("sam", koers.idOf("jim-sam"));
    assertThat(setScopes(koers.signInAs("sam"), "sam", jimRelation, "circle").statusCode())
        .as("a JIM never sees the circle")
        .isEqualTo(422);
    assertThat(
            setScopes(
                    koers.signInAs("sam"),
                    "sam",
                    relationOf("sam", koers.idOf("pro-eva")),
                    "profile")
                .statusCode())
        .as("the case coordinator's access is a duty, not sam's to narrow")
        .isEqualTo(404);

    setScopes(koers.signInAs("sam"), "sam", marcoRelation, "profile", "circle");
    assertThat(koers.get(marco, sam + "/circle").statusCode()).as("widened again").isEqualTo(200);
  }

  @Test
  void samEndsHisFosterParentsAccessButMarcoStaysTheCarerSeeingNothing() {
    String sam = "/v1/youth/" + koers.idOf("sam");
    JsonObject marco = koers.signInAs("marco");
    String marcoRelation = relationOf("sam", koers.idOf("marco"));

    HttpResponse<Buffer> ended = end(koers.signInAs("sam"), "sam", marcoRelation);

    assertThat(ended.statusCode()).as(ended.bodyAsString()).isEqualTo(200);
    assertThat(ended.bodyAsJsonObject().getString("status")).isEqualTo("ACTIVE");
    assertThat(ended.bodyAsJsonObject().getJsonArray("scopes")).isEmpty();
    assertThat(koers.get(marco, sam).statusCode()).isEqualTo(404);
    assertThat(
            koers
                .get(marco, sam + "/conversations/" + koers.idOf("marco") + "/messages")
                .statusCode())
        .isEqualTo(404);
    Eventually.until("marco is told", () -> inbox("marco").contains("ACCESS_CHANGED"));

    setScopes(koers.signInAs("sam"), "sam", marcoRelation, "profile");
    assertThat(koers.get(marco, sam).statusCode())
        .as("sam lets his carer see his profile again")
        .isEqualTo(200);
  }

  @Test
  void samEndsAParentsAccessAndTheParentIsToldWithoutContent() {
    String samId = koers.idOf("sam");
    JsonObject added =
        koers
            .post(
                koers.signInAs("pro-eva"),
                "/v1/youth/" + samId + "/circle",
                new JsonObject().put("kind", "PARENT").put("name", "Petra Jansen"))
            .bodyAsJsonObject();
    String relationId = added.getJsonObject("relation").getString("id");
    JsonObject petra =
        koers.sessionFor(added.getJsonObject("relation").getJsonObject("person").getString("id"));
    assertThat(koers.get(petra, "/v1/youth/" + samId).statusCode()).isEqualTo(200);
    assertThat(end(petra, "sam", relationId).statusCode())
        .as("a parent ending their own relation")
        .isEqualTo(404);

    HttpResponse<Buffer> ended = end(koers.signInAs("sam"), "sam", relationId);

    assertThat(ended.statusCode()).as(ended.bodyAsString()).isEqualTo(200);
    assertThat(ended.bodyAsJsonObject().getString("status")).isEqualTo("ENDED");
    assertThat(koers.get(petra, "/v1/youth/" + samId).statusCode()).isEqualTo(404);
    Eventually.until(
        "petra is told",
        () ->
            NotifyTesting.inbox(koers, petra).stream()
                .anyMatch(
                    n ->
                        n.getString("type").equals("ACCESS_CHANGED")
                            && n.getString("resource").equals("me/notifications")));
    assertThat(
            end(koers.signInAs("sam"), "sam", relationOf("sam", koers.idOf("jim-sam")))
                .statusCode())
        .as("his JIM he ends through the mentor flow")
        .isEqualTo(404);
  }

  @Test
  void noorOfThirteenCannotEndOrNarrowHerMothersAccess() {
    String ilseRelation = relationOf("noor", koers.idOf("ilse"));
    JsonObject noor = koers.signInAs("noor");

    assertThat(end(noor, "noor", ilseRelation).statusCode()).isEqualTo(404);
    assertThat(setScopes(noor, "noor", ilseRelation, "profile").statusCode()).isEqualTo(404);
    assertThat(
            setScopes(koers.signInAs("ilse"), "noor", ilseRelation, "profile", "messages")
                .statusCode())
        .as("ilse widening herself")
        .isEqualTo(404);
    assertThat(
            koers
                .get(koers.signInAs("ilse"), "/v1/youth/" + koers.idOf("noor") + "/circle")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void consentsAreListedOldestFirstInPagesForSamAndEvaAndForNobodyElse() {
    JsonObject sam = koers.signInAs("sam");
    String marcoRelation = relationOf("sam", koers.idOf("marco"));
    setScopes(sam, "sam", marcoRelation, "profile");
    clock.advance(Duration.ofMinutes(1));
    setScopes(sam, "sam", marcoRelation, "profile", "circle");
    clock.advance(Duration.ofMinutes(1));
    end(sam, "sam", marcoRelation);

    JsonArray first = consents(sam, "sam", "?limit=2");
    String next =
        koers
            .get(sam, "/v1/youth/" + koers.idOf("sam") + "/consents?limit=2")
            .bodyAsJsonObject()
            .getString("next");
    JsonArray second = consents(sam, "sam", "?limit=2&cursor=" + next);

    assertThat(first).hasSize(2);
    assertThat(second).hasSize(1);
    JsonObject narrowed = first.getJsonObject(0);
    assertThat(narrowed.getString("decision")).isEqualTo("SCOPES");
    assertThat(narrowed.getString("about")).isEqualTo(marcoRelation);
    assertThat(narrowed.getString("aboutKind")).isEqualTo("FOSTER_PARENT");
    assertThat(narrowed.getJsonArray("before"))
        .containsExactly("circle", "help", "messages", "profile");
    assertThat(narrowed.getJsonArray("after")).containsExactly("profile");
    assertThat(narrowed.getString("ageBand")).isEqualTo("16-17");
    assertThat(narrowed.getJsonObject("decidedBy").getString("firstName")).isEqualTo("Sam");
    assertThat(narrowed.getJsonObject("decidedBy").getString("capacity")).isEqualTo("SELF");
    assertThat(first.getJsonObject(1).getJsonArray("after")).containsExactly("circle", "profile");
    assertThat(second.getJsonObject(0).getString("decision")).isEqualTo("ACCESS_ENDED");
    assertThat(second.getJsonObject(0).getJsonArray("after")).isEmpty();

    assertThat(consents(koers.signInAs("pro-eva"), "sam", "")).hasSize(3);
    for (String stranger : List.of("marco", "jim-sam", "tess", "analyst", "admin")) {
      assertThat(
              koers
                  .get(koers.signInAs(stranger), "/v1/youth/" + koers.idOf("sam") + "/consents")
                  .statusCode())
          .as(stranger)
          .isEqualTo(404);
    }
    HttpResponse<Buffer> rewrite =
        koers.delete(sam, "/v1/youth/" + koers.idOf("sam") + "/consents");
    assertThat(rewrite.statusCode()).as("nothing in it can be changed").isEqualTo(405);
  }

  @Test
  void everyKindOfDecisionIsInTheHistoryWithTheAgeBandOfThatMoment() {
    JsonObject sam = koers.signInAs("sam");
    String samId = koers.idOf("sam");
    JsonObject eva = koers.signInAs("pro-eva");
    // Feedback: sam's sharing choice.
    koers.post(
        eva, "/v1/youth/" + samId + "/contact-moments", new JsonObject().put("kind", "PHONE"));
    String requestId =
        koers
            .get(sam, "/v1/youth/" + samId + "/feedback/requests")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("id");
    JsonArray answers = new JsonArray();
    for (String item : List.of("heard", "my-goals", "approach", "overall")) {
      answers.add(new JsonObject().put("itemId", item).put("valueInteger", 4));
    }
    assertThat(
            koers
                .post(
                    sam,
                    "/v1/youth/" + samId + "/feedback",
                    new JsonObject()
                        .put("feedbackRequestId", requestId)
                        .put("answers", answers)
                        .put("sharing", "SHARE_WITH_PROFESSIONAL"))
                .statusCode())
        .isEqualTo(201);
    clock.advance(Duration.ofMinutes(1));
    // The plan: sam shows one domain to his foster parent.
    String etag = koers.get(sam, "/v1/youth/" + samId + "/plan").getHeader("ETag");
    HttpResponse<Buffer> plan =
        koers.put(
            sam,
            "/v1/youth/" + samId + "/plan",
            new JsonObject()
                .put(
                    "domains",
                    new JsonObject()
                        .put(
                            "wonen",
                            new JsonObject()
                                .put(
                                    "visibleTo",
                                    new JsonArray().add("CASE_COORDINATOR").add("FOSTER_PARENT")))),
            Map.of("If-Match", etag));
    assertThat(plan.statusCode()).as(plan.bodyAsString()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    // The JIM's scopes, the mentor flow's way.
    koers.putAsRead(
        sam,
        "/v1/youth/" + samId + "/circle",
        "/v1/youth/" + samId + "/mentor/scopes",
        new JsonObject().put("scopes", new JsonArray().add("profile").add("plan")));
    // daan turns 18 and says who stays.
    String daanId = koers.idOf("daan");
    LocalDate daanBorn =
        LocalDate.parse(
                koers
                    .get(koers.signInAs("daan"), "/v1/youth/" + daanId + "/circle/confirmation")
                    .bodyAsJsonObject()
                    .getString("adultOn"))
            .minusYears(AgeRules.ADULT);
    String evaRelation = relationOf("daan", koers.idOf("pro-eva"));
    clock.set(AgeRules.turns(daanBorn, AgeRules.ADULT).plusSeconds(60));
    assertThat(
            koers
                .post(
                    koers.signInAs("daan"),
                    "/v1/youth/" + daanId + "/circle/confirmation",
                    new JsonObject().put("keep", new JsonArray().add(evaRelation)))
                .statusCode())
        .isEqualTo(200);

    JsonArray samsLines = consents(koers.signInAs("sam"), "sam", "");
    assertThat(samsLines.stream().map(l -> ((JsonObject) l).getString("decision")))
        .containsExactly("FEEDBACK_SHARING", "PLAN_VISIBILITY", "SCOPES");
    assertThat(samsLines.getJsonObject(0).getJsonArray("after"))
        .containsExactly("SHARE_WITH_PROFESSIONAL");
    assertThat(samsLines.getJsonObject(1).getString("about")).isEqualTo("wonen");
    assertThat(samsLines.getJsonObject(1).getJsonArray("before"))
        .containsExactly("CASE_COORDINATOR", "STEADY_CONTACT");
    assertThat(samsLines.getJsonObject(1).getJsonArray("after"))
        .containsExactly("CASE_COORDINATOR", "FOSTER_PARENT");
    assertThat(samsLines.getJsonObject(2).getString("aboutKind")).isEqualTo("JIM");
    JsonObject adult = consents(koers.signInAs("daan"), "daan", "").getJsonObject(0);
    assertThat(adult.getString("decision")).isEqualTo("ADULT_CONFIRMATION");
    assertThat(adult.getString("ageBand")).isEqualTo("18-27");
    assertThat(adult.getJsonArray("after")).containsExactly(evaRelation);
  }
}
