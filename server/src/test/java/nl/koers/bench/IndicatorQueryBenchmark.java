package nl.koers.bench;

import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import nl.koers.insights.Facts;
import nl.koers.insights.Indicator;
import nl.koers.insights.Insights;
import nl.koers.insights.Publication;
import nl.koers.insights.PublishedIndicators;
import nl.koers.insights.Rollups;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * The indicator query against rollups kept up to date as answers come in (the closed months as
 * frozen at their first publication), compared with a naive aggregation over the raw answers. Loads
 * N synthetic pulse answers (default 1,000,000) into the in-memory MongoDB stand-in, or a real
 * MongoDB when MONGODB_URI is set (give the JVM the heap: about 5 KB per document in the stand-in,
 * e.g. -Xmx12g). Writes a report; a program, not a test.
 *
 * <p>Run (on a fresh clone too): {@code MAVEN_OPTS=-Xmx16g mvn -B -q -pl server -am -Pbench test
 * -DskipTests -Dbench=IndicatorQueryBenchmark -Dbench.args=1000000}
 */
public final class IndicatorQueryBenchmark {

  private static final List<String> REGIONS = List.of("demo", "noord", "zuid", "oost", "west");
  private static final List<String> ORGANISATIONS = List.of("org-a", "org-b", "org-c", "org-d");
  private static final List<String> ITEMS = List.of("heard", "my-goals", "approach", "overall");

  public static void main(String[] args) throws Exception {
    int answers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path report = Path.of(args.length > 1 ? args[1] : "target/benchmarks/indicator-query.md");
    Vertx vertx = Vertx.vertx();
    MongoServer server = null;
    String uri = System.getenv("MONGODB_URI");
    if (uri == null) {
      server = new MongoServer(new MemoryBackend());
      uri = server.bindAndGetConnectionString();
    }
    var client = MongoClients.create(uri);
    Mongo mongo = new Mongo(vertx, client, "koers-bench", Mongo.Durability.NONE);
    try {
      Rollups rollups = new Rollups(mongo);
      long loadStart = System.nanoTime();
      load(mongo, rollups, answers);
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      // December 2026, after the 3rd: every loaded month (2026-01..11) is closed and published.
      PublishedIndicators publications =
          new PublishedIndicators(
              mongo, Clock.fixed(Instant.parse("2026-12-10T12:00:00Z"), ZoneOffset.UTC));
      YearMonth from = YearMonth.of(2025, 12);
      YearMonth to = YearMonth.of(2026, 11);
      long firstStart = System.nanoTime();
      await(publications.report("demo", from, to));
      double firstMs = (System.nanoTime() - firstStart) / 1e6;

      List<Long> rollupTimes = new ArrayList<>();
      List<Long> naiveTimes = new ArrayList<>();
      long published = 0;
      for (int round = 0; round < 7; round++) {
        long start = System.nanoTime();
        Insights.Report answer = await(publications.report("demo", from, to));
        published = answer.region().size() + answer.allRegions().size();
        rollupTimes.add(System.nanoTime() - start);
        start = System.nanoTime();
        await(naive(mongo));
        naiveTimes.add(System.nanoTime() - start);
      }
      double rollupMs = median(rollupTimes) / 1e6;
      double naiveMs = median(naiveTimes) / 1e6;
      String text =
          String.format(
              "# Indicator query: rollups against a naive aggregation%n%n"
                  + "- backend: %s%n- answers loaded: %,d (with their rollup updates) in %.0f s "
                  + "(raw answers written: %.0f s, rollup facts: %.0f s)%n"
                  + "- query: region demo, 12 months, every indicator, per band and "
                  + "organisation, with the all-regions comparison, suppression applied "
                  + "(%d cells)%n"
                  + "- first query, which publishes the 12 closed months (copies every region's "
                  + "rollups once): %.1f ms%n"
                  + "- query from the published copies, median of 7: **%.1f ms** "
                  + "(goal: under 200 ms)%n"
                  + "- naive aggregation over the raw answers ($match region + $group by month, "
                  + "band, item), median of 7: **%.1f ms**%n"
                  + "- ratio: **%.0f×** (goal: at least 20×)%n",
              server == null ? "MongoDB at MONGODB_URI" : "mongo-java-server (memory backend)",
              answers,
              loadSeconds,
              RAW_NANOS[0] / 1e9,
              FACT_NANOS[0] / 1e9,
              published,
              firstMs,
              rollupMs,
              naiveMs,
              naiveMs / rollupMs);
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(report, text);
      System.out.println(text);
    } finally {
      client.close();
      if (server != null) {
        server.shutdownNow();
      }
      vertx.close();
    }
  }

  /** Where the load's time went: writing the raw answers, and counting them into the rollups. */
  private static final long[] RAW_NANOS = {0};

  private static final long[] FACT_NANOS = {0};

  /** How many answers are generated, written and counted together. */
  private static final int CHUNK = 250_000;

