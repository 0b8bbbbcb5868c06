package nl.koers.privacy;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.koers.circle.AgeRules;
import nl.koers.demo.DemoRegion;
import nl.koers.feedback.FeedbackTesting;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Sam asks Koers to erase him. Only he may ask; his case coordinator hears of it; nothing happens
 * for 30 days; then he cannot sign in, his sessions and phones are gone, nobody's circle shows him,
 * and no document in the database holds his id, his name or what he wrote, except what the answer
 * names. An open safety signal holds the erasure back, and a run broken off halfway is finished.
 */
class ErasureApiTest extends KoersApiTest {

  /** A word only sam writes, to look for afterwards. */
  private static final String MARKER = "Zwaluwstaart";

  private final String samId = DemoRegion.idOf("sam");

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private String erasure() {
    return "/v1/youth/" + samId + "/erasure";
  }

  private HttpResponse<Buffer> ask(JsonObject session) {
    return koers.post(session, erasure(), null);
  }

  private JsonObject asked() {
    HttpResponse<Buffer> answer = ask(koers.signInAs("sam"));
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(202);
    return answer.bodyAsJsonObject();
  }

  private static List<String> codes(JsonObject erasure) {
    return erasure.getJsonArray("exceptions").stream()
        .map(e -> ((JsonObject) e).getString("code"))
        .toList();
  }

  private long inboxCount(String handle, String type) {
    return NotifyTesting.inbox(koers, koers.signInAs(handle)).stream()
        .filter(item -> item.getString("type").equals(type))
        .count();
  }

  private HttpResponse<Buffer> devSignIn(String handle) {
    return await(
        koers
            .client
            .post("/v1/dev/session")
            .sendJsonObject(new JsonObject().put("person", handle)));
  }

  /** Past the moment the erasure may run, and one background round. */
  private void thirtyDaysOn(JsonObject erasure) {
    clock.set(Instant.parse(erasure.getString("eraseAfter")).plusSeconds(60));
    koers.runBackgroundNow();
  }

  private Document stored() {
    return await(mongo.first(mongo.collection("erasures").find(new Document("_id", samId))));
  }

  @Test
  void onlySamHimselfMayAskLookOrWithdrawEveryoneElseGetsTheNotFoundOfNobody() {
    String nobody = "/v1/youth/" + UUID.randomUUID() + "/erasure";
    int unknown = koers.post(koers.signInAs("marco"), nobody, null).statusCode();
    assertThat(unknown).isEqualTo(404);

    for (String handle : List.of("marco", "pro-eva", "jim-sam", "noor", "pro-joris")) {
      JsonObject session = koers.signInAs(handle);
      assertThat(ask(session).statusCode()).as(handle + " asks for sam").isEqualTo(unknown);
      assertThat(koers.get(session, erasure()).statusCode()).as(handle + " looks").isEqualTo(404);
      assertThat(koers.delete(session, erasure()).statusCode())
          .as(handle + " withdraws")
          .isEqualTo(404);
    }
    assertThat(stored()).as("nobody but sam made a request").isNull();

    asked();
    assertThat(koers.get(koers.signInAs("pro-eva"), erasure()).statusCode())
        .as("his case coordinator is told, but may not read or withdraw it")
        .isEqualTo(404);
    assertThat(koers.delete(koers.signInAs("pro-eva"), erasure()).statusCode()).isEqualTo(404);
    assertThat(stored().getString("status")).isEqualTo("SCHEDULED");
  }

