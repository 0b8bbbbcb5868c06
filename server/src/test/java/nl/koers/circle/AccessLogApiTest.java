package nl.koers.circle;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.MongoBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * "Who looked at my data": every access by the circle that was answered is there, with who, how,
 * what (in words), when and which request; READ or WRITE as it truly was; an idempotent replay is
 * allowed again like a fresh request; refused attempts are in the security log instead.
 */
class AccessLogApiTest extends KoersApiTest {

  @Test
  void samSeesThatMarcoReadTheirCircleAndWhen() {
    String samId = koers.idOf("sam");
    JsonObject marco = koers.signInAs("marco");
    HttpResponse<Buffer> read = koers.get(marco, "/v1/youth/" + samId + "/circle");
    clock.advance(Duration.ofSeconds(5));

    HttpResponse<Buffer> log =
        koers.get(koers.signInAs("sam"), "/v1/youth/" + samId + "/access-log");

    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject marcosRead =
        log.bodyAsJsonObject().getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getJsonObject("actor").getString("name").equals("Marco"))
            .findFirst()
            .orElseThrow();
    assertThat(marcosRead.getString("capacity")).isEqualTo("FOSTER_PARENT");
    assertThat(marcosRead.getString("action")).isEqualTo("READ");
    assertThat(marcosRead.getString("resource")).isEqualTo("youth/" + samId + "/circle");
    assertThat(marcosRead.getString("at")).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(marcosRead.getString("requestId")).isEqualTo(read.getHeader("X-Request-Id"));
  }

  @Test
  void aLineGoesFiveYearsAfterTheAccessAndAYoungerOneStaysInSamsLog() {
    String samId = koers.idOf("sam");
    String oldRead =
        koers.get(koers.signInAs("sam"), "/v1/youth/" + samId + "/plan").getHeader("X-Request-Id");
    clock.advance(AccessLog.KEEP.minusDays(2));
    String youngerRead =
        koers.get(koers.signInAs("sam"), "/v1/youth/" + samId + "/plan").getHeader("X-Request-Id");
    clock.advance(Duration.ofDays(3));

    koers.runBackgroundNow();

    assertThat(linesOf(oldRead)).as("five years and a day old").isEmpty();
    assertThat(linesOf(youngerRead)).as("two days younger").hasSize(1);
    assertThat(samsLog("&includeOwn=true"))
        .extracting(line -> line.getString("requestId"))
        .contains(youngerRead)
        .doesNotContain(oldRead);
  }

  private List<Document> linesOf(String requestId) {
    return await(
        mongo.list(
            mongo
                .collection("accessLog")
                .find(Filters.eq("requestId", requestId))
                .hint(MongoBackend.SCAN_ON_PURPOSE)));
  }

  @Test
  void theLogIsNewestFirstAndPagedWithoutGapsOrRepeats() {
    String samId = koers.idOf("sam");
    JsonObject eva = koers.signInAs("pro-eva");
    for (int i = 0; i < 5; i++) {
      koers.get(eva, "/v1/youth/" + samId);
      clock.advance(Duration.ofSeconds(1));
    }
    JsonObject sam = koers.signInAs("sam");

    List<String> seen = new ArrayList<>();
    List<String> times = new ArrayList<>();
    String path = "/v1/youth/" + samId + "/access-log?limit=2";
    String next;
    do {
      JsonObject page = koers.get(sam, path).bodyAsJsonObject();
      page.getJsonArray("items").stream()
          .map(JsonObject.class::cast)
          .forEach(
              e -> {
                seen.add(e.getString("requestId"));
                times.add(e.getString("at"));
              });
      next = page.getString("next");
      path = "/v1/youth/" + samId + "/access-log?limit=2&cursor=" + next;
    } while (next != null);

    // Five reads by Eva; Sam's own page reads are logged but left out of Sam's view.
    assertThat(seen).doesNotHaveDuplicates().hasSize(5);
    assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  // --- Replays and truthful lines (issue 14, point 10) ---

  private HttpResponse<Buffer> sendMessage(
      JsonObject session, String youthId, String memberId, String text, String key) {
    return koers.post(
        session,
        "/v1/youth/" + youthId + "/conversations/" + memberId + "/messages",
        new JsonObject().put("text", text),
        Map.of("Idempotency-Key", key));
  }

  private List<JsonObject> logOf(String handle, String query, String language) {
    String youthId = koers.idOf(handle);
    return koers
        .get(
            koers.signInAs(handle),
            "/v1/youth/" + youthId + "/access-log?limit=100" + query,
            Map.of("Accept-Language", language))
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  private List<JsonObject> samsLog(String query) {
    return logOf("sam", query, "nl");
  }

  private static List<JsonObject> ofRequest(List<JsonObject> log, HttpResponse<Buffer> response) {
    String requestId = response.getHeader("X-Request-Id");
    return log.stream().filter(e -> e.getString("requestId").equals(requestId)).toList();
  }

  private String relationOf(String youth, String member) {
    String memberId = koers.idOf(member);
    return koers
        .get(koers.signInAs("pro-eva"), "/v1/youth/" + koers.idOf(youth) + "/circle")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(m -> m.getJsonObject("person").getString("id").equals(memberId))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  private void endRelation(String youth, String member) {
    HttpResponse<Buffer> ended =
        koers.post(
            koers.signInAs("pro-eva"),
            "/v1/youth/" + koers.idOf(youth) + "/circle/" + relationOf(youth, member) + "/end",
            null);
    assertThat(ended.statusCode()).as(ended.bodyAsString()).isEqualTo(200);
  }

  private List<Document> securityLog(String actorHandle) {
    return await(
        mongo.list(
            mongo
                .collection("securityLog")
                .find(
                    Filters.and(
                        Filters.eq("actorId", koers.idOf(actorHandle)),
                        Filters.eq("kind", "refusal")))));
  }

  @Test
  void aReplayByMarcoAfterHisRelationEndedIsANotFoundLikeNothingAndLeavesNoLineForSam() {
    String samId = koers.idOf("sam");
    String marcoId = koers.idOf("marco");
    JsonObject marco = koers.signInAs("marco");
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = sendMessage(marco, samId, marcoId, "Eten om zes uur", key);
    assertThat(first.statusCode()).isEqualTo(201);
    clock.advance(Duration.ofMinutes(1));
    endRelation("sam", "marco");
    clock.advance(Duration.ofMinutes(1));

    HttpResponse<Buffer> replay = sendMessage(marco, samId, marcoId, "Eten om zes uur", key);
    HttpResponse<Buffer> nothing =
        sendMessage(
            marco,
            UUID.randomUUID().toString(),
            marcoId,
            "Eten om zes uur",
            UUID.randomUUID().toString());

    assertThat(replay.statusCode()).isEqualTo(404);
    assertThat(replay.getHeader("Idempotent-Replayed")).isNull();
    assertThat(replay.getHeader("Content-Type")).isEqualTo(nothing.getHeader("Content-Type"));
    JsonObject replayed = replay.bodyAsJsonObject();
    JsonObject missing = nothing.bodyAsJsonObject();
    for (String field : List.of("type", "title", "status", "detail")) {
      assertThat(replayed.getValue(field)).as(field).isEqualTo(missing.getValue(field));
    }
    List<JsonObject> log = samsLog("&includeOwn=true");
    assertThat(ofRequest(log, first)).hasSize(1);
    assertThat(ofRequest(log, replay)).isEmpty();
    assertThat(securityLog("marco"))
        .anySatisfy(
            refusal -> {
              assertThat(refusal.getString("requestId"))
                  .isEqualTo(replay.getHeader("X-Request-Id"));
              assertThat(refusal.getString("youthId")).isEqualTo(samId);
              assertThat(refusal.getString("permission")).isEqualTo("CONVERSE");
            });
  }

  @Test
  void aReplayBySomeoneStillAllowedIsLoggedAsALineOfItsOwn() {
    String samId = koers.idOf("sam");
    String evaId = koers.idOf("pro-eva");
    JsonObject eva = koers.signInAs("pro-eva");
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> first = sendMessage(eva, samId, evaId, "Donderdag om vier?", key);
    clock.advance(Duration.ofSeconds(30));
    HttpResponse<Buffer> replay = sendMessage(eva, samId, evaId, "Donderdag om vier?", key);

    assertThat(replay.statusCode()).isEqualTo(201);
    assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    List<JsonObject> log = samsLog("");
    assertThat(ofRequest(log, first)).hasSize(1);
    assertThat(ofRequest(log, replay))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getString("action")).isEqualTo("WRITE");
              assertThat(line.getString("capacity")).isEqualTo("CASE_COORDINATOR");
              assertThat(line.getString("at")).isEqualTo("2026-11-23T10:00:30Z");
            });
  }

  @Test
  void readingMessagesIsAReadAndSendingOneIsAWrite() {
    String samId = koers.idOf("sam");
    String marcoId = koers.idOf("marco");
    JsonObject marco = koers.signInAs("marco");

    HttpResponse<Buffer> sent =
        sendMessage(marco, samId, marcoId, "Eten om zes uur", UUID.randomUUID().toString());
    HttpResponse<Buffer> read =
        koers.get(marco, "/v1/youth/" + samId + "/conversations/" + marcoId + "/messages");

    assertThat(read.statusCode()).isEqualTo(200);
    List<JsonObject> log = samsLog("");
    assertThat(ofRequest(log, sent))
        .singleElement()
        .satisfies(line -> assertThat(line.getString("action")).isEqualTo("WRITE"));
    assertThat(ofRequest(log, read))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getString("action")).isEqualTo("READ");
              assertThat(line.getString("what")).isEqualTo("berichten met Marco");
            });
  }

  @Test
  void aGetIsNeverLoggedAsAWriteWhateverPermissionItNeeded() {
    // The feedback requests are read with the permission to answer feedback (a write).
    String samId = koers.idOf("sam");
    HttpResponse<Buffer> read =
        koers.get(koers.signInAs("sam"), "/v1/youth/" + samId + "/feedback/requests");

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(ofRequest(samsLog("&includeOwn=true"), read))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getString("action")).isEqualTo("READ");
              assertThat(line.getString("what")).isEqualTo("je feedbackvragen");
            });
  }

  @Test
  void theYoungPersonsOwnReadsAreLeftOutUnlessTheyAskForThem() {
    String samId = koers.idOf("sam");
    JsonObject sam = koers.signInAs("sam");
    HttpResponse<Buffer> ownRead = koers.get(sam, "/v1/youth/" + samId + "/plan");
    HttpResponse<Buffer> evasRead = koers.get(koers.signInAs("pro-eva"), "/v1/youth/" + samId);
    assertThat(ownRead.statusCode()).isEqualTo(200);

    List<JsonObject> byDefault = samsLog("");
    List<JsonObject> withOwn = samsLog("&includeOwn=true");
    List<JsonObject> explicitlyWithout = samsLog("&includeOwn=false");

    assertThat(byDefault).isNotEmpty().noneMatch(e -> e.getString("capacity").equals("SELF"));
    assertThat(ofRequest(byDefault, evasRead)).hasSize(1);
    assertThat(explicitlyWithout).isEqualTo(byDefault);
    assertThat(ofRequest(withOwn, ownRead))
        .singleElement()
        .satisfies(line -> assertThat(line.getString("capacity")).isEqualTo("SELF"));
    assertThat(ofRequest(withOwn, evasRead)).hasSize(1);
  }

  @Test
  void linesSayInWordsWhatWasSeenInTheReadersLanguage() {
    String samId = koers.idOf("sam");
    String evaId = koers.idOf("pro-eva");
    JsonObject eva = koers.signInAs("pro-eva");
    HttpResponse<Buffer> plan = koers.get(eva, "/v1/youth/" + samId + "/plan");
    HttpResponse<Buffer> messages =
        koers.get(eva, "/v1/youth/" + samId + "/conversations/" + evaId + "/messages");
    HttpResponse<Buffer> marcoInCircle =
        koers.post(
            eva, "/v1/youth/" + samId + "/circle/" + relationOf("sam", "marco") + "/end", null);
    assertThat(plan.statusCode()).isEqualTo(200);
    assertThat(messages.statusCode()).isEqualTo(200);
    assertThat(marcoInCircle.statusCode()).isEqualTo(200);

    List<JsonObject> nl = logOf("sam", "", "nl");
    List<JsonObject> en = logOf("sam", "", "en");
    List<JsonObject> byDefault = logOf("sam", "", "de");

    assertThat(ofRequest(nl, plan)).extracting(e -> e.getString("what")).containsExactly("je plan");
    assertThat(ofRequest(en, plan))
        .extracting(e -> e.getString("what"))
        .containsExactly("your plan");
    assertThat(ofRequest(byDefault, plan))
        .extracting(e -> e.getString("what"))
        .containsExactly("je plan");
    assertThat(ofRequest(nl, plan).get(0).getString("resource"))
        .isEqualTo("youth/" + samId + "/plan");
    assertThat(ofRequest(nl, messages))
        .extracting(e -> e.getString("what"))
        .containsExactly("berichten met Eva");
    assertThat(ofRequest(en, messages))
        .extracting(e -> e.getString("what"))
        .containsExactly("messages with Eva");
    // Ending marco's relation is one access: a write (its answer shows what was changed).
    assertThat(ofRequest(nl, marcoInCircle))
        .extracting(e -> e.getString("action") + " " + e.getString("what"))
        .containsExactly("WRITE Marco in je kring");
    assertThat(ofRequest(en, marcoInCircle))
        .extracting(e -> e.getString("what"))
        .containsExactly("Marco in your circle");
  }

  @Test
  void aRefusedAttemptIsInTheSecurityLogNotInTheYoungPersonsLog() {
    String samId = koers.idOf("sam");
    JsonObject tess = koers.signInAs("tess");

    HttpResponse<Buffer> tessReads = koers.get(tess, "/v1/youth/" + samId + "/plan");
    // Allowed by the circle as himself, refused by the handover's own rule: no line either.
    String daanId = koers.idOf("daan");
    HttpResponse<Buffer> daanRecords =
        koers.post(
            koers.signInAs("daan"),
            "/v1/youth/" + daanId + "/transition/handovers",
            new JsonObject()
                .put("kind", "WMO")
                .put(
                    "contact",
                    new JsonObject()
                        .put("name", "Fatma Yilmaz")
                        .put("organisation", "Wmo-loket Demo"))
                .put("meetingDate", "2027-01-12"));

    assertThat(tessReads.statusCode()).isEqualTo(404);
    assertThat(daanRecords.statusCode()).as(daanRecords.bodyAsString()).isEqualTo(403);
    assertThat(ofRequest(logOf("daan", "&includeOwn=true", "nl"), daanRecords)).isEmpty();
    List<JsonObject> log = samsLog("&includeOwn=true");
    assertThat(ofRequest(log, tessReads)).isEmpty();
    assertThat(
            await(
                mongo.list(
                    mongo
                        .collection("accessLog")
                        .find(Filters.eq("actorId", koers.idOf("tess")))
                        .hint(MongoBackend.SCAN_ON_PURPOSE))))
        .isEmpty();
    assertThat(securityLog("tess"))
        .singleElement()
        .satisfies(
            refusal -> {
              assertThat(refusal.getString("youthId")).isEqualTo(samId);
              assertThat(refusal.getString("permission")).isEqualTo("READ_PLAN_PART");
              assertThat(refusal.getString("resource")).isEqualTo("youth/" + samId + "/plan");
              assertThat(refusal.getString("requestId"))
                  .isEqualTo(tessReads.getHeader("X-Request-Id"));
              assertThat(refusal.getDate("at").toInstant()).isEqualTo(clock.instant());
            });
  }

  @Test
  void theSecurityLogGrowsBoundedPerActorHoweverOftenTheyTry() {
    JsonObject tess = koers.signInAs("tess");
    String samId = koers.idOf("sam");
    for (int i = 0; i < 5; i++) {
      assertThat(koers.get(tess, "/v1/youth/" + samId + "/plan").statusCode()).isEqualTo(404);
    }
    for (int i = 0; i < SecurityLog.TARGETS_PER_MINUTE + 5; i++) {
      koers.get(tess, "/v1/youth/" + UUID.randomUUID() + "/plan");
    }

    List<Document> refusals = securityLog("tess");
    assertThat(refusals).hasSize(SecurityLog.TARGETS_PER_MINUTE);
    assertThat(refusals)
        .filteredOn(r -> r.getString("youthId").equals(samId))
        .singleElement()
        .satisfies(r -> assertThat(r.getInteger("attempts")).isEqualTo(5));

    // A new minute, a new allowance.
    clock.advance(Duration.ofMinutes(1));
    koers.get(tess, "/v1/youth/" + samId + "/plan");
    assertThat(securityLog("tess")).hasSize(SecurityLog.TARGETS_PER_MINUTE + 1);
  }
}
