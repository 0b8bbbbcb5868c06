package nl.koers.bench;

import static nl.koers.testing.Http.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import nl.koers.Main;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.mongo.MongoConnection;
import nl.koers.testing.CommandCount;
import nl.koers.testing.MutableClock;
import nl.koers.testing.RunningKoers;
import nl.koers.testing.TestKeys;
import org.bson.Document;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * What one request costs in MongoDB round trips, and what Koers's request rates are worth against
 * the raw reactive driver's on the same backend: the budget of issue 21 as a program that writes
 * {@code target/benchmarks/round-trips.md}. Round trips are counted with a driver command listener
 * on Koers's own client, for each operation of a phone session, including the background work the
 * operation causes (relay, dispatch); they do not depend on the machine's noise. Rates and
 * latencies do, so this is a program and not a test (the budget test asserts only counts).
 *
 * <p>By default it runs against the embedded stand-in (H2 in memory, the backend the table
 * was measured on); with {@code MONGODB_URI} set it runs against that MongoDB instead (a fresh
 * database, dropped at the end). Last, it starts Koers as its own process on the embedded default
 * (the shaded jar if built, else the classpath) for the time to ready and the idle RSS.
 *
 * <p>Run: {@code mvn -B -q -pl server test-compile exec:java
 * -Dexec.mainClass=nl.koers.bench.RoundTripBenchmark -Dexec.classpathScope=test}
 */
public final class RoundTripBenchmark {

  private static final Instant DAY = Instant.parse("2026-11-23T10:00:00Z");
  private static final int CONCURRENCY = 32;
  private static final Duration WARM_UP = Duration.ofSeconds(3);
  private static final Duration MEASURE = Duration.ofSeconds(8);
  private static final Duration IDLE = Duration.ofSeconds(10);
  private static final int REPEATS = 10;

  private final String uri;
  private final String database;
  private final CommandCount count;
  private final MutableClock clock = new MutableClock(DAY);
  private final List<String> lines = new ArrayList<>();

  private RunningKoers koers;
  private JsonObject sam;
  private JsonObject eva;
  private String samId;
  private String evaId;

  private RoundTripBenchmark(String uri, String database) {
    this.uri = uri;
    this.database = database;
    this.count = new CommandCount(database);
  }

