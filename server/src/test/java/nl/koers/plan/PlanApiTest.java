package nl.koers.plan;

import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.Map;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/** The future plan: opens at 16 (local midnight), optimistic concurrency, versions, visibility. */
class PlanApiTest extends KoersApiTest {

  private HttpResponse<Buffer> put(
      JsonObject session, String youthId, String etag, JsonObject plan) {
    return koers.put(
        session,
        "/v1/youth/" + youthId + "/plan",
        plan,
        etag == null ? Map.of() : Map.of("If-Match", etag));
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
    return koers
        .post(
            koers.signInAs("pro-eva"),
            "/v1/youth",
            new JsonObject()
                .put("firstName", firstName)
                .put("dateOfBirth", dateOfBirth)
                .put("regionId", "demo"))
        .bodyAsJsonObject()
        .getJsonObject("youth")
        .getString("id");
  }

  private int versionsOf(JsonObject session, String youthId) {
    return koers
        .get(session, "/v1/youth/" + youthId + "/plan/versions?limit=100")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .size();
  }

  @Test
  void samEditsHisPlanWithIfMatchAndStaleOrMissingTagsAreRefused() {
    JsonObject sam = koers.signInAs("sam");
    String samId = koers.idOf("sam");
    HttpResponse<Buffer> read = koers.get(sam, "/v1/youth/" + samId + "/plan");
    String etag = read.getHeader("ETag");
    int versionsBefore = versionsOf(sam, samId);

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
    assertThat(versionsOf(sam, samId)).as("one new version").isEqualTo(versionsBefore + 1);
    HttpResponse<Buffer> unchanged =
        koers.get(
            sam, "/v1/youth/" + samId + "/plan", Map.of("If-None-Match", saved.getHeader("ETag")));
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
    // Visibility is Mila's choice: the draft leaves it as it is.
    JsonObject sketch =
        new JsonObject()
            .put(
                "domains",
                new JsonObject().put("wonen", new JsonObject().put("situation", "Thuis")));
    assertThat(put(eva, milaId, draft.getHeader("ETag"), sketch).statusCode()).isEqualTo(200);

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

  /** A session as a registered young person, through their activation code and a dev session. */
  private JsonObject youthSession(String youthId) {
    return koers.sessionFor(youthId);
  }

  /** A person the case coordinator adds to sam's circle; answers a session as them. */
  private JsonObject addToSamsCircle(String kind, String name) {
    HttpResponse<Buffer> added =
        koers.post(
            koers.signInAs("pro-eva"),
            "/v1/youth/" + koers.idOf("sam") + "/circle",
            new JsonObject().put("kind", kind).put("name", name));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    String personId =
        added.bodyAsJsonObject().getJsonObject("relation").getJsonObject("person").getString("id");
    return koers.sessionFor(personId).put("personId", personId);
  }

  private static JsonObject visibleTo(String... kinds) {
    return new JsonObject()
        .put("situation", "Alleen voor " + String.join(", ", kinds))
        .put("visibleTo", new JsonArray(java.util.List.of(kinds)));
  }

  private java.util.Set<String> domainsSeenBy(JsonObject session) {
    HttpResponse<Buffer> read = koers.get(session, "/v1/youth/" + koers.idOf("sam") + "/plan");
    if (read.statusCode() == 404) {
      return java.util.Set.of();
    }
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    return read.bodyAsJsonObject().getJsonObject("domains").fieldNames();
  }

  @Test
  void eachVisibleToValueGrantsExactlyThatRelationKindAndNoOther() {
    JsonObject sam = koers.signInAs("sam");
    String samId = koers.idOf("sam");
    JsonObject parent = addToSamsCircle("PARENT", "Petra");
    JsonObject professional = addToSamsCircle("PROFESSIONAL", "Rosa");
    // Pim is a professional and becomes sam's steady contact: he holds both kinds.
    JsonObject pim = addToSamsCircle("PROFESSIONAL", "Pim");
    koers.post(
        sam,
        "/v1/youth/" + samId + "/steady-contact",
        new JsonObject().put("personId", pim.getString("personId")));
    assertThat(koers.post(pim, "/v1/youth/" + samId + "/steady-contact/confirm", null).statusCode())
        .isEqualTo(200);
    JsonObject plan =
        new JsonObject()
            .put(
                "domains",
                new JsonObject()
                    .put("wonen", visibleTo("PARENT"))
                    .put("school-en-werk", visibleTo("FOSTER_PARENT"))
                    .put("geld-en-inkomen", visibleTo("PROFESSIONAL"))
                    .put("schulden", visibleTo("CASE_COORDINATOR"))
                    .put("dagbesteding", visibleTo("STEADY_CONTACT"))
                    .put("netwerk-en-relaties", visibleTo("JIM"))
                    .put("gezondheid-en-zorg", visibleTo())
                    .put("veiligheid-en-justitie", visibleTo())
                    .put("vrije-tijd-en-wensen", visibleTo()));
    HttpResponse<Buffer> saved =
        put(sam, samId, koers.get(sam, "/v1/youth/" + samId + "/plan").getHeader("ETag"), plan);
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);

    assertThat(domainsSeenBy(parent)).containsExactly("wonen");
    assertThat(domainsSeenBy(koers.signInAs("marco"))).containsExactly("school-en-werk");
    assertThat(domainsSeenBy(professional)).containsExactly("geld-en-inkomen");
    assertThat(domainsSeenBy(koers.signInAs("pro-eva"))).containsExactly("schulden");
    assertThat(domainsSeenBy(pim)).containsExactlyInAnyOrder("geld-en-inkomen", "dagbesteding");
    assertThat(domainsSeenBy(koers.signInAs("jim-sam"))).containsExactly("netwerk-en-relaties");
    assertThat(domainsSeenBy(koers.signInAs("tess"))).isEmpty();
    assertThat(
            koers
                .get(parent, "/v1/youth/" + samId + "/plan")
                .bodyAsJsonObject()
                .getJsonObject("ending"))
        .as("the plan as a whole needs the plan scope")
        .isEmpty();
  }

