package nl.koers.transition;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/** Milestones by a leased scheduler, the transition checklist and the steady contact. */
class TransitionApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null)
        .put(KoersConfig.MILESTONE_PERIOD, "PT0.05S");
  }

  private List<String> inbox(RunningKoers server, String handle) {
    return NotifyTesting.inbox(server, server.signInAs(handle)).stream()
        .map(i -> i.getString("type"))
        .toList();
  }

  @Test
  void daanHasNoConfirmedSteadyContactAtSeventeenAndThreeQuartersSoEvaAndTheAdminAreAlarmedOnce() {
    Eventually.until(
        "eva is alarmed", () -> inbox(koers, "pro-eva").contains("STEADY_CONTACT_MISSING"));
    Eventually.until(
        "the admin too", () -> inbox(koers, "admin").contains("STEADY_CONTACT_MISSING"));
    koers.runBackgroundNow();

    assertThat(inbox(koers, "pro-eva").stream().filter("STEADY_CONTACT_MISSING"::equals))
        .hasSize(1);
    // sam (16) and noor (13) are far from 17 and three quarters.
    assertThat(
            NotifyTesting.inbox(koers, koers.signInAs("pro-eva")).stream()
                .filter(i -> i.getString("type").equals("STEADY_CONTACT_MISSING"))
                .map(i -> i.getString("resource")))
        .containsExactly("youth/" + koers.idOf("daan") + "/steady-contact");
    // The admin is sent to the region's continuity monitor, not to the young person.
    assertThat(
            NotifyTesting.inbox(koers, koers.signInAs("admin")).stream()
                .filter(i -> i.getString("type").equals("STEADY_CONTACT_MISSING"))
                .map(i -> i.getString("resource")))
        .containsExactly("regions/demo/continuity");
  }

  @Test
  void aConfirmedSteadyContactMeansNoAlarmAndShowsOnTheProfileCard() {
    String samId = koers.idOf("sam");
    JsonObject sam = koers.signInAs("sam");
    String marcoId = koers.idOf("marco");

    assertThat(
            koers
                .post(
                    sam,
                    "/v1/youth/" + samId + "/steady-contact",
                    new JsonObject().put("personId", koers.idOf("ilse")))
                .statusCode())
        .as("ilse is not in sam's circle")
        .isEqualTo(409);
    koers.post(
        sam, "/v1/youth/" + samId + "/steady-contact", new JsonObject().put("personId", marcoId));
    assertThat(
            koers
                .post(
                    koers.signInAs("jim-sam"),
                    "/v1/youth/" + samId + "/steady-contact/confirm",
                    null)
                .statusCode())
        .as("only the person named confirms")
        .isEqualTo(404);
    JsonObject confirmed =
        koers
            .post(koers.signInAs("marco"), "/v1/youth/" + samId + "/steady-contact/confirm", null)
            .bodyAsJsonObject();

    assertThat(confirmed.getString("confirmedAt")).isNotNull();
    assertThat(
            koers
                .get(sam, "/v1/youth/" + samId)
                .bodyAsJsonObject()
                .getJsonObject("steadyContact")
                .getString("name"))
        .isEqualTo("Marco");

    // sam at seventeen and three quarters: no alarm, because marco confirmed.
    clock.set(
        Milestones.STEADY_CONTACT_CHECK
            .at(
                java.time.LocalDate.parse(
                        koers
                            .get(sam, "/v1/youth/" + samId + "/transition/checklist")
                            .bodyAsJsonObject()
                            .getString("eighteenthBirthday"))
                    .minusYears(18))
            .plusSeconds(1));
    koers.runBackgroundNow();
    assertThat(
            NotifyTesting.inbox(koers, koers.signInAs("pro-eva")).stream()
                .filter(i -> i.getString("type").equals("STEADY_CONTACT_MISSING"))
                .map(i -> i.getString("resource")))
        .doesNotContain("youth/" + samId + "/steady-contact");
  }

  @Test
  void theSixteenthBirthdayMilestoneComesAtLocalMidnight() {
    String id = koers.idOf("noor");
    java.time.LocalDate born =
        java.time.LocalDate.parse(
            "2013-06-23"); // noor's birth date relative to the test clock: 13 years 5 months before
    // 23 Nov 2026
    Instant sixteen = Milestones.PLAN_OPENS.at(born);

    clock.set(sixteen.minusSeconds(1));
    koers.runBackgroundNow();
    assertThat(inbox(koers, "noor")).doesNotContain("MILESTONE");

    clock.set(sixteen);
    Eventually.until(
        "noor is told the plan opened", () -> inbox(koers, "noor").contains("MILESTONE"));
    assertThat(koers.get(koers.signInAs("noor"), "/v1/youth/" + id + "/plan").statusCode())
        .isEqualTo(200);
  }

  @Test
  void twoInstancesHandleEachMilestoneOnce() {
    try (RunningKoers second =
        RunningKoers.start(settings().put(KoersConfig.INSTANCE_ID, "second"), clock)) {
      Eventually.until(
          "eva is alarmed", () -> inbox(koers, "pro-eva").contains("STEADY_CONTACT_MISSING"));
      // Both run their milestones again, the second instance too, and neither tells eva twice.
      koers.runBackgroundNow();
      second.runBackgroundNow();
      assertThat(inbox(second, "pro-eva").stream().filter("STEADY_CONTACT_MISSING"::equals))
          .hasSize(1);
    }
  }

  @Test
  void samSeesHisChecklistCountedFromHisEighteenthBirthday() {
    String samId = koers.idOf("sam");
    JsonObject sam = koers.signInAs("sam");

    HttpResponse<Buffer> read = koers.get(sam, "/v1/youth/" + samId + "/transition/checklist");
    JsonObject checklist = read.bodyAsJsonObject();
    JsonObject updated =
        koers
            .put(
                sam,
                "/v1/youth/" + samId + "/transition/checklist/digid",
                new JsonObject().put("ownerId", samId).put("done", true),
                Map.of("If-Match", read.getHeader("ETag")))
            .bodyAsJsonObject();

    java.time.LocalDate eighteen =
        java.time.LocalDate.parse(checklist.getString("eighteenthBirthday"));
    JsonObject insurance = item(checklist, "zorgverzekering");
    assertThat(insurance.getString("dueDate")).isEqualTo(eighteen.minusMonths(1).toString());
    assertThat(item(checklist, "verlengde-jeugdhulp").getString("dueDate"))
        .isEqualTo(eighteen.minusMonths(6).toString());
    assertThat(item(updated, "digid").getString("doneAt")).isNotNull();
    assertThat(item(updated, "digid").getString("ownerId")).isEqualTo(samId);
    assertThat(
            koers
                .get(koers.signInAs("marco"), "/v1/youth/" + samId + "/transition/checklist")
                .statusCode())
        .isEqualTo(404);
  }

  private static JsonObject item(JsonObject checklist, String id) {
    return checklist.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(i -> i.getString("id").equals(id))
        .findFirst()
        .orElseThrow();
  }
}
