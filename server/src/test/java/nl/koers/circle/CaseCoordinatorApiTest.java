package nl.koers.circle;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.koers.demo.DemoRegion;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Person.RegionRole;
import nl.koers.identity.Role;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * Handing a young person's case to another professional is based on what the region admin saw: the
 * admin reads who coordinates now (and nothing else of the young person), and the reassignment
 * names that read in If-Match. Two admins acting on the same read cannot silently overwrite each
 * other, and a retried reassignment is not a second one.
 */
class CaseCoordinatorApiTest extends KoersApiTest {

  private String samId;
  private JsonObject admin;

  private String path() {
    return "/v1/youth/" + samId + "/case-coordinator";
  }

  private void signIn() {
    samId = koers.idOf("sam");
    admin = koers.signInAs("admin");
  }

  private HttpResponse<Buffer> read(JsonObject session) {
    return koers.get(session, path());
  }

  private HttpResponse<Buffer> assign(JsonObject session, String handle, String ifMatch) {
    return koers.put(
        session,
        path(),
        new JsonObject().put("professionalId", koers.idOf(handle)),
        ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
  }

  private String coordinatorNow() {
    return read(admin).bodyAsJsonObject().getJsonObject("coordinator").getString("professionalId");
  }

  /** Sam's circle as sam sees it: active members and ended ones. */
  private List<JsonObject> membersOfSamsCircle() {
    return koers
        .get(koers.signInAs("sam"), "/v1/youth/" + samId + "/circle")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  private List<JsonObject> coordinatorsInSamsCircle() {
    return membersOfSamsCircle().stream()
        .filter(member -> "CASE_COORDINATOR".equals(member.getString("kind")))
        .toList();
  }

  private JsonObject secondAdmin() {
    String id = UUID.randomUUID().toString();
    await(
        new People(mongo)
            .create(
                new Person(
                    id,
                    Optional.empty(),
                    "Bram",
                    List.of(new RegionRole(Role.REGION_ADMIN, DemoRegion.REGION)),
                    Optional.of(clock.instant()))));
    return koers.sessionFor(id);
  }

  @Test
  void theAdminSeesWhoCoordinatesAndNothingElseOfTheYoungPerson() {
    signIn();
    HttpResponse<Buffer> answer = read(admin);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    JsonObject body = answer.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("youthId", "coordinator");
    assertThat(body.getJsonObject("coordinator").getString("professionalId"))
        .isEqualTo(koers.idOf("pro-eva"));
    assertThat(answer.getHeader("ETag")).isNotBlank();
    HttpResponse<Buffer> again =
        koers.get(admin, path(), Map.of("If-None-Match", answer.getHeader("ETag")));
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void aReassignmentBasedOnTheReadEndsTheOldCoordinatorAndStartsTheNewOneAtOnce() {
    signIn();
    String tag = read(admin).getHeader("ETag");

    HttpResponse<Buffer> assigned = assign(admin, "pro-joris", tag);

    assertThat(assigned.statusCode()).as(assigned.bodyAsString()).isEqualTo(200);
    assertThat(assigned.getHeader("ETag")).isNotBlank().isNotEqualTo(tag);
    assertThat(coordinatorNow()).isEqualTo(koers.idOf("pro-joris"));
    List<JsonObject> coordinators = coordinatorsInSamsCircle();
    assertThat(coordinators)
        .filteredOn(member -> member.getValue("until") == null)
        .extracting(member -> member.getJsonObject("person").getString("id"))
        .containsExactly(koers.idOf("pro-joris"));
    assertThat(koers.get(koers.signInAs("pro-eva"), "/v1/youth/" + samId + "/circle").statusCode())
        .as("eva is no longer sam's case coordinator")
        .isEqualTo(404);
  }

  @Test
  void ofTwoAdminsActingOnTheSameReadTheSecondIsToldToReadAgainAndChangesNothing() {
    signIn();
    JsonObject bram = secondAdmin();
    String tagAnouk = read(admin).getHeader("ETag");
    String tagBram = read(bram).getHeader("ETag");
    assertThat(tagBram).isEqualTo(tagAnouk);

    assertThat(assign(admin, "pro-joris", tagAnouk).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> late = assign(bram, "pro-eva", tagBram);

    assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(412);
    assertThat(problem(late).getString("type")).isEqualTo("urn:koers:problem:precondition-failed");
    assertThat(coordinatorNow()).isEqualTo(koers.idOf("pro-joris"));
  }

  @Test
  void aReassignmentWithoutIfMatchIsRefusedWith428AndChangesNothing() {
    signIn();

    HttpResponse<Buffer> answer = assign(admin, "pro-joris", null);

    assertThat(answer.statusCode()).isEqualTo(428);
    assertThat(coordinatorNow()).isEqualTo(koers.idOf("pro-eva"));
  }

  @Test
  void aChangeOfTheCircleSinceTheReadMakesTheReassignmentStale() {
    signIn();
    String tag = read(admin).getHeader("ETag");
    JsonObject sam = koers.signInAs("sam");
    String marco =
        membersOfSamsCircle().stream()
            .filter(member -> "FOSTER_PARENT".equals(member.getString("kind")))
            .findFirst()
            .orElseThrow()
            .getString("id");
    HttpResponse<Buffer> narrowed =
        koers.putAsRead(
            sam,
            "/v1/youth/" + samId + "/circle",
            "/v1/youth/" + samId + "/circle/" + marco + "/scopes",
            new JsonObject().put("scopes", new JsonArray().add("profile")));
    assertThat(narrowed.statusCode()).as(narrowed.bodyAsString()).isEqualTo(200);

    assertThat(assign(admin, "pro-joris", tag).statusCode()).isEqualTo(412);
    assertThat(coordinatorNow()).isEqualTo(koers.idOf("pro-eva"));
  }

  @Test
  void aRetriedReassignmentAnswersTheSameRelationAndAddsNoSecond() {
    signIn();
    String tag = read(admin).getHeader("ETag");

    HttpResponse<Buffer> first = assign(admin, "pro-joris", tag);
    HttpResponse<Buffer> retried = assign(admin, "pro-joris", tag);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retried.statusCode()).as(retried.bodyAsString()).isEqualTo(200);
    assertThat(retried.bodyAsJsonObject().getString("relationId"))
        .isEqualTo(first.bodyAsJsonObject().getString("relationId"));
    assertThat(coordinatorsInSamsCircle())
        .extracting(member -> member.getJsonObject("person").getString("id"))
        .containsOnlyOnce(koers.idOf("pro-joris"));
  }
}
