package nl.koers.circle;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * A change of scopes is based on the circle the young person saw: its ETag goes along as If-Match.
 * Without it 428, after anyone changed the circle in between 412, and then nothing changes; of two
 * changes based on the same read exactly one is made. The JIM's scopes are part of the circle.
 */
class CircleVersionApiTest extends KoersApiTest {

  private String samId;
  private JsonObject sam;

  private String circle() {
    return "/v1/youth/" + samId + "/circle";
  }

  private HttpResponse<Buffer> readCircle() {
    return koers.get(sam, circle());
  }

  private JsonObject member(HttpResponse<Buffer> circle, String personHandle) {
    return circle.bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getJsonObject("person").getString("id").equals(koers.idOf(personHandle)))
        .findFirst()
        .orElseThrow();
  }

  private JsonArray scopesOf(String personHandle) {
    return member(readCircle(), personHandle).getJsonArray("scopes");
  }

  private String marcoScopes() {
    return circle() + "/" + member(readCircle(), "marco").getString("id") + "/scopes";
  }

  private static JsonObject scopes(String... scopes) {
    return new JsonObject().put("scopes", new JsonArray(List.of(scopes)));
  }

  private HttpResponse<Buffer> put(String path, JsonObject body, String ifMatch) {
    return koers.put(sam, path, body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
  }

  private int consentLines() {
    return koers
        .get(sam, "/v1/youth/" + samId + "/consents?limit=100")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .size();
  }

  private void signIn() {
    samId = koers.idOf("sam");
    sam = koers.signInAs("sam");
  }

  @Test
  void aScopeChangeWithoutIfMatchIsRefusedWith428AndChangesNothing() {
    signIn();
    String path = marcoScopes();
    JsonArray before = scopesOf("marco");
    int lines = consentLines();

    HttpResponse<Buffer> answer = put(path, scopes("profile"), null);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(428);
    assertThat(problem(answer).getString("type"))
        .isEqualTo("urn:koers:problem:precondition-required");
    assertThat(scopesOf("marco")).isEqualTo(before);
    assertThat(consentLines()).isEqualTo(lines);
  }

  @Test
  void aScopeChangeBasedOnACircleTheCaseCoordinatorChangedSinceIs412AndChangesNothing() {
    signIn();
    String path = marcoScopes();
    HttpResponse<Buffer> seen = readCircle();
    JsonArray before = member(seen, "marco").getJsonArray("scopes");
    // Meanwhile eva adds someone to sam's circle.
    assertThat(
            koers
                .post(
                    koers.signInAs("pro-eva"),
                    circle(),
                    new JsonObject().put("kind", "PARENT").put("name", "Petra Jansen"))
                .statusCode())
        .isEqualTo(201);
    int lines = consentLines();

    HttpResponse<Buffer> answer = put(path, scopes("profile"), seen.getHeader("ETag"));

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(412);
    assertThat(problem(answer).getString("type"))
        .isEqualTo("urn:koers:problem:precondition-failed");
    assertThat(scopesOf("marco")).isEqualTo(before);
    assertThat(consentLines()).isEqualTo(lines);
  }

  @Test
  void theCircleAsReadChangesTheScopesAndAnswersATagTheNextChangeIsBasedOn() {
    signIn();
    String path = marcoScopes();
    HttpResponse<Buffer> seen = readCircle();

    HttpResponse<Buffer> first = put(path, scopes("profile"), seen.getHeader("ETag"));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getJsonArray("scopes")).containsExactly("profile");
    String tag = first.getHeader("ETag");
    assertThat(tag).isNotNull().isNotEqualTo(seen.getHeader("ETag"));

    assertThat(put(path, scopes("circle"), seen.getHeader("ETag")).statusCode())
        .as("the read before the first change is stale now")
        .isEqualTo(412);
    HttpResponse<Buffer> second = put(path, scopes("profile", "circle"), tag);
    assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(200);
    assertThat(scopesOf("marco")).containsExactlyInAnyOrder("circle", "profile");
  }

  @Test
  void theCircleReadAgainWithItsTagIs304UntilItChanges() {
    signIn();
    HttpResponse<Buffer> seen = readCircle();
    String tag = seen.getHeader("ETag");

    HttpResponse<Buffer> again = koers.get(sam, circle(), Map.of("If-None-Match", tag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isNull();
    assertThat(again.getHeader("ETag")).isEqualTo(tag);

    assertThat(put(marcoScopes(), scopes("profile"), tag).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> changed = koers.get(sam, circle(), Map.of("If-None-Match", tag));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.getHeader("ETag")).isNotEqualTo(tag);
  }

  @Test
  void theJimsScopesAreGuardedByTheSameCircleVersion() {
    signIn();
    String jimScopes = "/v1/youth/" + samId + "/mentor/scopes";
    HttpResponse<Buffer> seen = readCircle();
    JsonArray jimBefore = member(seen, "jim-sam").getJsonArray("scopes");

    assertThat(put(jimScopes, scopes("profile"), null).statusCode()).isEqualTo(428);
    // sam changes marco's scopes on another phone: the JIM change read before it is stale.
    assertThat(put(marcoScopes(), scopes("profile"), seen.getHeader("ETag")).statusCode())
        .isEqualTo(200);
    assertThat(put(jimScopes, scopes("profile"), seen.getHeader("ETag")).statusCode())
        .isEqualTo(412);
    assertThat(scopesOf("jim-sam")).isEqualTo(jimBefore);

    HttpResponse<Buffer> done = put(jimScopes, scopes("profile"), readCircle().getHeader("ETag"));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsJsonObject().getJsonArray("scopes")).containsExactly("profile");
    assertThat(done.getHeader("ETag")).isNotNull();
    // The JIM change's tag is the circle's version: a scope change can be based on it.
    assertThat(put(marcoScopes(), scopes("circle"), done.getHeader("ETag")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void ofTwoScopeChangesBasedOnTheSameReadExactlyOneIsMade() {
    signIn();
    String path = marcoScopes();
    String tag = readCircle().getHeader("ETag");
    String token = sam.getString("accessToken");
    int lines = consentLines();

    Future<HttpResponse<Buffer>> one =
        koers
            .client
            .put(path)
            .bearerTokenAuthentication(token)
            .putHeader("If-Match", tag)
            .sendJsonObject(scopes("profile"));
    Future<HttpResponse<Buffer>> other =
        koers
            .client
            .put(path)
            .bearerTokenAuthentication(token)
            .putHeader("If-Match", tag)
            .sendJsonObject(scopes("circle"));
    await(Future.join(one, other));

    List<Integer> statuses =
        List.of(one.result().statusCode(), other.result().statusCode()).stream().sorted().toList();
    assertThat(statuses).containsExactly(200, 412);
    HttpResponse<Buffer> won = one.result().statusCode() == 200 ? one.result() : other.result();
    assertThat(scopesOf("marco")).isEqualTo(won.bodyAsJsonObject().getJsonArray("scopes"));
    assertThat(consentLines()).isEqualTo(lines + 1);
  }
}
