package nl.koers.insights;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The region's indicators: who may ask, suppression as published, counting as things happen. */
class InsightsApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private HttpResponse<Buffer> indicators(String handle, String region, String query) {
    return koers.get(koers.signInAs(handle), "/v1/regions/" + region + "/indicators" + query);
  }

  private static List<JsonObject> cells(JsonArray cells) {
    return cells.stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void theAnalystGetsEveryIndicatorWithNoPublishedCellUnderTen() {
    JsonObject report =
        indicators("analyst", "demo", "?from=2025-12&to=2026-11").bodyAsJsonObject();

    assertThat(report.getBoolean("synthetic")).isTrue();
    assertThat(report.getString("purpose")).isEqualTo("learning");
    List<JsonObject> own = cells(report.getJsonArray("cells"));
    List<JsonObject> all = cells(report.getJsonObject("comparison").getJsonArray("cells"));
    assertThat(own.stream().map(c -> c.getString("indicator")).distinct())
        .containsExactlyInAnyOrder(
            java.util.Arrays.stream(Indicator.values()).map(Indicator::id).toArray(String[]::new));
    List<JsonObject> organisations =
        cells(report.getJsonObject("organisations").getJsonArray("cells"));
    assertThat(
            organisations.stream()
                .filter(c -> !c.getBoolean("suppressed"))
                .map(c -> c.getString("organisation"))
                .distinct())
        .as("the smallest organisation has two professionals: never shown")
        .containsExactlyInAnyOrder("jeugdhulp-west", "gezinshuis-oost");
    for (JsonObject cell : concat(concat(own, all), organisations)) {
      if (cell.getBoolean("suppressed")) {
        assertThat(cell.getValue("n")).as(cell.encode()).isNull();
        assertThat(cell.getValue("value")).as(cell.encode()).isNull();
      } else {
        assertThat(cell.getLong("n")).as(cell.encode()).isGreaterThanOrEqualTo(10);
      }
    }
    assertThat(own.stream().filter(c -> c.getBoolean("suppressed"))).isNotEmpty();
    assertThat(report.getJsonObject("comparison").getInteger("regions")).isEqualTo(3);
  }

  private static List<JsonObject> concat(List<JsonObject> a, List<JsonObject> b) {
    List<JsonObject> both = new java.util.ArrayList<>(a);
    both.addAll(b);
    return both;
  }

  @Test
  void theCsvHoldsTheSameCellsAndEveryQueryIsLoggedForLearning() {
    HttpResponse<Buffer> csv =
        koers.get(
            koers.signInAs("analyst"), "/v1/regions/demo/indicators.csv?from=2026-01&to=2026-03");
    JsonObject json = indicators("analyst", "demo", "?from=2026-01&to=2026-03").bodyAsJsonObject();

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    String[] rows = csv.bodyAsString().split("\r\n");
    assertThat(rows[0])
        .isEqualTo("scope,indicator,month,audience,band,organisation,n,suppressed,value");
    assertThat(rows.length - 1)
        .isEqualTo(
            json.getJsonArray("cells").size()
                + json.getJsonObject("organisations").getJsonArray("cells").size()
                + json.getJsonObject("comparison").getJsonArray("cells").size());
    assertThat(List.of(rows)).anyMatch(row -> row.contains(",jeugdhulp-west,"));
    for (String row : List.of(rows).subList(1, rows.length)) {
      String[] field = row.split(",", -1);
      if (field[7].equals("true")) {
        assertThat(field[6]).as(row).isEmpty();
        assertThat(field[8]).as(row).isEmpty();
      } else {
        assertThat(Long.parseLong(field[6])).as(row).isGreaterThanOrEqualTo(10);
      }
    }
    List<Document> logged = await(mongo.list(mongo.collection(Insights.QUERY_LOG.name()).find()));
    assertThat(logged)
        .extracting(d -> d.getString("purpose") + " " + d.getString("format"))
        .containsExactlyInAnyOrder("learning csv", "learning json");
    assertThat(logged).allMatch(d -> d.getString("personId").equals(koers.idOf("analyst")));
  }

  @Test
  void noOneElseGetsTheRegionsIndicatorsNotEvenItsProfessionals() {
    for (String handle : List.of("pro-eva", "sam", "ilse", "jim-sam")) {
      assertThat(indicators(handle, "demo", "").statusCode()).as(handle).isEqualTo(404);
      assertThat(koers.get(koers.signInAs(handle), "/v1/regions/demo/indicators.csv").statusCode())
          .as(handle)
          .isEqualTo(404);
    }
    assertThat(indicators("analyst", "demo-noord", "").statusCode())
        .as("another region's analyst only")
        .isEqualTo(404);
    assertThat(indicators("analyst", "demo", "?from=2026-05&to=2026-01").statusCode())
        .isEqualTo(400);
    assertThat(indicators("admin", "demo", "").statusCode()).isEqualTo(200);
  }

  @Test
  void answersCountAsTheyHappenOnceEachAndSmallBandsStayHidden() {
    pulsesFromEva("sam", 10);
    Eventually.until(
        "the ten pulses are counted",
        () -> pulseThisMonth("all").map(c -> c.getLong("n")).orElse(0L) == 10L);
    assertThat(pulseThisMonth("all").orElseThrow().getDouble("value")).isEqualTo(4.0);
    assertThat(pulseThisMonth("16-17").orElseThrow().getLong("n"))
        .as("sam's ten answers: a band of ten is shown")
        .isEqualTo(10L);

    pulsesFromEva("noor", 3);
    Eventually.until(
        "noor's three pulses are counted",
        () -> pulseThisMonth("all").map(c -> c.getLong("n")).orElse(0L) == 13L);
    assertThat(pulseThisMonth("12-15").orElseThrow().getBoolean("suppressed"))
        .as("three answers")
        .isTrue();
    assertThat(pulseThisMonth("16-17").orElseThrow().getBoolean("suppressed"))
        .as("beside a total of 13, the band of ten would tell the three")
        .isTrue();
  }

  @Test
  void anOrganisationIsShownOnlyOnceThreeOfItsProfessionalsContributed() {
    pulsesFromEva("sam", 10);
    Eventually.until(
        "the ten pulses are counted",
        () -> pulseThisMonth("all").map(c -> c.getLong("n")).orElse(0L) == 10L);
    assertThat(organisationPulseThisMonth())
        .as("eva's organisation with only eva's work in it: not even listed")
        .isEmpty();

    for (String colleague : List.of("colleague-1", "colleague-2")) {
      await(
          mongo.write(
              mongo
                  .collection("persons")
                  .insertOne(
                      new Document("_id", colleague)
                          .append("name", colleague)
                          .append(
                              "regionRoles",
                              List.of(
                                  new Document("role", "PROFESSIONAL")
                                      .append("regionId", "demo")
                                      .append("organisationId", "jeugdhulp-west"))))));
      // Five answers about a colleague's help, recorded as the feedback capability records them.
      List<Document> facts = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        facts.add(
            Facts.fact(
                colleague + "/" + i,
                "demo",
                "2026-11",
                Facts.Audience.YOUTH,
                "12-15",
                Indicator.PULSE_SCORE.id(),
                java.util.Map.of("n", 1L, "count:heard", 1L, "sum:heard", 2L, "dist:heard:2", 1L),
                java.util.Optional.of(colleague)));
      }
      await(
          mongo.write(
              mongo
                  .collection("feedback")
                  .insertOne(
                      new Document("_id", "answers-about-" + colleague)
                          .append(Facts.OUTBOX, facts))));
    }

    Eventually.until(
        "the colleagues' answers are counted",
        () -> pulseThisMonth("all").map(c -> c.getLong("n")).orElse(0L) == 20L);
    JsonObject organisation = organisationPulseThisMonth().orElseThrow();
    assertThat(organisation.getBoolean("suppressed")).isFalse();
    assertThat(organisation.getLong("n")).isEqualTo(20L);
    assertThat(organisation.getString("band")).isEqualTo("all");
    assertThat(organisation.getValue("professional")).as("never per professional").isNull();
  }

  /** eva logs contact moments; the young person answers each pulse (and the phone retries). */
  private void pulsesFromEva(String handle, int count) {
    String youth = koers.idOf(handle);
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject session = koers.signInAs(handle);
    for (int i = 0; i < count; i++) {
      String requestId =
          post(
                  eva,
                  "/v1/youth/" + youth + "/contact-moments",
                  new JsonObject().put("kind", "PHONE"),
                  UUID.randomUUID().toString())
              .bodyAsJsonObject()
              .getString("requestId");
      JsonObject answer = pulse(requestId, 4);
      String key = UUID.randomUUID().toString();
      assertThat(post(session, "/v1/youth/" + youth + "/feedback", answer, key).statusCode())
          .isEqualTo(201);
      // The phone retries: the answer is counted once.
      post(session, "/v1/youth/" + youth + "/feedback", answer, key);
    }
  }

  private java.util.Optional<JsonObject> organisationPulseThisMonth() {
    return cells(
            indicators("analyst", "demo", "?from=2026-11&to=2026-11")
                .bodyAsJsonObject()
                .getJsonObject("organisations")
                .getJsonArray("cells"))
        .stream()
        .filter(
            c ->
                c.getString("indicator").equals("pulse-score")
                    && c.getString("audience").equals("YOUTH")
                    && c.getString("organisation").equals("jeugdhulp-west"))
        .findFirst();
  }

  private java.util.Optional<JsonObject> pulseThisMonth(String band) {
    return cells(
            indicators("analyst", "demo", "?from=2026-11&to=2026-11")
                .bodyAsJsonObject()
                .getJsonArray("cells"))
        .stream()
        .filter(
            c ->
                c.getString("indicator").equals("pulse-score")
                    && c.getString("audience").equals("YOUTH")
                    && c.getString("band").equals(band))
        .findFirst();
  }

  private HttpResponse<Buffer> post(JsonObject session, String path, JsonObject body, String key) {
    return await(
        koers
            .client
            .post(path)
            .bearerTokenAuthentication(session.getString("accessToken"))
            .putHeader("Idempotency-Key", key)
            .sendJsonObject(body));
  }

  private static JsonObject pulse(String requestId, int smiley) {
    JsonArray answers = new JsonArray();
    for (String item : List.of("heard", "my-goals", "approach", "overall")) {
      answers.add(new JsonObject().put("itemId", item).put("value", smiley));
    }
    return new JsonObject()
        .put("requestId", requestId)
        .put("answers", answers)
        .put("sharing", "REGION_ONLY");
  }
}
