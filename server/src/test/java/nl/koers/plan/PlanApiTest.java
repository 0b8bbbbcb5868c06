package nl.koers.plan;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.koers.testing.KoersApiTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The future plan: opens at 16 (local midnight), optimistic concurrency, versions, visibility. */
class PlanApiTest extends KoersApiTest {

  private HttpResponse<Buffer> put(
      JsonObject session, String youthId, String etag, JsonObject plan) {
    var request =
        koers
            .client
            .put("/v1/youth/" + youthId + "/plan")
            .bearerTokenAuthentication(session.getString("accessToken"));
    if (etag != null) {
      request.putHeader("If-Match", etag);
    }
    return await(request.sendJsonObject(plan));
  }

  private static JsonObject plan(String situation) {
    return new JsonObject()
        .put(
            "domains",
            new JsonObject()
                .put(
                    "wonen",
                    new JsonObject()
                        .put("situation", situation)
                        .put("wish", "Op mezelf wonen")
                        .put("visibleTo", new JsonArray().add("CASE_COORDINATOR")))
                .put(
                    "schulden",
                    new JsonObject()
                        .put("situation", "Geen schulden")
                        .put("visibleTo", new JsonArray())));
  }

  private String register(String firstName, String dateOfBirth) {
    return await(
            koers
                .client
                .post("/v1/youth")
                .bearerTokenAuthentication(koers.signInAs("pro-eva").getString("accessToken"))
                .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                .sendJsonObject(
                    new JsonObject()
                        .put("firstName", firstName)
                        .put("dateOfBirth", dateOfBirth)
                        .put("regionId", "demo")))
        .bodyAsJsonObject()
        .getJsonObject("youth")
        .getString("id");
  }

  @Test
  void samEditsHisPlanWithIfMatchAndStaleOrMissingTagsAreRefused() {
    JsonObject sam = koers.signInAs("sam");
    String samId = koers.idOf("sam");
    HttpResponse<Buffer> read = koers.get(sam, "/v1/youth/" + samId + "/plan");
    String etag = read.getHeader("ETag");

    HttpResponse<Buffer> saved = put(sam, samId, etag, plan("In een pleeggezin"));
    HttpResponse<Buffer> stale = put(sam, samId, etag, plan("Iets anders"));
    HttpResponse<Buffer> missing = put(sam, samId, null, plan("Iets anders"));

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.getHeader("ETag")).isNotEqualTo(etag);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(missing.statusCode()).isEqualTo(428);
    JsonObject now = koers.get(sam, "/v1/youth/" + samId + "/plan").bodyAsJsonObject();
    assertThat(now.getJsonObject("domains").getJsonObject("wonen").getString("situation"))
        .isEqualTo("In een pleeggezin");
    assertThat(
            koers
                .get(sam, "/v1/youth/" + samId + "/plan/versions")
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .hasSize(1);
    HttpResponse<Buffer> unchanged =
        await(
            koers
                .client
                .get("/v1/youth/" + samId + "/plan")
                .bearerTokenAuthentication(sam.getString("accessToken"))
                .putHeader("If-None-Match", saved.getHeader("ETag"))
                .send());
    assertThat(unchanged.statusCode()).isEqualTo(304);
  }

  @Test
  void eachDomainIsSeenOnlyByTheRelationsTheYoungPersonChose() {
    JsonObject sam = koers.signInAs("sam");
    String samId = koers.idOf("sam");
    put(
        sam,
        samId,
        koers.get(sam, "/v1/youth/" + samId + "/plan").getHeader("ETag"),
        plan("In een pleeggezin"));

    JsonObject seenByEva =
        koers.get(koers.signInAs("pro-eva"), "/v1/youth/" + samId + "/plan").bodyAsJsonObject();

    assertThat(seenByEva.getJsonObject("domains").fieldNames())
        .contains("wonen")
        .doesNotContain("schulden");
    assertThat(koers.get(koers.signInAs("marco"), "/v1/youth/" + samId + "/plan").statusCode())
        .isEqualTo(404);
    assertThat(koers.get(koers.signInAs("analyst"), "/v1/youth/" + samId + "/plan").statusCode())
        .isEqualTo(404);
  }

