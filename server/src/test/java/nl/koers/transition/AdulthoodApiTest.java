package nl.koers.transition;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.circle.AgeRules;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/**
 * Turning 18 and after: parents' access, the young adult's confirmation of their circle, overdue
 * checklist items, extended care and the follow-up check-ins.
 */
class AdulthoodApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null)
        .put(KoersConfig.MILESTONE_PERIOD, "PT0.05S");
  }

  private HttpResponse<Buffer> post(String handle, String path, JsonObject body) {
    return koers.post(koers.signInAs(handle), path, body);
  }

  private HttpResponse<Buffer> put(String handle, String path, JsonObject body) {
    JsonObject session = koers.signInAs(handle);
    if (path.contains("/transition/checklist/") || path.endsWith("/transition/extended-care")) {
      // Written with the version just read (the checklist's for one of its items).
      String read =
          path.contains("/transition/checklist/") ? path.substring(0, path.lastIndexOf('/')) : path;
      String tag = koers.get(koers.signInAs("pro-eva"), read).getHeader("ETag");
      return koers.put(session, path, body, Map.of("If-Match", tag));
    }
    return koers.put(session, path, body);
  }

  private int status(String handle, String path) {
    return koers.get(koers.signInAs(handle), path).statusCode();
  }

  private List<JsonObject> inbox(String handle) {
    return NotifyTesting.inbox(koers, koers.signInAs(handle));
  }

  private long countOf(String handle, String type, String resource) {
    return inbox(handle).stream()
        .filter(i -> i.getString("type").equals(type) && i.getString("resource").equals(resource))
        .count();
  }

  private LocalDate bornOf(String handle) {
    String id = koers.idOf(handle);
    return LocalDate.parse(
            koers
                .get(koers.signInAs(handle), "/v1/youth/" + id + "/circle/confirmation")
                .bodyAsJsonObject()
                .getString("adultOn"))
        .minusYears(AgeRules.ADULT);
  }

  @Test
  void aParentSeesNothingFromTheEighteenthBirthdayUntilTheYoungAdultKeepsThemInTheCircle() {
    String noor = "/v1/youth/" + koers.idOf("noor");
    LocalDate born = bornOf("noor");

    clock.set(AgeRules.turns(born, AgeRules.ADULT).minusSeconds(1));
    assertThat(status("ilse", noor)).as("a parent the day before").isEqualTo(200);
    assertThat(status("ilse", noor + "/plan"))
        .as("the plan is the young person's unless they share it")
        .isEqualTo(404);
    HttpResponse<Buffer> early =
        post("noor", noor + "/circle/confirmation", new JsonObject().put("keep", new JsonArray()));
    assertThat(early.statusCode()).isEqualTo(403);
    assertThat(early.bodyAsJsonObject().getString("type"))
        .isEqualTo("urn:koers:problem:not-adult-yet");
    assertThat(early.bodyAsJsonObject().getString("detail"))
        .contains(AgeRules.birthday(born, AgeRules.ADULT).toString());

    clock.set(AgeRules.turns(born, AgeRules.ADULT));
    assertThat(status("ilse", noor)).as("a parent at 18").isEqualTo(404);
    Eventually.until(
        "noor is asked who stays",
        () -> countOf("noor", "MILESTONE", noor.substring(4) + "/circle/confirmation") == 1);
    Eventually.until(
        "youth care ends at 18 without extended care, and with it the case coordinator's access",
        () -> status("pro-eva", noor) == 404);
    assertThat(
            koers
                .get(koers.signInAs("noor"), noor + "/circle/confirmation")
                .bodyAsJsonObject()
                .getBoolean("due"))
        .isTrue();

    JsonArray circle =
        koers
            .get(koers.signInAs("noor"), noor + "/circle")
            .bodyAsJsonObject()
            .getJsonArray("items");
    String ilsesRelation = relationOf(circle, "PARENT");
    assertThat(
            post(
                    "noor",
                    noor + "/circle/confirmation",
                    new JsonObject().put("keep", new JsonArray().add(UUID.randomUUID().toString())))
                .statusCode())
        .as("only relations in the circle can stay")
        .isEqualTo(409);
    assertThat(status("ilse", noor)).as("a refused confirmation changes nothing").isEqualTo(404);

    HttpResponse<Buffer> kept =
        post(
            "noor",
            noor + "/circle/confirmation",
            new JsonObject().put("keep", new JsonArray().add(ilsesRelation)));

    assertThat(kept.statusCode()).isEqualTo(200);
    assertThat(kept.bodyAsJsonObject().getBoolean("due")).isFalse();
    assertThat(status("ilse", noor)).as("granted again by the young adult").isEqualTo(200);
    assertThat(status("ilse", noor + "/plan")).as("still not the plan").isEqualTo(404);
    assertThat(status("pro-eva", noor))
        .as("keeping a parent does not bring back a relation that ended with youth care")
        .isEqualTo(404);
  }

  private static String relationOf(JsonArray circle, String kind) {
    return circle.stream()
        .map(JsonObject.class::cast)
        .filter(m -> m.getString("kind").equals(kind) && m.getString("status").equals("ACTIVE"))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  @Test
  void overdueChecklistItemsTellTheOwnerAndTheCaseCoordinatorOnce() {
    String daan = "/v1/youth/" + koers.idOf("daan");
    String checklist = daan.substring(4) + "/transition/checklist";
    String task = "me/tasks/checklist." + koers.idOf("daan") + ".zorgverzekering";
    // daan is 17 years and 10 months: several items are past their due date already.
    Eventually.until(
        "eva hears of the overdue items",
        () -> countOf("pro-eva", "CHECKLIST_OVERDUE", checklist) == 1);
    assertThat(
            put("daan", daan + "/transition/checklist/zorgverzekering", owner(koers.idOf("ilse")))
                .statusCode())
        .as("ilse is not in daan's circle")
        .isEqualTo(400);
    assertThat(
            put("daan", daan + "/transition/checklist/zorgverzekering", owner(koers.idOf("daan")))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            put("daan", daan + "/transition/checklist/inkomen", owner(koers.idOf("daan")))
                .statusCode())
        .isEqualTo(200);
    put("daan", daan + "/transition/checklist/inkomen", new JsonObject().put("done", true));
    koers.runBackgroundNow();
    assertThat(countOf("pro-eva", "CHECKLIST_OVERDUE", checklist)).isEqualTo(1);
    assertThat(countOf("daan", "CHECKLIST_OVERDUE", checklist)).isZero();

    // Health insurance is due a month before 18: from the day after, it is overdue.
    LocalDate eighteen = AgeRules.birthday(bornOf("daan"), AgeRules.ADULT);
    clock.set(eighteen.minusMonths(1).plusDays(1).atStartOfDay(AgeRules.ZONE).toInstant());
    Eventually.until(
        "daan, its owner, is told of his task", () -> countOf("daan", "TASK_OVERDUE", task) == 1);
    Eventually.until("and eva", () -> countOf("pro-eva", "CHECKLIST_OVERDUE", checklist) == 2);

    // Income was due on the 18th birthday but is done: nobody hears of it.
    clock.set(eighteen.plusDays(2).atStartOfDay(AgeRules.ZONE).toInstant());
    koers.runBackgroundNow();
    assertThat(countOf("daan", "TASK_OVERDUE", task)).isEqualTo(1);
    assertThat(countOf("daan", "CHECKLIST_OVERDUE", checklist)).isZero();
    assertThat(countOf("pro-eva", "CHECKLIST_OVERDUE", checklist)).isEqualTo(2);
    JsonObject item =
        koers
            .get(koers.signInAs("daan"), daan + "/transition/checklist")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("id").equals("zorgverzekering"))
            .findFirst()
            .orElseThrow();
    assertThat(item.getBoolean("overdue")).isTrue();
  }

  private static JsonObject owner(String id) {
    return new JsonObject().put("ownerId", id);
  }

  @Test
  void theFollowUpPulseComesThreeMonthsAfterCareEndsOnceAndExtendedCareMovesIt() {
    String daan = "/v1/youth/" + koers.idOf("daan");
    String sam = "/v1/youth/" + koers.idOf("sam");
    LocalDate daanBorn = bornOf("daan");
    LocalDate samBorn = bornOf("sam");

    HttpResponse<Buffer> beyond =
        put(
            "pro-eva",
            daan + "/transition/extended-care",
            new JsonObject()
                .put("extended", true)
                .put("kind", "verlengde-jeugdhulp")
                .put("untilAge", 27));
    assertThat(beyond.statusCode()).as("the demo region's horizon is 23").isEqualTo(422);
    assertThat(beyond.bodyAsJsonObject().getString("type"))
        .isEqualTo("urn:koers:problem:beyond-horizon");
    assertThat(
            put("daan", daan + "/transition/extended-care", new JsonObject().put("extended", true))
                .statusCode())
        .as("the case coordinator records it")
        .isEqualTo(404);
    JsonObject extended =
        put(
                "pro-eva",
                daan + "/transition/extended-care",
                new JsonObject()
                    .put("extended", true)
                    .put("kind", "verlengde-jeugdhulp")
                    .put("untilAge", 21))
            .bodyAsJsonObject();
    LocalDate careEnds = AgeRules.birthday(daanBorn, 21);
    assertThat(extended.getString("careEndsOn")).isEqualTo(careEnds.toString());
    assertThat(extended.getJsonArray("followUps").getString(0))
        .isEqualTo(careEnds.plusMonths(3).toString());
    assertThat(
            koers
                .get(koers.signInAs("daan"), daan + "/transition/checklist")
                .bodyAsJsonObject()
                .getJsonArray("items")
                .stream()
                .map(JsonObject.class::cast)
                .filter(i -> i.getString("id").equals("verlengde-jeugdhulp"))
                .findFirst()
                .orElseThrow()
                .getString("doneAt"))
        .as("the decision is the checklist item")
        .isNotNull();

    // Three months after 18: sam's care ended at 18, daan's goes on.
    clock.set(AgeRules.birthday(samBorn, 18).plusMonths(3).atStartOfDay(AgeRules.ZONE).toInstant());
    Eventually.until("sam gets a check-in", () -> followUps("sam", sam).size() == 1);
    assertThat(followUps("sam", sam).get(0).getString("followUp")).isEqualTo("FOLLOW_UP_3_MONTHS");
    koers.runBackgroundNow();
    assertThat(followUps("sam", sam)).as("once").hasSize(1);

    clock.set(
        AgeRules.birthday(daanBorn, 18)
            .plusMonths(3)
            .plusDays(1)
            .atStartOfDay(AgeRules.ZONE)
            .toInstant());
    koers.runBackgroundNow();
    assertThat(followUps("daan", daan)).as("daan is still in care").isEmpty();

    clock.set(careEnds.plusMonths(3).atStartOfDay(AgeRules.ZONE).toInstant());
    Eventually.until("daan gets his check-in", () -> followUps("daan", daan).size() == 1);
  }

  private List<JsonObject> followUps(String handle, String youth) {
    return koers
        .get(koers.signInAs(handle), youth + "/feedback/requests")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getString("followUp") != null)
        .toList();
  }
}
