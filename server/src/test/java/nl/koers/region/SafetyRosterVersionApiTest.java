package nl.koers.region;

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
 * The region admin replaces the roster of safety contacts based on the roster they read: its ETag
 * goes along as If-Match. Without it 428, after another admin replaced it in between 412, and then
 * the roster stays as the other admin left it; of two replaces based on one read exactly one wins.
 */
class SafetyRosterVersionApiTest extends KoersApiTest {

  private static final String ROSTER = "/v1/regions/demo/safety-contacts";

  private JsonObject rosterOf(String... handles) {
    JsonArray contacts = new JsonArray();
    for (String handle : handles) {
      contacts.add(new JsonObject().put("personId", koers.idOf(handle)));
    }
    return new JsonObject().put("contacts", contacts);
  }

  private HttpResponse<Buffer> replace(JsonObject admin, JsonObject roster, String ifMatch) {
    return koers.put(
        admin, ROSTER, roster, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
  }

  private List<String> onTheRoster(JsonObject admin) {
    return koers.get(admin, ROSTER).bodyAsJsonObject().getJsonArray("contacts").stream()
        .map(c -> ((JsonObject) c).getString("personId"))
        .toList();
  }

  @Test
  void replacingTheRosterWithoutIfMatchIsRefusedWith428AndChangesNothing() {
    JsonObject admin = koers.signInAs("admin");
    List<String> before = onTheRoster(admin);

    HttpResponse<Buffer> answer = replace(admin, rosterOf("pro-eva"), null);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(428);
    assertThat(problem(answer).getString("type"))
        .isEqualTo("urn:koers:problem:precondition-required");
    assertThat(onTheRoster(admin)).isEqualTo(before);
  }

  @Test
  void replacingARosterSomeoneReplacedSinceItWasReadIs412AndKeepsTheirRoster() {
    JsonObject admin = koers.signInAs("admin");
    String read = koers.get(admin, ROSTER).getHeader("ETag");
    // Another screen of the admin replaces it first.
    HttpResponse<Buffer> first = replace(admin, rosterOf("pro-eva", "pro-joris"), read);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);

    HttpResponse<Buffer> answer = replace(admin, rosterOf("pro-joris"), read);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(412);
    assertThat(problem(answer).getString("type"))
        .isEqualTo("urn:koers:problem:precondition-failed");
    assertThat(onTheRoster(admin)).containsExactly(koers.idOf("pro-eva"), koers.idOf("pro-joris"));
  }

  @Test
  void theRosterAsReadIsReplacedAndTheAnswersTagIsWhatTheNextReplaceIsBasedOn() {
    JsonObject admin = koers.signInAs("admin");
    String read = koers.get(admin, ROSTER).getHeader("ETag");

    HttpResponse<Buffer> first = replace(admin, rosterOf("pro-eva"), read);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    String tag = first.getHeader("ETag");
    assertThat(tag).isNotNull().isNotEqualTo(read);

    HttpResponse<Buffer> second = replace(admin, rosterOf("pro-joris"), tag);
    assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(200);
    assertThat(onTheRoster(admin)).containsExactly(koers.idOf("pro-joris"));
  }

  @Test
  void theRosterReadAgainWithItsTagIs304UntilItIsReplaced() {
    JsonObject admin = koers.signInAs("admin");
    String tag = koers.get(admin, ROSTER).getHeader("ETag");

    HttpResponse<Buffer> again = koers.get(admin, ROSTER, Map.of("If-None-Match", tag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.getHeader("ETag")).isEqualTo(tag);

    assertThat(replace(admin, rosterOf("pro-eva"), tag).statusCode()).isEqualTo(200);
    assertThat(koers.get(admin, ROSTER, Map.of("If-None-Match", tag)).statusCode()).isEqualTo(200);
  }

  @Test
  void ofTwoReplacesBasedOnTheSameReadExactlyOneWins() {
    JsonObject admin = koers.signInAs("admin");
    String read = koers.get(admin, ROSTER).getHeader("ETag");
    String token = admin.getString("accessToken");

    Future<HttpResponse<Buffer>> one =
        koers
            .client
            .put(ROSTER)
            .bearerTokenAuthentication(token)
            .putHeader("If-Match", read)
            .sendJsonObject(rosterOf("pro-eva"));
    Future<HttpResponse<Buffer>> other =
        koers
            .client
            .put(ROSTER)
            .bearerTokenAuthentication(token)
            .putHeader("If-Match", read)
            .sendJsonObject(rosterOf("pro-joris"));
    await(Future.join(one, other));

    assertThat(
            List.of(one.result().statusCode(), other.result().statusCode()).stream()
                .sorted()
                .toList())
        .containsExactly(200, 412);
    HttpResponse<Buffer> won = one.result().statusCode() == 200 ? one.result() : other.result();
    assertThat(onTheRoster(admin))
        .containsExactly(
            won.bodyAsJsonObject().getJsonArray("contacts").getJsonObject(0).getString("personId"));
  }
}