  @Test
  void thePlanOpensAtMidnightOnTheSixteenthBirthdayAndTheCoordinatorMayDraftFromFifteenAndAHalf() {
    String milaId = register("Mila", "2010-12-01");
    JsonObject eva = koers.signInAs("pro-eva");

    HttpResponse<Buffer> early =
        koers.get(koers.signInAs("noor"), "/v1/youth/" + koers.idOf("noor") + "/plan");
    assertThat(early.statusCode()).isEqualTo(403);
    assertThat(problem(early).getString("type")).isEqualTo("urn:koers:problem:not-open-yet");

    // The case coordinator drafts at 15 years 11 months.
    HttpResponse<Buffer> draft = koers.get(eva, "/v1/youth/" + milaId + "/plan");
    assertThat(draft.statusCode()).isEqualTo(200);
    assertThat(
            put(
                    eva,
                    milaId,
                    draft.getHeader("ETag"),
                    new JsonObject()
                        .put(
                            "domains",
                            new JsonObject()
                                .put("wonen", new JsonObject().put("situation", "Thuis"))))
                .statusCode())
        .isEqualTo(200);

    clock.set(Instant.parse("2026-11-30T22:59:59Z"));
    assertThat(
            problem(koers.get(youthSession(milaId), "/v1/youth/" + milaId + "/plan"))
                .getString("detail"))
        .contains("2026-12-01");
    clock.set(Instant.parse("2026-11-30T23:00:00Z"));
    assertThat(koers.get(youthSession(milaId), "/v1/youth/" + milaId + "/plan").statusCode())
        .isEqualTo(200);
  }

  @Test
  void someoneBornOnTheTwentyNinthOfFebruaryGetsTheirPlanOnThatDayInALeapYear() {
    clock.set(Instant.parse("2024-02-01T10:00:00Z"));
    String id = register("Lena", "2008-02-29");

    clock.set(Instant.parse("2024-02-28T22:59:59Z"));
    assertThat(koers.get(youthSession(id), "/v1/youth/" + id + "/plan").statusCode())
        .isEqualTo(403);
    clock.set(Instant.parse("2024-02-28T23:00:00Z"));
    assertThat(koers.get(youthSession(id), "/v1/youth/" + id + "/plan").statusCode())
        .isEqualTo(200);
  }

  // --- Who sees which domain (issue 14, point 7) ---

  private HttpResponse<Buffer> post(JsonObject session, String path, JsonObject body) {
    return await(
        koers
            .client
            .post(path)
            .bearerTokenAuthentication(session.getString("accessToken"))
            .putHeader("Idempotency-Key", UUID.randomUUID().toString())
            .sendJsonObject(body));
  }

  private HttpResponse<Buffer> patch(
      JsonObject session, String youthId, String domain, JsonObject content) {
    return await(
        koers
            .client
            .patch("/v1/youth/" + youthId + "/plan/domains/" + domain)
            .bearerTokenAuthentication(session.getString("accessToken"))
            .putHeader("If-Match", etag(session, youthId))
            .sendJsonObject(content));
  }

  private String etag(JsonObject session, String youthId) {
    return koers.get(session, "/v1/youth/" + youthId + "/plan").getHeader("ETag");
  }

  /** pro-eva adds someone to a young person's circle; answers their person id. */
  private String addToCircle(String youthId, String kind, String name) {
    HttpResponse<Buffer> added =
        post(
            koers.signInAs("pro-eva"),
            "/v1/youth/" + youthId + "/circle",
            new JsonObject().put("kind", kind).put("name", name));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    return added
        .bodyAsJsonObject()
        .getJsonObject("relation")
        .getJsonObject("person")
        .getString("id");
  }

