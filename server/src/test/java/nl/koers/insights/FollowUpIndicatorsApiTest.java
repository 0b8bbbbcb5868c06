package nl.koers.insights;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.koers.circle.AgeRules;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The follow-up check-ins in the region's indicators: whether Koers keeps in touch with young
 * adults as they grow older is only visible per young adults' band (18-20, 21-23, 24-27), so the
 * check-ins asked, answered and answered low are counted in the band of the day, and published
 * under the same suppression as every other indicator.
 */
class FollowUpIndicatorsApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null)
        .put(KoersConfig.MILESTONE_PERIOD, "PT0.05S");
  }

  @Test
  void samsCheckInsAt19And22And25CountInTheBandOfTheDayWithoutHerName() {
    followUpsUntil27();
    String sam = koers.idOf("sam");
    LocalDate born = bornOf("sam");

    Instant at19 = checkInOn(born, 19, "FOLLOW_UP_12_MONTHS", Optional.of(1));
    Instant at22 = checkInOn(born, 22, "FOLLOW_UP_48_MONTHS", Optional.of(4));
    Instant at25 = checkInOn(born, 25, "FOLLOW_UP_84_MONTHS", Optional.empty());

    // Other demo young adults may be asked in the same months; only sam answers.
    Eventually.until(
        "the three check-ins and the two answers are counted",
        () ->
            counted(at25, "24-27", "follow-up-response", "n") >= 1L
                && counted(at19, "18-20", "follow-up-low", "n") == 1L
                && counted(at22, "21-23", "follow-up-low", "n") == 1L);
    assertThat(counted(at19, "18-20", "follow-up-response", "n")).isPositive();
    assertThat(counted(at22, "21-23", "follow-up-response", "n")).isPositive();
    assertThat(counted(at19, "18-20", "follow-up-response", "yes"))
        .as("answered at 19")
        .isEqualTo(1L);
    assertThat(counted(at19, "18-20", "follow-up-low", "yes"))
        .as("a low smiley kept from every professional still counts as low")
        .isEqualTo(1L);
    assertThat(counted(at22, "21-23", "follow-up-response", "yes")).isEqualTo(1L);
    assertThat(counted(at22, "21-23", "follow-up-low", "n")).isEqualTo(1L);
    assertThat(counted(at22, "21-23", "follow-up-low", "yes")).as("a 4 is not low").isZero();
    assertThat(counted(at25, "24-27", "follow-up-response", "yes")).as("not answered").isZero();
    assertThat(counted(at22, "18+", "follow-up-response", "n"))
        .as("no longer in the one 18+ band")
        .isZero();
    assertThat(counted(at22, "18+", "response-rate", "n"))
        .as("the other indicators keep 18+ (the check-in, and the survey sam was shown)")
        .isGreaterThanOrEqualTo(1L);
    for (Instant at : List.of(at19, at22, at25)) {
      assertThat(rollupOf(at).toJson()).as("no person id in a count").doesNotContain(sam);
    }

    // Every check-in of the month counted before it closes: a fact relayed after publication is
    // not in the frozen month, and the rollup read below would be ahead of it.
    Eventually.until("the month's check-ins are all counted", () -> countedSettles(at25));
    clock.set(PublishedIndicators.publishedFrom(YearMonth.from(AgeRules.today(at25))));
    JsonObject report = indicatorsOf(YearMonth.from(AgeRules.today(at25)));
    // The other demo young adults are asked in the same month, so the cells are not sam's alone:
    // whatever is published is ten or more, and no small band can be worked out from the rest.
    long publishedBands = 0;
    for (String band : List.of("18-20", "21-23", "24-27")) {
      long inRollup = counted(at25, band, "follow-up-response", "n");
      JsonObject cell = cellIn(report, "follow-up-response", band).orElseThrow();
      if (inRollup > 0 && inRollup < 10) {
        assertThat(cell.getBoolean("suppressed")).as("a small band: " + band).isTrue();
      }
      if (!cell.getBoolean("suppressed")) {
        assertThat(cell.getLong("n"))
            .as("published " + band)
            .isEqualTo(inRollup)
            .isGreaterThanOrEqualTo(10L);
        publishedBands += inRollup;
      } else {
        assertThat(cell.getValue("n")).isNull();
      }
    }
    assertThat(counted(at25, "24-27", "follow-up-response", "n"))
        .as("sam's check-in at 25 is among them")
        .isPositive();
    JsonObject all = cellIn(report, "follow-up-response", "all").orElseThrow();
    if (!all.getBoolean("suppressed")) {
      assertThat(all.getLong("n") - publishedBands)
          .as("the hidden bands together are none or ten or more")
          .satisfiesAnyOf(
              rest -> assertThat(rest).isZero(),
              rest -> assertThat(rest).isGreaterThanOrEqualTo(10L));
    }
    assertThat(cellIn(report, "follow-up-response", "18+")).as("not a follow-up band").isEmpty();
  }

  @Test
  void aBandOfTenOrMoreIsShownAndTheSmallBandsAreHiddenSoNoneCanBeWorkedOut() {
    List<Document> facts = new ArrayList<>();
    // Asked: 20 of 18-20 (10 answered), 12 of 21-23 (6), 8 of 24-27 (4).
    asked(facts, "18-20", 20, 10);
    asked(facts, "21-23", 12, 6);
    asked(facts, "24-27", 8, 4);
    // Answered: 20 of 18-20 (10 low), 6 of 21-23 (all low), 4 of 24-27 (none low).
    answered(facts, "18-20", 20, 10);
    answered(facts, "21-23", 6, 6);
    answered(facts, "24-27", 4, 0);
    await(
        mongo.write(
            mongo
                .collection("feedback")
                .insertOne(new Document("_id", "check-ins").append(Facts.OUTBOX, facts))));
    Instant december = Instant.parse("2026-12-20T12:00:00Z");
    Eventually.until(
        "the check-ins are counted", () -> counted(december, "24-27", "follow-up-low", "n") == 4L);
    // 3 January, 00:00 in Amsterdam: December is published. (The server's clock never stood in
    // December, so no demo young adult was asked a real check-in in it.)
    clock.set(Instant.parse("2027-01-02T23:00:00Z"));
    JsonObject report = indicatorsOf(YearMonth.of(2026, 12));

    JsonObject young = cellIn(report, "follow-up-response", "18-20").orElseThrow();
    assertThat(young.getLong("n")).isEqualTo(20L);
    assertThat(young.getDouble("value")).isEqualTo(0.5);
    JsonObject response = cellIn(report, "follow-up-response", "all").orElseThrow();
    assertThat(response.getLong("n")).isEqualTo(40L);
    assertThat(response.getDouble("value")).isEqualTo(0.5);
    for (String band : List.of("21-23", "24-27")) {
      assertThat(cellIn(report, "follow-up-response", band).orElseThrow().getBoolean("suppressed"))
          .as("under 10 in " + band + ", or hidden so the other cannot be worked out")
          .isTrue();
    }
    JsonObject low = cellIn(report, "follow-up-low", "all").orElseThrow();
    assertThat(low.getLong("n")).isEqualTo(30L);
    assertThat(low.getDouble("value")).isEqualTo(0.533);
    for (String band : List.of("18-20", "21-23", "24-27")) {
      assertThat(cellIn(report, "follow-up-low", band).orElseThrow().getBoolean("suppressed"))
          .as(
              "the six low of 21-23 would be the only hidden low answers beside 18-20: "
                  + band
                  + " hidden")
          .isTrue();
    }
    String csv =
        koers
            .get(
                koers.signInAs("analyst"),
                "/v1/regions/demo/indicators.csv?from=2026-12&to=2026-12")
            .bodyAsString();
    assertThat(csv).contains("demo,follow-up-response,2026-12,YOUTH,18-20,,20,false,0.5");
    assertThat(csv).contains("demo,follow-up-low,2026-12,YOUTH,21-23,,,true,");
  }

  @Test
  void professionalsAndTheYoungAdultHerselfDoNotGetTheIndicatorsTheRegionAdminDoes() {
    for (String handle : List.of("pro-eva", "sam")) {
      assertThat(status(handle, "demo"))
          .as(handle + ": as for a region that does not exist")
          .isEqualTo(404);
    }
    assertThat(status("analyst", "demo-noord")).as("another region's").isEqualTo(404);
    assertThat(status("admin", "demo")).as("the region table: the admin may").isEqualTo(200);
  }

  private int status(String handle, String region) {
    return koers.get(koers.signInAs(handle), "/v1/regions/" + region + "/indicators").statusCode();
  }

  /** The region admin follows young adults until 27, so sam is asked at 25 too. */
  private void followUpsUntil27() {
    JsonObject admin = koers.signInAs("admin");
    String path = "/v1/regions/demo/horizon";
    String tag = koers.get(admin, path).getHeader("ETag");
    assertThat(
            koers
                .put(admin, path, new JsonObject().put("horizonAge", 27), Map.of("If-Match", tag))
                .statusCode())
        .isEqualTo(200);
  }

  /**
   * The day after sam's birthday at {@code age}: the scheduler asks the check-in, and she answers
   * it with this smiley (for the region only), or not at all. Answers when it was asked.
   */
  private Instant checkInOn(LocalDate born, int age, String followUp, Optional<Integer> smiley) {
    Instant day = AgeRules.birthday(born, age).plusDays(1).atStartOfDay(AgeRules.ZONE).toInstant();
    clock.set(day);
    Eventually.until(
        "sam is asked " + followUp, () -> followUpRequest("sam", followUp).isPresent());
    smiley.ifPresent(
        value -> {
          JsonObject session = koers.signInAs("sam");
          String request = followUpRequest("sam", followUp).orElseThrow();
          HttpResponse<Buffer> answered =
              koers.post(
                  session,
                  "/v1/youth/" + koers.idOf("sam") + "/feedback",
                  pulse(request, value),
                  Map.of("Idempotency-Key", UUID.randomUUID().toString()));
          assertThat(answered.statusCode()).isEqualTo(201);
        });
    return day;
  }

  private Optional<String> followUpRequest(String handle, String followUp) {
    return koers
        .get(koers.signInAs(handle), "/v1/youth/" + koers.idOf(handle) + "/feedback/requests")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(r -> followUp.equals(r.getString("followUp")))
        .map(r -> r.getString("id"))
        .findFirst();
  }

  private LocalDate bornOf(String handle) {
    String id = koers.idOf(handle);
    return LocalDate.parse(
            koers
                .get(koers.signInAs(handle), "/v1/youth/" + id + "/circle/confirmation")
                .bodyAsJsonObject()
                .getString("adultOn"))
        .minusYears(AgeRules.ADULT);
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

  /** Check-ins asked in December in a band, as the feedback capability records them. */
  private static void asked(List<Document> facts, String band, int asked, int answered) {
    for (int i = 0; i < asked; i++) {
      facts.add(
          fact(
              band + "-asked-" + i,
              band,
              Indicator.FOLLOW_UP_RESPONSE,
              i < answered ? Map.of("n", 1L, "yes", 1L) : Map.of("n", 1L)));
    }
  }

  /** Check-ins answered in December in a band, {@code low} of them low or worried. */
  private static void answered(List<Document> facts, String band, int answered, int low) {
    for (int i = 0; i < answered; i++) {
      facts.add(
          fact(
              band + "-answered-" + i,
              band,
              Indicator.FOLLOW_UP_LOW,
              Map.of("n", 1L, "yes", i < low ? 1L : 0L)));
    }
  }

  private static Document fact(
      String id, String band, Indicator indicator, Map<String, Long> counters) {
    return Facts.fact(
        id,
        "demo",
        "2026-12",
        Facts.Audience.YOUTH,
        band,
        indicator.id(),
        counters,
        Optional.empty());
  }

  private JsonObject indicatorsOf(YearMonth month) {
    HttpResponse<Buffer> read =
        koers.get(
            koers.signInAs("analyst"),
            "/v1/regions/demo/indicators?from=" + month + "&to=" + month);
    assertThat(read.statusCode()).isEqualTo(200);
    return read.bodyAsJsonObject();
  }

  private static Optional<JsonObject> cellIn(JsonObject report, String indicator, String band) {
    return report.getJsonArray("cells").stream()
        .map(JsonObject.class::cast)
        .filter(
            c ->
                c.getString("indicator").equals(indicator)
                    && c.getString("audience").equals("YOUTH")
                    && c.getString("band").equals(band))
        .findFirst();
  }

  private Document rollupOf(Instant at) {
    Document rollup =
        await(
            mongo.first(
                mongo
                    .collection(Rollups.SPEC.name())
                    .find(new Document("_id", Rollups.id("demo", Facts.month(at))))));
    return rollup == null ? new Document() : rollup;
  }

  /** Whether a round of every background job leaves the month's follow-up counts as they were. */
  private boolean countedSettles(Instant at) {
    List<Long> before = followUpCounts(at);
    koers.runBackgroundNow();
    return followUpCounts(at).equals(before);
  }

  private List<Long> followUpCounts(Instant at) {
    return List.of("18-20", "21-23", "24-27").stream()
        .map(band -> counted(at, band, "follow-up-response", "n"))
        .toList();
  }

  /** One counter of the demo region's rollup of the month of {@code at}, in a youth band. */
  private long counted(Instant at, String band, String indicator, String counter) {
    Document cells = rollupOf(at).get("cells", Document.class);
    Document of = cells == null ? null : cells.get("YOUTH|" + band, Document.class);
    Document counters = of == null ? null : of.get(indicator, Document.class);
    Object value = counters == null ? null : counters.get(counter);
    return value == null ? 0 : ((Number) value).longValue();
  }
}
