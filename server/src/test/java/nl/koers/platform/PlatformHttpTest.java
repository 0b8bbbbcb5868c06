package nl.koers.platform;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.mongo.Expiry;
import nl.koers.testing.MongoTest;
import nl.koers.testing.MutableClock;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform pieces as a client meets them: over HTTP, through the production router. */
class PlatformHttpTest extends MongoTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private WebClient client;
  private FieldCipher cipher;

  @BeforeEach
  void startServer(Vertx vertx, @TempDir Path keys) throws IOException {
    cipher = FieldCipher.load(keys.resolve("data-key.json"), true);
    int port = await(new NotesTestApi(mongo, cipher, clock).serve(vertx, 10_000)).actualPort();
    client =
        WebClient.create(
            vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  private HttpResponse<Buffer> createNote(String key, JsonObject body) {
    return await(client.post("/v1/notes").putHeader("Idempotency-Key", key).sendJsonObject(body));
  }

  private static JsonObject note(String text) {
    return new JsonObject().put("text", text).put("priority", 3);
  }

  private long notesStored() {
    return await(mongo.first(mongo.collection(NotesTestApi.NOTES).countDocuments()));
  }

  // --- contract validation and problem details ---

  @Test
  void aBodyThatBreaksTheContractNamesEveryOffendingFieldInDutch() {
    JsonObject body = new JsonObject().put("text", "").put("priority", 9).put("colour", "red");
    HttpResponse<Buffer> response = createNote(UUID.randomUUID().toString(), body);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject problem = problem(response);
    assertThat(problem.getString("type")).isEqualTo("urn:koers:problem:validation");
    assertThat(problem.getString("title")).isEqualTo("Het verzoek past niet bij het API-contract");
    assertThat(problem.getInteger("status")).isEqualTo(400);
    assertThat(problem.getString("instance")).isEqualTo("/v1/notes");
    assertThat(pointers(problem)).containsExactlyInAnyOrder("/text", "/priority", "/colour");
    assertThat(notesStored()).isZero();
  }

  @Test
  void aMissingRequiredFieldIsNamedAndTheAnswerIsEnglishWhenAsked() {
    HttpResponse<Buffer> response =
        await(
            client
                .post("/v1/notes")
                .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                .putHeader("Accept-Language", "en-GB,en;q=0.9,nl;q=0.5")
                .sendJsonObject(new JsonObject().put("text", "hello")));

    JsonObject problem = problem(response);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problem.getString("title")).isEqualTo("The request does not match the API contract");
    JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("pointer")).isEqualTo("/priority");
    assertThat(error.getString("detail")).isEqualTo("is required");
  }

  @Test
  void aPostWithoutTheRequiredIdempotencyKeyIsRefusedNamingTheHeader() {
    HttpResponse<Buffer> response = await(client.post("/v1/notes").sendJsonObject(note("hi")));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = problem(response).getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("in")).isEqualTo("header");
    assertThat(error.getString("name")).isEqualTo("Idempotency-Key");
    assertThat(notesStored()).isZero();
  }

  @Test
  void aBodyInAnotherMediaTypeGets415() {
    HttpResponse<Buffer> response =
        await(
            client
                .post("/v1/notes")
                .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                .putHeader("Content-Type", "text/plain")
                .sendBuffer(Buffer.buffer("text=hi")));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(problem(response).getString("type"))
        .isEqualTo("urn:koers:problem:unsupported-media-type");
  }

  @Test
  void malformedJsonGets400() {
    HttpResponse<Buffer> response =
        await(
            client
                .post("/v1/notes")
                .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"text\": ")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problem(response).getInteger("status")).isEqualTo(400);
  }

  @Test
  void authenticationAndPermissionFailuresAreProblems() {
    HttpResponse<Buffer> anonymous = await(client.get("/v1/private").send());
    HttpResponse<Buffer> forbidden = await(client.get("/v1/forbidden").send());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(problem(anonymous).getString("type")).isEqualTo("urn:koers:problem:unauthorized");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(problem(forbidden).getString("title")).isEqualTo("Niet toegestaan");
  }

  @Test
  void anUnexpectedFailureAnswers500WithoutInternalsButWithTheRequestId() {
    HttpResponse<Buffer> response =
        await(client.get("/v1/broken").putHeader("X-Request-Id", "support-case-1234").send());

    assertThat(response.statusCode()).isEqualTo(500);
    String body = response.bodyAsString();
    assertThat(body)
        .doesNotContain("secret internal detail")
        .doesNotContain("IllegalStateException")
        .doesNotContain("at nl.koers");
    assertThat(problem(response).getString("requestId")).isEqualTo("support-case-1234");
    assertThat(response.getHeader("X-Request-Id")).isEqualTo("support-case-1234");
  }

  @Test
  void anOperationWithoutAHandlerAnswers501() {
    HttpResponse<Buffer> response = await(client.get("/v1/unbuilt").send());

    assertThat(response.statusCode()).isEqualTo(501);
    assertThat(problem(response).getString("type")).isEqualTo("urn:koers:problem:not-implemented");
  }

  @Test
  void aWrongMethodAnswers405WithTheAllowedMethods() {
    HttpResponse<Buffer> response = await(client.delete("/v1/notes/abc").send());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.getHeader("Allow")).isEqualTo("GET, PUT");
    assertThat(problem(response).getString("type"))
        .isEqualTo("urn:koers:problem:method-not-allowed");
  }

  @Test
  void aBodyOver64KiBAnswers413AndStoresNothing() {
    String big = "x".repeat(100 * 1024);
    HttpResponse<Buffer> response =
        createNote(
            UUID.randomUUID().toString(), new JsonObject().put("text", big).put("priority", 1));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(problem(response).getString("type"))
        .isEqualTo("urn:koers:problem:payload-too-large");
    assertThat(notesStored()).isZero();
  }

  // --- Idempotency-Key ---

  @Test
  void aRetryWithTheSameKeyGetsTheFirstAnswerAndWritesNothingNew() {
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = createNote(key, note("first visit"));
    HttpResponse<Buffer> retry = createNote(key, note("first visit"));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(retry.getHeader("Location")).isEqualTo(first.getHeader("Location"));
    assertThat(retry.getHeader("ETag")).isEqualTo(first.getHeader("ETag"));
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(notesStored()).isEqualTo(1);
  }

  @Test
  void theSameBodyWithItsFieldsInAnotherOrderIsStillTheSameRequest() {
    String key = UUID.randomUUID().toString();
    createNote(key, new JsonObject().put("text", "a").put("priority", 2));
    HttpResponse<Buffer> retry =
        createNote(key, new JsonObject().put("priority", 2).put("text", "a"));

    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(notesStored()).isEqualTo(1);
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefusedWith422() {
    String key = UUID.randomUUID().toString();
    createNote(key, note("one"));
    HttpResponse<Buffer> other = createNote(key, note("two"));

    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(problem(other).getString("type"))
        .isEqualTo("urn:koers:problem:idempotency-key-reused");
    assertThat(notesStored()).isEqualTo(1);
  }

  @Test
  void simultaneousRetriesStoreOneNote() {
    String key = UUID.randomUUID().toString();
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    IntStream.range(0, 6)
        .forEach(
            i ->
                sent.add(
                    client
                        .post("/v1/notes")
                        .putHeader("Idempotency-Key", key)
                        .sendJsonObject(note("tapped six times"))));
    List<Integer> statuses = sent.stream().map(f -> await(f).statusCode()).toList();

    assertThat(statuses).allMatch(s -> s == 201 || s == 409).contains(201);
    assertThat(notesStored()).isEqualTo(1);
  }

  @Test
  void aRequestThatDiedMidwayCanBeRetriedAfterItsLeaseWithoutATwin() {
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = createNote(key, note("before the crash"));
    // Simulate a crash after the write but before the answer was stored: forget the answer.
    await(
        mongo.write(
            mongo
                .collection(IdempotencyStore.COLLECTION)
                .updateOne(new Document(), new Document("$unset", new Document("response", "")))));

    HttpResponse<Buffer> tooSoon = createNote(key, note("before the crash"));
    clock.advance(Duration.ofMinutes(1));
    HttpResponse<Buffer> afterLease = createNote(key, note("before the crash"));

    assertThat(tooSoon.statusCode()).isEqualTo(409);
    assertThat(tooSoon.getHeader("Retry-After")).isEqualTo("1");
    assertThat(afterLease.statusCode()).isEqualTo(201);
    assertThat(afterLease.bodyAsJsonObject().getString("id"))
        .isEqualTo(first.bodyAsJsonObject().getString("id"));
    assertThat(notesStored()).isEqualTo(1);
  }

  @Test
  void aKeyIsRememberedForADayThenForgotten() {
    String key = UUID.randomUUID().toString();
    createNote(key, note("monday"));
    clock.advance(Duration.ofHours(25));
    HttpResponse<Buffer> nextDay = createNote(key, note("tuesday"));

    assertThat(nextDay.statusCode()).isEqualTo(201);
    assertThat(nextDay.getHeader("Idempotent-Replayed")).isNull();
    assertThat(nextDay.bodyAsJsonObject().getString("text")).isEqualTo("tuesday");
    assertThat(notesStored()).isEqualTo(2);
  }

  @Test
  void aRememberedAnswerIsSealedSoItsTextIsNowhereInTheRecordYetTheRetryGetsIt() {
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = createNote(key, note("marker-kiwi-7731"));
    HttpResponse<Buffer> retry = createNote(key, note("marker-kiwi-7731"));

    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    List<Document> records =
        await(mongo.list(mongo.collection(IdempotencyStore.COLLECTION).find()));
    assertThat(records).hasSize(1);
    assertThat(records.get(0).toJson()).doesNotContain("marker-kiwi-7731");
  }

  @Test
  void recordsPastTheirDayAreDeletedByKoersNotLeftToTheDatabase() {
    createNote(UUID.randomUUID().toString(), note("monday"));
    clock.advance(Duration.ofHours(23));
    createNote(UUID.randomUUID().toString(), note("tuesday"));
    clock.advance(Duration.ofHours(2));

    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    long deleted = await(new Expiry(mongo, clock, metrics, List.of(IdempotencyStore.SPEC)).sweep());

    assertThat(deleted).isEqualTo(1L);
    assertThat(metrics.get(Expiry.DELETED).tag("collection", "idempotency").counter().count())
        .as("reported in the metrics")
        .isEqualTo(1.0);
    List<Document> left = await(mongo.list(mongo.collection(IdempotencyStore.COLLECTION).find()));
    assertThat(left).as("monday's is past its day, tuesday's is not").hasSize(1);
    assertThat(left.get(0).getDate("createdAt").toInstant())
        .isEqualTo(clock.instant().minus(Duration.ofHours(2)));
  }

  @Test
  void aRefusedRequestIsNotRememberedSoItsRetryIsDecidedAfresh() {
    String key = UUID.randomUUID().toString();
    JsonObject body = note(NotesTestApi.NEEDS_APPROVAL);
    HttpResponse<Buffer> refused = createNote(key, body);
    await(
        mongo.write(
            mongo.collection(NotesTestApi.APPROVALS).insertOne(new Document("_id", "approved"))));
    HttpResponse<Buffer> retried = createNote(key, body);

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat(retried.getHeader("Idempotent-Replayed")).isNull();
    assertThat(notesStored()).isEqualTo(1);
  }

  // --- ETag / If-Match ---

  @Test
  void editsNeedTheCurrentETag() {
    HttpResponse<Buffer> created = createNote(UUID.randomUUID().toString(), note("draft"));
    String location = created.getHeader("Location");
    String etag = await(client.get(location).send()).getHeader("ETag");

    HttpResponse<Buffer> withoutIfMatch = await(client.put(location).sendJsonObject(note("v2")));
    HttpResponse<Buffer> current =
        await(client.put(location).putHeader("If-Match", etag).sendJsonObject(note("v2")));
    HttpResponse<Buffer> stale =
        await(client.put(location).putHeader("If-Match", etag).sendJsonObject(note("v3")));

    assertThat(etag).isEqualTo("\"1\"");
    assertThat(withoutIfMatch.statusCode()).isEqualTo(428);
    assertThat(problem(withoutIfMatch).getString("type"))
        .isEqualTo("urn:koers:problem:precondition-required");
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(current.getHeader("ETag")).isEqualTo("\"2\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(problem(stale).getString("type")).isEqualTo("urn:koers:problem:precondition-failed");
    assertThat(await(client.get(location).send()).bodyAsJsonObject().getString("text"))
        .isEqualTo("v2");
  }

  @Test
  void aReadOfAnUnchangedVersionAnswers304() {
    String location = createNote(UUID.randomUUID().toString(), note("x")).getHeader("Location");

    HttpResponse<Buffer> response =
        await(client.get(location).putHeader("If-None-Match", "\"1\"").send());

    assertThat(response.statusCode()).isEqualTo(304);
  }

  @Test
  void writingToSomethingThatIsNotThereIs404() {
    HttpResponse<Buffer> response =
        await(
            client.put("/v1/notes/nope").putHeader("If-Match", "\"1\"").sendJsonObject(note("x")));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  // --- cursor pagination ---

  @Test
  void pagesWalkTheWholeListNewestFirstWithoutGapsOrRepeats() {
    for (int i = 0; i < 45; i++) {
      createNote(UUID.randomUUID().toString(), note("note " + i));
      clock.advance(Duration.ofSeconds(i % 3 == 0 ? 0 : 1)); // some share a timestamp
    }
    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String cursor = null;
    do {
      HttpRequest<Buffer> request =
          client.request(HttpMethod.GET, "/v1/notes").addQueryParam("limit", "20");
      if (cursor != null) {
        request.addQueryParam("cursor", cursor);
      }
      JsonObject page = await(request.send()).bodyAsJsonObject();
      JsonArray items = page.getJsonArray("items");
      pageSizes.add(items.size());
      items.forEach(item -> seen.add(((JsonObject) item).getString("text")));
      cursor = page.getString("next");
    } while (cursor != null);

    assertThat(pageSizes).containsExactly(20, 20, 5);
    assertThat(new HashSet<>(seen)).hasSize(45);
    assertThat(seen.get(0)).isEqualTo("note 44");
    // Notes 0 and 1 share the oldest timestamp; their order is the tie-breaker's (the id).
    assertThat(seen.subList(43, 45)).containsExactlyInAnyOrder("note 0", "note 1");
  }

  @Test
  void aLimitAbove100IsCappedAt100() {
    List<Document> many = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      many.add(
          new Document("_id", "n" + i)
              .append("text", "t" + i)
              .append("priority", 1)
              .append("createdAt", new java.util.Date(i * 1000L))
              .append("version", 1L));
    }
    await(mongo.write(mongo.collection(NotesTestApi.NOTES).insertMany(many)));

    JsonObject page = await(client.get("/v1/notes?limit=500").send()).bodyAsJsonObject();

    assertThat(page.getJsonArray("items")).hasSize(100);
    assertThat(page.getString("next")).isNotNull();
  }

  @Test
  void aTamperedCursorIsAClearProblem() {
    HttpResponse<Buffer> response = await(client.get("/v1/notes?cursor=not-a-cursor").send());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problem(response).getString("detail")).contains("cursor");
  }

  private static Set<String> pointers(JsonObject problem) {
    Set<String> pointers = new HashSet<>();
    problem
        .getJsonArray("errors")
        .forEach(e -> pointers.add(((JsonObject) e).getString("pointer")));
    return pointers;
  }
}
