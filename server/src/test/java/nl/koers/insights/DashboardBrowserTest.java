package nl.koers.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in headless Chromium (Debian's, driven by playwright-core), used as an analyst
 * would: one run of {@code dashboard.e2e.mjs} signs in, reads what Chart.js drew and the tables
 * beside it, switches bands and languages, and outlives an access token on the dev clock. Each test
 * below checks one promise of that run; screenshots land in {@code target/dashboard-*.png}. The
 * server's clock: 23 November 2026, so November is the open month.
 */
class DashboardBrowserTest extends KoersApiTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCRIPT = Path.of("src/test/browser/dashboard.e2e.mjs");
  private static final List<String> SHARES =
      List.of(
          "response-rate",
          "shared-with-professional",
          "jim-coverage",
          "plan-coverage",
          "steady-contact-confirmed",
          "follow-up-response",
          "follow-up-low");

  /**
   * One browser run for all the tests (it takes a while), on the class's server; null until the
   * first test made it. The run moves that server's dev clock, and no test here uses it after.
   */
  private static JsonObject seen;

  @BeforeAll
  static void needsChromium() {
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed here");
    assertThat(Path.of("node_modules/playwright-core"))
        .as("playwright-core (npm ci in server/)")
        .exists();
    seen = null;
  }

  private JsonObject seen() throws IOException, InterruptedException {
    if (seen == null) {
      seen = run("http://127.0.0.1:" + koers.app.port());
      assertThat(seen.getJsonArray("errors")).as("errors in the page").isEmpty();
    }
    return seen;
  }

  @Test
  void shareChartsHaveAPercentAxisFromZeroToHundredWithEveryTickLabelled() throws Exception {
    JsonObject first = seen().getJsonObject("first");
    assertThat(first.getJsonArray("shares").getList()).containsExactlyElementsOf(SHARES);
    JsonArray axes = first.getJsonArray("shareAxes");
    for (int i = 0; i < axes.size(); i++) {
      JsonObject axis = axes.getJsonObject(i);
      assertThat(axis.getInteger("yMin")).isZero();
      assertThat(axis.getInteger("yMax")).isEqualTo(100);
      assertThat(axis.getJsonArray("yTicks").getList())
          .containsExactly(
              "0 %",
              "10 %", "20 %", "30 %", "40 %", "50 %", "60 %", "70 %", "80 %", "90 %", "100 %");
      assertThat(axis.getString("yTitle")).isEqualTo("aandeel (%)");
      assertThat(axis.getString("xTitle")).isEqualTo("maand");
      assertThat(axis.getInteger("xTicks")).as("a label for every month").isEqualTo(12);
      assertThat(axis.getJsonArray("xTickLabels").getList())
          .startsWith("dec 2025")
          .endsWith("nov 2026");
      assertThat(axis.getBoolean("xInside")).as("month labels inside the canvas").isTrue();
    }
  }

  @Test
  void theChartsDrawTheSyntheticYearWithSuppressedAndUnpublishedMonthsMarked() throws Exception {
    JsonObject first = seen().getJsonObject("first");
    assertThat(first.getInteger("charts")).isEqualTo(Indicator.values().length);
    assertThat(first.getInteger("withData")).isGreaterThanOrEqualTo(8);
    assertThat(first.getInteger("pulsePoints")).isGreaterThanOrEqualTo(10);
    assertThat(first.getInteger("suppressedMarks")).isPositive();
    assertThat(first.getInteger("unpublishedMarks"))
        .as("one mark per chart for November")
        .isEqualTo(Indicator.values().length);
    assertThat(first.getBoolean("synthetic")).isTrue();
    assertThat(first.getString("to")).as("the server's period").isEqualTo("2026-11");
    assertThat(first.getString("unpublished"))
        .startsWith("Nog niet gepubliceerd: 2026-11 (vanaf 3 december 2026)");
    assertThat(seen().getString("csvFile")).isEqualTo("koers-demo-indicators.csv");
  }

  @Test
  void switchingTheAgeBandChangesWhatIsDrawn() throws Exception {
    JsonObject all = seen().getJsonObject("first");
    JsonObject band = seen().getJsonObject("band1617");
    assertThat(all.getString("band")).isEqualTo("all");
    assertThat(band.getString("band")).isEqualTo("16-17");
    assertThat(band.getJsonArray("responseRate")).isNotEqualTo(all.getJsonArray("responseRate"));
    assertThat(band.getInteger("withData")).as("the band has its own data").isPositive();
  }

  @Test
  void theOrganisationTableOpensOnTheLatestPublishedMonthWithSuppressedCellsSaidSo()
      throws Exception {
    JsonObject first = seen().getJsonObject("first");
    assertThat(first.getString("organisationMonth")).isEqualTo("2026-10");
    assertThat(first.getString("organisationCaption")).endsWith("okt 2026");
    assertThat(first.getInteger("organisationValues")).as("organisations shown").isPositive();
    assertThat(first.getInteger("organisationsSuppressed"))
        .as("organisations hidden, as 'onderdrukt' (the demo's smallest has two professionals)")
        .isPositive();
  }

  @Test
  void theContinuityMonitorIsDrawnAsAChartAndATable() throws Exception {
    JsonObject continuity = seen().getJsonObject("first").getJsonObject("continuity");
    assertThat(continuity).as("the continuity chart").isNotNull();
    assertThat(continuity.getInteger("months")).isEqualTo(6);
    assertThat(continuity.getInteger("bars")).isEqualTo(6);
    assertThat(continuity.getJsonArray("series").getList())
        .containsExactly(
            "wordt 18",
            "geen vast contact",
            "geen toekomstplan",
            "geen besluit verlengde zorg",
            "geen warme overdracht");
    assertThat(continuity.getString("yTitle")).isEqualTo("aantal jongeren");
    assertThat(continuity.getInteger("tableRows")).isEqualTo(5);
    assertThat(continuity.getInteger("suppressedCells")).isPositive();
  }

  @Test
  void aSessionOutlivesItsAccessTokenAndAnEndedOneShowsTheSignInForm() throws Exception {
    assertThat(seen().getInteger("oldTokenAfterExpiry")).as("the token did expire").isEqualTo(401);
    JsonObject after = seen().getJsonObject("afterExpiry");
    assertThat(after.getBoolean("dashboardShown")).isTrue();
    assertThat(after.getBoolean("signInShown")).isFalse();
    assertThat(after.getInteger("charts")).isEqualTo(Indicator.values().length);
    assertThat(seen().getInteger("refreshes")).as("one silent refresh").isEqualTo(1);
    assertThat(seen().getBoolean("tokenChanged")).isTrue();

    JsonObject ended = seen().getJsonObject("ended");
    assertThat(ended.getBoolean("signInShown")).isTrue();
    assertThat(ended.getBoolean("dashboardHidden")).isTrue();
    assertThat(ended.getString("reason")).startsWith("Je sessie is afgelopen.");
  }

  @Test
  void theLanguageSwitchesToEnglishWithTheApiProblemsInEnglishToo() throws Exception {
    JsonObject english = seen().getJsonObject("english");
    assertThat(english.getString("lang")).isEqualTo("en");
    assertThat(english.getString("title")).isEqualTo("Koers · region indicators");
    JsonObject axis = english.getJsonArray("shareAxes").getJsonObject(0);
    assertThat(axis.getString("yTitle")).isEqualTo("share (%)");
    assertThat(axis.getJsonArray("xTickLabels").getList()).endsWith("Nov 2026");
    assertThat(english.getJsonObject("continuity").getJsonArray("series").getList())
        .startsWith("turns 18");
    assertThat(seen().getString("englishProblem"))
        .isEqualTo(
            "400: The period runs from a month to the same or a later month, at most 36 months.");
    assertThat(seen().getJsonArray("acceptLanguages").getList()).containsExactly("nl", "en");
    assertThat(seen().getJsonObject("defaultForEnglishBrowser").getString("signIn"))
        .as("an English browser opens it in English")
        .isEqualTo("Sign in");
  }

  private static JsonObject run(String base) throws IOException, InterruptedException {
    Process node =
        new ProcessBuilder("node", SCRIPT.toString(), base, "target")
            .redirectErrorStream(true)
            .start();
    boolean ended = node.waitFor(120, TimeUnit.SECONDS);
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      node.destroyForcibly();
    }
    assertThat(ended).as("the browser run ended: " + output).isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    String last = output.strip().lines().reduce((a, b) -> b).orElse("{}");
    Files.writeString(Path.of("target/dashboard-run.json"), last); // what was seen, to look at
    return new JsonObject(last);
  }
}