  @Test
  void samAsksOnceEvaIsToldAndNeitherARetryNorASecondRequestMakesAnother() {
    JsonObject sam = koers.signInAs("sam");
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    HttpResponse<Buffer> first = koers.post(sam, erasure(), null, key);
    HttpResponse<Buffer> retry = koers.post(sam, erasure(), null, key);
    clock.advance(Duration.ofDays(2));
    JsonObject again = ask(koers.signInAs("sam")).bodyAsJsonObject();

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
    JsonObject erasure = first.bodyAsJsonObject();
    assertThat(retry.bodyAsJsonObject()).isEqualTo(erasure);
    assertThat(again.getString("requestedAt"))
        .as("asked again two days later: still the first request")
        .isEqualTo(erasure.getString("requestedAt"));
    assertThat(erasure.getString("status")).isEqualTo("SCHEDULED");
    assertThat(Instant.parse(erasure.getString("eraseAfter")))
        .isEqualTo(Instant.parse(erasure.getString("requestedAt")).plus(Duration.ofDays(30)));
    assertThat(codes(erasure)).containsExactly("REGION_COUNTS", "ACCESS_LOG", "ERASURE_RECORD");
    assertThat(erasure.getJsonArray("exceptions").getJsonObject(0).getString("text")).isNotBlank();
    assertThat(koers.get(koers.signInAs("sam"), erasure()).bodyAsJsonObject().getString("status"))
        .isEqualTo("SCHEDULED");

    Eventually.until("eva is told", () -> inboxCount("pro-eva", "ERASURE_REQUESTED") == 1);
    JsonObject told =
        NotifyTesting.inbox(koers, koers.signInAs("pro-eva")).stream()
            .filter(item -> item.getString("type").equals("ERASURE_REQUESTED"))
            .findFirst()
            .orElseThrow();
    assertThat(told.getString("resource")).isEqualTo("youth/" + samId);
    assertThat(
            koers.get(koers.signInAs("pro-eva"), "/v1/" + told.getString("resource")).statusCode())
        .as("the link opens sam's profile for her")
        .isEqualTo(200);
    assertThat(inboxCount("marco", "ERASURE_REQUESTED")).as("only the case coordinator").isZero();
  }

  @Test
  void samMayChangeHisMindBeforeItRunsEvaIsToldAndNothingIsErased() {
    JsonObject erasure = asked();
    JsonObject sam = koers.signInAs("sam");

    assertThat(koers.delete(sam, erasure()).statusCode()).isEqualTo(204);
    assertThat(koers.get(sam, erasure()).statusCode()).isEqualTo(404);
    assertThat(koers.delete(sam, erasure()).statusCode())
        .as("nothing left to withdraw")
        .isEqualTo(404);
    Eventually.until("eva is told", () -> inboxCount("pro-eva", "ERASURE_WITHDRAWN") == 1);

    thirtyDaysOn(erasure);
    assertThat(devSignIn("sam").statusCode()).as("nothing was erased").isEqualTo(200);

    JsonObject anew = asked();
    assertThat(anew.getString("requestedAt"))
        .as("asked again: a new request, thirty days from now")
        .isNotEqualTo(erasure.getString("requestedAt"));
    Eventually.until("eva is told again", () -> inboxCount("pro-eva", "ERASURE_REQUESTED") == 2);
  }

