package nl.koers.insights;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Person.RegionRole;
import nl.koers.identity.Role;
import nl.koers.testing.KoersApiTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The continuity monitor on a planted region: the counts per month and organisation, small groups
 * and their complements suppressed, no hidden organisation worked out from the region and the
 * others, and only the region's analysts and admins may ask.
 */
class ContinuityApiTest extends KoersApiTest {

  private static final String REGION = "plant";

  private String analyst;
  private String admin;
  private final Map<String, List<String>> coordinators = new java.util.HashMap<>();

  /** One young person planted: who coordinates, and which steps are done. */
  private record Planted(
      String organisation,
      int coordinator,
      boolean steadyContact,
      boolean plan,
      boolean extendedCare,
      boolean handover) {}

  private static Planted of(String organisation) {
    return new Planted(organisation, 0, false, false, false, false);
  }

  private void region() {
    analyst = person("Anna", List.of(new RegionRole(Role.REGION_ANALYST, REGION)));
    admin = person("Adam", List.of(new RegionRole(Role.REGION_ADMIN, REGION)));
    for (String org : List.of("org-a", "org-b")) {
      coordinators.put(org, List.of(professional(org), professional(org), professional(org)));
    }
    coordinators.put("org-c", List.of(professional("org-c")));
  }

  private String professional(String organisation) {
    return person(
        "Pro", List.of(new RegionRole(Role.PROFESSIONAL, REGION, Optional.of(organisation))));
  }

  private String person(String name, List<RegionRole> roles) {
    String id = UUID.randomUUID().toString();
    await(
        new People(mongo)
            .create(new Person(id, Optional.empty(), name, roles, Optional.of(clock.instant()))));
    return id;
  }

  /** {@code count} young people who turn 18 in {@code month} (of the test's today: 2026-11). */
  private void plant(String month, int count, java.util.function.IntFunction<Planted> how) {
    LocalDate born = LocalDate.parse(month + "-10").minusYears(18);
    YouthRecords records = new YouthRecords(mongo);
    Instant now = clock.instant();
    for (int i = 0; i < count; i++) {
      Planted planted = how.apply(i);
      String id = UUID.randomUUID().toString();
      await(records.create(new Youth(id, "Yara", born.plusDays(i % 15), REGION, List.of())));
      if (planted.organisation() != null) {
        List<String> of = coordinators.get(planted.organisation());
        String coordinator = of.get((planted.coordinator() + i) % of.size());
        await(
            records.addRelation(
                id,
                new Relation(
                    UUID.randomUUID().toString(),
                    RelationKind.CASE_COORDINATOR,
                    coordinator,
                    RelationKind.CASE_COORDINATOR.defaultScopes(),
                    now.minus(Duration.ofDays(100)),
                    Optional.empty(),
                    Optional.empty())));
      }
      if (planted.steadyContact()) {
        await(
            records.setSteadyContact(
                id,
                new YouthRecords.SteadyContact("someone", now, Optional.of(now), 0),
                List.of()));
      }
      if (planted.plan()) {
        insert("plans", new Document("_id", id).append("updatedAt", Date.from(now)));
      }
      if (planted.extendedCare()) {
        await(
            records.setExtendedCare(
                id,
                new YouthRecords.ExtendedCareDecision(false, Optional.empty(), 18, now, "x"),
                Optional.empty(),
                List.of()));
      }
      if (planted.handover()) {
        insert(
            "handovers",
            new Document("_id", UUID.randomUUID().toString())
                .append("youthId", id)
                .append("createdAt", Date.from(now)));
      }
    }
  }

  private void insert(String collection, Document doc) {
    await(mongo.write(mongo.collection(collection).insertOne(doc)));
  }

  private HttpResponse<Buffer> monitor(String personId, String region) {
    return koers.get(koers.sessionFor(personId), "/v1/regions/" + region + "/continuity");
  }

