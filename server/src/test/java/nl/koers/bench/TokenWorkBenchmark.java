package nl.koers.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.koers.identity.AccessTokens;
import nl.koers.identity.SigningKeys;

/**
 * How much CPU the token work of one request costs on this machine: verifying a token seen before
 * (the cache every request after the first hits), verifying a new one (RS256 signature), and
 * signing one (sign-in and refresh only, off the event loop). Writes a report; it is a program, not
 * a test, because these machines are shared and noisy.
 *
 * <p>Run: {@code mvn -B -q -pl server test-compile exec:java
 * -Dexec.mainClass=nl.koers.bench.TokenWorkBenchmark -Dexec.classpathScope=test}
 */
public final class TokenWorkBenchmark {

  private static final double GOAL_MICROS = 100.0;

  public static void main(String[] args) throws Exception {
    Path report = Path.of(args.length > 0 ? args[0] : "target/benchmarks/token-work.md");
    Clock clock = Clock.systemUTC();
    SigningKeys keys =
        SigningKeys.parse(
            new JsonObject().put("keys", new JsonArray().add(SigningKeys.newKey(Instant.now()))));
    AccessTokens issuer = new AccessTokens(keys, clock, "koers", "koers-app");

    int fresh = 2_000;
    List<String> tokens = new ArrayList<>(fresh);
    long[] signing = new long[fresh];
    for (int i = 0; i < fresh; i++) {
      long start = System.nanoTime();
      tokens.add(issuer.issue("person-" + i, "session-" + i));
      signing[i] = System.nanoTime() - start;
    }

    AccessTokens verifier = new AccessTokens(keys, clock, "koers", "koers-app");
    long[] firstSight = new long[fresh];
    for (int i = 0; i < fresh; i++) {
      long start = System.nanoTime();
      require(verifier.verify(tokens.get(i)).isPresent());
      firstSight[i] = System.nanoTime() - start;
    }

    int repeats = 200_000;
    // Warm-up, then measure: a phone sends the same token for up to ten minutes.
    for (int i = 0; i < repeats; i++) {
      verifier.verify(tokens.get(i % 100));
    }
    long[] cached = new long[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      require(verifier.verify(tokens.get(i % 100)).isPresent());
      cached[i] = System.nanoTime() - start;
    }

    String text =
        String.join(
            "\n",
            "# Token work per request",
            "",
            "Measured "
                + Instant.now()
                + " on "
                + Runtime.getRuntime().availableProcessors()
                + " cores, "
                + System.getProperty("java.vm.name")
                + " "
                + System.getProperty("java.version")
                + ".",
            "Goal: the token work of an ordinary request (a token seen before) well under "
                + GOAL_MICROS
                + " µs on the event loop.",
            "",
            "| work | samples | median µs | p99 µs | mean µs |",
            "|---|---|---|---|---|",
            row("verify, token seen before (cache)", cached),
            row("verify, first sight (RS256 signature)", firstSight),
            row("sign (sign-in / refresh, worker thread)", signing),
            "",
            "Verdict: cached verification p99 "
                + (percentile(cached, 0.99) / 1000.0 < GOAL_MICROS ? "meets" : "MISSES")
                + " the goal; a first sight costs one RS256 verification per token and phone.",
            "");
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, text);
    System.out.println(text);
    System.out.println("Report: " + report.toAbsolutePath());
  }

  private static String row(String what, long[] nanos) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.2f | %.2f | %.2f |",
        what,
        nanos.length,
        percentile(nanos, 0.5) / 1000.0,
        percentile(nanos, 0.99) / 1000.0,
        Arrays.stream(nanos).average().orElse(0) / 1000.0);
  }

  private static double percentile(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void require(boolean verified) {
    if (!verified) {
      throw new IllegalStateException("a token we issued did not verify");
    }
  }
}