  @Test
  void afterThirtyDaysSamCannotSignInAndNothingOfHimIsLeftButWhatTheAnswerNames() {
    String marcoId = koers.idOf("marco");
    String evaId = koers.idOf("pro-eva");
    JsonObject sam = koers.signInAs("sam");
    String plan = "/v1/youth/" + samId + "/plan";
    HttpResponse<Buffer> planned =
        koers.putAsRead(
            sam,
            plan,
            plan,
            new JsonObject()
                .put(
                    "domains",
                    new JsonObject()
                        .put(
                            "wonen",
                            new JsonObject()
                                .put("situation", "Ik woon bij " + MARKER)
                                .put("wish", "Op mezelf wonen")
                                .put("visibleTo", new JsonArray().add("CASE_COORDINATOR")))));
    assertThat(planned.statusCode()).as(planned.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> sent =
        koers.post(
            sam,
            "/v1/youth/" + samId + "/conversations/" + evaId + "/messages",
            new JsonObject().put("text", MARKER + " donderdag?"));
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(201);
    String pulse = FeedbackTesting.logConversation(koers, koers.signInAs("pro-eva"), samId);
    HttpResponse<Buffer> answered =
        koers.post(
            sam,
            "/v1/youth/" + samId + "/feedback",
            FeedbackTesting.pulseAnswer(pulse, 4, "REGION_ONLY"));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    NotifyTesting.registerPhone(koers, sam);
    JsonObject erasure = asked();

    clock.set(Instant.parse(erasure.getString("eraseAfter")).minus(Duration.ofHours(1)));
    koers.runBackgroundNow();
    assertThat(koers.get(koers.signInAs("sam"), erasure()).bodyAsJsonObject().getString("status"))
        .as("an hour before: nothing erased")
        .isEqualTo("SCHEDULED");
    assertThat(koers.get(koers.signInAs("sam"), plan).statusCode()).isEqualTo(200);

    clock.set(Instant.parse(erasure.getString("eraseAfter")).plusSeconds(60));
    JsonObject lastSession = koers.signInAs("sam");
    NotifyTesting.registerPhone(koers, lastSession);
    koers.runBackgroundNow();

    assertThat(stored().getString("status")).isEqualTo("DONE");
    assertThat(devSignIn("sam").statusCode()).as("dev sign-in").isEqualTo(401);
    assertThat(koers.get(lastSession, "/v1/me").statusCode()).as("his access token").isEqualTo(401);
    HttpResponse<Buffer> refreshed =
        await(
            koers
                .client
                .post("/v1/auth/refresh")
                .sendJsonObject(
                    new JsonObject().put("refreshToken", lastSession.getString("refreshToken"))));
    assertThat(refreshed.statusCode()).as("his refresh token").isEqualTo(401);
    assertThat(count("devices", new Document("personId", samId))).as("his phones").isZero();
    assertThat(count("sessionFamilies", new Document("personId", samId))).isZero();

    assertThat(koers.get(koers.signInAs("marco"), "/v1/me").bodyAsString())
        .as("marco's circles")
        .doesNotContain(samId);
    assertThat(koers.get(koers.signInAs("pro-eva"), "/v1/me/caseload").bodyAsString())
        .as("eva's caseload")
        .doesNotContain(samId)
        .doesNotContain("\"Sam\"");
    assertThat(marcoId).isNotEqualTo(samId);

    // The strongest check: every collection, every document. Only the erasure record itself
    // (ERASURE_RECORD) still names sam by id; the access log is pseudonymised (ACCESS_LOG); the
    // region's counts (REGION_COUNTS) hold no id. Sealed texts would not show the marker anyway:
    // the documents that held them are gone, which the id check proves.
    assertThat(whereFound(samId)).containsExactly("erasures");
    assertThat(whereFound("\\bSam\\b")).isEmpty();
    assertThat(whereFound(MARKER)).isEmpty();
    assertThat(count("accessLog", new Document()))
        .as("eva's reads stay, pseudonymised")
        .isPositive();

    restartWith(settings());
    assertThat(devSignIn("sam").statusCode())
        .as("a new start seeds the demo again, but not sam")
        .isEqualTo(401);
    assertThat(whereFound(samId)).containsExactly("erasures");
    assertThat(koers.get(koers.signInAs("marco"), "/v1/me").bodyAsString()).doesNotContain(samId);

    // Last, as it is logged: whoever asks for him now is refused as for nobody.
    assertThat(koers.get(koers.signInAs("pro-eva"), "/v1/youth/" + samId).statusCode())
        .isEqualTo(404);
  }

  @Test
  void anOpenSafetySignalKeepsTheErasureWaitingUntilItIsClosed() {
    JsonObject sam = koers.signInAs("sam");
    HttpResponse<Buffer> raised =
        koers.post(
            sam,
            "/v1/youth/" + samId + "/safety-signals",
            new JsonObject().put("text", "Ik ben bang, " + MARKER).put("mayCallMe", true));
    assertThat(raised.statusCode()).as(raised.bodyAsString()).isEqualTo(201);
    JsonObject erasure = asked();

    thirtyDaysOn(erasure);
    JsonObject waiting = koers.get(koers.signInAs("sam"), erasure()).bodyAsJsonObject();
    assertThat(waiting.getString("status")).isEqualTo("WAITING");
    assertThat(codes(waiting)).startsWith("OPEN_SAFETY_SIGNAL");
    koers.runBackgroundNow();
    assertThat(devSignIn("sam").statusCode()).as("still waiting").isEqualTo(200);

    HttpResponse<Buffer> closed =
        koers.post(
            koers.signInAs("pro-eva"),
            "/v1/youth/"
                + samId
                + "/safety-signals/"
                + raised.bodyAsJsonObject().getString("id")
                + "/close",
            new JsonObject().put("note", "Gesproken, veilig thuis."));
    assertThat(closed.statusCode()).as(closed.bodyAsString()).isEqualTo(200);
    koers.runBackgroundNow();

    assertThat(stored().getString("status")).isEqualTo("DONE");
    assertThat(devSignIn("sam").statusCode()).isEqualTo(401);
    assertThat(count("safetySignals", new Document("youthId", samId))).isZero();
  }

  @Test
  void anErasureBrokenOffHalfwayIsFinishedByTheNextRoundNeverLeftHalfDone() {
    JsonObject erasure = asked();
    clock.set(Instant.parse(erasure.getString("eraseAfter")).plusSeconds(60));
    Erasures erasures = koers.app.module(ErasureModule.class).erasures();

    // An instance erases the first five steps (up to and including the record), then dies.
    assertThat(await(erasures.eraseOne(samId, 5))).isFalse();
    assertThat(devSignIn("sam").statusCode()).as("sign-in went first").isEqualTo(401);
    assertThat(count("plans", new Document("_id", samId))).as("not erased yet").isOne();
    koers.runBackgroundNow();
    assertThat(stored().getString("status"))
        .as("its claim holds for a while: no second instance joins in")
        .isEqualTo("SCHEDULED");

    clock.advance(Erasures.CLAIM.plusSeconds(1));
    koers.runBackgroundNow();

    assertThat(stored().getString("status")).isEqualTo("DONE");
    assertThat(count("plans", new Document("_id", samId))).isZero();
    assertThat(whereFound(samId)).containsExactly("erasures");
  }

  @Test
  void aYoungAdultPastTheHorizonAndTheGraceIsGivenNoticeThenErasedAndCannotWithdrawIt() {
    String lotteId = koers.idOf("lotte");
    String daanId = koers.idOf("daan");
    LocalDate adultOn =
        LocalDate.parse(
            koers
                .get(koers.signInAs("lotte"), "/v1/youth/" + lotteId + "/circle/confirmation")
                .bodyAsJsonObject()
                .getString("adultOn"));
    // The demo region follows its young adults up to 23; the grace is 183 days by default.
    Instant horizon = AgeRules.turns(adultOn.minusYears(AgeRules.ADULT), 23);
    String lotteErasure = "/v1/youth/" + lotteId + "/erasure";

    clock.set(horizon.plus(Duration.ofDays(180)));
    koers.runBackgroundNow();
    assertThat(koers.get(koers.signInAs("lotte"), lotteErasure).statusCode())
        .as("within the grace: nothing scheduled")
        .isEqualTo(404);

    clock.set(horizon.plus(Duration.ofDays(185)));
    koers.runBackgroundNow();
    Eventually.until("lotte is given notice", () -> inboxCount("lotte", "RETENTION_NOTICE") == 1);
    JsonObject lotte = koers.signInAs("lotte");
    JsonObject scheduled = koers.get(lotte, lotteErasure).bodyAsJsonObject();
    assertThat(scheduled.getString("reason")).isEqualTo("RETENTION");
    assertThat(scheduled.getString("status")).isEqualTo("SCHEDULED");
    HttpResponse<Buffer> withdrawn = koers.delete(lotte, lotteErasure);
    assertThat(withdrawn.statusCode()).isEqualTo(409);
    assertThat(withdrawn.bodyAsJsonObject().getString("type"))
        .isEqualTo("urn:koers:problem:erasure-under-way");
    assertThat(koers.get(koers.signInAs("daan"), "/v1/youth/" + daanId + "/erasure").statusCode())
        .as("daan is not past his horizon yet")
        .isEqualTo(404);
    koers.runBackgroundNow();
    assertThat(inboxCount("lotte", "RETENTION_NOTICE")).as("told once").isEqualTo(1);

    clock.set(Instant.parse(scheduled.getString("eraseAfter")).plusSeconds(60));
    koers.runBackgroundNow();
    assertThat(devSignIn("lotte").statusCode()).isEqualTo(401);
    assertThat(devSignIn("daan").statusCode()).isEqualTo(200);
    assertThat(whereFound(lotteId)).containsExactly("erasures");
  }

  private long count(String collection, Document filter) {
    return await(mongo.list(mongo.collection(collection).find(filter))).size();
  }

  /** The collections holding a document whose JSON matches {@code pattern} (a regex). */
  private List<String> whereFound(String pattern) {
    Pattern wanted = Pattern.compile(pattern);
    List<String> found = new ArrayList<>();
    try (MongoClient client = MongoClients.create(backend.uri())) {
      List<String> names = await(mongo.list(client.getDatabase(database).listCollectionNames()));
      for (String name : names.stream().sorted().toList()) {
        List<Document> documents = await(mongo.list(mongo.collection(name).find()));
        if (documents.stream().anyMatch(doc -> wanted.matcher(doc.toJson()).find())) {
          found.add(name);
        }
      }
    }
    return found;
  }
}
