package nl.koers.transition;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.koers.circle.AgeRules;
import nl.koers.feedback.FeedbackTesting;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * noor (13 in the demo) walked through every step to adulthood with the injected clock: each
 * birthday boundary a millisecond before and at Amsterdam midnight, the 18th birthday end to end,
 * each follow-up check-in up to the region's horizon, and the young adult's own say over them.
 */
class FollowUpApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null)
        .put(KoersConfig.MILESTONE_PERIOD, "PT0.05S");
  }

  private String noorId() {
    return koers.idOf("noor");
  }

  private String noor() {
    return "/v1/youth/" + noorId();
  }

  private LocalDate noorBorn() {
    return LocalDate.parse(
            koers
                .get(koers.signInAs("noor"), noor() + "/circle/confirmation")
                .bodyAsJsonObject()
                .getString("adultOn"))
        .minusYears(AgeRules.ADULT);
  }

  private List<JsonObject> milestonesOf(String handle, String milestone) {
    return NotifyTesting.inbox(koers, koers.signInAs(handle)).stream()
        .filter(i -> i.getString("type").equals("MILESTONE"))
        .filter(i -> milestone.equals(i.getString("milestone")))
        .toList();
  }

  private List<String> checkInsAsked() {
    return FeedbackTesting.openRequests(koers, koers.signInAs("noor"), noorId()).stream()
        .map(r -> r.getString("followUp"))
        .filter(name -> name != null)
        .toList();
  }

  private int status(String handle, String path) {
    return koers.get(koers.signInAs(handle), path).statusCode();
  }

  private JsonObject followUp() {
    return koers.get(koers.signInAs("noor"), noor() + "/follow-up").bodyAsJsonObject();
  }

  private HttpResponse<Buffer> choose(String handle, JsonObject choice, String tag) {
    return koers.put(
        koers.signInAs(handle),
        noor() + "/follow-up",
        choice,
        tag == null ? Map.of() : Map.of("If-Match", tag));
  }

  private String followUpTag() {
    return koers.get(koers.signInAs("noor"), noor() + "/follow-up").getHeader("ETag");
  }

  private static Instant midnight(LocalDate day) {
    return day.atStartOfDay(AgeRules.ZONE).toInstant();
  }

  private void at(Instant instant) {
    clock.set(instant);
    koers.runBackgroundNow();
  }

  @Test
  void eachMilestoneSpeaksToNoorOnItsDayInAmsterdamAndNotAMillisecondBefore() {
    LocalDate born = noorBorn();
    Map<String, LocalDate> days =
        Map.of(
            "PLAN_OPENS", AgeRules.birthday(born, 16),
            "CHECKLIST_STARTS", AgeRules.birthday(born, 17),
            "EXTENDED_CARE_DECISION_DUE", AgeRules.birthday(born, 17).plusMonths(6),
            "STEADY_CONTACT_CHECK", AgeRules.birthday(born, 17).plusMonths(9),
            "ADULT", AgeRules.birthday(born, 18));
    for (String milestone :
        List.of(
            "PLAN_OPENS",
            "CHECKLIST_STARTS",
            "EXTENDED_CARE_DECISION_DUE",
            "STEADY_CONTACT_CHECK",
            "ADULT")) {
      Instant day = midnight(days.get(milestone));
      at(day.minusMillis(1));
      assertThat(milestonesOf("noor", milestone))
          .as(milestone + ", a millisecond before")
          .isEmpty();

      at(day);
      Eventually.until(
          milestone + " reaches noor", () -> milestonesOf("noor", milestone).size() == 1);
      JsonObject told = milestonesOf("noor", milestone).get(0);
      assertThat(told.getJsonObject("message").getString("title")).as(milestone).isNotBlank();
      assertThat(told.getJsonObject("message").getString("text")).as(milestone).isNotBlank();
    }
    koers.runBackgroundNow();
    assertThat(milestonesOf("noor", "ADULT")).as("once").hasSize(1);
    String adult = milestonesOf("noor", "ADULT").get(0).getString("id");
    assertThat(feedEntry("noor", adult).getJsonObject("message"))
        .as("the change feed says what the inbox says")
        .isEqualTo(milestonesOf("noor", "ADULT").get(0).getJsonObject("message"));
  }

  /** A notification as the change feed carries it (past the feed's hold-back of the newest). */
  private JsonObject feedEntry(String handle, String notificationId) {
    clock.set(clock.instant().plusSeconds(3));
    return koers
        .get(koers.signInAs(handle), "/v1/me/changes?limit=200")
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(c -> "NOTIFICATION".equals(c.getString("kind")))
        .filter(c -> notificationId.equals(c.getString("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(notificationId + " not in the feed"));
  }

  @Test
  void onTheEighteenthBirthdayParentsAndYouthCareLeaveAndTheConsentHistorySaysKoersDidIt() {
    Instant adult = AgeRules.turns(noorBorn(), AgeRules.ADULT);
    at(adult.minusMillis(1));
    assertThat(status("ilse", noor())).as("her mother, the last moment of 17").isEqualTo(200);
    assertThat(status("pro-eva", noor())).as("her case coordinator").isEqualTo(200);

    at(adult);

    assertThat(status("ilse", noor())).as("her mother at 18").isEqualTo(404);
    assertThat(status("pro-eva", noor()))
        .as("without extended care, youth care and its case coordinator end at 18")
        .isEqualTo(404);
    assertThat(status("noor", noor() + "/plan")).as("her plan goes on").isEqualTo(200);
    assertThat(
            koers
                .get(koers.signInAs("noor"), noor() + "/circle/confirmation")
                .bodyAsJsonObject()
                .getBoolean("due"))
        .as("noor is asked who stays")
        .isTrue();
    List<JsonObject> history =
        koers
            .get(koers.signInAs("noor"), noor() + "/consents?limit=100")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getJsonObject("decidedBy").getString("capacity").equals("AGE_RULE"))
            .toList();
    assertThat(history)
        .extracting(e -> e.getString("decision") + " " + e.getString("aboutKind"))
        .containsExactlyInAnyOrder("ACCESS_ENDED PARENT", "RELATION_ENDED CASE_COORDINATOR");
    assertThat(history)
        .allSatisfy(
            e -> {
              assertThat(e.getJsonObject("decidedBy").getString("firstName")).isEqualTo("Koers");
              assertThat(Instant.parse(e.getString("at"))).isEqualTo(adult);
              assertThat(e.getString("ageBand")).isEqualTo("18-27");
            });

    koers.runBackgroundNow();
    assertThat(
            koers
                .get(koers.signInAs("noor"), noor() + "/consents?limit=100")
                .bodyAsJsonObject()
                .getJsonArray("items")
                .stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getJsonObject("decidedBy").getString("capacity").equals("AGE_RULE"))
                .count())
        .as("a second round writes nothing again")
        .isEqualTo(2);
  }

  @Test
  void onSamsEighteenthBirthdayHisJimAndFosterParentStayAndHisProfessionalsLeave() {
    String sam = "/v1/youth/" + koers.idOf("sam");
    LocalDate adultOn =
        LocalDate.parse(
            koers
                .get(koers.signInAs("sam"), sam + "/circle/confirmation")
                .bodyAsJsonObject()
                .getString("adultOn"));

    at(midnight(adultOn));

    assertThat(status("jim-sam", sam)).as("his JIM goes on").isEqualTo(200);
    assertThat(status("marco", sam))
        .as("his foster parent stays until sam says who stays")
        .isEqualTo(200);
    assertThat(status("pro-femke", sam)).as("the foster-care worker, youth care").isEqualTo(404);
    assertThat(status("pro-eva", sam)).as("the case coordinator, youth care").isEqualTo(404);
    assertThat(status("sam", sam + "/plan")).as("his plan").isEqualTo(200);
  }

  @ParameterizedTest(name = "horizon {0}")
  @ValueSource(ints = {21, 23, 27})
  void everyCheckInIsAskedOnItsDayUntilTheRegionsHorizonAndNoneAfter(int horizon) {
    JsonObject admin = koers.signInAs("admin");
    assertThat(
            koers
                .putAsRead(
                    admin,
                    "/v1/regions/demo/horizon",
                    "/v1/regions/demo/horizon",
                    new JsonObject().put("horizonAge", horizon))
                .statusCode())
        .isEqualTo(200);
    LocalDate born = noorBorn();
    LocalDate careEnds = AgeRules.birthday(born, AgeRules.ADULT);
    List<JsonObject> planned =
        followUp().getJsonArray("checkIns").stream().map(JsonObject.class::cast).toList();
    assertThat(followUp().getInteger("regionHorizonAge")).isEqualTo(horizon);
    assertThat(planned).hasSize(Map.of(21, 6, 23, 10, 27, 18).get(horizon));
    assertThat(planned).allSatisfy(c -> assertThat(c.getString("state")).isEqualTo("PLANNED"));

    for (int i = 0; i < planned.size(); i++) {
      JsonObject checkIn = planned.get(i);
      String name = checkIn.getString("name");
      Instant day = midnight(LocalDate.parse(checkIn.getString("on")));
      at(day.minusMillis(1));
      assertThat(checkInsAsked()).as(name + ", a millisecond before").hasSize(i);

      at(day);
      int askedSoFar = i + 1;
      Eventually.until(name + " is asked", () -> checkInsAsked().size() == askedSoFar);
      assertThat(checkInsAsked()).last().isEqualTo(name);
      // Looked at on its day: an inbox keeps a year and a month, the walk goes on for years.
      Eventually.until(name + " is announced with its words", () -> announced(name).isPresent());
      assertThat(announced(name).orElseThrow().getJsonObject("message").getString("text"))
          .isNotBlank();
    }
    assertThat(planned.get(planned.size() - 1).getString("on"))
        .isLessThan(AgeRules.birthday(born, horizon).toString());
    assertThat(planned.get(0).getString("on")).isEqualTo(careEnds.plusMonths(3).toString());

    at(midnight(AgeRules.birthday(born, AgeRules.OLDEST)));
    assertThat(checkInsAsked()).as("none past the horizon").hasSize(planned.size());
    assertThat(followUp().getJsonArray("checkIns").stream().map(JsonObject.class::cast))
        .allSatisfy(c -> assertThat(c.getString("state")).isEqualTo("ASKED"));
    assertThat(milestonesOf("noor", planned.get(0).getString("name")))
        .as("a check-in is a feedback request, not a second notification")
        .isEmpty();
  }

  /** Noor's announcement of the check-in {@code name}, if her inbox has it. */
  private java.util.Optional<JsonObject> announced(String name) {
    return NotifyTesting.inbox(koers, koers.signInAs("noor")).stream()
        .filter(i -> i.getString("type").equals("FEEDBACK_REQUESTED"))
        .filter(i -> name.equals(i.getString("milestone")))
        .findFirst();
  }

  @Test
  void aRaisedHorizonBringsCheckInsBackToSomeoneWhoseCheckInsHadRunOut() {
    JsonObject admin = koers.signInAs("admin");
    String horizon = "/v1/regions/demo/horizon";
    koers.putAsRead(admin, horizon, horizon, new JsonObject().put("horizonAge", 21));
    LocalDate born = noorBorn();
    at(midnight(AgeRules.birthday(born, 21).plusDays(1)));
    assertThat(checkInsAsked()).as("the last one before 21").containsExactly("FOLLOW_UP_30_MONTHS");
    at(midnight(AgeRules.birthday(born, 21).plusDays(2)));
    assertThat(checkInsAsked()).hasSize(1);

    assertThat(
            koers
                .putAsRead(
                    koers.signInAs("admin"),
                    horizon,
                    horizon,
                    new JsonObject().put("horizonAge", 23))
                .statusCode())
        .isEqualTo(200);
    koers.runBackgroundNow();

    assertThat(checkInsAsked())
        .as("the 36-month check-in fell on her 21st birthday, inside the new horizon")
        .containsExactly("FOLLOW_UP_30_MONTHS", "FOLLOW_UP_36_MONTHS");
    at(midnight(AgeRules.birthday(born, 23)));
    assertThat(checkInsAsked()).last().isEqualTo("FOLLOW_UP_54_MONTHS");
  }

  @Test
  void aYoungAdultPausesStopsAndRestartsTheCheckInsAndNobodyElseCan() {
    LocalDate born = noorBorn();
    LocalDate careEnds = AgeRules.birthday(born, AgeRules.ADULT);
    JsonObject stop = new JsonObject().put("choice", "STOPPED");

    at(midnight(careEnds.minusDays(1)));
    HttpResponse<Buffer> tooEarly = choose("noor", stop, followUpTag());
    assertThat(tooEarly.statusCode()).isEqualTo(403);
    assertThat(tooEarly.bodyAsJsonObject().getString("type"))
        .isEqualTo("urn:koers:problem:not-adult-yet");
    for (String other : List.of("ilse", "pro-eva")) {
      assertThat(choose(other, stop, "\"0\"").statusCode())
          .as(other + " cannot choose for her, nor see that there is anything to choose")
          .isEqualTo(404);
      assertThat(status(other, noor() + "/follow-up")).as(other).isEqualTo(404);
    }

    at(midnight(careEnds.plusDays(1)));
    LocalDate today = careEnds.plusDays(1);
    JsonObject pause =
        new JsonObject().put("choice", "PAUSED").put("pausedUntil", today.plusMonths(7).toString());
    assertThat(choose("noor", pause, null).statusCode()).as("without If-Match").isEqualTo(428);
    assertThat(choose("noor", pause, "\"12345\"").statusCode()).as("stale").isEqualTo(412);
    for (LocalDate wrong : List.of(today, today.plusMonths(12).plusDays(1))) {
      HttpResponse<Buffer> refused =
          choose(
              "noor",
              new JsonObject().put("choice", "PAUSED").put("pausedUntil", wrong.toString()),
              followUpTag());
      assertThat(refused.statusCode()).as(wrong.toString()).isEqualTo(422);
      assertThat(refused.bodyAsJsonObject().getString("type"))
          .isEqualTo("urn:koers:problem:pause-out-of-range");
    }
    assertThat(choose("noor", new JsonObject().put("choice", "PAUSED"), followUpTag()).statusCode())
        .as("a pause needs its end")
        .isEqualTo(400);
    assertThat(followUp().getString("choice")).as("refusals changed nothing").isEqualTo("ACTIVE");

    HttpResponse<Buffer> paused = choose("noor", pause, followUpTag());
    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(paused.bodyAsJsonObject().getString("pausedUntil"))
        .isEqualTo(today.plusMonths(7).toString());

    at(midnight(careEnds.plusMonths(6)));
    assertThat(checkInsAsked()).as("3 and 6 months fall in the pause").isEmpty();
    at(midnight(careEnds.plusMonths(12)));
    Eventually.until(
        "the pause is over", () -> checkInsAsked().equals(List.of("FOLLOW_UP_12_MONTHS")));

    assertThat(choose("noor", stop, followUpTag()).statusCode()).isEqualTo(200);
    at(midnight(careEnds.plusMonths(24)));
    assertThat(checkInsAsked()).as("stopped").containsExactly("FOLLOW_UP_12_MONTHS");

    assertThat(choose("noor", new JsonObject().put("choice", "ACTIVE"), followUpTag()).statusCode())
        .isEqualTo(200);
    at(midnight(careEnds.plusMonths(30)));
    Eventually.until("restarted", () -> checkInsAsked().contains("FOLLOW_UP_30_MONTHS"));

    assertThat(followUp().getJsonArray("checkIns").stream().map(JsonObject.class::cast).toList())
        .extracting(c -> c.getString("name") + " " + c.getString("state"))
        .startsWith(
            "FOLLOW_UP_3_MONTHS SKIPPED",
            "FOLLOW_UP_6_MONTHS SKIPPED",
            "FOLLOW_UP_12_MONTHS ASKED",
            "FOLLOW_UP_18_MONTHS SKIPPED",
            "FOLLOW_UP_24_MONTHS SKIPPED",
            "FOLLOW_UP_30_MONTHS ASKED",
            "FOLLOW_UP_36_MONTHS PLANNED");
    assertThat(
            koers
                .get(koers.signInAs("noor"), noor() + "/consents?limit=100")
                .bodyAsJsonObject()
                .getJsonArray("items")
                .stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("decision").equals("FOLLOW_UP_CHOICE"))
                .map(
                    e ->
                        e.getJsonArray("before").getString(0)
                            + " > "
                            + e.getJsonArray("after").getString(0))
                .toList())
        .containsExactly(
            "ACTIVE > PAUSED:" + today.plusMonths(7),
            "PAUSED:" + today.plusMonths(7) + " > STOPPED",
            "STOPPED > ACTIVE");
  }

  @Test
  void aLowCheckInGoesToTheSteadyContactWhoAnswersAndWithoutOneItEscalates() {
    String lotte = koers.idOf("lotte");
    JsonObject lotteSession = koers.signInAs("lotte");
    Eventually.until(
        "lotte's 12-month check-in is open",
        () ->
            FeedbackTesting.openRequests(koers, lotteSession, lotte).stream()
                .anyMatch(r -> r.getString("followUp") != null));
    String request =
        FeedbackTesting.openRequests(koers, lotteSession, lotte).stream()
            .filter(r -> r.getString("followUp") != null)
            .findFirst()
            .orElseThrow()
            .getString("id");

    HttpResponse<Buffer> answered =
        koers.post(
            lotteSession,
            "/v1/youth/" + lotte + "/feedback",
            FeedbackTesting.pulseAnswer(request, 1, "SHARE_WITH_PROFESSIONAL"));
    assertThat(answered.statusCode()).isEqualTo(201);
    String feedback = answered.bodyAsJsonObject().getString("id");
    String resource = "youth/" + lotte + "/feedback/" + feedback;

    Eventually.until(
        "pro-eva, her steady contact, gets the task",
        () ->
            NotifyTesting.inbox(koers, koers.signInAs("pro-eva")).stream()
                .anyMatch(
                    i ->
                        i.getString("type").equals("FEEDBACK_TASK")
                            && i.getString("resource").equals(resource)));
    assertThat(status("ilse", "/v1/" + resource)).as("her mother, not kept").isEqualTo(404);
    assertThat(status("pro-eva", "/v1/" + resource))
        .as("the steady contact reads it")
        .isEqualTo(200);
    HttpResponse<Buffer> reply =
        koers.post(
            koers.signInAs("pro-eva"),
            "/v1/" + resource + "/responses",
            new JsonObject().put("text", "Dank je, Lotte. Zullen we deze week bellen?"));
    assertThat(reply.statusCode()).isEqualTo(201);
    Eventually.until(
        "lotte hears back",
        () ->
            NotifyTesting.inbox(koers, lotteSession).stream()
                .anyMatch(i -> i.getString("type").equals("FEEDBACK_ANSWERED")));

    // daan has no steady contact: after 18 nobody in his circle can hold the task.
    String daan = koers.idOf("daan");
    LocalDate daanAdult =
        LocalDate.parse(
            koers
                .get(koers.signInAs("daan"), "/v1/youth/" + daan + "/circle/confirmation")
                .bodyAsJsonObject()
                .getString("adultOn"));
    at(midnight(daanAdult.plusMonths(3)));
    Eventually.until(
        "daan's check-in is open",
        () ->
            FeedbackTesting.openRequests(koers, koers.signInAs("daan"), daan).stream()
                .anyMatch(r -> "FOLLOW_UP_3_MONTHS".equals(r.getString("followUp"))));
    String daansRequest =
        FeedbackTesting.openRequests(koers, koers.signInAs("daan"), daan).stream()
            .filter(r -> "FOLLOW_UP_3_MONTHS".equals(r.getString("followUp")))
            .findFirst()
            .orElseThrow()
            .getString("id");
    String daansFeedback =
        koers
            .post(
                koers.signInAs("daan"),
                "/v1/youth/" + daan + "/feedback",
                FeedbackTesting.pulseAnswer(daansRequest, 1, "SHARE_WITH_PROFESSIONAL"))
            .bodyAsJsonObject()
            .getString("id");
    koers.runBackgroundNow();
    Eventually.until(
        "the region admin is asked to give it to someone at once",
        () ->
            NotifyTesting.inbox(koers, koers.signInAs("admin")).stream()
                .anyMatch(
                    i ->
                        i.getString("type").equals("FEEDBACK_ESCALATED")
                            && i.getString("resource")
                                .equals("regions/demo/feedback-tasks/" + daansFeedback)));
  }
}
