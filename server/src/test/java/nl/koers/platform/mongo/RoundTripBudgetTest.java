package nl.koers.platform.mongo;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.CommandCount;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The round-trip budget of the most frequent requests, counted with a driver command listener on
 * the server's own client (counts do not depend on the machine's speed, so this is a test, not a
 * benchmark): what a phone asks most often must stay cheap, and access-log lines of requests at the
 * same moment share one insert without one line being lost. The rates are in {@code
 * nl.koers.bench.RoundTripBenchmark}.
 */
class RoundTripBudgetTest extends KoersApiTest {

  private static volatile String counted = "";
  private static final CommandCount COUNT = new CommandCount(db -> db.equals(counted));

  /** Registered before the first server of this class starts, so its client reports to it. */
  private static final AutoCloseable LISTENING = MongoConnection.listenWith(COUNT);

  /** The background runs only when a test asks, so every command counted is the request's. */
  @Override
  protected JsonObject settings() {
    return RunningKoers.devMode(backend, database)
        .put(KoersConfig.NOTIFY_INTERVAL_MILLIS, Duration.ofHours(6).toMillis());
  }

  @BeforeEach
  void countThisDatabase() {
    counted = database;
  }

  @AfterAll
  static void stopListening() throws Exception {
    LISTENING.close();
  }

  private Map<String, Long> commandsOf(Runnable request) {
    request.run(); // the second request of a phone, as every one after it: caches are warm
    Map<String, Long> before = COUNT.snapshot();
    request.run();
    return COUNT.since(before);
  }

  @Test
  void askingWhoIAmCostsOneReadWithTheCirclesJoinedOn() {
    JsonObject sam = koers.signInAs("sam");

    Map<String, Long> commands =
        commandsOf(() -> assertThat(koers.get(sam, "/v1/me").statusCode()).isEqualTo(200));

    assertThat(commands).isEqualTo(Map.of("aggregate persons", 1L));
  }

  @Test
  void readingAYoungPersonsProfileCostsTwoReadsAndItsAccessLogLine() {
    JsonObject sam = koers.signInAs("sam");
    String path = "/v1/youth/" + koers.idOf("sam");

    Map<String, Long> commands =
        commandsOf(() -> assertThat(koers.get(sam, path).statusCode()).isEqualTo(200));

    assertThat(commands)
        .isEqualTo(Map.of("find persons", 1L, "find youth", 1L, "insert accessLog", 1L));
  }

  @Test
  void readingAPlanIsOneFindEvenBeforeAnyoneWroteInIt() {
    JsonObject sam = koers.signInAs("sam");
    String path = "/v1/youth/" + koers.idOf("sam") + "/plan";

    Map<String, Long> commands =
        commandsOf(() -> assertThat(koers.get(sam, path).statusCode()).isEqualTo(200));

    assertThat(commands)
        .isEqualTo(Map.of("find plans", 1L, "find youth", 1L, "insert accessLog", 1L));
  }

  @Test
  void loggingAContactMomentStoresTheRequestWithItsIntentInOneCommand() {
    JsonObject eva = koers.signInAs("pro-eva");
    String path = "/v1/youth/" + koers.idOf("sam") + "/contact-moments";
    Runnable logOne =
        () ->
            assertThat(
                    koers
                        .post(
                            eva,
                            path,
                            new JsonObject().put("kind", "CONVERSATION"),
                            Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                        .statusCode())
                .isEqualTo(201);

    Map<String, Long> commands = commandsOf(logOne);

    // The idempotency claim and its answer, the grant, the request with its notification intent
    // (one upsert), the access-log line; the region's latest pulse is known (read once per
    // freshness).
    assertThat(commands)
        .isEqualTo(
            Map.of(
                "insert idempotency", 1L,
                "find youth", 1L,
                "findAndModify feedback", 1L,
                "insert accessLog", 1L,
                "update idempotency", 1L));
  }

  @Test
  void answeringAPulseReadsTheRequestAndStoresTheAnswerWithItsNoticesInOneCommand() {
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject sam = koers.signInAs("sam");
    String samId = sam.getJsonObject("person").getString("id");
    String first = nl.koers.feedback.FeedbackTesting.logConversation(koers, eva, samId);
    String second = nl.koers.feedback.FeedbackTesting.logConversation(koers, eva, samId);
    Function<String, Runnable> answer =
        request ->
            () ->
                assertThat(
                        koers
                            .post(
                                sam,
                                "/v1/youth/" + samId + "/feedback",
                                nl.koers.feedback.FeedbackTesting.pulseAnswer(
                                    request, 4, "SHARE_WITH_PROFESSIONAL"),
                                Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                            .statusCode())
                    .isEqualTo(201);
    answer.apply(first).run(); // caches warm, as for every answer after a phone's first

    Map<String, Long> before = COUNT.snapshot();
    answer.apply(second).run();
    Map<String, Long> commands = COUNT.since(before);

    // The idempotency claim and its answer, the grant, the open request, sam's data key to seal
    // with, the answer with its consent line, facts and notices (one update that answers the
    // document after it), the access-log line.
    assertThat(commands)
        .isEqualTo(
            Map.of(
                "insert idempotency", 1L,
                "find youth", 1L,
                "find feedback", 1L,
                "findAndModify dataKeys", 1L,
                "findAndModify feedback", 1L,
                "insert accessLog", 1L,
                "update idempotency", 1L));
  }

  @Test
  void linesOfReadsAtTheSameMomentShareAnInsertAndEveryAnsweredReadHasItsLine() {
    JsonObject eva = koers.signInAs("pro-eva");
    String samId = koers.idOf("sam");
    koers.get(eva, "/v1/youth/" + samId); // warm
    long linesBefore = accessLines(samId);
    Map<String, Long> before = COUNT.snapshot();

    List<Future<HttpResponse<Buffer>>> reads = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      reads.add(
          koers
              .client
              .get("/v1/youth/" + samId)
              .bearerTokenAuthentication(eva.getString("accessToken"))
              .send());
    }
    await(Future.all(reads));

    assertThat(reads).allSatisfy(read -> assertThat(read.result().statusCode()).isEqualTo(200));
    // Durable before the answer: by the time the last read was answered, all 40 lines are stored.
    assertThat(accessLines(samId) - linesBefore).isEqualTo(40);
    assertThat(COUNT.since(before).getOrDefault("insert accessLog", 0L)).isLessThan(40);
  }

  @Test
  void aMemberWhoseAccessEndedIsRefusedOnTheNextRead() {
    JsonObject marco = koers.signInAs("marco");
    String samId = koers.idOf("sam");
    assertThat(koers.get(marco, "/v1/youth/" + samId).statusCode()).isEqualTo(200);

    JsonObject eva = koers.signInAs("pro-eva");
    String relation =
        koers
            .get(eva, "/v1/youth/" + samId + "/circle")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(m -> m.getJsonObject("person").getString("id").equals(koers.idOf("marco")))
            .findFirst()
            .orElseThrow()
            .getString("id");
    assertThat(
            koers
                .post(eva, "/v1/youth/" + samId + "/circle/" + relation + "/end", null)
                .statusCode())
        .isEqualTo(200);

    assertThat(koers.get(marco, "/v1/youth/" + samId).statusCode()).isEqualTo(404);
    assertThat(koers.get(marco, "/v1/me").bodyAsJsonObject().getJsonArray("circles").encode())
        .doesNotContain(samId);
  }

  private long accessLines(String youthId) {
    return await(
        mongo.first(mongo.collection("accessLog").countDocuments(Filters.eq("youthId", youthId))));
  }
}