  /** How many raw answers one insertMany carries; a chunk's batches are all in flight at once. */
  private static final int BATCH = 10_000;

  /** How many professionals the answers are attributed to, per cell. */
  private static final int CONTRIBUTORS = 7;

  /**
   * Raw answers in big unordered batches, several in flight, and the same answers counted into the
   * rollups as facts: one fact per cell, professional and chunk, as the relay would count a batch
   * of answers. Counting a chunk at once (not every thousand answers) is what makes 1M answers load
   * in a few minutes instead of a quarter of an hour: the rollups are few, large documents, and
   * each fact rewrites one.
   */
  private static void load(Mongo mongo, Rollups rollups, int answers) throws Exception {
    Random random = new Random(42);
    for (int start = 0; start < answers; start += CHUNK) {
      int end = Math.min(answers, start + CHUNK);
      List<Document> raw = new ArrayList<>(end - start);
      Map<String, Map<String, Long>> counters = new java.util.HashMap<>();
      for (int i = start; i < end; i++) {
        raw.add(answer(random, i, counters));
      }
      List<Future<?>> written = new ArrayList<>();
      for (int from = 0; from < raw.size(); from += BATCH) {
        written.add(
            mongo.write(
                mongo
                    .collection("answers")
                    .insertMany(
                        raw.subList(from, Math.min(raw.size(), from + BATCH)),
                        new InsertManyOptions().ordered(false))));
      }
      long writing = System.nanoTime();
      await(Future.all(written));
      long counting = System.nanoTime();
      await(Future.all(facts(rollups, start, counters)));
      RAW_NANOS[0] += counting - writing;
      FACT_NANOS[0] += System.nanoTime() - counting;
    }
  }

  /** One synthetic answer, counted into its cell's (and professional's) counters. */
  private static Document answer(Random random, int i, Map<String, Map<String, Long>> counters) {
    String region = REGIONS.get(random.nextInt(REGIONS.size()));
    String month = "2026-" + String.format("%02d", 1 + random.nextInt(11));
    String band = Publication.BANDS.get(random.nextInt(3));
    Document answer =
        new Document("_id", "a" + i)
            .append("regionId", region)
            .append("month", month)
            .append("band", band)
            .append("kind", "PULSE");
    List<Document> values = new ArrayList<>();
    for (String item : ITEMS) {
      values.add(new Document("itemId", item).append("value", 1 + random.nextInt(5)));
    }
    String organisation = ORGANISATIONS.get(random.nextInt(ORGANISATIONS.size()));
    String cell =
        region + "|" + month + "|YOUTH|" + band + "|" + organisation + "|" + (i % CONTRIBUTORS);
    Map<String, Long> c = counters.computeIfAbsent(cell, k -> new java.util.HashMap<>());
    c.merge("n", 1L, Long::sum);
    for (Document v : values) {
      long value = v.getInteger("value");
      c.merge("count:" + v.getString("itemId"), 1L, Long::sum);
      c.merge("sum:" + v.getString("itemId"), value, Long::sum);
      c.merge("dist:" + v.getString("itemId") + ":" + value, 1L, Long::sum);
    }
    return answer.append("answers", values);
  }

  private static List<Future<Void>> facts(
      Rollups rollups, int chunk, Map<String, Map<String, Long>> counters) {
    List<Future<Void>> applied = new ArrayList<>();
    int f = 0;
    for (Map.Entry<String, Map<String, Long>> cell : counters.entrySet()) {
      String[] key = cell.getKey().split("\\|");
      applied.add(
          rollups.apply(
              Facts.fact(
                  "bench-" + chunk + "-" + f++,
                  key[0],
                  key[1],
                  Facts.Audience.YOUTH,
                  key[3],
                  Indicator.PULSE_SCORE.id(),
                  cell.getValue(),
                  Optional.empty()),
              Optional.of(new Rollups.Attribution(key[4], "bench-professional-" + key[5]))));
    }
    return applied;
  }

  private static Future<List<Document>> naive(Mongo mongo) {
    return mongo.list(
        mongo
            .collection("answers")
            .aggregate(
                Arrays.asList(
                    new Document(
                        "$match",
                        new Document("regionId", "demo")
                            .append(
                                "month",
                                new Document("$gte", "2025-12").append("$lte", "2026-11"))),
                    new Document("$unwind", "$answers"),
                    new Document(
                        "$group",
                        new Document(
                                "_id",
                                new Document("month", "$month")
                                    .append("band", "$band")
                                    .append("item", "$answers.itemId")
                                    .append("value", "$answers.value"))
                            .append("count", new Document("$sum", 1))))));
  }

  private static double median(List<Long> times) {
    List<Long> sorted = new ArrayList<>(times);
    sorted.sort(Long::compare);
    return sorted.get(sorted.size() / 2);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  private IndicatorQueryBenchmark() {}
}
