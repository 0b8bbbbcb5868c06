package nl.koers.feedback;

import static nl.koers.feedback.FeedbackTesting.logConversation;
import static nl.koers.feedback.FeedbackTesting.pulseAnswer;
import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A late "you said, we did" reply leads to work: the region admin sees the region's late tasks
 * (never who the young person is), gives one to another professional of the region, and the young
 * person hears that someone will answer. Nobody else reaches the tasks.
 */
class FeedbackTasksApiTest extends KoersApiTest {

  private static final String TASKS = "/v1/regions/demo/feedback-tasks";

  /** Monday 23 November 2026, 11:00 in Amsterdam. */
  @Override
  protected Instant startsAt() {
    return Instant.parse("2026-11-23T10:00:00Z");
  }

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private String samId() {
    return koers.idOf("sam");
  }

  /** Sam shares a low pulse on Monday; eva does not answer; a week later it is late. */
  private String lateTask() {
    String request = logConversation(koers, koers.signInAs("pro-eva"), samId());
    HttpResponse<Buffer> answered =
        koers.post(
            koers.signInAs("sam"),
            "/v1/youth/" + samId() + "/feedback",
            pulseAnswer(request, 1, "SHARE_WITH_PROFESSIONAL"));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    clock.set(Instant.parse("2026-11-30T10:00:01Z"));
    koers.runBackgroundNow();
    return answered.bodyAsJsonObject().getString("id");
  }