  /** sam names a member of his circle his steady contact, who confirms. */
  private void makeSteadyContact(String samId, JsonObject member) {
    String memberId = member.getString("personId");
    assertThat(
            post(
                    koers.signInAs("sam"),
                    "/v1/youth/" + samId + "/steady-contact",
                    new JsonObject().put("personId", memberId))
                .statusCode())
        .isLessThan(300);
    assertThat(
            post(member, "/v1/youth/" + samId + "/steady-contact/confirm", new JsonObject())
                .statusCode())
        .isLessThan(300);
  }

  private static JsonObject only(String... visibleTo) {
    return new JsonObject()
        .put("situation", "Alleen voor " + String.join(",", visibleTo))
        .put("visibleTo", new JsonArray(List.of((Object[]) visibleTo)));
  }

  /** The domains this session sees of the plan, or null for a 404. */
  private Set<String> domainsSeen(JsonObject session, String youthId) {
    HttpResponse<Buffer> read = koers.get(session, "/v1/youth/" + youthId + "/plan");
    if (read.statusCode() == 404) {
      return null;
    }
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return new TreeSet<>(read.bodyAsJsonObject().getJsonObject("domains").fieldNames());
  }

  private static JsonObject session(JsonObject session, String personId) {
    return session.copy().put("personId", personId);
  }

  @Test
  void eachVisibleToValueLetsExactlyThatRelationKindReadTheDomainAndNoOtherKind() {
    String samId = koers.idOf("sam");
    JsonObject sam = koers.signInAs("sam");
    String parentId = addToCircle(samId, "PARENT", "Karin");
    String professionalId = addToCircle(samId, "PROFESSIONAL", "Pieter");
    String steadyId = addToCircle(samId, "PROFESSIONAL", "Stijn");
    JsonObject steady = session(koers.sessionFor(steadyId), steadyId);
    makeSteadyContact(samId, steady);

    JsonObject domains =
        new JsonObject()
            .put("wonen", only("PARENT"))
            .put("school-en-werk", only("FOSTER_PARENT"))
            .put("geld-en-inkomen", only("PROFESSIONAL"))
            .put("schulden", only("CASE_COORDINATOR"))
            .put("dagbesteding", only("STEADY_CONTACT"))
            .put("netwerk-en-relaties", only("JIM"));
    for (String rest :
        List.of("gezondheid-en-zorg", "veiligheid-en-justitie", "vrije-tijd-en-wensen")) {
      domains.put(rest, only());
    }
    assertThat(
            put(sam, samId, etag(sam, samId), new JsonObject().put("domains", domains))
                .statusCode())
        .isEqualTo(200);

    Map<String, JsonObject> members =
        Map.of(
            "parent", koers.sessionFor(parentId),
            "marco (foster parent)", koers.signInAs("marco"),
            "professional", koers.sessionFor(professionalId),
            "steady contact (also a professional)", steady,
            "pro-eva (case coordinator)", koers.signInAs("pro-eva"),
            "jim-sam (JIM)", koers.signInAs("jim-sam"));
    Map<String, Set<String>> expected =
        Map.of(
            "parent", Set.of("wonen"),
            "marco (foster parent)", Set.of("school-en-werk"),
            "professional", Set.of("geld-en-inkomen"),
            "steady contact (also a professional)", Set.of("geld-en-inkomen", "dagbesteding"),
            "pro-eva (case coordinator)", Set.of("schulden"),
            "jim-sam (JIM)", Set.of("netwerk-en-relaties"));
    members.forEach(
        (who, session) ->
            assertThat(domainsSeen(session, samId)).as(who).isEqualTo(expected.get(who)));
    assertThat(domainsSeen(koers.signInAs("tess"), samId)).as("tess, no relation").isNull();
    assertThat(domainsSeen(koers.signInAs("analyst"), samId)).as("the analyst").isNull();
    assertThat(domainsSeen(koers.signInAs("ilse"), samId)).as("ilse, noor's parent").isNull();
    // Only members with the plan scope see the plan as a whole (its ending).
    assertThat(
            koers
                .get(koers.sessionFor(parentId), "/v1/youth/" + samId + "/plan")
                .bodyAsJsonObject()
                .getJsonObject("ending"))
        .isEqualTo(new JsonObject());
  }

