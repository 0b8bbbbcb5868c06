package nl.koers.transition;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * A case coordinator's caseload: their young people by the next transition step due, each step with
 * its date and where to act; nobody else's, and a line in each young person's access log.
 */
class CaseloadApiTest extends KoersApiTest {

  private List<JsonObject> caseload(String handle) {
    HttpResponse<Buffer> answer = koers.get(koers.signInAs(handle), "/v1/me/caseload");
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  private String idOf(String handle) {
    return koers.signInAs(handle).getJsonObject("person").getString("id");
  }

  @Test
  void evaSeesHerYoungPeopleTheOneWhoseNextStepIsDueFirstFirst() {
    List<JsonObject> items = caseload("pro-eva");
    assertThat(items.stream().map(i -> i.getString("firstName")))
        .as(
            "daan (17y10m) is behind on everything; lotte, whose steady contact eva is, is not hers")
        .containsExactly("Daan", "Sam", "Noor");
    JsonObject daan = items.get(0);
    assertThat(daan.getString("resource")).isEqualTo("youth/" + idOf("daan"));
    assertThat(daan.getJsonObject("next").getBoolean("overdue")).isTrue();
    assertThat(
            daan.getJsonArray("steps").stream()
                .map(s -> ((JsonObject) s).getString("step"))
                .toList())
        .contains("STEADY_CONTACT_MISSING", "EXTENDED_CARE_DECISION_MISSING", "TURNING_18");
    List<String> dues =
        daan.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("dueOn")).toList();
    assertThat(dues).as("the first due first").isSorted();
    for (Object raw : daan.getJsonArray("steps")) {
      JsonObject step = (JsonObject) raw;
      HttpResponse<Buffer> followed =
          koers.get(koers.signInAs("pro-eva"), "/v1/" + step.getString("resource"));
      assertThat(followed.statusCode())
          .as("eva may follow " + step.getString("step"))
          .isEqualTo(200);
    }
    JsonObject turning = step(daan, "TURNING_18");
    assertThat(turning.getString("dueOn")).isEqualTo(daan.getString("turns18On"));
    assertThat(turning.getBoolean("overdue")).isFalse();
  }

  @Test
  void aStepDoneLeavesTheCaseloadAndAnEndedCoordinatorSeesNothingMore() {
    String daan = idOf("daan");
    HttpResponse<Buffer> decided =
        koers.put(
            koers.signInAs("pro-eva"),
            "/v1/youth/" + daan + "/transition/extended-care",
            new JsonObject()
                .put("extended", true)
                .put("kind", "verlengde-jeugdhulp")
                .put("untilAge", 21),
            java.util.Map.of("If-Match", "\"0\""));
    assertThat(decided.statusCode()).as(decided.bodyAsString()).isEqualTo(200);
    JsonObject line = caseload("pro-eva").get(0);
    assertThat(line.getString("firstName")).isEqualTo("Daan");
    assertThat(line.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("step")))
        .doesNotContain("EXTENDED_CARE_DECISION_MISSING");
    assertThat(step(line, "HANDOVER_MISSING").getString("dueOn"))
        .as("care now ends at 21: the handover is due half a year before")
        .isEqualTo(
            java.time.LocalDate.parse(line.getString("turns18On"))
                .plusYears(3)
                .minusMonths(6)
                .toString());

    // The region admin makes pro-joris noor's case coordinator: eva's relation ends now.
    HttpResponse<Buffer> assigned =
        koers.putAsRead(
            koers.signInAs("admin"),
            "/v1/youth/" + idOf("noor") + "/case-coordinator",
            "/v1/youth/" + idOf("noor") + "/case-coordinator",
            new JsonObject().put("professionalId", idOf("pro-joris")));
    assertThat(assigned.statusCode()).as(assigned.bodyAsString()).isEqualTo(200);
    assertThat(caseload("pro-eva").stream().map(i -> i.getString("firstName")))
        .containsExactly("Daan", "Sam");
    assertThat(caseload("pro-joris").stream().map(i -> i.getString("firstName")))
        .containsExactly("Noor");
  }

  @Test
  void anyoneWhoCoordinatesNobodyGetsAnEmptyList() {
    for (String handle : List.of("marco", "sam", "jim-sam", "ilse", "analyst", "admin")) {
      assertThat(caseload(handle)).as(handle).isEmpty();
    }
  }

  @Test
  void eachYoungPersonListedSeesThatTheirCaseCoordinatorLookedInTheirLog() {
    caseload("pro-eva");
    JsonObject sam = koers.signInAs("sam");
    HttpResponse<Buffer> log =
        koers.get(
            sam,
            "/v1/youth/" + sam.getJsonObject("person").getString("id") + "/access-log",
            java.util.Map.of("Accept-Language", "en"));
    assertThat(log.bodyAsString())
        .contains("your next steps towards 18, in your case coordinator's overview");
  }

  private static JsonObject step(JsonObject line, String step) {
    return line.getJsonArray("steps").stream()
        .map(JsonObject.class::cast)
        .filter(s -> s.getString("step").equals(step))
        .findFirst()
        .orElseThrow();
  }
}