  private List<JsonObject> tasks(JsonObject session, String query) {
    HttpResponse<Buffer> listed = koers.get(session, TASKS + query);
    assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
    return listed.bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  private List<JsonObject> inbox(JsonObject session, String type) {
    return koers
        .get(session, "/v1/me/notifications?limit=100")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(n -> type.equals(n.getString("type")))
        .toList();
  }

  private HttpResponse<Buffer> reassign(JsonObject admin, String task, String to, String etag) {
    return koers.put(
        admin,
        TASKS + "/" + task + "/assignee",
        new JsonObject().put("personId", to),
        etag == null ? Map.of() : Map.of("If-Match", etag));
  }

  private String tagOf(JsonObject admin, String task) {
    return koers.get(admin, TASKS + "/" + task).getHeader("ETag");
  }

  /** Someone with a role in another region only. */
  private JsonObject elsewhere(Role role) {
    String id = UUID.randomUUID().toString();
    await(
        new People(mongo)
            .create(
                new Person(
                    id,
                    Optional.empty(),
                    "Elders",
                    List.of(new Person.RegionRole(role, "elders")),
                    Optional.of(clock.instant()))));
    return koers.sessionFor(id);
  }

  @Test
  void theAdminSeesALateTaskWithOrganisationAgeBandAndDaysOverdueButNotWhoItIsAbout() {
    String task = lateTask();
    JsonObject admin = koers.signInAs("admin");

    List<JsonObject> late = tasks(admin, "?state=ESCALATED");
    assertThat(late).extracting(t -> t.getString("id")).containsExactly(task);
    JsonObject seen = late.get(0);
    assertThat(seen.getString("state")).isEqualTo("ESCALATED");
    assertThat(seen.getString("ageBand")).isEqualTo("16-17");
    assertThat(seen.getString("organisation")).isEqualTo("jeugdhulp-west");
    assertThat(seen.getJsonObject("assignee").getString("name")).isEqualTo("Eva");
    assertThat(seen.getBoolean("shared")).isTrue();
    assertThat(seen.getJsonArray("answers")).hasSize(4);
    assertThat(seen.encode()).doesNotContain("Sam").doesNotContain(samId());
    assertThat(tasks(admin, "")).extracting(t -> t.getString("id")).containsExactly(task);
    assertThat(tasks(admin, "?state=OPEN")).isEmpty();

    clock.advance(Duration.ofDays(3));
    JsonObject later = koers.signInAs("admin");
    assertThat(tasks(later, "").get(0).getInteger("daysOverdue")).isEqualTo(3);

    Eventually.until("the admin is told", () -> !inbox(later, "FEEDBACK_ESCALATED").isEmpty());
    JsonObject told = inbox(later, "FEEDBACK_ESCALATED").get(0);
    assertThat(told.getString("resource")).isEqualTo("regions/demo/feedback-tasks/" + task);
    HttpResponse<Buffer> followed = koers.get(later, "/v1/" + told.getString("resource"));
    assertThat(followed.statusCode()).isEqualTo(200);
    assertThat(followed.getHeader("ETag")).isNotBlank();

    JsonObject log =
        koers
            .get(
                koers.signInAs("sam"),
                "/v1/youth/" + samId() + "/access-log?limit=100&includeOwn=false")
            .bodyAsJsonObject();
    assertThat(log.getJsonArray("items").stream().map(JsonObject.class::cast))
        .anyMatch(
            line ->
                "REGION_ADMIN".equals(line.getString("capacity"))
                    && "region:demo".equals(line.getString("onBehalfOf"))
                    && line.getString("resource").endsWith("/feedback/" + task));
  }

  @Test
  void theYoungPersonIsToldOnceThatSomeoneWillAnswerWithALinkToTheirOwnFeedback() {
    String task = lateTask();
    JsonObject first = koers.signInAs("sam");
    Eventually.until("sam is told", () -> !inbox(first, "FEEDBACK_ESCALATED").isEmpty());
    clock.advance(Duration.ofDays(2));
    koers.runBackgroundNow();
    koers.runBackgroundNow();
    JsonObject sam = koers.signInAs("sam");

    List<JsonObject> told = inbox(sam, "FEEDBACK_ESCALATED");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).getString("resource"))
        .isEqualTo("youth/" + samId() + "/feedback/" + task);
    assertThat(koers.get(sam, "/v1/" + told.get(0).getString("resource")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void nobodyButTheRegionsAdminReachesItsTasksAndTheyAnswerAsForNoRegion() {
    String task = lateTask();
    HttpResponse<Buffer> none =
        koers.get(koers.signInAs("admin"), "/v1/regions/no-such-region/feedback-tasks");
    assertThat(none.statusCode()).isEqualTo(404);
    for (JsonObject who :
        List.of(
            elsewhere(Role.REGION_ADMIN),
            elsewhere(Role.REGION_ANALYST),
            elsewhere(Role.PROFESSIONAL),
            koers.signInAs("analyst"),
            koers.signInAs("pro-joris"),
            koers.signInAs("pro-eva"),
            koers.signInAs("sam"))) {
      for (String path : List.of(TASKS, TASKS + "/" + task)) {
        HttpResponse<Buffer> refused = koers.get(who, path);
        assertThat(refused.statusCode()).as(path).isEqualTo(404);
        assertThat(problem(refused).getString("type")).isEqualTo(problem(none).getString("type"));
      }
      assertThat(reassign(who, task, koers.idOf("pro-joris"), "\"0\"").statusCode()).isEqualTo(404);
    }
    JsonObject admin = koers.signInAs("admin");
    assertThat(koers.get(admin, "/v1/regions/elders/feedback-tasks/" + task).statusCode())
        .isEqualTo(404);
    assertThat(koers.get(admin, TASKS + "/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    assertThat(tasks(admin, "").get(0).getJsonObject("assignee").getString("name"))
        .isEqualTo("Eva");
  }

  @Test
  void answersAreShownOnlyWhereTheYoungPersonSharedThem() {
    String regionOnly = logConversation(koers, koers.signInAs("pro-eva"), samId());
    koers.post(
        koers.signInAs("sam"),
        "/v1/youth/" + samId() + "/feedback",
        pulseAnswer(regionOnly, 1, "REGION_ONLY"));
    String task = lateTask();
    JsonObject admin = koers.signInAs("admin");
    for (String state : List.of("OPEN", "ESCALATED", "ANSWERED")) {
      assertThat(tasks(admin, "?state=" + state))
          .extracting(t -> t.getString("id"))
          .doesNotContain(regionOnly);
    }

    // A task whose answers are not (or no longer) shared shows where it stands, not what was said.
    await(
        mongo.updateIf(
            "feedback",
            task,
            new Document(),
            new Document("$set", new Document("sharing", "REGION_ONLY"))));
    JsonObject hidden = koers.get(admin, TASKS + "/" + task).bodyAsJsonObject();
    assertThat(hidden.getBoolean("shared")).isFalse();
    assertThat(hidden.getValue("answers")).isNull();
    assertThat(hidden.getString("state")).isEqualTo("ESCALATED");
  }

  @Test
  void theAdminGivesALateTaskToAnotherProfessionalWhoMaySeeAndAnswerOnlyThat() {
    String task = lateTask();
    JsonObject admin = koers.signInAs("admin");
    String joris = koers.idOf("pro-joris");

    HttpResponse<Buffer> given = reassign(admin, task, joris, tagOf(admin, task));
    assertThat(given.statusCode()).as(given.bodyAsString()).isEqualTo(200);
    JsonObject now = given.bodyAsJsonObject();
    assertThat(now.getString("state")).isEqualTo("OPEN");
    assertThat(now.getJsonObject("assignee").getString("name")).isEqualTo("Joris");
    // Monday 30 November 11:00:01 + five working days.
    assertThat(now.getString("dueAt")).startsWith("2026-12-07T10:00:01");
    assertThat(now.getInteger("daysOverdue")).isZero();
    assertThat(tasks(admin, "?state=ESCALATED")).isEmpty();
    assertThat(tasks(admin, "?state=OPEN")).extracting(t -> t.getString("id")).contains(task);

    JsonObject jorisSession = koers.signInAs("pro-joris");
    Eventually.until("joris is told", () -> !inbox(jorisSession, "FEEDBACK_TASK").isEmpty());
    String link = inbox(jorisSession, "FEEDBACK_TASK").get(0).getString("resource");
    assertThat(link).isEqualTo("youth/" + samId() + "/feedback/" + task);
    HttpResponse<Buffer> read = koers.get(jorisSession, "/v1/" + link);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getJsonArray("answers")).hasSize(4);
    for (String elsewhereOfSam : List.of("", "/circle", "/feedback", "/plan", "/access-log")) {
      assertThat(koers.get(jorisSession, "/v1/youth/" + samId() + elsewhereOfSam).statusCode())
          .as(elsewhereOfSam)
          .isEqualTo(404);
    }

    HttpResponse<Buffer> replied =
        koers.post(
            jorisSession,
            "/v1/youth/" + samId() + "/feedback/" + task + "/responses",
            new JsonObject().put("text", "Ik neem het over van Eva. Zullen we morgen bellen?"));
    assertThat(replied.statusCode()).as(replied.bodyAsString()).isEqualTo(201);
    JsonObject sam = koers.signInAs("sam");
    Eventually.until("sam hears back", () -> !inbox(sam, "FEEDBACK_ANSWERED").isEmpty());
    // Answered, the task is no longer his: the answer closes behind him.
    assertThat(koers.get(jorisSession, "/v1/" + link).statusCode()).isEqualTo(404);
    assertThat(tasks(admin, "?state=ANSWERED").get(0).getString("repliedAt")).isNotNull();

    JsonObject log =
        koers.get(sam, "/v1/youth/" + samId() + "/access-log?limit=100").bodyAsJsonObject();
    assertThat(log.getJsonArray("items").stream().map(JsonObject.class::cast))
        .anyMatch(
            line ->
                "FEEDBACK_ASSIGNEE".equals(line.getString("capacity"))
                    && joris.equals(line.getJsonObject("actor").getString("id")));
  }

  @Test
  void aReassignedTaskThatRunsOverAgainEscalatesAgainButTheYoungPersonIsToldOnce() {
    String task = lateTask();
    JsonObject admin = koers.signInAs("admin");
    assertThat(reassign(admin, task, koers.idOf("pro-joris"), tagOf(admin, task)).statusCode())
        .isEqualTo(200);
    clock.set(Instant.parse("2026-12-07T10:00:02Z"));
    koers.runBackgroundNow();

    JsonObject later = koers.signInAs("admin");
    Eventually.until("told twice", () -> inbox(later, "FEEDBACK_ESCALATED").size() == 2);
    assertThat(tasks(later, "?state=ESCALATED")).extracting(t -> t.getString("id")).contains(task);
    assertThat(inbox(koers.signInAs("sam"), "FEEDBACK_ESCALATED")).hasSize(1);
  }

  @Test
  void onlyAnotherProfessionalOfTheRegionOutsideTheFamilyCanTakeATask() {
    String task = lateTask();
    JsonObject admin = koers.signInAs("admin");
    String marco = koers.idOf("marco");
    // Marco also works as a professional in the region: still sam's foster parent.
    await(new People(mongo).grant(marco, new Person.RegionRole(Role.PROFESSIONAL, "demo")));
    String elders = UUID.randomUUID().toString();
    await(
        new People(mongo)
            .create(
                new Person(
                    elders,
                    Optional.empty(),
                    "Elders",
                    List.of(new Person.RegionRole(Role.PROFESSIONAL, "elders")),
                    Optional.of(clock.instant()))));
    String tag = tagOf(admin, task);
    for (String who :
        List.of(
            marco,
            samId(),
            koers.idOf("tess"),
            koers.idOf("analyst"),
            koers.idOf("admin"),
            koers.idOf("pro-eva"),
            elders,
            UUID.randomUUID().toString())) {
      HttpResponse<Buffer> refused = reassign(admin, task, who, tag);
      assertThat(refused.statusCode()).as(who).isEqualTo(422);
      assertThat(problem(refused).getString("type"))
          .isEqualTo("urn:koers:problem:not-eligible-assignee");
      assertThat(problem(refused).getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("/personId");
    }
    assertThat(tagOf(admin, task)).isEqualTo(tag);
    assertThat(tasks(admin, "").get(0).getJsonObject("assignee").getString("name"))
        .isEqualTo("Eva");
  }

  @Test
  void twoAdminsCannotBothReassignAndAnAnsweredTaskStaysAnswered() {
    String task = lateTask();
    JsonObject admin = koers.signInAs("admin");
    String joris = koers.idOf("pro-joris");
    String read = tagOf(admin, task);

    assertThat(reassign(admin, task, joris, null).statusCode()).isEqualTo(428);
    assertThat(reassign(admin, task, joris, read).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> second = reassign(admin, task, koers.idOf("pro-eva"), read);
    assertThat(second.statusCode()).isEqualTo(412);
    assertThat(tasks(admin, "?state=OPEN").get(0).getJsonObject("assignee").getString("name"))
        .isEqualTo("Joris");

    koers.post(
        koers.signInAs("pro-eva"),
        "/v1/youth/" + samId() + "/feedback/" + task + "/responses",
        new JsonObject().put("text", "Sorry dat het zo lang duurde."));
    HttpResponse<Buffer> late = reassign(admin, task, koers.idOf("pro-eva"), tagOf(admin, task));
    assertThat(late.statusCode()).isEqualTo(409);
  }
}
