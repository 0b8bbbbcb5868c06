package nl.koers.insights;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Updates;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.idempotency.Ids;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The region's indicators: who may ask, suppression as published, counting as things happen, and
 * publication: closed months only, from the 3rd of the next month, frozen once published.
 */
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
    assertThat(report.getInteger("publicationDay")).isEqualTo(3);
    List<JsonObject> months = cells(report.getJsonArray("months"));
    assertThat(months).hasSize(12);
    assertThat(months.subList(0, 11)).allMatch(m -> m.getBoolean("published"));
    assertThat(months.get(11).encode())
        .isEqualTo(
            new JsonObject()
                .put("month", "2026-11")
                .put("published", false)
                .put("publishedFrom", "2026-12-02T23:00:00Z")
                .encode());
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
    assertThat(concat(concat(own, all), organisations))
        .as("the open month: no cell at all")
        .noneMatch(c -> c.getString("month").equals("2026-11"));
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
  void answersCountOnceEachAndSmallBandsStayHiddenOnceTheMonthIsPublished() {
    pulsesFromEva("sam", 10);
    pulsesFromEva("noor", 3);
    Eventually.until(
        "the thirteen pulses are counted (the phone's retries once)",
        () -> counted("pulse-score", "n") == 13L);
    publishNovember();

    assertThat(pulseIn("2026-11", "all").orElseThrow().getLong("n")).isEqualTo(13L);
    assertThat(pulseIn("2026-11", "all").orElseThrow().getDouble("value")).isEqualTo(4.0);
    assertThat(pulseIn("2026-11", "12-15").orElseThrow().getBoolean("suppressed"))
        .as("three answers")
        .isTrue();
    assertThat(pulseIn("2026-11", "16-17").orElseThrow().getBoolean("suppressed"))
        .as("beside a total of 13, the band of ten would tell the three")
        .isTrue();
  }

  @Test
  void anOrganisationIsShownOnlyOnceThreeOfItsProfessionalsContributed() {
    pulsesFromEva("sam", 10);
    Eventually.until("the ten pulses are counted", () -> counted("pulse-score", "n") == 10L);
    publishNovember();
    assertThat(pulseIn("2026-11", "all").orElseThrow().getLong("n")).isEqualTo(10L);
    assertThat(organisationPulseIn("2026-11"))
        .as("eva's organisation with only eva's work in it: not even listed")
        .isEmpty();

    // December: eva's work and two colleagues' of the same organisation.
    pulsesFromEva("sam", 10);
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
                "2026-12",
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
        "December's answers are counted for the organisation",
        () -> countedFor("2026-12", "orgs", "YOUTH|jeugdhulp-west", "pulse-score") == 20L);
    // 3 January 2027, 00:00 in Amsterdam.
    clock.set(java.time.Instant.parse("2027-01-02T23:00:00Z"));

    JsonObject organisation = organisationPulseIn("2026-12").orElseThrow();
    assertThat(organisation.getBoolean("suppressed")).isFalse();
    assertThat(organisation.getLong("n")).isEqualTo(20L);
    assertThat(organisation.getString("band")).isEqualTo("all");
    assertThat(organisation.getValue("professional")).as("never per professional").isNull();
  }

  @Test
  void aProfessionalsTokenInTheRollupIsKeyedSoHerIdDoesNotFindIt() {
    pulsesFromEva("sam", 2);
    Eventually.until(
        "eva's work is counted for her organisation",
        () -> countedFor("2026-11", "orgs", "YOUTH|jeugdhulp-west", "pulse-score") == 2L);
    String eva = koers.idOf("pro-eva");

    List<String> tokens = evasOrganisationTokens();
    assertThat(tokens).hasSize(1);
    assertThat(tokens.get(0))
        .as("what anyone with the database and eva's id could work out without the key file")
        .isNotEqualTo(Ids.derived("insights-contributor", "jeugdhulp-west", eva))
        .doesNotContain(eva)
        .startsWith(FieldCipher.KEYED);
  }

  @Test
  void tokensStoredBeforeKeyingAreKeyedAtStartSoAProfessionalStillCountsOnce() {
    pulsesFromEva("sam", 1);
    Eventually.until(
        "eva's answer is counted for her organisation",
        () -> countedFor("2026-11", "orgs", "YOUTH|jeugdhulp-west", "pulse-score") == 1L);
    String keyed = evasOrganisationTokens().get(0);
    // As a rollup written before tokens were keyed held eva's.
    String unkeyed = Ids.derived("insights-contributor", "jeugdhulp-west", koers.idOf("pro-eva"));
    await(
        mongo.write(
            mongo
                .collection(Rollups.SPEC.name())
                .updateOne(
                    new Document("_id", "demo|2026-11"), Updates.set(TOKENS, List.of(unkeyed)))));

    restartWith(settings());
    assertThat(evasOrganisationTokens()).as("keyed at start").containsExactly(keyed);
    pulsesFromEva("sam", 1);
    Eventually.until(
        "eva's second answer is counted",
        () -> countedFor("2026-11", "orgs", "YOUTH|jeugdhulp-west", "pulse-score") == 2L);
    assertThat(evasOrganisationTokens()).as("eva once, not twice").containsExactly(keyed);
  }

  private static final String TOKENS =
      "orgs.YOUTH|jeugdhulp-west.pulse-score." + Rollups.CONTRIBUTED_BY;

  private List<String> evasOrganisationTokens() {
    Document rollup =
        await(
            mongo.first(
                mongo.collection(Rollups.SPEC.name()).find(new Document("_id", "demo|2026-11"))));
    return rollup
        .get("orgs", Document.class)
        .get("YOUTH|jeugdhulp-west", Document.class)
        .get("pulse-score", Document.class)
        .getList(Rollups.CONTRIBUTED_BY, String.class);
  }

  @Test
  void theOpenMonthShowsNoDifferenceBeforeAndAfterOneAnswerNorAfterNine() {
    String period = "?from=2026-10&to=2026-11";
    JsonObject before = indicators("analyst", "demo", period).bodyAsJsonObject();
    String csvBefore =
        koers
            .get(koers.signInAs("analyst"), "/v1/regions/demo/indicators.csv" + period)
            .bodyAsString();

    pulsesFromEva("noor", 1);
    Eventually.until("noor's answer is counted", () -> counted("pulse-score", "n") == 1L);
    JsonObject afterOne = indicators("analyst", "demo", period).bodyAsJsonObject();

    pulsesFromEva("noor", 8);
    Eventually.until("nine answers are counted", () -> counted("pulse-score", "n") == 9L);
    JsonObject afterNine = indicators("analyst", "demo", period).bodyAsJsonObject();
    String csvAfterNine =
        koers
            .get(koers.signInAs("analyst"), "/v1/regions/demo/indicators.csv" + period)
            .bodyAsString();

    assertThat(afterOne).isEqualTo(before);
    assertThat(afterNine).isEqualTo(before);
    assertThat(csvAfterNine).isEqualTo(csvBefore).doesNotContain(",2026-11,");
    assertThat(before.getJsonArray("months").getJsonObject(1).getBoolean("published")).isFalse();
  }

  @Test
  void aClosedMonthIsNotPublishedOnTheSecondAndIsOnTheThird() {
    pulsesFromEva("sam", 10);
    Eventually.until("the ten pulses are counted", () -> counted("pulse-score", "n") == 10L);

    // 2 December, 23:59:59 in Amsterdam.
    clock.set(java.time.Instant.parse("2026-12-02T22:59:59Z"));
    JsonObject onTheSecond =
        indicators("analyst", "demo", "?from=2026-11&to=2026-11").bodyAsJsonObject();
    assertThat(onTheSecond.getJsonArray("cells")).isEmpty();
    assertThat(onTheSecond.getJsonObject("organisations").getJsonArray("cells")).isEmpty();
    assertThat(onTheSecond.getJsonObject("comparison").getJsonArray("cells")).isEmpty();
    assertThat(onTheSecond.getJsonArray("months").getJsonObject(0).getBoolean("published"))
        .isFalse();

    publishNovember();
    JsonObject onTheThird =
        indicators("analyst", "demo", "?from=2026-11&to=2026-11").bodyAsJsonObject();
    assertThat(onTheThird.getJsonArray("months").getJsonObject(0).getBoolean("published")).isTrue();
    assertThat(cellIn(onTheThird, "pulse-score", "all").orElseThrow().getLong("n")).isEqualTo(10L);
  }

  @Test
  void aLateAnswerForAPublishedMonthChangesNothing() {
    List<String> requests = requestsFromEva("sam", 21);
    JsonObject sam = koers.signInAs("sam");
    for (String request : requests.subList(0, 11)) {
      answer(sam, request);
    }
    Eventually.until("11 of 21 requests answered", () -> counted("response-rate", "yes") == 11L);
    publishNovember();
    JsonObject published =
        indicators("analyst", "demo", "?from=2026-11&to=2026-11").bodyAsJsonObject();
    JsonObject rate = cellIn(published, "response-rate", "all").orElseThrow();
    assertThat(rate.getLong("n")).isEqualTo(21L);
    assertThat(rate.getDouble("value")).isEqualTo(0.524);

    // On 3 December sam answers one of November's requests: it counts for November.
    answer(koers.signInAs("sam"), requests.get(11));
    Eventually.until(
        "the late answer is counted in November's rollup",
        () -> counted("response-rate", "yes") == 12L);

    assertThat(indicators("analyst", "demo", "?from=2026-11&to=2026-11").bodyAsJsonObject())
        .as("November as first published")
        .isEqualTo(published);
  }

  @Test
  void bucketsAndSharesThatStandForFewerThanTenPeopleAreNotPublished() {
    // 36 pulses in band 16-17: "heard" answered 1 by two people, 2 by one, 3 by eleven, 4 by
    // twelve, 5 by ten. Of thirty answers, four shared with the professional.
    java.util.Map<Integer, Integer> answers = java.util.Map.of(1, 2, 2, 1, 3, 11, 4, 12, 5, 10);
    List<Document> facts = new java.util.ArrayList<>();
    answers.forEach(
        (value, people) -> {
          for (int i = 0; i < people; i++) {
            facts.add(
                fact(
                    "heard-" + value + "-" + i,
                    Indicator.PULSE_SCORE,
                    java.util.Map.of(
                        "n",
                        1L,
                        "count:heard",
                        1L,
                        "sum:heard",
                        (long) value,
                        "dist:heard:" + value,
                        1L)));
          }
        });
    for (int i = 0; i < 30; i++) {
      facts.add(
          fact(
              "shared-" + i,
              Indicator.SHARED_WITH_PROFESSIONAL,
              java.util.Map.of("n", 1L, "yes", i < 4 ? 1L : 0L)));
    }
    await(
        mongo.write(
            mongo
                .collection("feedback")
                .insertOne(new Document("_id", "many-answers").append(Facts.OUTBOX, facts))));
    Eventually.until("the answers are counted", () -> counted("pulse-score", "n") == 36L);
    publishNovember();

    JsonObject report =
        indicators("analyst", "demo", "?from=2026-11&to=2026-11").bodyAsJsonObject();
    JsonObject all = cellIn(report, "pulse-score", "all").orElseThrow();
    assertThat(all.getLong("n")).isEqualTo(36L);
    JsonObject heard = all.getJsonObject("detail").getJsonObject("items").getJsonObject("heard");
    assertThat(heard.getDouble("mean")).isEqualTo(3.75);
    assertThat(heard.getJsonObject("distribution").getMap())
        .as("1 and 2 (three people) are not shown, nor 5 with them: two would be told apart")
        .containsOnlyKeys("3", "4");
    assertThat(heard.getJsonObject("distribution").getDouble("3")).isEqualTo(0.306);
    JsonObject band = cellIn(report, "pulse-score", "16-17").orElseThrow();
    assertThat(band.getLong("n")).isEqualTo(36L);
    assertThat(band.getJsonObject("detail").getJsonObject("items").getJsonObject("heard"))
        .as("no distribution on a band: it could be subtracted from the all-ages one")
        .isEqualTo(new JsonObject().put("mean", 3.75));
    for (String cell : List.of("16-17", "all")) {
      JsonObject shared = cellIn(report, "shared-with-professional", cell).orElseThrow();
      assertThat(shared.getBoolean("suppressed")).as("four of thirty shared").isTrue();
      assertThat(shared.getValue("value")).isNull();
    }
  }

  /** A fact of November in band 16-17, as the feedback capability records it. */
  private static Document fact(
      String id, Indicator indicator, java.util.Map<String, Long> counters) {
    return Facts.fact(
        id,
        "demo",
        "2026-11",
        Facts.Audience.YOUTH,
        "16-17",
        indicator.id(),
        counters,
        java.util.Optional.empty());
  }

  /** 3 December, 00:00 in Amsterdam: November is published. */
  private void publishNovember() {
    clock.set(java.time.Instant.parse("2026-12-02T23:00:00Z"));
  }

  /** What November's rollup of demo has counted in the young people's bands. */
  private long counted(String indicator, String counter) {
    long sum = 0;
    for (String band : Publication.BANDS) {
      sum += countedFor("2026-11", "cells", "YOUTH|" + band, indicator, counter);
    }
    return sum;
  }

  private long countedFor(String month, String level, String cell, String indicator) {
    return countedFor(month, level, cell, indicator, "n");
  }

  /** One counter of demo's rollup of {@code month}: {@code level} is cells or orgs. */
  private long countedFor(
      String month, String level, String cell, String indicator, String counter) {
    Document rollup =
        await(
            mongo.first(
                mongo.collection(Rollups.SPEC.name()).find(new Document("_id", "demo|" + month))));
    Document cells = rollup == null ? null : rollup.get(level, Document.class);
    Document of = cells == null ? null : cells.get(cell, Document.class);
    Document counters = of == null ? null : of.get(indicator, Document.class);
    Object value = counters == null ? null : counters.get(counter);
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** eva logs contact moments; the young person answers each pulse (and the phone retries). */
  private void pulsesFromEva(String handle, int count) {
    JsonObject session = koers.signInAs(handle);
    for (String requestId : requestsFromEva(handle, count)) {
      answer(session, requestId);
    }
  }

  /** eva logs contact moments with the young person: each asks for a pulse. */
  private List<String> requestsFromEva(String handle, int count) {
    String youth = koers.idOf(handle);
    JsonObject eva = koers.signInAs("pro-eva");
    List<String> requests = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(
          koers
              .post(
                  eva,
                  "/v1/youth/" + youth + "/contact-moments",
                  new JsonObject().put("kind", "PHONE"))
              .bodyAsJsonObject()
              .getString("feedbackRequestId"));
    }
    return requests;
  }

  /** The young person answers a pulse for the region only, and the phone retries. */
  private void answer(JsonObject session, String requestId) {
    String youth = session.getJsonObject("person").getString("id");
    JsonObject answer = pulse(requestId, 4);
    Map<String, String> headers = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    assertThat(
            koers.post(session, "/v1/youth/" + youth + "/feedback", answer, headers).statusCode())
        .isEqualTo(201);
    // The phone retries: the answer is counted once.
    koers.post(session, "/v1/youth/" + youth + "/feedback", answer, headers);
  }

  private java.util.Optional<JsonObject> organisationPulseIn(String month) {
    return cells(
            indicators("analyst", "demo", "?from=" + month + "&to=" + month)
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

  private java.util.Optional<JsonObject> pulseIn(String month, String band) {
    return cellIn(
        indicators("analyst", "demo", "?from=" + month + "&to=" + month).bodyAsJsonObject(),
        "pulse-score",
        band);
  }

  private static java.util.Optional<JsonObject> cellIn(
      JsonObject report, String indicator, String band) {
    return cells(report.getJsonArray("cells")).stream()
        .filter(
            c ->
                c.getString("indicator").equals(indicator)
                    && c.getString("audience").equals("YOUTH")
                    && c.getString("band").equals(band))
        .findFirst();
  }

  private static JsonObject pulse(String requestId, int smiley) {
    JsonArray answers = new JsonArray();
    for (String item : List.of("heard", "my-goals", "approach", "overall")) {
      answers.add(new JsonObject().put("itemId", item).put("valueInteger", smiley));
    }
    return new JsonObject()
        .put("feedbackRequestId", requestId)
        .put("answers", answers)
        .put("sharing", "REGION_ONLY");
  }
}
