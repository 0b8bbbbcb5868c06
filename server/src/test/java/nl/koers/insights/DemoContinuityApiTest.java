package nl.koers.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import nl.koers.demo.DemoRegion;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/**
 * The continuity monitor in dev mode (test day 2026-11-23): the synthetic cohort fills the coming
 * months enough to show numbers, the small months stay suppressed, and none of the synthetic young
 * people reaches a demo person's caseload, circle or inbox.
 */
class DemoContinuityApiTest extends KoersApiTest {

  private JsonObject monitor(String handle) {
    HttpResponse<Buffer> answer =
        koers.get(koers.signInAs(handle), "/v1/regions/" + DemoRegion.REGION + "/continuity");
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  private static JsonObject cell(JsonObject months, int ahead, String measure) {
    return months.getJsonArray("months").getJsonObject(ahead).getJsonObject(measure);
  }

  private static JsonObject organisation(JsonObject report, String organisation) {
    return report.getJsonArray("organisations").stream()
        .map(JsonObject.class::cast)
        .filter(o -> o.getString("organisation").equals(organisation))
        .findFirst()
        .orElseThrow();
  }

  private static Object n(JsonObject cell) {
    return cell.getBoolean("suppressed") ? "suppressed" : cell.getLong("n");
  }

  @Test
  void theAnalystSeesNextMonthsNumbersWhileTheSmallMonthsStaySuppressed() {
    JsonObject report = monitor("analyst");

    assertThat(report.getJsonArray("months").getJsonObject(1).getString("month"))
        .isEqualTo("2026-12");
    assertThat(n(cell(report, 1, "turning18"))).as("20 synthetic, in December").isEqualTo(20L);
    assertThat(n(cell(report, 1, "noSteadyContact"))).isEqualTo(10L);
    assertThat(n(cell(report, 1, "noPlan"))).isEqualTo(10L);
    assertThat(n(cell(report, 1, "noHandover"))).isEqualTo(20L);
    assertThat(n(cell(report, 2, "turning18"))).as("daan counts too, in January").isEqualTo(21L);
    assertThat(n(cell(report, 3, "turning18"))).isEqualTo(12L);
    assertThat(n(cell(report, 3, "noPlan")))
        .as("6 of 12 lack a plan: both halves small")
        .isEqualTo("suppressed");
    assertThat(n(cell(report, 0, "turning18"))).as("5 this month").isEqualTo("suppressed");
    assertThat(n(cell(report, 4, "turning18"))).as("3 in March").isEqualTo("suppressed");
    assertThat(n(cell(report, 5, "turning18"))).as("nobody in April").isEqualTo(0L);

    JsonObject west = organisation(report, DemoRegion.ORGANISATION);
    assertThat(n(cell(west, 1, "turning18"))).isEqualTo(10L);
    assertThat(n(cell(west, 1, "noSteadyContact"))).as("all ten confirmed").isEqualTo(0L);
    assertThat(n(cell(west, 1, "noHandover"))).isEqualTo(10L);
    assertThat(n(cell(west, 3, "turning18"))).as("4 of 12 in February").isEqualTo("suppressed");
    for (String other : List.of("gezinshuis-oost", "wijkteam-centrum")) {
      assertThat(n(cell(organisation(report, other), 1, "turning18")))
          .as(other + " has 5 in December")
          .isEqualTo("suppressed");
    }
    assertThat(monitor("admin").getJsonArray("months")).isEqualTo(report.getJsonArray("months"));
  }

  @Test
  void noSyntheticYoungPersonReachesEvasCaseloadADemoPersonOrTheAdminsInbox() {
    koers.runBackgroundNow();

    HttpResponse<Buffer> caseload = koers.get(koers.signInAs("pro-eva"), "/v1/me/caseload");
    assertThat(
            caseload.bodyAsJsonObject().getJsonArray("items").stream()
                .map(i -> ((JsonObject) i).getString("firstName")))
        .containsExactly("Daan", "Sam", "Noor");
    for (String handle : DemoRegion.HANDLES) {
      HttpResponse<Buffer> me = koers.get(koers.signInAs(handle), "/v1/me");
      assertThat(me.bodyAsString()).as(handle).doesNotContain("Synthetic");
      assertThat(NotifyTesting.inbox(koers, koers.signInAs(handle)).toString())
          .as(handle + "'s inbox")
          .doesNotContain("Synthetic");
    }
    assertThat(
            NotifyTesting.inbox(koers, koers.signInAs("admin")).stream()
                .filter(i -> i.getString("type").equals("STEADY_CONTACT_MISSING"))
                .map(i -> i.getString("resource")))
        .as("daan's alarm only: the synthetic ones without a steady contact tell nobody")
        .containsExactly("regions/demo/continuity");
  }

  @Test
  void aRestartSeedsTheCohortOnceAndKeepsItsMonthsAhead() {
    RunningKoers.start(RunningKoers.devMode(backend, database), clock).close();

    assertThat(n(cell(monitor("analyst"), 1, "turning18"))).isEqualTo(20L);

    clock.advance(java.time.Duration.ofDays(40));
    try (RunningKoers later = RunningKoers.start(RunningKoers.devMode(backend, database), clock)) {
      HttpResponse<Buffer> answer =
          later.get(later.signInAs("analyst"), "/v1/regions/demo/continuity");
      JsonObject report = answer.bodyAsJsonObject();
      assertThat(report.getJsonArray("months").getJsonObject(1).getString("month"))
          .isEqualTo("2027-02");
      assertThat(n(cell(report, 1, "turning18")))
          .as("re-dated on start: still 20 next month")
          .isEqualTo(20L);
    }
    clock.advance(java.time.Duration.ofDays(400));
    try (RunningKoers much = RunningKoers.start(RunningKoers.devMode(backend, database), clock)) {
      JsonObject report =
          much.get(much.signInAs("analyst"), "/v1/regions/demo/continuity").bodyAsJsonObject();
      assertThat(n(cell(report, 1, "turning18")))
          .as("a year and more on, those long turned 18 come back ahead, once")
          .isEqualTo(20L);
      assertThat(n(cell(report, 2, "turning18"))).as("with daan, re-dated too").isEqualTo(21L);
    }
  }
}
