package nl.koers.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/**
 * The phone's offline-safe sync: {@code GET /v1/me/changes} names what changed in what the reader
 * may see, with tombstones when an item goes or access ends, in pages whose cursor survives a
 * restart; and the conditional requests around it (ETag, If-None-Match, If-Match).
 */
class ChangesApiTest extends KoersApiTest {

  /** Past the feed's hold-back of the newest changes. */
  private void settle() {
    clock.advance(Changes.SETTLE.plusSeconds(1));
  }

  private JsonObject changes(JsonObject session, String since, int limit) {
    String query = "?limit=" + limit + (since == null ? "" : "&since=" + since);
    HttpResponse<Buffer> answer = koers.get(session, "/v1/me/changes" + query);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  /** Every page from {@code since} on, as one list; the last page's cursor in {@code next}. */
  private List<JsonObject> allChanges(JsonObject session, String since, int limit, String[] next) {
    List<JsonObject> all = new ArrayList<>();
    String cursor = since;
    for (int page = 0; page < 100; page++) {
      JsonObject answer = changes(session, cursor, limit);
      answer.getJsonArray("items").forEach(i -> all.add((JsonObject) i));
      cursor = answer.getString("next");
      if (!answer.getBoolean("more")) {
        break;
      }
    }
    next[0] = cursor;
    return all;
  }

  private static List<JsonObject> about(List<JsonObject> changes, String youthId) {
    return changes.stream().filter(c -> youthId.equals(c.getString("youthId"))).toList();
  }

  private HttpResponse<Buffer> sendMessage(JsonObject session, String youthId, String memberId) {
    return sendMessage(koers, session, youthId, memberId);
  }

  private static HttpResponse<Buffer> sendMessage(
      RunningKoers via, JsonObject session, String youthId, String memberId) {
    return via.post(
        session,
        "/v1/youth/" + youthId + "/conversations/" + memberId + "/messages",
        new JsonObject().put("text", "Hoi!"),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  @Test
  void aJimWhoseAccessEndedReplaysTheFeedAndGetsTombstonesOnly() {
    String samId = koers.idOf("sam");
    JsonObject sam = koers.signInAs("sam");
    JsonObject jim = koers.signInAs("jim-sam");
    settle();
    String[] before = new String[1];
    List<JsonObject> whileJim = about(allChanges(jim, null, 50, before), samId);
    assertThat(whileJim)
        .as("while he is sam's JIM he hears of sam's card")
        .anyMatch(c -> c.getString("kind").equals("YOUTH") && !c.getBoolean("deleted"));

    assertThat(koers.delete(sam, "/v1/youth/" + samId + "/mentor").statusCode()).isEqualTo(204);
    settle();

    String[] unused = new String[1];
    List<JsonObject> caughtUp = about(allChanges(jim, before[0], 50, unused), samId);
    List<JsonObject> replayed = about(allChanges(jim, null, 50, unused), samId);
    for (List<JsonObject> feed : List.of(caughtUp, replayed)) {
      assertThat(feed).isNotEmpty();
      assertThat(feed)
          .as("after the end only tombstones, whether caught up or replayed from the start")
          .allMatch(c -> c.getBoolean("deleted") && c.getString("reason").equals("ACCESS_ENDED"));
    }
    assertThat(caughtUp).anyMatch(c -> c.getString("kind").equals("YOUTH"));
    assertThat(caughtUp).anyMatch(c -> c.getString("kind").equals("MESSAGES"));
    assertThat(koers.get(jim, "/v1/youth/" + samId).statusCode()).isEqualTo(404);
  }

  @Test
  void aParentWhoseAccessEndedAtEighteenGetsOnlyTombstonesForThatYoungAdult() {
    String lotteId = koers.idOf("lotte");
    String noorId = koers.idOf("noor");
    JsonObject ilse = koers.signInAs("ilse");
    settle();
    String[] next = new String[1];
    List<JsonObject> feed = allChanges(ilse, null, 100, next);

    assertThat(about(feed, lotteId)).isNotEmpty();
    assertThat(about(feed, lotteId))
        .as("lotte is 19: ilse's access ended at her 18th birthday, with no write anywhere")
        .allMatch(c -> c.getBoolean("deleted") && c.getString("reason").equals("ACCESS_ENDED"));
    assertThat(about(feed, noorId))
        .as("noor is 13: her parent sees her card")
        .anyMatch(c -> c.getString("kind").equals("YOUTH") && !c.getBoolean("deleted"));
  }

  @Test
  void nobodyHearsOfYoungPeopleOutsideTheirCircleWhateverCursorTheySend() {
    JsonObject marco = koers.signInAs("marco");
    JsonObject eva = koers.signInAs("pro-eva");
    settle();
    String evasCursor = changes(eva, null, 1).getString("next");
    String[] unused = new String[1];
    List<JsonObject> full = allChanges(marco, null, 100, unused);
    List<JsonObject> withEvasCursor = allChanges(marco, evasCursor, 100, unused);

    for (List<JsonObject> feed : List.of(full, withEvasCursor)) {
      assertThat(feed)
          .as("marco is sam's foster parent only")
          .allMatch(
              c ->
                  c.getString("kind").equals("NOTIFICATION")
                      || koers.idOf("sam").equals(c.getString("youthId")));
    }
  }

  @Test
  void aChangeAppearsExactlyOnceAcrossPagesAndTwoReadsDifferByWhatChanged() {
    String samId = koers.idOf("sam");
    String evaId = koers.idOf("pro-eva");
    JsonObject eva = koers.signInAs("pro-eva");
    settle();
    String[] paged = new String[1];
    List<JsonObject> inPages = allChanges(eva, null, 2, paged);
    String[] whole = new String[1];
    List<JsonObject> atOnce = allChanges(eva, null, 100, whole);
    Set<String> seen = new HashSet<>();
    for (JsonObject change : inPages) {
      assertThat(seen.add(change.getString("kind") + " " + change.getString("id")))
          .as("once: " + change)
          .isTrue();
    }
    assertThat(inPages).as("eva coordinates three young people").hasSizeGreaterThan(4);
    assertThat(inPages).isEqualTo(atOnce);
    assertThat(changes(eva, paged[0], 50).getJsonArray("items"))
        .as("nothing changed since")
        .isEmpty();

    assertThat(sendMessage(koers.signInAs("sam"), samId, evaId).statusCode()).isEqualTo(201);
    koers.runBackgroundNow(); // eva's notification of the message
    settle();
    JsonObject after = changes(eva, paged[0], 50);
    JsonArray items = after.getJsonArray("items");
    assertThat(items.stream().map(i -> ((JsonObject) i).getString("kind")))
        .containsExactlyInAnyOrder("NOTIFICATION", "MESSAGES");
    assertThat(items.stream().map(i -> ((JsonObject) i).getString("resource")))
        .contains("/v1/youth/" + samId + "/conversations/" + evaId + "/messages");
    assertThat(changes(eva, after.getString("next"), 50).getJsonArray("items")).isEmpty();
  }

  @Test
  void theNewestChangesWaitUntilEveryWriteOfThatMomentIsStored() {
    String samId = koers.idOf("sam");
    String evaId = koers.idOf("pro-eva");
    JsonObject eva = koers.signInAs("pro-eva");
    settle();
    String next = changes(eva, null, 100).getString("next");
    sendMessage(koers.signInAs("sam"), samId, evaId);

    assertThat(changes(eva, next, 100).getJsonArray("items")).as("held back").isEmpty();
    settle();
    assertThat(changes(eva, next, 100).getJsonArray("items")).isNotEmpty();
  }

  @Test
  void aCursorStillWorksAfterARestart() {
    String samId = koers.idOf("sam");
    String evaId = koers.idOf("pro-eva");
    settle();
    String next = changes(koers.signInAs("pro-eva"), null, 100).getString("next");

    restartWith(settings());
    sendMessage(koers.signInAs("sam"), samId, evaId);
    settle();

    JsonArray items = changes(koers.signInAs("pro-eva"), next, 100).getJsonArray("items");
    assertThat(items.stream().map(i -> ((JsonObject) i).getString("kind"))).contains("MESSAGES");
    assertThat(items).allMatch(i -> !((JsonObject) i).getBoolean("deleted"));
  }

  @Test
  void aCursorFromOneInstanceWorksOnAnother() {
    String samId = koers.idOf("sam");
    String evaId = koers.idOf("pro-eva");
    settle();
    String next = changes(koers.signInAs("pro-eva"), null, 100).getString("next");
    try (RunningKoers other = RunningKoers.start(settings(), clock)) {
      JsonObject sam = other.signInAs("sam");
      assertThat(sendMessage(other, sam, samId, evaId).statusCode()).isEqualTo(201);
      settle();

      HttpResponse<Buffer> there =
          other.get(other.signInAs("pro-eva"), "/v1/me/changes?since=" + next);
      JsonObject here = changes(koers.signInAs("pro-eva"), next, 100);

      assertThat(there.statusCode()).isEqualTo(200);
      assertThat(there.bodyAsJsonObject().getJsonArray("items"))
          .isEqualTo(here.getJsonArray("items"));
      assertThat(here.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("kind")))
          .contains("MESSAGES");
    }
  }

  @Test
  void aMalformedCursorIs400AndOneOlderThanTheFeedKeepsIs410() {
    JsonObject eva = koers.signInAs("pro-eva");
    settle();
    String next = changes(eva, null, 100).getString("next");

    HttpResponse<Buffer> forged = koers.get(eva, "/v1/me/changes?since=not-a-cursor");
    clock.advance(Changes.KEPT.plusDays(1));
    HttpResponse<Buffer> old = koers.get(koers.signInAs("pro-eva"), "/v1/me/changes?since=" + next);

    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.bodyAsJsonObject().getString("type"))
        .isEqualTo("urn:koers:problem:changes-cursor-invalid");
    assertThat(old.statusCode()).isEqualTo(410);
    assertThat(old.bodyAsJsonObject().getString("type"))
        .isEqualTo("urn:koers:problem:changes-cursor-expired");
  }

  @Test
  void aChecklistWriteNeedsTheVersionJustReadStaleIs412MissingIs428() {
    String samId = koers.idOf("sam");
    JsonObject sam = koers.signInAs("sam");
    String checklist = "/v1/youth/" + samId + "/transition/checklist";
    JsonObject done = new JsonObject().put("done", true);
    String tag = koers.get(sam, checklist).getHeader("ETag");

    HttpResponse<Buffer> missing = koers.put(sam, checklist + "/digid", done);
    HttpResponse<Buffer> first =
        koers.put(sam, checklist + "/digid", done, Map.of("If-Match", tag));
    HttpResponse<Buffer> stale =
        koers.put(sam, checklist + "/bankrekening", done, Map.of("If-Match", tag));

    assertThat(missing.statusCode()).isEqualTo(428);
    assertThat(missing.bodyAsJsonObject().getString("type"))
        .isEqualTo("urn:koers:problem:precondition-required");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.getHeader("ETag")).isNotEqualTo(tag);
    assertThat(stale.statusCode()).as("the checklist changed since that tag").isEqualTo(412);
    JsonObject bank =
        koers.get(sam, checklist).bodyAsJsonObject().getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("id").equals("bankrekening"))
            .findFirst()
            .orElseThrow();
    assertThat(bank.getValue("doneAt")).as("the stale write changed nothing").isNull();
    assertThat(
            koers
                .put(
                    sam,
                    checklist + "/bankrekening",
                    done,
                    Map.of("If-Match", first.getHeader("ETag")))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void twoCaseCoordinatorWritesOnOneExtendedCareReadTheSecondIs412() {
    String extendedCare = "/v1/youth/" + koers.idOf("daan") + "/transition/extended-care";
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject decision =
        new JsonObject()
            .put("extended", true)
            .put("kind", "verlengde-jeugdhulp")
            .put("untilAge", 21);
    String tag = koers.get(eva, extendedCare).getHeader("ETag");

    HttpResponse<Buffer> missing = koers.put(eva, extendedCare, decision);
    HttpResponse<Buffer> first = koers.put(eva, extendedCare, decision, Map.of("If-Match", tag));
    clock.advance(Duration.ofMinutes(1));
    HttpResponse<Buffer> second =
        koers.put(eva, extendedCare, decision.copy().put("untilAge", 23), Map.of("If-Match", tag));

    assertThat(missing.statusCode()).isEqualTo(428);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(412);
    assertThat(koers.get(eva, extendedCare).bodyAsJsonObject().getString("careEndsOn"))
        .as("still the first decision")
        .isEqualTo(first.bodyAsJsonObject().getString("careEndsOn"));
    assertThat(
            koers
                .get(eva, extendedCare, Map.of("If-None-Match", first.getHeader("ETag")))
                .statusCode())
        .isEqualTo(304);
  }

  @Test
  void aChecklistReadYesterdayIsNotTodaysButStillCountsForAWrite() {
    String checklist = "/v1/youth/" + koers.idOf("sam") + "/transition/checklist";
    JsonObject sam = koers.signInAs("sam");
    String yesterdays = koers.get(sam, checklist).getHeader("ETag");
    clock.advance(Duration.ofDays(1));
    sam = koers.signInAs("sam");

    HttpResponse<Buffer> today = koers.get(sam, checklist, Map.of("If-None-Match", yesterdays));
    HttpResponse<Buffer> write =
        koers.put(
            sam,
            checklist + "/digid",
            new JsonObject().put("done", true),
            Map.of("If-Match", yesterdays));

    assertThat(today.statusCode()).as("an item may have turned overdue overnight").isEqualTo(200);
    assertThat(write.statusCode()).as("nobody wrote in between").isEqualTo(200);
  }

  @Test
  void ifNoneMatchGives304UntilSomethingChangesThen200() {
    String samId = koers.idOf("sam");
    JsonObject sam = koers.signInAs("sam");
    String checklist = "/v1/youth/" + samId + "/transition/checklist";
    String circle = "/v1/youth/" + samId + "/circle";
    HttpResponse<Buffer> checklistRead = koers.get(sam, checklist);
    HttpResponse<Buffer> circleRead = koers.get(sam, circle);
    String checklistTag = checklistRead.getHeader("ETag");
    String circleTag = circleRead.getHeader("ETag");

    HttpResponse<Buffer> unchanged =
        koers.get(sam, checklist, Map.of("If-None-Match", checklistTag));
    HttpResponse<Buffer> circleUnchanged =
        koers.get(sam, circle, Map.of("If-None-Match", circleTag));
    koers.put(
        sam,
        checklist + "/digid",
        new JsonObject().put("done", true),
        Map.of("If-Match", checklistTag));
    koers.delete(sam, "/v1/youth/" + samId + "/mentor");
    HttpResponse<Buffer> changed = koers.get(sam, checklist, Map.of("If-None-Match", checklistTag));
    HttpResponse<Buffer> circleChanged = koers.get(sam, circle, Map.of("If-None-Match", circleTag));

    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.bodyAsString()).isNullOrEmpty();
    assertThat(circleUnchanged.statusCode()).isEqualTo(304);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.getHeader("ETag")).isNotEqualTo(checklistTag);
    assertThat(circleChanged.statusCode()).isEqualTo(200);
    assertThat(circleChanged.getHeader("ETag")).isNotEqualTo(circleTag);
  }

  @Test
  void everyTaggedReadAnswers304ToItsOwnETag() {
    String sam = "/v1/youth/" + koers.idOf("sam");
    JsonObject session = koers.signInAs("sam");
    List<String> reads =
        List.of(
            "/v1/me",
            "/v1/me/notifications",
            "/v1/me/notification-preferences",
            sam,
            sam + "/circle",
            sam + "/consents",
            sam + "/steady-contact",
            sam + "/feedback/requests",
            sam + "/mentor/nominations",
            sam + "/transition/checklist",
            sam + "/transition/extended-care",
            sam + "/transition/handovers",
            sam + "/conversations/" + koers.idOf("pro-eva") + "/messages");
    for (String path : reads) {
      HttpResponse<Buffer> first = koers.get(session, path);
      assertThat(first.statusCode()).as(path).isEqualTo(200);
      String tag = first.getHeader("ETag");
      assertThat(tag).as(path).isNotBlank();
      HttpResponse<Buffer> again = koers.get(session, path, Map.of("If-None-Match", tag));
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.getHeader("ETag")).as(path).isEqualTo(tag);
    }
  }

  @Test
  void theInboxFiltersUnreadWhenAsked() {
    String samId = koers.idOf("sam");
    String evaId = koers.idOf("pro-eva");
    JsonObject sam = koers.signInAs("sam");
    JsonObject eva = koers.signInAs("pro-eva");
    sendMessage(sam, samId, evaId);
    koers.runBackgroundNow();
    clock.advance(Duration.ofMinutes(1));
    sendMessage(sam, samId, evaId);
    koers.runBackgroundNow();
    JsonArray all = koers.get(eva, "/v1/me/notifications").bodyAsJsonObject().getJsonArray("items");
    String newest = all.getJsonObject(0).getString("id");
    nl.koers.testing.Http.await(
        koers
            .client
            .post("/v1/me/notifications/" + newest + "/read")
            .bearerTokenAuthentication(eva.getString("accessToken"))
            .send());

    JsonArray unread =
        koers.get(eva, "/v1/me/notifications?unread=true").bodyAsJsonObject().getJsonArray("items");

    assertThat(all.size()).isGreaterThanOrEqualTo(2);
    assertThat(unread.size()).isEqualTo(all.size() - 1);
    assertThat(unread).noneMatch(n -> ((JsonObject) n).getString("id").equals(newest));
    assertThat(unread).allMatch(n -> ((JsonObject) n).getValue("readAt") == null);
  }
}
