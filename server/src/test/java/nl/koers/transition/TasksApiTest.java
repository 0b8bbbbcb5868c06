package nl.koers.transition;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.koers.circle.AgeRules;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/**
 * What someone owns of a young person's plan and checklist, as the owner sees and completes it
 * ({@code /v1/me/tasks}), and the notifications that lead them there. In the demo pro-eva gave
 * marco, sam's foster parent, a plan action due in 10 days and the checklist item "woningzoekende".
 */
class TasksApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null)
        .put(KoersConfig.MILESTONE_PERIOD, "PT0.05S");
  }

  private String sam() {
    return koers.idOf("sam");
  }

  private String planTask() {
    return "plan." + sam() + ".school-en-werk.bijbaan-zoeken";
  }

  private String checklistTask() {
    return "checklist." + sam() + ".woningzoekende";
  }

  private JsonArray tasksOf(String handle) {
    HttpResponse<Buffer> answer = koers.get(koers.signInAs(handle), "/v1/me/tasks");
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject().getJsonArray("items");
  }

  private List<String> idsOf(JsonArray tasks) {
    return tasks.stream().map(JsonObject.class::cast).map(t -> t.getString("id")).toList();
  }

  private long countOf(String handle, String type, String resource) {
    return NotifyTesting.inbox(koers, koers.signInAs(handle)).stream()
        .filter(i -> i.getString("type").equals(type) && i.getString("resource").equals(resource))
        .count();
  }

  @Test
  void marcoSeesThePlanActionAndTheChecklistItemHeOwnsButNotTheRestOfThePlanOrChecklist() {
    JsonArray mine = tasksOf("marco");

    assertThat(idsOf(mine)).containsExactly(planTask(), checklistTask());
    JsonObject action = mine.getJsonObject(0);
    assertThat(action.getString("kind")).isEqualTo("PLAN_ACTION");
    assertThat(action.getString("title")).isEqualTo("Samen met Sam een bijbaan zoeken");
    assertThat(action.getJsonObject("youth").getString("firstName")).isEqualTo("Sam");
    assertThat(action.getString("state")).isEqualTo("OPEN");
    assertThat(action.getString("dueDate"))
        .isEqualTo(AgeRules.today(clock.instant()).plusDays(10).toString());
    JsonObject item = mine.getJsonObject(1);
    assertThat(item.getString("kind")).isEqualTo("CHECKLIST_ITEM");
    assertThat(item.getString("title")).isEqualTo("Inschrijven als woningzoekende");
    assertThat(
            koers
                .get(koers.signInAs("marco"), "/v1/me/tasks", Map.of("Accept-Language", "en"))
                .bodyAsJsonObject()
                .getJsonArray("items")
                .getJsonObject(1)
                .getString("title"))
        .isEqualTo("Register as house seeker");
    assertThat(
            koers
                .get(koers.signInAs("marco"), "/v1/youth/" + sam() + "/transition/checklist")
                .statusCode())
        .as("the checklist itself stays closed to him")
        .isEqualTo(404);
    assertThat(
            koers
                .get(koers.signInAs("marco"), "/v1/youth/" + sam() + "/plan")
                .bodyAsJsonObject()
                .getJsonObject("domains")
                .fieldNames())
        .as("of the plan only the domain of his own action, with only that action")
        .containsExactly("school-en-werk");
    assertThat(tasksOf("jim-sam")).isEmpty();
    assertThat(tasksOf("sam")).isEmpty();
    assertThat(idsOf(tasksOf("pro-eva"))).doesNotContain(planTask(), checklistTask());
  }

  @Test
  void theOwnerMarksHisItemDoneWithTheTagHeReadAndAStaleOrMissingTagChangesNothing() {
    JsonObject marco = koers.signInAs("marco");
    String path = "/v1/me/tasks/" + checklistTask();
    String tag = koers.get(marco, path).getHeader("ETag");
    JsonObject done = new JsonObject().put("done", true);

    assertThat(koers.put(marco, path, done).statusCode()).as("no If-Match").isEqualTo(428);
    HttpResponse<Buffer> marked = koers.put(marco, path, done, Map.of("If-Match", tag));
    assertThat(marked.statusCode()).as(marked.bodyAsString()).isEqualTo(200);
    assertThat(marked.bodyAsJsonObject().getString("state")).isEqualTo("DONE");
    assertThat(
            koers
                .put(marco, path, new JsonObject().put("done", false), Map.of("If-Match", tag))
                .statusCode())
        .as("the checklist changed since that tag")
        .isEqualTo(412);
    JsonObject item =
        koers
            .get(koers.signInAs("sam"), "/v1/youth/" + sam() + "/transition/checklist")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("id").equals("woningzoekende"))
            .findFirst()
            .orElseThrow();
    assertThat(item.getString("doneAt")).as("sam sees it done").isNotNull();

    String action = "/v1/me/tasks/" + planTask();
    HttpResponse<Buffer> actionDone =
        koers.put(
            marco, action, done, Map.of("If-Match", koers.get(marco, action).getHeader("ETag")));
    assertThat(actionDone.statusCode()).as(actionDone.bodyAsString()).isEqualTo(200);
    assertThat(actionDone.bodyAsJsonObject().getString("state")).isEqualTo("DONE");
    assertThat(
            koers
                .get(koers.signInAs("sam"), "/v1/youth/" + sam() + "/plan/versions")
                .bodyAsJsonObject()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("by"))
        .as("a new version of sam's plan, by marco")
        .isEqualTo(koers.idOf("marco"));
  }

  @Test
  void nobodyButTheOwnerOpensOrCompletesATaskAndTheyGetTheAnswerForNothing() {
    String path = "/v1/me/tasks/" + checklistTask();
    String nothing = "/v1/me/tasks/checklist.00000000-0000-4000-8000-000000000000.woningzoekende";
    String tag = koers.get(koers.signInAs("marco"), path).getHeader("ETag");
    for (String handle :
        List.of("sam", "jim-sam", "pro-eva", "ilse", "tess", "pro-joris", "admin")) {
      JsonObject session = koers.signInAs(handle);
      HttpResponse<Buffer> missing = koers.get(session, nothing);
      HttpResponse<Buffer> answer = koers.get(session, path);
      assertThat(answer.statusCode()).as(handle).isEqualTo(404);
      assertThat(answer.bodyAsJsonObject().getString("type"))
          .isEqualTo(missing.bodyAsJsonObject().getString("type"));
      assertThat(
              koers
                  .put(session, path, new JsonObject().put("done", true), Map.of("If-Match", tag))
                  .statusCode())
          .as(handle)
          .isEqualTo(404);
    }
    assertThat(koers.get(koers.signInAs("marco"), "/v1/me/tasks/plan.nonsense").statusCode())
        .isEqualTo(404);
    assertThat(tasksOf("marco").getJsonObject(1).getString("state"))
        .as("nothing changed")
        .isEqualTo("OPEN");
  }

  @Test
  void whenSamEndsMarcosAccessOrEvaEndsHisRelationHisTasksAreGoneForHim() {
    String relation = fosterRelation();
    String path = "/v1/me/tasks/" + planTask();
    assertThat(
            koers
                .post(
                    koers.signInAs("sam"),
                    "/v1/youth/" + sam() + "/circle/" + relation + "/end",
                    new JsonObject())
                .statusCode())
        .isEqualTo(200);
    assertThat(tasksOf("marco")).as("still the carer, seeing nothing").isEmpty();
    assertThat(koers.get(koers.signInAs("marco"), path).statusCode()).isEqualTo(404);

    assertThat(
            koers
                .post(
                    koers.signInAs("pro-eva"),
                    "/v1/youth/" + sam() + "/circle/" + relation + "/end",
                    new JsonObject())
                .statusCode())
        .isEqualTo(200);
    assertThat(tasksOf("marco")).as("a former foster parent").isEmpty();
    assertThat(koers.get(koers.signInAs("marco"), path).statusCode()).isEqualTo(404);
  }

  private String fosterRelation() {
    return koers
        .get(koers.signInAs("sam"), "/v1/youth/" + sam() + "/circle")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(r -> "FOSTER_PARENT".equals(r.getString("kind")))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  @Test
  void theOwnerIsToldOnceSevenDaysBeforeAnItemIsDueAndOnceWhenItIsOverdue() {
    String action = "me/tasks/" + planTask();
    koers.runBackgroundNow();
    assertThat(countOf("marco", "TASK_ASSIGNED", action)).as("demo data is no news").isZero();
    assertThat(countOf("marco", "TASK_ASSIGNED", "me/tasks/" + checklistTask())).isZero();
    assertThat(countOf("marco", "TASK_DUE_SOON", action)).isZero();

    // Due in 10 days: from 7 days before, it is due soon.
    clock.advance(Duration.ofDays(3));
    koers.runBackgroundNow();
    Eventually.until("due soon", () -> countOf("marco", "TASK_DUE_SOON", action) == 1);
    clock.advance(Duration.ofDays(1));
    koers.runBackgroundNow();
    assertThat(countOf("marco", "TASK_DUE_SOON", action)).as("once").isEqualTo(1);
    assertThat(countOf("marco", "TASK_OVERDUE", action)).isZero();

    LocalDate due = LocalDate.parse(tasksOf("marco").getJsonObject(0).getString("dueDate"));
    clock.set(due.plusDays(1).atStartOfDay(AgeRules.ZONE).toInstant());
    koers.runBackgroundNow();
    Eventually.until("overdue", () -> countOf("marco", "TASK_OVERDUE", action) == 1);
    assertThat(tasksOf("marco").getJsonObject(0).getBoolean("overdue")).isTrue();
    clock.advance(Duration.ofDays(2));
    koers.runBackgroundNow();
    koers.runBackgroundNow();
    assertThat(countOf("marco", "TASK_OVERDUE", action)).as("once").isEqualTo(1);
    assertThat(koers.get(koers.signInAs("marco"), "/v1/" + action).statusCode())
        .as("the link opens for him")
        .isEqualTo(200);
  }

  @Test
  void anItemGivenToSomeoneTellsThemOnceAndWhatSomeoneTakesOnThemselvesTellsNobody() {
    String digid = "/v1/youth/" + sam() + "/transition/checklist/digid";
    String checklist = "/v1/youth/" + sam() + "/transition/checklist";
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject toMarco = new JsonObject().put("ownerId", koers.idOf("marco"));
    assertThat(koers.putAsRead(eva, checklist, digid, toMarco).statusCode()).isEqualTo(200);
    assertThat(koers.putAsRead(eva, checklist, digid, toMarco).statusCode()).isEqualTo(200);
    String task = "me/tasks/checklist." + sam() + ".digid";
    Eventually.until("marco is told", () -> countOf("marco", "TASK_ASSIGNED", task) == 1);

    JsonObject sam = koers.signInAs("sam");
    String bank = "/v1/youth/" + sam() + "/transition/checklist/bankrekening";
    assertThat(
            koers
                .putAsRead(sam, checklist, bank, new JsonObject().put("ownerId", sam()))
                .statusCode())
        .isEqualTo(200);
    koers.runBackgroundNow();
    koers.runBackgroundNow();
    assertThat(countOf("marco", "TASK_ASSIGNED", task)).as("once").isEqualTo(1);
    assertThat(countOf("sam", "TASK_ASSIGNED", "me/tasks/checklist." + sam() + ".bankrekening"))
        .isZero();
    assertThat(idsOf(tasksOf("sam"))).containsExactly("checklist." + sam() + ".bankrekening");
  }
}