  private JsonObject report() {
    HttpResponse<Buffer> answer = monitor(analyst, REGION);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  private static JsonObject month(JsonObject report, String month) {
    return report.getJsonArray("months").stream()
        .map(JsonObject.class::cast)
        .filter(m -> m.getString("month").equals(month))
        .findFirst()
        .orElseThrow();
  }

  private static JsonObject month(JsonObject report, String organisation, String month) {
    JsonObject org =
        report.getJsonArray("organisations").stream()
            .map(JsonObject.class::cast)
            .filter(o -> o.getString("organisation").equals(organisation))
            .findFirst()
            .orElseThrow();
    return org.getJsonArray("months").stream()
        .map(JsonObject.class::cast)
        .filter(m -> m.getString("month").equals(month))
        .findFirst()
        .orElseThrow();
  }

  /** The cell's n, or "suppressed". */
  private static Object n(JsonObject month, String measure) {
    JsonObject cell = month.getJsonObject(measure);
    if (cell.getBoolean("suppressed")) {
      assertThat(cell.getValue("n")).as("a suppressed cell has no n").isNull();
      return "suppressed";
    }
    return cell.getLong("n");
  }

  private static Map<String, Object> cells(JsonObject month) {
    Map<String, Object> cells = new java.util.LinkedHashMap<>();
    for (String measure :
        List.of("turning18", "noSteadyContact", "noPlan", "noExtendedCareDecision", "noHandover")) {
      cells.put(measure, n(month, measure));
    }
    return cells;
  }

  @Test
  void theAnalystSeesWhoTurns18EachMonthAndWhatTheyStillLackWithSmallGroupsSuppressed() {
    region();
    // December: 12 of org-a, 15 of org-b.
    plant("2026-12", 12, i -> new Planted("org-a", 0, false, i >= 2, false, true));
    plant("2026-12", 15, i -> new Planted("org-b", 0, i < 5, i >= 13, false, false));
    // January: only 5 in all.
    plant("2027-01", 5, i -> of("org-a"));

    JsonObject report = report();
    assertThat(report.getString("asOf")).isEqualTo("2026-11-23");
    assertThat(report.getInteger("suppressionThreshold")).isEqualTo(10);
    assertThat(report.getJsonArray("months").stream().map(m -> ((JsonObject) m).getString("month")))
        .containsExactly("2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04");

    assertThat(cells(month(report, "2026-12")))
        .as("December: 22 without a steady contact is hidden, since the 5 with one are too few")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "turning18", 27L,
                "noSteadyContact", "suppressed",
                "noPlan", 15L,
                "noExtendedCareDecision", 27L,
                "noHandover", 15L));
    assertThat(cells(month(report, "org-a", "2026-12")))
        .as("org-a's 2 without a plan are hidden, and so is org-b's 13: or 15 - 13 would tell")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "turning18", 12L,
                "noSteadyContact", "suppressed",
                "noPlan", "suppressed",
                "noExtendedCareDecision", 12L,
                "noHandover", 0L));
    assertThat(cells(month(report, "org-b", "2026-12")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "turning18", 15L,
                "noSteadyContact", "suppressed",
                "noPlan", "suppressed",
                "noExtendedCareDecision", 15L,
                "noHandover", 15L));
    assertThat(cells(month(report, "2027-01")).values())
        .as("5 turning 18: nothing of January is shown")
        .containsOnly("suppressed");
    assertThat(cells(month(report, "org-a", "2027-01")).values()).containsOnly("suppressed");
    assertThat(cells(month(report, "2027-02")).values())
        .as("nobody turns 18 in February: 0 stands for nobody")
        .containsOnly(0L);
  }

  @Test
  void aHiddenOrganisationOrTheYoungPeopleWithoutOneCannotBeWorkedOutFromTheRegion() {
    region();
    // March: org-c has one case coordinator (its cell would show one person's work).
    plant("2027-03", 10, i -> of("org-c"));
    plant("2027-03", 10, i -> of("org-a"));
    // April: 10 of org-a and 3 without a case coordinator.
    plant("2027-04", 10, i -> of("org-a"));
    plant("2027-04", 3, i -> of(null));
    // A month with 9 and one with 10: the threshold.
    plant("2026-11", 9, i -> of("org-b"));
    plant("2027-01", 10, i -> of("org-b"));

    JsonObject report = report();
    assertThat(n(month(report, "2027-03"), "turning18")).isEqualTo(20L);
    assertThat(cells(month(report, "org-c", "2027-03")).values()).containsOnly("suppressed");
    assertThat(cells(month(report, "org-a", "2027-03")).values())
        .as("or 20 - org-a's would give org-c's")
        .containsOnly("suppressed");
    assertThat(n(month(report, "2027-04"), "turning18")).isEqualTo(13L);
    assertThat(cells(month(report, "org-a", "2027-04")).values())
        .as("or 13 - 10 would count those without a case coordinator")
        .containsOnly("suppressed");
    assertThat(n(month(report, "2026-11"), "turning18")).isEqualTo("suppressed");
    assertThat(n(month(report, "2027-01"), "turning18")).isEqualTo(10L);
    assertThat(n(month(report, "org-b", "2027-01"), "turning18")).isEqualTo(10L);
    assertThat(n(month(report, "org-b", "2027-01"), "noPlan"))
        .as("all 10 without a plan: the group with one is nobody")
        .isEqualTo(10L);
    assertThat(n(month(report, "org-a", "2027-01"), "turning18"))
        .as("org-a has nobody in January: 0, which tells nothing hidden")
        .isEqualTo(0L);
  }

  @Test
  void onlyTheRegionsAnalystsAndAdminsMayAskAndEachQueryIsLoggedWithItsPurpose() {
    region();
    String otherAnalyst = person("Otto", List.of(new RegionRole(Role.REGION_ANALYST, "demo")));
    String professional = coordinators.get("org-a").get(0);
    HttpResponse<Buffer> noRegion = monitor(analyst, "no-such-region");
    assertThat(noRegion.statusCode()).isEqualTo(404);
    for (String refused : List.of(otherAnalyst, professional)) {
      HttpResponse<Buffer> answer = monitor(refused, REGION);
      assertThat(answer.statusCode()).isEqualTo(404);
      JsonObject body = answer.bodyAsJsonObject();
      JsonObject nothing = noRegion.bodyAsJsonObject();
      for (String differs : List.of("instance", "requestId")) {
        body.remove(differs);
        nothing.remove(differs);
      }
      assertThat(body).as("the same as for no region").isEqualTo(nothing);
    }
    assertThat(monitor(admin, REGION).statusCode()).isEqualTo(200);
    assertThat(monitor(analyst, REGION).statusCode()).isEqualTo(200);

    List<Document> logged =
        await(
            mongo.list(
                mongo
                    .collection("insightsQueryLog")
                    .find(new Document("regionId", REGION).append("purpose", "continuity"))));
    assertThat(logged.stream().map(d -> d.getString("role")))
        .containsExactlyInAnyOrder("REGION_ADMIN", "REGION_ANALYST");
    assertThat(new ArrayList<>(logged).get(0).getString("from")).isEqualTo("2026-11");
  }
}
