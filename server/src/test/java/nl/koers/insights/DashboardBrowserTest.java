package nl.koers.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in headless Chromium (Debian's, driven by playwright-core): the analyst signs in,
 * the charts draw the synthetic demo year, suppressed months are marked, the month still open (the
 * server's clock: 23 November 2026) is shown as not published, the CSV downloads.
 */
class DashboardBrowserTest extends KoersApiTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCRIPT = Path.of("src/test/browser/dashboard.e2e.mjs");

  @Test
  void theAnalystSeesChartsWithDataAndSuppressedMonthsMarked() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed here");
    assertThat(Path.of("node_modules/playwright-core"))
        .as("playwright-core (npm ci in server/)")
        .exists();

    JsonObject seen = run("http://127.0.0.1:" + koers.app.port());

    assertThat(seen.getJsonArray("errors")).isEmpty();
    assertThat(seen.getInteger("charts")).isEqualTo(Indicator.values().length);
    assertThat(seen.getInteger("withData")).isGreaterThanOrEqualTo(8);
    assertThat(seen.getInteger("pulsePoints")).isGreaterThanOrEqualTo(10);
    assertThat(seen.getString("pulseLine")).contains("L");
    assertThat(seen.getInteger("suppressedMarks")).isPositive();
    assertThat(seen.getInteger("organisationValues")).as("organisations shown").isPositive();
    assertThat(seen.getInteger("organisationsSuppressed"))
        .as("organisations hidden (the demo's smallest has two professionals)")
        .isPositive();
    assertThat(seen.getBoolean("synthetic")).isTrue();
    assertThat(seen.getString("to")).as("the server's period").isEqualTo("2026-11");
    assertThat(seen.getString("unpublished"))
        .startsWith("Nog niet gepubliceerd: 2026-11 (vanaf 3 december 2026)");
    assertThat(seen.getInteger("unpublishedMarks"))
        .as("one mark per chart for November")
        .isEqualTo(Indicator.values().length);
    assertThat(seen.getString("csvFile")).isEqualTo("koers-demo-indicators.csv");
  }

  private static JsonObject run(String base) throws IOException, InterruptedException {
    Process node =
        new ProcessBuilder("node", SCRIPT.toString(), base).redirectErrorStream(true).start();
    boolean ended = node.waitFor(90, TimeUnit.SECONDS);
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      node.destroyForcibly();
    }
    assertThat(ended).as("the browser run ended: " + output).isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    String last = output.strip().lines().reduce((a, b) -> b).orElse("{}");
    return new JsonObject(last);
  }
}
