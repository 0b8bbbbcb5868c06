package nl.koers.notify;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * Saving preferences is based on what the phone read: its ETag goes along as If-Match. Without it
 * 428, after another phone of the same person saved in between 412, and then nothing changes.
 */
class PreferencesVersionApiTest extends KoersApiTest {

  private static final String PREFERENCES = "/v1/me/notification-preferences";

  private static JsonObject muting(String type) {
    return new JsonObject()
        .put("types", new JsonObject().put(type, false))
        .put("quietHours", new JsonObject().put("start", "22:00").put("end", "07:00"));
  }

  private HttpResponse<Buffer> save(JsonObject session, JsonObject body, String ifMatch) {
    return koers.put(
        session, PREFERENCES, body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
  }

  private JsonObject types(JsonObject session) {
    return koers.get(session, PREFERENCES).bodyAsJsonObject().getJsonObject("types");
  }

  @Test
  void savingWithoutIfMatchIsRefusedWith428AndChangesNothing() {
    JsonObject marco = koers.signInAs("marco");

    HttpResponse<Buffer> answer = save(marco, muting("MESSAGE"), null);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(428);
    assertThat(problem(answer).getString("type"))
        .isEqualTo("urn:koers:problem:precondition-required");
    assertThat(types(marco).getBoolean("MESSAGE")).isTrue();
  }

  @Test
  void savingWhatOnePhoneReadAfterTheOtherPhoneSavedIs412AndKeepsTheOtherPhonesChoice() {
    JsonObject phone = koers.signInAs("marco");
    JsonObject tablet = koers.signInAs("marco");
    String readOnPhone = koers.get(phone, PREFERENCES).getHeader("ETag");
    String readOnTablet = koers.get(tablet, PREFERENCES).getHeader("ETag");
    assertThat(save(tablet, muting("TEST"), readOnTablet).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> answer = save(phone, muting("MESSAGE"), readOnPhone);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(412);
    assertThat(problem(answer).getString("type"))
        .isEqualTo("urn:koers:problem:precondition-failed");
    assertThat(types(phone).getBoolean("MESSAGE")).isTrue();
    assertThat(types(phone).getBoolean("TEST")).as("the tablet's choice stays").isFalse();
  }

  @Test
  void savingWhatWasReadAnswersANewTagAndTheNextSaveIsBasedOnIt() {
    JsonObject marco = koers.signInAs("marco");
    String read = koers.get(marco, PREFERENCES).getHeader("ETag");

    HttpResponse<Buffer> first = save(marco, muting("MESSAGE"), read);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getJsonObject("types").getBoolean("MESSAGE")).isFalse();
    String tag = first.getHeader("ETag");
    assertThat(tag).isNotNull().isNotEqualTo(read);

    assertThat(save(marco, muting("TEST"), read).statusCode())
        .as("the read before the first save is stale now")
        .isEqualTo(412);
    assertThat(save(marco, muting("TEST"), tag).statusCode()).isEqualTo(200);
    assertThat(types(marco).getBoolean("TEST")).isFalse();
    assertThat(types(marco).getBoolean("MESSAGE")).as("replaced as a whole").isTrue();
  }

  @Test
  void thePreferencesReadAgainWithTheirTagAre304UntilTheyChange() {
    JsonObject marco = koers.signInAs("marco");
    String tag = koers.get(marco, PREFERENCES).getHeader("ETag");

    HttpResponse<Buffer> again = koers.get(marco, PREFERENCES, Map.of("If-None-Match", tag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.getHeader("ETag")).isEqualTo(tag);

    assertThat(save(marco, muting("MESSAGE"), tag).statusCode()).isEqualTo(200);
    assertThat(koers.get(marco, PREFERENCES, Map.of("If-None-Match", tag)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void ofTwoFirstSavesOfOnePersonExactlyOneIsMade() {
    JsonObject marco = koers.signInAs("marco");
    String read = koers.get(marco, PREFERENCES).getHeader("ETag");
    String token = marco.getString("accessToken");

    Future<HttpResponse<Buffer>> one =
        koers
            .client
            .put(PREFERENCES)
            .bearerTokenAuthentication(token)
            .putHeader("If-Match", read)
            .sendJsonObject(muting("MESSAGE"));
    Future<HttpResponse<Buffer>> other =
        koers
            .client
            .put(PREFERENCES)
            .bearerTokenAuthentication(token)
            .putHeader("If-Match", read)
            .sendJsonObject(muting("TEST"));
    await(Future.join(one, other));

    assertThat(
            List.of(one.result().statusCode(), other.result().statusCode()).stream()
                .sorted()
                .toList())
        .containsExactly(200, 412);
    JsonObject saved = types(marco);
    assertThat(saved.getBoolean("MESSAGE")).isNotEqualTo(saved.getBoolean("TEST"));
  }
}