  @Test
  void aPutOrPatchWithoutVisibleToKeepsWhatSamRestrictedAndTheChangeIsRecordedWithTheVersion() {
    String samId = koers.idOf("sam");
    JsonObject sam = koers.signInAs("sam");
    String marcoId = koers.idOf("marco");
    makeSteadyContact(samId, session(koers.signInAs("marco"), marcoId));
    JsonObject jim = koers.signInAs("jim-sam");
    JsonObject marco = koers.signInAs("marco");
    assertThat(
            patch(
                    sam,
                    samId,
                    "wonen",
                    new JsonObject()
                        .put("situation", "Pleeggezin")
                        .put(
                            "visibleTo",
                            new JsonArray()
                                .add("CASE_COORDINATOR")
                                .add("STEADY_CONTACT")
                                .add("JIM")))
                .statusCode())
        .isEqualTo(200);
    assertThat(domainsSeen(jim, samId)).containsExactly("wonen");
    assertThat(domainsSeen(marco, samId)).contains("wonen");

    // sam restricts wonen to his case coordinator ...
    patch(
        sam,
        samId,
        "wonen",
        new JsonObject()
            .put("situation", "Pleeggezin")
            .put("visibleTo", new JsonArray().add("CASE_COORDINATOR")));
    // ... then saves the whole plan, and the domain once more, without saying who sees it.
    JsonObject withoutVisibility =
        new JsonObject()
            .put(
                "domains",
                new JsonObject()
                    .put("wonen", new JsonObject().put("situation", "Pleeggezin, tot mijn 18e"))
                    .put("schulden", new JsonObject().put("situation", "Geen")));
    assertThat(put(sam, samId, etag(sam, samId), withoutVisibility).statusCode()).isEqualTo(200);
    assertThat(patch(sam, samId, "wonen", new JsonObject().put("wish", "Kamer")).statusCode())
        .isEqualTo(200);

    JsonObject seenBySam = koers.get(sam, "/v1/youth/" + samId + "/plan").bodyAsJsonObject();
    assertThat(seenBySam.getJsonObject("domains").getJsonObject("wonen").getJsonArray("visibleTo"))
        .containsExactly("CASE_COORDINATOR");
    assertThat(
            seenBySam.getJsonObject("domains").getJsonObject("schulden").getJsonArray("visibleTo"))
        .as("a domain never restricted keeps the default")
        .containsExactly("CASE_COORDINATOR", "STEADY_CONTACT");
    assertThat(domainsSeen(jim, samId)).as("jim-sam, not named anywhere now").isNull();
    assertThat(domainsSeen(marco, samId))
        .as("marco, steady contact")
        .doesNotContain("wonen")
        .contains("schulden");
    assertThat(domainsSeen(koers.signInAs("pro-eva"), samId)).contains("wonen");

    List<Document> versions =
        await(
            mongo.list(
                mongo
                    .collection("planVersions")
                    .find(Filters.eq("youthId", samId))
                    .sort(new Document("version", 1))));
    assertThat(versions).hasSize(4);
    List<Document> restricted = versions.get(1).getList("visibilityChanges", Document.class);
    assertThat(restricted).hasSize(1);
    assertThat(restricted.get(0).getString("domain")).isEqualTo("wonen");
    assertThat(restricted.get(0).getList("before", String.class))
        .containsExactly("CASE_COORDINATOR", "STEADY_CONTACT", "JIM");
    assertThat(restricted.get(0).getList("after", String.class))
        .containsExactly("CASE_COORDINATOR");
    assertThat(restricted.get(0).getString("by")).isEqualTo(samId);
    assertThat(restricted.get(0).getDate("at")).isNotNull();
    assertThat(versions.get(2).getList("visibilityChanges", Document.class)).isEmpty();
    assertThat(versions.get(3).getList("visibilityChanges", Document.class)).isEmpty();
  }

