package nl.koers.circle;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.MongoBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * An {@code Idempotency-Key} replay: every idempotent operation remembers its answer (a 204
 * included) and answers a retry with it, without acting twice - but only once everything the first
 * request was allowed is allowed again for the caller now.
 */
class ReplayApiTest extends KoersApiTest {

  private HttpResponse<Buffer> post(JsonObject session, String path, JsonObject body, String key) {
    return koers.post(session, path, body, Map.of("Idempotency-Key", key));
  }

  private HttpResponse<Buffer> post(JsonObject session, String path, JsonObject body) {
    return koers.post(session, path, body);
  }

  private List<JsonObject> samsLog() {
    return koers
        .get(
            koers.signInAs("sam"),
            "/v1/youth/" + koers.idOf("sam") + "/access-log?limit=100&includeOwn=true")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  private static List<JsonObject> ofRequest(List<JsonObject> log, HttpResponse<Buffer> response) {
    String requestId = response.getHeader("X-Request-Id");
    return log.stream().filter(e -> e.getString("requestId").equals(requestId)).toList();
  }

  @Test
  void aJimsStepDownIsRememberedARetryIsAnsweredAsBeforeAndDoesNotActTwice() {
    String samId = koers.idOf("sam");
    JsonObject jim = koers.signInAs("jim-sam");
    String path = "/v1/youth/" + samId + "/mentor/step-down";
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> first = post(jim, path, null, key);
    clock.advance(Duration.ofSeconds(5));
    HttpResponse<Buffer> retry = post(jim, path, null, key);
    HttpResponse<Buffer> again = post(jim, path, null);

    assertThat(first.statusCode()).isEqualTo(204);
    assertThat(retry.statusCode()).isEqualTo(204);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsString()).isNull();
    // Had the retry stepped down again, it would have found no JIM: a fresh request does.
    assertThat(again.statusCode()).isEqualTo(404);
    // The retry is no way back in.
    assertThat(koers.get(jim, "/v1/youth/" + samId).statusCode()).isEqualTo(404);
    assertThat(ofRequest(samsLog(), retry))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getString("capacity")).isEqualTo("JIM");
              assertThat(line.getString("what")).isEqualTo("je JIM");
            });
  }

  @Test
  void aRatingIsRememberedARetryDoesNotOverwriteALaterRating() {
    String samId = koers.idOf("sam");
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject sam = koers.signInAs("sam");
    String pulse =
        post(
                eva,
                "/v1/youth/" + samId + "/contact-moments",
                new JsonObject().put("kind", "CONVERSATION"))
            .bodyAsJsonObject()
            .getString("feedbackRequestId");
    JsonArray answers = new JsonArray();
    for (String item : List.of("heard", "my-goals", "approach", "overall")) {
      answers.add(new JsonObject().put("itemId", item).put("valueInteger", 2));
    }
    HttpResponse<Buffer> answered =
        post(
            sam,
            "/v1/youth/" + samId + "/feedback",
            new JsonObject()
                .put("feedbackRequestId", pulse)
                .put("answers", answers)
                .put("sharing", "SHARE_WITH_PROFESSIONAL"));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    String feedbackId = answered.bodyAsJsonObject().getString("id");
    String responseId =
        post(
                eva,
                "/v1/youth/" + samId + "/feedback/" + feedbackId + "/responses",
                new JsonObject().put("text", "Goed dat je het zegt."))
            .bodyAsJsonObject()
            .getString("id");
    String rating =
        "/v1/youth/" + samId + "/feedback/" + feedbackId + "/responses/" + responseId + "/rating";
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> four = post(sam, rating, new JsonObject().put("rating", 4), key);
    HttpResponse<Buffer> two = post(sam, rating, new JsonObject().put("rating", 2));
    HttpResponse<Buffer> retryOfFour = post(sam, rating, new JsonObject().put("rating", 4), key);
    HttpResponse<Buffer> otherBodySameKey =
        post(sam, rating, new JsonObject().put("rating", 5), key);

    assertThat(four.statusCode()).isEqualTo(204);
    assertThat(two.statusCode()).isEqualTo(204);
    assertThat(retryOfFour.statusCode()).isEqualTo(204);
    assertThat(retryOfFour.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(otherBodySameKey.statusCode()).isEqualTo(422);
    JsonObject feedback =
        koers
            .get(sam, "/v1/youth/" + samId + "/feedback")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(f -> f.getString("id").equals(feedbackId))
            .findFirst()
            .orElseThrow();
    assertThat(feedback.getJsonArray("responses").getJsonObject(0).getInteger("rating"))
        .isEqualTo(2);
  }

  @Test
  void aReplayIsNotAnsweredWhenWhatTheCapabilityCheckedItselfNoLongerHolds() {
    // Sam may write to marco while marco may exchange messages; after marco's relation ended a
    // fresh message to him is a 404, and so is a retry of an earlier one.
    String samId = koers.idOf("sam");
    String marcoId = koers.idOf("marco");
    JsonObject sam = koers.signInAs("sam");
    JsonObject eva = koers.signInAs("pro-eva");
    String path = "/v1/youth/" + samId + "/conversations/" + marcoId + "/messages";
    JsonObject message = new JsonObject().put("text", "Ik ben om zes thuis");
    String key = UUID.randomUUID().toString();
    assertThat(post(sam, path, message, key).statusCode()).isEqualTo(201);
    String relationId =
        koers
            .get(eva, "/v1/youth/" + samId + "/circle")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(m -> m.getJsonObject("person").getString("id").equals(marcoId))
            .findFirst()
            .orElseThrow()
            .getString("id");
    assertThat(
            post(eva, "/v1/youth/" + samId + "/circle/" + relationId + "/end", null).statusCode())
        .isEqualTo(200);

    HttpResponse<Buffer> retry = post(sam, path, message, key);
    HttpResponse<Buffer> fresh = post(sam, path, message);

    assertThat(fresh.statusCode()).isEqualTo(404);
    assertThat(retry.statusCode()).isEqualTo(404);
    assertThat(retry.bodyAsJsonObject().getString("type"))
        .isEqualTo(fresh.bodyAsJsonObject().getString("type"));
    assertThat(ofRequest(samsLog(), retry)).isEmpty();
    List<Document> refusals =
        await(
            mongo.list(
                mongo
                    .collection("securityLog")
                    .find(Filters.eq("requestId", retry.getHeader("X-Request-Id")))
                    .hint(MongoBackend.SCAN_ON_PURPOSE)));
    assertThat(refusals)
        .singleElement()
        .satisfies(r -> assertThat(r.get("actorId")).isEqualTo(samId));
  }

  @Test
  void aReplayThatPassedNoCheckOfTheCircleIsAnsweredAsBefore() {
    // Accepting an invite is allowed by its code, not by the circle: nothing to make again.
    String noorId = koers.idOf("noor");
    HttpResponse<Buffer> nominated =
        post(
            koers.signInAs("noor"),
            "/v1/youth/" + noorId + "/mentor/nominations",
            new JsonObject().put("firstName", "Tess").put("relation", "my hockey coach"));
    assertThat(nominated.statusCode()).as(nominated.bodyAsString()).isEqualTo(201);
    String accept =
        "/v1/mentor-invites/" + nominated.bodyAsJsonObject().getString("code") + "/accept";
    JsonObject tess = koers.signInAs("tess");
    JsonObject terms = new JsonObject().put("acceptTerms", true);
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> accepted = post(tess, accept, terms, key);
    HttpResponse<Buffer> retry = post(tess, accept, terms, key);

    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsJsonObject()).isEqualTo(accepted.bodyAsJsonObject());
  }
}