  @Test
  void aWriteWithoutVisibleToKeepsWhatSamChoseAndOnlySamChangesIt() {
    JsonObject sam = koers.signInAs("sam");
    String samId = koers.idOf("sam");
    JsonObject jim = koers.signInAs("jim-sam");
    JsonObject shared =
        new JsonObject()
            .put(
                "domains",
                new JsonObject()
                    .put("wonen", visibleTo("CASE_COORDINATOR"))
                    .put("schulden", visibleTo("JIM")));
    HttpResponse<Buffer> first =
        put(sam, samId, koers.get(sam, "/v1/youth/" + samId + "/plan").getHeader("ETag"), shared);
    JsonObject withoutVisibility =
        new JsonObject()
            .put(
                "domains",
                new JsonObject()
                    .put("wonen", new JsonObject().put("situation", "Bij Marco"))
                    .put("schulden", new JsonObject().put("situation", "Geen")));

    HttpResponse<Buffer> second = put(sam, samId, first.getHeader("ETag"), withoutVisibility);

    assertThat(second.statusCode()).isEqualTo(200);
    JsonObject domains = second.bodyAsJsonObject().getJsonObject("domains");
    assertThat(domains.getJsonObject("wonen").getJsonArray("visibleTo"))
        .containsExactly("CASE_COORDINATOR");
    assertThat(domains.getJsonObject("schulden").getJsonArray("visibleTo")).containsExactly("JIM");
    assertThat(domainsSeenBy(jim)).containsExactly("schulden");

    HttpResponse<Buffer> patched =
        koers.patch(
            sam,
            "/v1/youth/" + samId + "/plan/domains/wonen",
            new JsonObject().put("situation", "Op kamers"),
            Map.of("If-Match", second.getHeader("ETag")));
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(
            patched
                .bodyAsJsonObject()
                .getJsonObject("domains")
                .getJsonObject("wonen")
                .getJsonArray("visibleTo"))
        .containsExactly("CASE_COORDINATOR");

    JsonObject eva = koers.signInAs("pro-eva");
    HttpResponse<Buffer> widenedByEva =
        koers.patch(
            eva,
            "/v1/youth/" + samId + "/plan/domains/wonen",
            new JsonObject()
                .put("visibleTo", new JsonArray().add("CASE_COORDINATOR").add("PARENT")),
            Map.of("If-Match", patched.getHeader("ETag")));
    assertThat(widenedByEva.statusCode()).as("visibility is sam's choice").isEqualTo(400);
    HttpResponse<Buffer> hiddenFromEva =
        koers.patch(
            eva,
            "/v1/youth/" + samId + "/plan/domains/schulden",
            new JsonObject().put("situation", "Overschreven"),
            Map.of("If-Match", patched.getHeader("ETag")));
    assertThat(hiddenFromEva.statusCode())
        .as("a domain eva cannot see is not there for her")
        .isEqualTo(404);
    HttpResponse<Buffer> evaPuts =
        put(
            eva,
            samId,
            patched.getHeader("ETag"),
            new JsonObject()
                .put(
                    "domains",
                    new JsonObject().put("wonen", new JsonObject().put("situation", "Concept"))));
    assertThat(evaPuts.statusCode()).isEqualTo(200);
    JsonObject seenBySam = koers.get(sam, "/v1/youth/" + samId + "/plan").bodyAsJsonObject();
    assertThat(seenBySam.getJsonObject("domains").getJsonObject("schulden").getString("situation"))
        .as("eva's PUT keeps what she cannot see")
        .isEqualTo("Geen");
  }

  @Test
  void marcoSeesTheActionHeOwnsInADomainHeCannotSee() {
    JsonObject sam = koers.signInAs("sam");
    String samId = koers.idOf("sam");
    String marcoId = koers.idOf("marco");
    JsonObject plan =
        new JsonObject()
            .put(
                "domains",
                new JsonObject()
                    .put(
                        "wonen",
                        new JsonObject()
                            .put("situation", "Ik wil op kamers")
                            .put("visibleTo", new JsonArray().add("CASE_COORDINATOR"))
                            .put(
                                "actions",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("id", "kamer-zoeken")
                                            .put("title", "Samen kamers bekijken")
                                            .put("ownerId", marcoId))
                                    .add(
                                        new JsonObject()
                                            .put("id", "inschrijven")
                                            .put("title", "Inschrijven woningnet")
                                            .put("ownerId", samId)))));
    put(sam, samId, koers.get(sam, "/v1/youth/" + samId + "/plan").getHeader("ETag"), plan);

    HttpResponse<Buffer> read = koers.get(koers.signInAs("marco"), "/v1/youth/" + samId + "/plan");

    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    JsonObject domains = read.bodyAsJsonObject().getJsonObject("domains");
    assertThat(domains.fieldNames()).containsExactly("wonen");
    JsonObject wonen = domains.getJsonObject("wonen");
    assertThat(wonen.fieldNames()).containsExactly("actions");
    assertThat(wonen.getJsonArray("actions")).hasSize(1);
    assertThat(wonen.getJsonArray("actions").getJsonObject(0).getString("title"))
        .isEqualTo("Samen kamers bekijken");
    assertThat(read.bodyAsString()).doesNotContain("Ik wil op kamers", "woningnet");
    assertThat(koers.get(koers.signInAs("jim-sam"), "/v1/youth/" + samId + "/plan").statusCode())
        .as("someone who owns nothing and sees no domain")
        .isEqualTo(404);
  }
}