  @Test
  void theCaseCoordinatorNeitherWidensWhoSeesADomainNorOverwritesOneHeCannotSee() {
    String samId = koers.idOf("sam");
    JsonObject sam = koers.signInAs("sam");
    JsonObject eva = koers.signInAs("pro-eva");
    put(sam, samId, etag(sam, samId), plan("In een pleeggezin"));

    HttpResponse<Buffer> widened =
        put(
            eva,
            samId,
            etag(eva, samId),
            new JsonObject()
                .put(
                    "domains",
                    new JsonObject()
                        .put(
                            "wonen",
                            new JsonObject()
                                .put("situation", "In een pleeggezin")
                                .put(
                                    "visibleTo",
                                    new JsonArray().add("CASE_COORDINATOR").add("PARENT")))));
    assertThat(widened.statusCode()).isEqualTo(400);
    assertThat(problem(widened).getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/domains/wonen/visibleTo");
    assertThat(
            patch(eva, samId, "schulden", new JsonObject().put("situation", "Veel")).statusCode())
        .as("schulden is hidden from eva")
        .isEqualTo(404);
    HttpResponse<Buffer> draft =
        put(
            eva,
            samId,
            etag(eva, samId),
            new JsonObject()
                .put(
                    "domains",
                    new JsonObject()
                        .put("wonen", new JsonObject().put("situation", "Pleeggezin (Eva)"))
                        .put("schulden", new JsonObject().put("situation", "Veel schulden"))));
    assertThat(draft.statusCode()).isEqualTo(200);

    JsonObject seenBySam =
        koers.get(sam, "/v1/youth/" + samId + "/plan").bodyAsJsonObject().getJsonObject("domains");
    assertThat(seenBySam.getJsonObject("wonen").getString("situation"))
        .isEqualTo("Pleeggezin (Eva)");
    assertThat(seenBySam.getJsonObject("wonen").getJsonArray("visibleTo"))
        .containsExactly("CASE_COORDINATOR");
    assertThat(seenBySam.getJsonObject("schulden").getString("situation"))
        .isEqualTo("Geen schulden");
    assertThat(seenBySam.getJsonObject("schulden").getJsonArray("visibleTo")).isEmpty();
  }

  @Test
  void marcoSeesTheActionHeOwnsAndNothingElseOfTheDomainAndOtherwiseTheSame404AsForNobody() {
    String samId = koers.idOf("sam");
    String marcoId = koers.idOf("marco");
    JsonObject sam = koers.signInAs("sam");
    JsonObject marco = koers.signInAs("marco");
    HttpResponse<Buffer> nothing = koers.get(marco, "/v1/youth/" + samId + "/plan");
    HttpResponse<Buffer> nobody = koers.get(marco, "/v1/youth/" + UUID.randomUUID() + "/plan");
    assertThat(nothing.statusCode()).isEqualTo(404);
    assertThat(problem(nothing).copy().put("instance", "").put("requestId", ""))
        .isEqualTo(problem(nobody).copy().put("instance", "").put("requestId", ""));

    JsonObject marcosAction =
        new JsonObject()
            .put("id", "kamer")
            .put("title", "Samen de kamer leeghalen")
            .put("ownerId", marcoId)
            .put("status", "OPEN");
    put(
        sam,
        samId,
        etag(sam, samId),
        new JsonObject()
            .put(
                "domains",
                new JsonObject()
                    .put(
                        "wonen",
                        new JsonObject()
                            .put("situation", "Ik wil weg uit het pleeggezin")
                            .put("wish", "Op kamers")
                            .put(
                                "actions",
                                new JsonArray()
                                    .add(marcosAction)
                                    .add(
                                        new JsonObject()
                                            .put("id", "zoeken")
                                            .put("title", "Kamers zoeken zonder Marco")
                                            .put("ownerId", samId)))
                            .put("visibleTo", new JsonArray().add("CASE_COORDINATOR")))
                    .put("schulden", only()))
            .put("ending", new JsonObject().put("howHelpEnds", "Afbouwen")));

    HttpResponse<Buffer> read = koers.get(marco, "/v1/youth/" + samId + "/plan");
    assertThat(read.statusCode()).isEqualTo(200);
    JsonObject seen = read.bodyAsJsonObject();
    assertThat(seen.getJsonObject("domains").fieldNames()).containsExactly("wonen");
    JsonObject wonen = seen.getJsonObject("domains").getJsonObject("wonen");
    assertThat(wonen.fieldNames()).containsExactlyInAnyOrder("actions", "ownActionsOnly");
    assertThat(wonen.getBoolean("ownActionsOnly")).isTrue();
    assertThat(wonen.getJsonArray("actions")).hasSize(1);
    assertThat(wonen.getJsonArray("actions").getJsonObject(0).getString("id")).isEqualTo("kamer");
    assertThat(read.bodyAsString()).doesNotContain("pleeggezin", "zonder Marco", "Afbouwen");
    assertThat(seen.getJsonObject("ending")).isEqualTo(new JsonObject());
    // jim-sam owns nothing and is named nowhere.
    assertThat(koers.get(koers.signInAs("jim-sam"), "/v1/youth/" + samId + "/plan").statusCode())
        .isEqualTo(404);
  }

  @Test
  void aParentNamedInADomainStopsSeeingItWhenTheYoungPersonTurnsEighteenWithoutKeepingThem() {
    String daanId = koers.idOf("daan");
    String parentId = addToCircle(daanId, "PARENT", "Petra");
    JsonObject daan = koers.signInAs("daan");
    assertThat(
            patch(
                    daan,
                    daanId,
                    "wonen",
                    new JsonObject()
                        .put("situation", "Thuis")
                        .put("visibleTo", new JsonArray().add("CASE_COORDINATOR").add("PARENT")))
                .statusCode())
        .isEqualTo(200);
    assertThat(domainsSeen(koers.sessionFor(parentId), daanId)).containsExactly("wonen");

    clock.set(clock.instant().plus(Duration.ofDays(70)));

    assertThat(domainsSeen(koers.sessionFor(parentId), daanId)).isNull();
    assertThat(domainsSeen(koers.signInAs("daan"), daanId)).contains("wonen");
  }

  @Test
  void whoeverOwnsAChecklistItemSeesThatItemAndNoOther() {
    String samId = koers.idOf("sam");
    String marcoId = koers.idOf("marco");
    JsonObject marco = koers.signInAs("marco");
    assertThat(koers.get(marco, "/v1/youth/" + samId + "/transition/checklist").statusCode())
        .isEqualTo(404);
    assertThat(
            await(
                    koers
                        .client
                        .put("/v1/youth/" + samId + "/transition/checklist/digid")
                        .bearerTokenAuthentication(koers.signInAs("sam").getString("accessToken"))
                        .sendJsonObject(new JsonObject().put("ownerId", marcoId)))
                .statusCode())
        .isEqualTo(200);

    HttpResponse<Buffer> read = koers.get(marco, "/v1/youth/" + samId + "/transition/checklist");
    assertThat(read.statusCode()).isEqualTo(200);
    JsonArray items = read.bodyAsJsonObject().getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("id")).isEqualTo("digid");
    assertThat(
            koers
                .get(koers.signInAs("jim-sam"), "/v1/youth/" + samId + "/transition/checklist")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            koers
                .get(koers.signInAs("pro-eva"), "/v1/youth/" + samId + "/transition/checklist")
                .bodyAsJsonObject()
                .getJsonArray("items")
                .size())
        .isGreaterThan(1);
  }

  /** A session as a registered young person, through their activation code and a dev session. */
  private JsonObject youthSession(String youthId) {
    return koers.sessionFor(youthId);
  }
}
