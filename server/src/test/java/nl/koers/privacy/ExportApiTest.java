package nl.koers.privacy;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.koers.feedback.FeedbackTesting;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Sam asks for a copy of everything Koers holds about him, and gets it: every section filled from
 * what he did in the app, each the same as what the API's own lists show him (or, for the JIM's
 * check-ins, the JIM), other people by first name and role only, nothing of other young people, no
 * push token. Nobody else can ask for it or read it; after 7 days it is gone.
 */
class ExportApiTest extends KoersApiTest {

  private static final String SAMS_MESSAGE = "Mag ik zaterdag <b>later</b> thuiskomen?";

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private String sam() {
    return koers.idOf("sam");
  }

  private String y(String rest) {
    return "/v1/youth/" + sam() + rest;
  }

  private JsonObject ok(HttpResponse<Buffer> answer, int status) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
    String body = answer.bodyAsString();
    return body == null || body.isEmpty() ? new JsonObject() : new JsonObject(body);
  }

  private static List<JsonObject> items(JsonObject list) {
    return list.getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  private static List<String> ids(List<JsonObject> items) {
    return items.stream().map(i -> i.getString("id")).toList();
  }

  private static List<String> ids(JsonArray items) {
    return ids(items.stream().map(JsonObject.class::cast).toList());
  }

  /** Sam (and the people around him) do something in every section the seed leaves empty. */
  private void samUsesTheApp() {
    JsonObject sam = koers.signInAs("sam");
    JsonObject eva = koers.signInAs("pro-eva");
    String marco = koers.idOf("marco");
    // Feedback, shared, answered and rated.
    String request = FeedbackTesting.logConversation(koers, eva, sam());
    String feedback =
        ok(
                koers.post(
                    sam,
                    y("/feedback"),
                    FeedbackTesting.pulseAnswer(request, 2, "SHARE_WITH_PROFESSIONAL")),
                201)
            .getString("id");
    String response =
        ok(
                koers.post(
                    eva,
                    y("/feedback/" + feedback + "/responses"),
                    new JsonObject().put("text", "Goed dat je het zegt.")),
                201)
            .getString("id");
    ok(
        koers.post(
            sam,
            y("/feedback/" + feedback + "/responses/" + response + "/rating"),
            new JsonObject().put("rating", 4)),
        204);
    // A safety signal.
    ok(
        koers.post(
            sam,
            y("/safety-signals"),
            new JsonObject().put("mayCallMe", true).put("text", "Thuis is het onrustig")),
        201);
    // A plan version.
    JsonObject plan =
        new JsonObject()
            .put(
                "domains",
                new JsonObject()
                    .put(
                        "wonen",
                        new JsonObject()
                            .put("situation", "In een pleeggezin")
                            .put("wish", "Op mezelf wonen")
                            .put("visibleTo", new JsonArray().add("CASE_COORDINATOR"))));
    ok(koers.putAsRead(sam, y("/plan"), y("/plan"), plan), 200);
    // A message, a phone, a steady contact, a handover, a JIM's check-in, a new JIM invitation.
    ok(
        koers.post(
            sam,
            y("/conversations/" + marco + "/messages"),
            new JsonObject().put("text", SAMS_MESSAGE)),
        201);
    NotifyTesting.registerPhone(koers, sam);
    ok(koers.post(sam, y("/steady-contact"), new JsonObject().put("personId", marco)), 200);
    ok(
        koers.post(
            eva,
            y("/transition/handovers"),
            new JsonObject()
                .put("kind", "WMO")
                .put(
                    "contact",
                    new JsonObject()
                        .put("name", "Ruben de Vries")
                        .put("organisation", "Wmo-loket Demo")
                        .put("phone", "010 123 4567"))
                .put("meetingDate", "2026-12-10")),
        201);
    ok(
        koers.post(
            koers.signInAs("jim-sam"),
            y("/mentor/check-ins"),
            new JsonObject().put("score", 4).put("text", "Goed gesprek over school")),
        201);
    ok(
        koers.post(
            sam,
            y("/mentor/nominations"),
            new JsonObject().put("firstName", "Jesse").put("relation", "coach")),
        201);
    koers.runBackgroundNow();
  }

  /** Sam asks; answers the 202 body. */
  private JsonObject ask(String key) {
    HttpResponse<Buffer> asked =
        koers.post(koers.signInAs("sam"), y("/exports"), null, Map.of("Idempotency-Key", key));
    JsonObject export = ok(asked, 202);
    assertThat(asked.getHeader("Location")).isEqualTo(y("/exports/" + export.getString("id")));
    return export;
  }

  private JsonObject readyExport() {
    JsonObject asked = ask(UUID.randomUUID().toString());
    assertThat(asked.getString("status")).isEqualTo("PENDING");
    koers.runBackgroundNow();
    JsonObject status =
        ok(koers.get(koers.signInAs("sam"), y("/exports/" + asked.getString("id"))), 200);
    assertThat(status.getString("status")).isEqualTo("READY");
    return status;
  }

  @Test
  void samGetsEverySectionOfHisDataAsTheApiShowsItToHim() {
    samUsesTheApp();
    JsonObject status = readyExport();
    String exportId = status.getString("id");
    JsonObject sam = koers.signInAs("sam");

    assertThat(
            NotifyTesting.inbox(koers, sam).stream()
                .filter(n -> n.getString("type").equals("EXPORT_READY"))
                .map(n -> n.getString("resource")))
        .containsExactly("youth/" + sam() + "/exports/" + exportId);
    assertThat(status.getString("expiresAt"))
        .isEqualTo(Instant.parse(status.getString("readyAt")).plus(Duration.ofDays(7)).toString());

    JsonObject file = ok(koers.get(sam, status.getJsonObject("links").getString("file")), 200);
    // His whole access log up to his asking, his own accesses included: what the API lists now
    // is that, and the reads of this export since.
    List<JsonObject> logged =
        items(ok(koers.get(sam, y("/access-log?includeOwn=true&limit=100")), 200));
    List<String> inCopy =
        file.getJsonArray("accessLog").stream()
            .map(line -> ((JsonObject) line).getString("requestId"))
            .toList();
    assertThat(logged.stream().map(line -> line.getString("requestId")).toList())
        .containsAll(inCopy);
    assertThat(
            logged.stream()
                .filter(line -> !inCopy.contains(line.getString("requestId")))
                .map(line -> line.getString("resource")))
        .allMatch(resource -> resource.startsWith("youth/" + sam() + "/exports/" + exportId));
    assertThat(inCopy).hasSizeGreaterThan(10);
    assertThat(file.getJsonObject("profile").getString("id")).isEqualTo(sam());
    assertThat(file.getJsonObject("profile").getJsonObject("jim"))
        .isEqualTo(new JsonObject().put("firstName", "Jesse").put("role", "JIM"));
    assertSameIds(file.getJsonArray("circle"), y("/circle"), sam);
    assertSameIds(file.getJsonArray("consents"), y("/consents?limit=100"), sam);
    assertSameIds(file.getJsonArray("feedback"), y("/feedback?limit=100"), sam);
    JsonObject rated = file.getJsonArray("feedback").getJsonObject(0);
    assertThat(rated.getJsonArray("responses").getJsonObject(0).getInteger("rating")).isEqualTo(4);
    assertSameIds(file.getJsonArray("safetySignals"), y("/safety-signals"), sam);
    assertThat(
            file.getJsonObject("plan").getJsonArray("versions").stream()
                .map(v -> ((JsonObject) v).getLong("version"))
                .toList())
        .isEqualTo(
            items(ok(koers.get(sam, y("/plan/versions")), 200)).stream()
                .map(v -> v.getLong("version"))
                .toList())
        .isNotEmpty();
    assertSameIds(file.getJsonArray("checklist"), y("/transition/checklist"), sam);
    assertThat(file.getJsonObject("steadyContact").getJsonObject("person"))
        .isEqualTo(new JsonObject().put("firstName", "Marco").put("role", "FOSTER_PARENT"));
    assertSameIds(file.getJsonArray("handovers"), y("/transition/handovers"), sam);
    assertThat(
            file.getJsonArray("handovers")
                .getJsonObject(0)
                .getJsonObject("contact")
                .getString("phone"))
        .as("the adult service's contact is sam's to see, as the API shows it to him")
        .isEqualTo("010 123 4567");
    JsonObject withMarco = file.getJsonArray("conversations").getJsonObject(0);
    assertThat(withMarco.getJsonObject("with").getString("firstName")).isEqualTo("Marco");
    assertSameIds(
        withMarco.getJsonArray("messages"),
        y("/conversations/" + koers.idOf("marco") + "/messages?limit=100"),
        sam);
    // The inbox as it was when the copy was made: all but the news that it was ready.
    List<String> inbox =
        NotifyTesting.inbox(koers, sam).stream()
            .filter(n -> !n.getString("type").equals("EXPORT_READY"))
            .map(n -> n.getString("id"))
            .toList();
    assertThat(ids(file.getJsonArray("notifications"))).isEqualTo(inbox).isNotEmpty();
    assertThat(file.getJsonArray("devices")).hasSize(1);
    assertSameIds(
        file.getJsonObject("mentor").getJsonArray("nominations"), y("/mentor/nominations"), sam);
    assertSameIds(
        file.getJsonObject("mentor").getJsonArray("checkIns"),
        y("/mentor/check-ins"),
        koers.signInAs("jim-sam"));
  }

  /** The section holds exactly the items (same ids, same order) the API lists for the session. */
  private void assertSameIds(JsonArray section, String list, JsonObject session) {
    List<String> listed = ids(items(ok(koers.get(session, list), 200)));
    assertThat(listed).as(list).isNotEmpty();
    assertThat(ids(section)).as(list).isEqualTo(listed);
  }

  @Test
  void theCopyNamesOtherPeopleByFirstNameAndRoleOnlyAndHoldsNoTokenOrOtherYoungPerson() {
    samUsesTheApp();
    JsonObject status = readyExport();
    JsonObject sam = koers.signInAs("sam");
    String json = koers.get(sam, status.getJsonObject("links").getString("file")).bodyAsString();
    String token = NotifyTesting.registerPhone(koers, sam);
    assertThat(json).doesNotContain(token);
    for (String other :
        List.of("marco", "pro-eva", "jim-sam", "pro-femke", "noor", "daan", "tess")) {
      assertThat(json).as(other + "'s id").doesNotContain(koers.idOf(other));
    }
    assertThat(json).doesNotContain("Noor").doesNotContain("Daan");
    assertThat(json).doesNotContain("\"token\"").doesNotContainPattern("[\\w.-]+@[\\w-]+\\.[a-z]+");
  }

  @Test
  void theSummaryIsASimplePageWithoutScriptsInSamsLanguage() {
    samUsesTheApp();
    JsonObject status = readyExport();
    HttpResponse<Buffer> page =
        koers.get(
            koers.signInAs("sam"),
            status.getJsonObject("links").getString("summary"),
            Map.of("Accept-Language", "en"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'none'");
    String html = page.bodyAsString();
    assertThat(html)
        .contains("Your data in Koers", "Your messages", "Who looked at your data")
        .contains("Mag ik zaterdag &lt;b&gt;later&lt;/b&gt; thuiskomen?")
        .doesNotContain("<b>later</b>")
        .doesNotContain("<script");
    for (String section : SummaryPage.SECTIONS) {
      assertThat(html)
          .as("every section, with its count")
          .contains("<section id=\"" + section + "\">");
    }
    assertThat(html).contains("Marco (FOSTER_PARENT)").contains("Register as house seeker");
    String dutch =
        koers
            .get(koers.signInAs("sam"), status.getJsonObject("links").getString("summary"))
            .bodyAsString();
    assertThat(dutch).contains("Jouw gegevens in Koers", "Je berichten");
  }

  @Test
  void nobodyButSamMayAskForHisCopyOrReadIt() {
    JsonObject status = readyExport();
    String exportId = status.getString("id");
    String nobody = "/v1/youth/" + UUID.randomUUID() + "/exports";
    HttpResponse<Buffer> missing = koers.post(koers.signInAs("marco"), nobody, null);
    assertThat(missing.statusCode()).isEqualTo(404);
    for (String other : List.of("marco", "pro-eva", "jim-sam", "noor")) {
      JsonObject session = koers.signInAs(other);
      HttpResponse<Buffer> asked = koers.post(session, y("/exports"), null);
      assertThat(asked.statusCode()).as(other + " asks").isEqualTo(404);
      assertThat(withoutInstance(asked)).as(other).isEqualTo(withoutInstance(missing));
      for (String rest : List.of("", "/file", "/summary")) {
        assertThat(koers.get(session, y("/exports/" + exportId + rest)).statusCode())
            .as(other + " reads " + rest)
            .isEqualTo(404);
      }
    }
    // noor (13) has the right herself; her parent never, and sam cannot read hers.
    String noorsExports = "/v1/youth/" + koers.idOf("noor") + "/exports";
    assertThat(koers.post(koers.signInAs("ilse"), noorsExports, null).statusCode())
        .as("a parent asks for a 13-year-old's copy")
        .isEqualTo(404);
    JsonObject noor = koers.signInAs("noor");
    String noors = ok(koers.post(noor, noorsExports, null), 202).getString("id");
    koers.runBackgroundNow();
    JsonObject noorsCopy = ok(koers.get(noor, noorsExports + "/" + noors + "/file"), 200);
    assertThat(noorsCopy.getJsonObject("profile").getString("id")).isEqualTo(koers.idOf("noor"));
    assertThat(noorsCopy.getValue("plan")).as("her plan opens at 16").isNull();
    assertThat(koers.get(koers.signInAs("ilse"), noorsExports + "/" + noors + "/file").statusCode())
        .isEqualTo(404);
    assertThat(koers.get(koers.signInAs("sam"), y("/exports/" + noors)).statusCode())
        .isEqualTo(404);
    assertThat(
            koers
                .get(koers.signInAs("sam"), "/v1/youth/" + koers.idOf("noor") + "/exports/" + noors)
                .statusCode())
        .isEqualTo(404);
  }

  /** A problem without what differs per request (its path and request id). */
  private static JsonObject withoutInstance(HttpResponse<Buffer> answer) {
    JsonObject problem = answer.bodyAsJsonObject();
    problem.remove("instance");
    problem.remove("requestId");
    return problem;
  }

  @Test
  void aRetriedRequestIsOneExportAndTheRequestAndDownloadsAreInSamsAccessLog() {
    String key = UUID.randomUUID().toString();
    JsonObject first = ask(key);
    JsonObject again = ask(key);
    assertThat(again.getString("id")).isEqualTo(first.getString("id"));
    assertThat(
            await(
                mongo.first(
                    mongo
                        .collection(ExportStore.SPEC.name())
                        .countDocuments(new Document("youthId", sam())))))
        .as("one export stored")
        .isEqualTo(1);
    JsonObject sam = koers.signInAs("sam");
    koers.runBackgroundNow();
    ok(koers.get(sam, y("/exports/" + first.getString("id") + "/file")), 200);
    List<String> lines =
        items(ok(koers.get(sam, y("/access-log?includeOwn=true&limit=100")), 200)).stream()
            .map(line -> line.getString("resource"))
            .toList();
    String export = "youth/" + sam() + "/exports/" + first.getString("id");
    assertThat(lines).contains(export, export + "/file");
  }

  @Test
  void aCopyAnotherInstanceIsStillBuildingIsNotReadyForSam() {
    String id = UUID.randomUUID().toString();
    // As a claim of another instance leaves it: pending, its lease running for a while yet.
    await(
        mongo.write(
            mongo
                .collection(ExportStore.SPEC.name())
                .insertOne(
                    new Document("_id", id)
                        .append("youthId", sam())
                        .append("language", "nl")
                        .append("status", "PENDING")
                        .append("requestedAt", Date.from(clock.instant()))
                        .append("leaseOwner", "another instance")
                        .append(
                            "leaseUntil", Date.from(clock.instant().plus(Duration.ofHours(1)))))));
    koers.runBackgroundNow();
    JsonObject sam = koers.signInAs("sam");
    assertThat(ok(koers.get(sam, y("/exports/" + id)), 200).getString("status"))
        .as("this instance leaves it to the one that claimed it")
        .isEqualTo("PENDING");
    assertThat(ok(koers.get(sam, y("/exports/" + id + "/file")), 409).getString("type"))
        .isEqualTo("urn:koers:problem:export-not-ready");
    assertThat(koers.get(sam, y("/exports/" + id + "/summary")).statusCode()).isEqualTo(409);
  }

  @Test
  void twoInstancesClaimingTheSameExportBuildItOnce() {
    ExportStore a = new ExportStore(mongo, koers.app.dataKeys());
    ExportStore b = new ExportStore(mongo, koers.app.dataKeys());
    Instant now = clock.instant();
    // Not due for this test's server yet (its clock says now): only a and b reach for it.
    String id = UUID.randomUUID().toString();
    await(
        mongo.write(
            mongo
                .collection(ExportStore.SPEC.name())
                .insertOne(
                    new Document("_id", id)
                        .append("youthId", sam())
                        .append("language", "nl")
                        .append("status", "PENDING")
                        .append("requestedAt", Date.from(now))
                        .append("leaseUntil", Date.from(now.plusSeconds(1))))));
    Instant later = now.plusSeconds(2);
    Optional<DataExport> first = await(a.claimNext("a", later, Exports.BUILD_LEASE));
    Optional<DataExport> second = await(b.claimNext("b", later, Exports.BUILD_LEASE));
    assertThat(first.map(DataExport::id)).contains(id);
    assertThat(second).as("the other instance finds nothing to build").isEmpty();

    NotificationIntent tell =
        NotificationIntent.keyed(
            "t|" + id, NotificationType.EXPORT_READY, sam(), Optional.of(sam()), "youth", later);
    assertThat(await(b.markReady(id, sam(), "b", "{}", later, tell)))
        .as("a copy from an instance without the claim is never stored")
        .isFalse();
    assertThat(await(a.markReady(id, sam(), "a", "{\"built\":\"a\"}", later, tell))).isTrue();
    assertThat(await(a.markReady(id, sam(), "a", "{}", later, tell))).as("and only once").isFalse();
    assertThat(await(b.document(id))).contains("{\"built\":\"a\"}");
  }

  @Test
  void sevenDaysAfterItIsReadyTheCopyIsExpiredAndThenDeleted() {
    JsonObject status = readyExport();
    String path = y("/exports/" + status.getString("id"));
    clock.set(clock.instant().plus(Duration.ofDays(7)).minus(Duration.ofMinutes(1)));
    JsonObject sam = koers.signInAs("sam");
    ok(koers.get(sam, path + "/file"), 200);

    clock.set(clock.instant().plus(Duration.ofMinutes(2)));
    sam = koers.signInAs("sam");
    JsonObject expired = ok(koers.get(sam, path), 200);
    assertThat(expired.getString("status")).isEqualTo("EXPIRED");
    assertThat(expired.getJsonObject("links").getString("file")).isNull();
    assertThat(ok(koers.get(sam, path + "/file"), 410).getString("type"))
        .isEqualTo("urn:koers:problem:export-expired");
    assertThat(koers.get(sam, path + "/summary").statusCode()).isEqualTo(410);

    koers.runBackgroundNow();
    assertThat(koers.get(sam, path).statusCode()).as("deleted by the expiry job").isEqualTo(404);
  }
}