  public static void main(String[] args) throws Exception {
    Path report =
        Path.of(
            args.length > 0 && !args[0].startsWith("--")
                ? args[0]
                : "target/benchmarks/round-trips.md");
    Optional<String> external =
        Optional.ofNullable(System.getenv(KoersConfig.MONGODB_URI)).filter(s -> !s.isBlank());
    MongoServer standIn = null;
    String uri;
    if (external.isPresent()) {
      uri = external.get().replaceAll("/[^/:?]*(\\?.*)?$", "");
    } else {
      standIn = new MongoServer(H2Backend.inMemory());
      standIn.bind(new InetSocketAddress("127.0.0.1", 0));
      uri = standIn.getConnectionString();
    }
    RoundTripBenchmark bench =
        new RoundTripBenchmark(uri, "koers_bench_" + System.currentTimeMillis());
    try (AutoCloseable listening = MongoConnection.listenWith(bench.count)) {
      bench.run(
          Arrays.asList(args).contains("--counts-only"),
          external.isPresent()
              ? "MongoDB at MONGODB_URI"
              : "the embedded stand-in (mongo-java-server, H2 in memory), in this JVM");
    } finally {
      if (standIn != null) {
        standIn.shutdownNow();
      }
    }
    boolean countsOnly = Arrays.asList(args).contains("--counts-only");
    if (countsOnly) {
      bench.lines.add("(--counts-only: no throughput, start or memory.)");
    } else if (external.isEmpty()) {
      bench.startAndMemory();
    } else {
      bench.lines.add("");
      bench.lines.add("Start time and idle RSS are measured on the embedded default only.");
    }
    String text = String.join("\n", bench.lines) + "\n";
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, text);
    System.out.println(text);
    System.out.println("Report: " + report.toAbsolutePath());
    System.exit(0); // the stand-in's and the driver's threads
  }

  private JsonObject settings(long backgroundMillis) {
    return new JsonObject()
        .put(KoersConfig.MONGODB_URI, uri)
        .put(KoersConfig.MONGODB_DATABASE, database)
        .put(KoersConfig.JWT_KEYS_FILE, TestKeys.file().toString())
        .put(KoersConfig.DATA_KEY_FILE, TestKeys.dataKeyFile().toString())
        .put(KoersConfig.DEV_MODE, true)
        .put(KoersConfig.RATE_LIMIT_PER_MINUTE, 100_000_000)
        .put(KoersConfig.NOTIFY_INTERVAL_MILLIS, backgroundMillis);
  }

  private void run(boolean countsOnly, String backend) throws Exception {
    lines.add("# Round trips and throughput per request");
    lines.add("");
    lines.add(
        "Measured "
            + Instant.now()
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + ", against "
            + backend
            + "; load average at the start "
            + loadAverage()
            + ".");
    lines.add("");
    // Counting: the background runs only when asked, so every command has a known cause.
    koers = RunningKoers.start(settings(Duration.ofHours(6).toMillis()), clock);
    koers.runBackgroundNow();
    signIn();
    roundTrips();
    koers.close();
    if (countsOnly) {
      return;
    }
    // Idle background and throughput: the background on its real (default) period.
    koers = RunningKoers.start(settings(1000), clock);
    signIn();
    idleBackground();
    throughput();
    koers.close();
  }

  private void signIn() {
    sam = koers.signInAs("sam");
    eva = koers.signInAs("pro-eva");
    samId = sam.getJsonObject("person").getString("id");
    evaId = eva.getJsonObject("person").getString("id");
  }

  // ---------------------------------------------------------------------------------------------
  // Round trips

  /** One operation of the session: the request, and what must be done before it (not counted). */
  private record Step(String name, String budget, Supplier<Runnable> prepared) {}

  private void roundTrips() {
    Map<String, Long> background = backgroundBaseline();
    List<Step> steps = session();
    lines.add("## MongoDB commands per request");
    lines.add("");
    lines.add(
        "Commands Koers's client sends for one request (mean of "
            + REPEATS
            + " after one warm-up), plus those of the background round that follows it (relay,"
            + " dispatch), less what an idle round costs ("
            + CommandCount.sum(background)
            + " commands). Handshakes are per connection and not counted.");
    lines.add("");
    lines.add("| operation | request | background it causes | in all | budget | commands |");
    lines.add("|---|---|---|---|---|---|");
    for (Step step : steps) {
      lines.add(measure(step, background));
    }
    lines.add("");
  }

  /** What a background round costs when nothing is due (the same every time), per command. */
  private Map<String, Long> backgroundBaseline() {
    Map<String, Long> lowest = null;
    for (int i = 0; i < 3; i++) {
      Map<String, Long> before = count.snapshot();
      koers.runBackgroundNow();
      Map<String, Long> round = count.since(before);
      if (lowest == null || CommandCount.sum(round) < CommandCount.sum(lowest)) {
        lowest = round;
      }
    }
    return lowest;
  }

  private String measure(Step step, Map<String, Long> background) {
    step.prepared().get().run(); // warm-up: caches filled as on any phone's second request
    koers.runBackgroundNow();
    long requests = 0;
    long caused = 0;
    Map<String, Long> all = new TreeMap<>();
    for (int i = 0; i < REPEATS; i++) {
      Runnable request = step.prepared().get();
      Map<String, Long> before = count.snapshot();
      request.run();
      pause(Duration.ofMillis(30)); // whatever the answer left to finish
      long inRequest = CommandCount.sum(count.since(before));
      koers.runBackgroundNow();
      Map<String, Long> delta = count.since(before);
      background.forEach((what, n) -> delta.merge(what, -n, Long::sum));
      delta.forEach((what, n) -> all.merge(what, n, Long::sum));
      requests += inRequest;
      caused += CommandCount.sum(delta) - inRequest;
    }
    double perRequest = requests / (double) REPEATS;
    double perBackground = caused / (double) REPEATS;
    StringBuilder kinds = new StringBuilder();
    all.forEach(
        (what, n) -> {
          double each = n / (double) REPEATS;
          if (Math.abs(each) >= 0.05) {
            kinds.append(kinds.isEmpty() ? "" : ", ").append(fmt(each)).append(" ").append(what);
          }
        });
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %s | %s | %s |",
        step.name(),
        fmt(perRequest),
        fmt(perBackground),
        fmt(perRequest + perBackground),
        step.budget(),
        kinds);
  }

  private List<Step> session() {
    String youth = "/v1/youth/" + samId;
    List<Step> steps = new ArrayList<>();
    steps.add(step("sign-in (`POST /v1/dev/session`)", "", () -> koers.signInAs("sam"), 200));
    steps.add(get("`GET /v1/me`", "≤ 1", sam, "/v1/me"));
    steps.add(get("`GET /v1/me/notifications`", "", sam, "/v1/me/notifications"));
    steps.add(get("`GET /v1/me/changes`", "", sam, "/v1/me/changes"));
    steps.add(get("`GET /v1/youth/{id}`", "≤ 2 + log", sam, youth));
    steps.add(get("`GET /v1/youth/{id}/plan`", "≤ 2 + log", sam, youth + "/plan"));
    steps.add(get("`GET /v1/youth/{id}/feedback/requests`", "", sam, youth + "/feedback/requests"));
    steps.add(
        get(
            "`GET /v1/youth/{id}/conversations/{p}/messages`",
            "",
            sam,
            youth + "/conversations/" + evaId + "/messages"));
    steps.add(
        new Step(
            "`POST /v1/youth/{id}/contact-moments` (relay, dispatch)",
            "≤ 5",
            () -> {
              String key = UUID.randomUUID().toString();
              return () ->
                  expect(
                      201,
                      koers.post(
                          eva,
                          youth + "/contact-moments",
                          new JsonObject().put("kind", "PHONE"),
                          Map.of("Idempotency-Key", key)));
            }));
    steps.add(
        new Step(
            "`PATCH /v1/youth/{id}/plan/domains/{d}`",
            "≤ 5",
            () -> {
              String etag = koers.get(sam, youth + "/plan").getHeader("ETag");
              JsonObject domain =
                  new JsonObject()
                      .put("situation", "Pleeggezin " + UUID.randomUUID())
                      .put("visibleTo", new io.vertx.core.json.JsonArray().add("CASE_COORDINATOR"));
              return () ->
                  expect(
                      200,
                      koers.patch(
                          sam, youth + "/plan/domains/wonen", domain, Map.of("If-Match", etag)));
            }));
    steps.add(
        new Step(
            "`POST /v1/youth/{id}/feedback` (pulse answer)",
            "≤ 5",
            () -> {
              String request = openFeedbackRequest(youth);
              return () -> expect(201, koers.post(sam, youth + "/feedback", pulseAnswer(request)));
            }));
    steps.add(
        new Step(
            "`POST /v1/youth/{id}/conversations/{p}/messages`",
            "≤ 5",
            () ->
                () ->
                    expect(
                        201,
                        koers.post(
                            sam,
                            youth + "/conversations/" + evaId + "/messages",
                            new JsonObject().put("text", "Hoi!")))));
    return steps;
  }

  private Step get(String name, String budget, JsonObject session, String path) {
    return step(name, budget, () -> koers.get(session, path), 200);
  }

  private static Step step(
      String name, String budget, Supplier<Object> request, int expectedStatus) {
    return new Step(
        name,
        budget,
        () ->
            () -> {
              Object answer = request.get();
              if (answer instanceof HttpResponse<?> response) {
                expect(expectedStatus, response);
              }
            });
  }

  private String openFeedbackRequest(String youth) {
    expect(
        201,
        koers.post(eva, youth + "/contact-moments", new JsonObject().put("kind", "CONVERSATION")));
    koers.runBackgroundNow();
    JsonObject open = koers.get(sam, youth + "/feedback/requests").bodyAsJsonObject();
    return open.getJsonArray("items").getJsonObject(0).getString("id");
  }

  private static JsonObject pulseAnswer(String requestId) {
    io.vertx.core.json.JsonArray answers = new io.vertx.core.json.JsonArray();
    for (String item : List.of("heard", "my-goals", "approach", "overall")) {
      answers.add(new JsonObject().put("itemId", item).put("valueInteger", 4));
    }
    return new JsonObject()
        .put("feedbackRequestId", requestId)
        .put("answers", answers)
        .put("sharing", "REGION_ONLY");
  }

  private static void expect(int status, HttpResponse<?> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          "expected " + status + ", got " + response.statusCode() + ": " + response.bodyAsString());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Idle background

  private void idleBackground() {
    pause(Duration.ofSeconds(3)); // the start-up runs of every job
    Map<String, Long> before = count.snapshot();
    long start = System.nanoTime();
    pause(IDLE);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> idle = count.since(before);
    lines.add("## Idle background");
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT,
            "Nothing due, no requests, the default periods, %.1f s: **%.1f commands per second**"
                + " (%s).",
            seconds,
            CommandCount.sum(idle) / seconds,
            describe(idle, seconds)));
    lines.add("");
  }

  private static String describe(Map<String, Long> counts, double per) {
    StringBuilder text = new StringBuilder();
    counts.forEach(
        (what, n) ->
            text.append(text.isEmpty() ? "" : ", ").append(fmt(n / per)).append(" ").append(what));
    return text.isEmpty() ? "none" : text.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Throughput

  private record Rate(String name, long done, long failed, double seconds, long[] nanos) {
    double perSecond() {
      return done / seconds;
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %.0f | %.2f | %.2f | %d |",
          name,
          perSecond(),
          percentile(nanos, 0.5) / 1e6,
          percentile(nanos, 0.99) / 1e6,
          failed);
    }
  }

  private void throughput() throws Exception {
    MongoClient raw =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .writeConcern(WriteConcern.MAJORITY)
                .build());
    MongoCollection<Document> scratch = raw.getDatabase(database).getCollection("benchRaw");
    MongoCollection<Document> youth = raw.getDatabase(database).getCollection("youth");
    Vertx vertx = Vertx.vertx();
    WebClient web =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(koers.app.port())
                .setKeepAlive(true),
            new io.vertx.core.http.PoolOptions().setHttp1MaxSize(CONCURRENCY));
    String youthPath = "/v1/youth/" + samId;
    Rate insert =
        load(
            "driver `insertOne` (a contact-moment-sized document)",
            () ->
                publish(
                    scratch.insertOne(
                        new Document("_id", UUID.randomUUID().toString())
                            .append("youthId", samId)
                            .append("kind", "PHONE")
                            .append("by", evaId)
                            .append("at", new Date()))));
    Rate write =
        load(
            "Koers `POST /v1/youth/{id}/contact-moments`",
            () ->
                http(
                    web.post(youthPath + "/contact-moments")
                        .bearerTokenAuthentication(eva.getString("accessToken"))
                        .putHeader("Idempotency-Key", UUID.randomUUID().toString()),
                    new JsonObject().put("kind", "PHONE"),
                    201));
    Rate find =
        load(
            "driver `find(_id).first()` (the young person's document)",
            () -> publish(youth.find(new Document("_id", samId)).first()));
    Rate read =
        load(
            "Koers `GET /v1/youth/{id}`",
            () ->
                http(
                    web.get(youthPath).bearerTokenAuthentication(sam.getString("accessToken")),
                    null,
                    200));
    web.close();
    await(vertx.close());
    raw.getDatabase(database).drop();
    raw.close();
    lines.add("## Throughput, one run, one backend");
    lines.add("");
    lines.add(
        "Closed loop, "
            + CONCURRENCY
            + " requests in flight, "
            + WARM_UP.toSeconds()
            + " s warm-up then "
            + MEASURE.toSeconds()
            + " s measured, client in the same JVM; the background on its default period.");
    lines.add("");
    lines.add("| work | per second | p50 ms | p99 ms | failed |");
    lines.add("|---|---|---|---|---|");
    for (Rate rate : List.of(insert, write, find, read)) {
      lines.add(rate.row());
    }
    lines.add("");
    double writes = write.perSecond() / insert.perSecond();
    double reads = read.perSecond() / find.perSecond();
    lines.add(
        String.format(
            Locale.ROOT,
            "Ratios: writes **%.2f×** the driver's insert rate (target ≥ 0.6×, %s); reads of a"
                + " young person **%.2f×** the driver's find rate (target ≥ 0.7×, %s).",
            writes,
            writes >= 0.6 ? "met" : "MISSED",
            reads,
            reads >= 0.7 ? "met" : "MISSED"));
    lines.add("");
  }

  private Rate load(String name, Supplier<CompletionStage<?>> op) throws InterruptedException {
    AtomicBoolean recording = new AtomicBoolean(false);
    AtomicLong failed = new AtomicLong();
    long[][] perWorker = new long[CONCURRENCY][];
    int[] sizes = new int[CONCURRENCY];
    long warmEnd = System.nanoTime() + WARM_UP.toNanos();
    long end = warmEnd + MEASURE.toNanos();
    CountDownLatch finished = new CountDownLatch(CONCURRENCY);
    for (int w = 0; w < CONCURRENCY; w++) {
      int worker = w;
      perWorker[w] = new long[1024];
      new Object() {
        void next() {
          long start = System.nanoTime();
          if (start >= end) {
            finished.countDown();
            return;
          }
          op.get()
              .whenComplete(
                  (ok, error) -> {
                    long took = System.nanoTime() - start;
                    if (start >= warmEnd) {
                      recording.set(true);
                      if (error != null) {
                        failed.incrementAndGet();
                      } else {
                        if (sizes[worker] == perWorker[worker].length) {
                          perWorker[worker] = Arrays.copyOf(perWorker[worker], sizes[worker] * 2);
                        }
                        perWorker[worker][sizes[worker]++] = took;
                      }
                    }
                    next();
                  });
        }
      }.next();
    }
    if (!finished.await(MEASURE.plus(WARM_UP).toSeconds() + 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + ": requests did not finish");
    }
    long[] all = new long[Arrays.stream(sizes).sum()];
    int at = 0;
    for (int w = 0; w < CONCURRENCY; w++) {
      System.arraycopy(perWorker[w], 0, all, at, sizes[w]);
      at += sizes[w];
    }
    System.out.printf(Locale.ROOT, "%s: %.0f/s%n", name, all.length / (double) MEASURE.toSeconds());
    return new Rate(name, all.length, failed.get(), MEASURE.toNanos() / 1e9, all);
  }

  private static CompletionStage<?> http(HttpRequest<Buffer> request, JsonObject body, int status) {
    return (body == null ? request.send() : request.sendJsonObject(body))
        .toCompletionStage()
        .thenApply(
            (HttpResponse<Buffer> response) -> {
              if (response.statusCode() != status) {
                throw new IllegalStateException("answered " + response.statusCode());
              }
              return response;
            });
  }

  private static <T> CompletionStage<T> publish(Publisher<T> publisher) {
    CompletableFuture<T> result = new CompletableFuture<>();
    publisher.subscribe(
        new Subscriber<T>() {
          private T first;

          @Override
          public void onSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(T item) {
            first = first == null ? item : first;
          }

          @Override
          public void onError(Throwable failure) {
            result.completeExceptionally(failure);
          }

          @Override
          public void onComplete() {
            result.complete(first);
          }
        });
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Start and memory

  private void startAndMemory() throws Exception {
    Path jar =
        Files.isDirectory(Path.of("server", "target"))
            ? Path.of("server", "target", "koers-server.jar").toAbsolutePath()
            : Path.of("target", "koers-server.jar").toAbsolutePath();
    Path dir = Files.createTempDirectory("koers-start");
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String how;
    if (Files.isRegularFile(jar)) {
      command.addAll(List.of("-jar", jar.toString()));
      how = "`java -jar target/koers-server.jar`";
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
      how = "`java -cp <test classpath> nl.koers.Main` (no shaded jar built: `mvn package` first)";
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("koers.log").toFile());
    builder.environment().remove(KoersConfig.MONGODB_URI);
    builder.environment().put(KoersConfig.DATA_DIR, dir.resolve("data").toString());
    builder.environment().put(KoersConfig.HTTP_HOST, "127.0.0.1");
    builder.environment().put(KoersConfig.HTTP_PORT, Integer.toString(port));
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      waitUntilReady(process, URI.create("http://127.0.0.1:" + port + "/health/ready"));
      double ready = (System.nanoTime() - started) / 1e9;
      pause(IDLE);
      long rssKb = rssKb(process.pid());
      lines.add("## Start and memory");
      lines.add("");
      lines.add(
          String.format(
              Locale.ROOT,
              "%s on the embedded default (a fresh data directory, dev mode, default JVM"
                  + " options): **%.2f s** to `/health/ready` 200 (target ≤ 3 s, %s); idle RSS"
                  + " after %d s: **%d MB** (target ≤ 300 MB, %s).",
              how,
              ready,
              ready <= 3 ? "met" : "MISSED",
              IDLE.toSeconds(),
              rssKb / 1024,
              rssKb / 1024 <= 300 ? "met" : "MISSED"));
      lines.add("");
    } finally {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
  }

  private static void waitUntilReady(Process process, URI ready) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Koers exited with " + process.exitValue());
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) ready.toURL().openConnection();
        connection.setConnectTimeout(200);
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      pause(Duration.ofMillis(20));
    }
    throw new IllegalStateException("Koers not ready in time");
  }

  private static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", ""));
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** The machine's one-minute load average: rates mean little on a busy machine. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double percentile(long[] nanos, double p) {
    if (nanos.length == 0) {
      return 0;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static String fmt(double n) {
    return String.format(Locale.ROOT, "%.1f", n);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
