package nl.koers.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.koers.circle.AgeRules;
import nl.koers.demo.DemoRegion;
import nl.koers.feedback.FeedbackTesting;
import nl.koers.mentor.Mentors;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/**
 * Every notification links somewhere its recipient can go: the real flows cause a notification of
 * every type, and each recipient follows each one's {@code resource} (a GET of the contract) and
 * gets 200 - checked when it arrives, while what it is about still stands.
 */
class NotificationLinksApiTest extends KoersApiTest {

  /** Notification ids already followed. */
  private final Set<String> followed = new HashSet<>();

  /** Types seen, each followed to a 200. */
  private final Set<String> seen = new TreeSet<>();

  /** Links that did not answer 200: type, recipient, resource, status. */
  private final List<String> broken = new ArrayList<>();

  @Override
  protected boolean serverPerTest() {
    return true;
  }

  @Override
  protected JsonObject settings() {
    JsonObject settings = NotifyTesting.settings(backend, database, null);
    // The milestone scheduler on: milestones and overdue checklist items are types too.
    settings.remove(KoersConfig.MILESTONE_PERIOD);
    return settings;
  }

  /** Follows every new notification of every demo person, as that person. */
  private void followEveryLink() {
    koers.runBackgroundNow();
    for (String handle : DemoRegion.HANDLES) {
      JsonObject session = koers.signInAs(handle);
      String cursor = null;
      do {
        JsonObject page =
            koers
                .get(
                    session,
                    "/v1/me/notifications?limit=100" + (cursor == null ? "" : "&cursor=" + cursor))
                .bodyAsJsonObject();
        for (Object each : page.getJsonArray("items")) {
          JsonObject item = (JsonObject) each;
          if (followed.add(item.getString("id"))) {
            String resource = item.getString("resource");
            HttpResponse<Buffer> answer = koers.get(session, "/v1/" + resource);
            if (answer.statusCode() == 200) {
              seen.add(item.getString("type"));
            } else {
              broken.add(
                  item.getString("type")
                      + " to "
                      + handle
                      + ": GET /v1/"
                      + resource
                      + " -> "
                      + answer.statusCode());
            }
          }
        }
        cursor = page.getString("next");
      } while (cursor != null);
    }
  }

  private JsonObject ok(HttpResponse<Buffer> answer, int status) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
    String body = answer.bodyAsString();
    return body == null || body.isEmpty() ? new JsonObject() : new JsonObject(body);
  }

  private static String y(String youthId, String rest) {
    return "/v1/youth/" + youthId + rest;
  }

  @Test
  void everyTypeOfNotificationLinksToSomethingItsRecipientCanOpen() {
    String sam = koers.idOf("sam");
    String noor = koers.idOf("noor");
    String daan = koers.idOf("daan");
    String marco = koers.idOf("marco");
    String eva = koers.idOf("pro-eva");
    followEveryLink(); // milestones at start-up: sam's plan opened, daan has no steady contact

    // A test push; a circle that changes; a message.
    NotifyTesting.devNotify(koers, "sam");
    ok(
        koers.post(
            koers.signInAs("pro-eva"),
            y(sam, "/circle"),
            new JsonObject().put("kind", "PARENT").put("name", "Petra")),
        201);
    ok(
        koers.post(
            koers.signInAs("marco"),
            y(sam, "/conversations/" + marco + "/messages"),
            new JsonObject().put("text", "Eten om zes uur")),
        201);
    followEveryLink();

    // Feedback: asked, shared, a task for the case coordinator, answered.
    String samRequest = FeedbackTesting.logConversation(koers, koers.signInAs("pro-eva"), sam);
    JsonObject shared =
        ok(
            koers.post(
                koers.signInAs("sam"),
                y(sam, "/feedback"),
                FeedbackTesting.pulseAnswer(samRequest, 1, "SHARE_WITH_PROFESSIONAL")),
            201);
    followEveryLink();
    ok(
        koers.post(
            koers.signInAs("pro-eva"),
            y(sam, "/feedback/" + shared.getString("id") + "/responses"),
            new JsonObject().put("text", "Dank je, we pakken het op.")),
        201);
    String noorRequest = FeedbackTesting.logConversation(koers, koers.signInAs("pro-eva"), noor);
    JsonObject noorShared =
        ok(
            koers.post(
                koers.signInAs("noor"),
                y(noor, "/feedback"),
                FeedbackTesting.pulseAnswer(noorRequest, 1, "SHARE_WITH_PROFESSIONAL")),
            201);
    followEveryLink();

    // A safety signal picked up, and one that nobody picks up.
    JsonObject signal =
        ok(
            koers.post(
                koers.signInAs("noor"),
                y(noor, "/safety-signals"),
                new JsonObject().put("mayCallMe", true)),
            201);
    followEveryLink();
    ok(
        koers.post(
            koers.signInAs("pro-joris"),
            y(noor, "/safety-signals/" + signal.getString("id") + "/pick-up"),
            null),
        200);
    ok(
        koers.post(
            koers.signInAs("daan"),
            y(daan, "/safety-signals"),
            new JsonObject().put("mayCallMe", false)),
        201);
    followEveryLink();

    // A JIM for noor (13): nominated, accepted, agreed by her mother, confirmed, a low check-in.
    JsonObject nomination =
        ok(
            koers.post(
                koers.signInAs("noor"),
                y(noor, "/mentor/nominations"),
                new JsonObject().put("firstName", "Tess").put("relation", "my hockey coach")),
            201);
    ok(
        koers.post(
            koers.signInAs("tess"),
            "/v1/mentor-invites/" + nomination.getString("code") + "/accept",
            new JsonObject().put("acceptTerms", true)),
        200);
    followEveryLink();
    String nominationPath = y(noor, "/mentor/nominations/" + nomination.getString("id"));
    ok(
        koers.post(
            koers.signInAs("ilse"),
            nominationPath + "/parent-agreement",
            new JsonObject().put("agreed", true)),
        200);
    followEveryLink();
    ok(koers.post(koers.signInAs("pro-eva"), nominationPath + "/confirm", null), 200);
    followEveryLink();
    JsonObject checkIn =
        ok(
            koers.post(
                koers.signInAs("tess"),
                y(noor, "/mentor/check-ins"),
                new JsonObject().put("score", 1).put("text", "Lastig.")),
            201);
    // Eva replies to the JIM's low check-in: tess is told and reads it with her check-ins.
    ok(
        koers.put(
            koers.signInAs("pro-eva"),
            y(noor, "/mentor/check-ins/" + checkIn.getString("id") + "/reply"),
            new JsonObject().put("text", "Dank je, ik bel je.")),
        200);
    followEveryLink();

    // Daan names his steady contact.
    ok(
        koers.post(
            koers.signInAs("daan"),
            y(daan, "/steady-contact"),
            new JsonObject().put("personId", eva)),
        200);
    followEveryLink();

    // daan's warm handover, meeting today (while he is 17 and eva his case coordinator): planned,
    // both sides confirmed, and daan says they did
    // not meet (eva hears it).
    JsonObject handover =
        ok(
            koers.post(
                koers.signInAs("pro-eva"),
                y(daan, "/transition/handovers"),
                new JsonObject()
                    .put("kind", "WMO")
                    .put(
                        "contact",
                        new JsonObject().put("name", "Ruben").put("organisation", "Wmo-loket"))
                    .put("meetingDate", AgeRules.today(clock.instant()).toString())),
            201);
    String handoverId = handover.getString("id");
    ok(
        koers.post(
            koers.signInAs("wmo-ruben"),
            "/v1/handover-invites/"
                + handover.getJsonObject("invite").getString("code")
                + "/accept",
            null),
        200);
    ok(
        koers.post(koers.signInAs("wmo-ruben"), "/v1/handovers/" + handoverId + "/confirm", null),
        200);
    ok(
        koers.post(
            koers.signInAs("pro-eva"),
            y(daan, "/transition/handovers/" + handoverId + "/confirm"),
            new JsonObject().put("side", "YOUTH_CARE")),
        200);
    ok(
        koers.post(
            koers.signInAs("daan"),
            y(daan, "/transition/handovers/" + handoverId + "/youth-answer"),
            new JsonObject().put("met", false)),
        200);
    followEveryLink();

    // Time passes: the unpicked signal escalates, follow-ups come, the reply task is late.
    clock.advance(Duration.ofMinutes(20));
    followEveryLink();
    clock.advance(Duration.ofDays(8));
    followEveryLink();
    // The region admin gives noor's late reply task to joris (outside her circle).
    JsonObject admin = koers.signInAs("admin");
    String task = "/v1/regions/demo/feedback-tasks/" + noorShared.getString("id");
    ok(
        koers.putAsRead(
            admin,
            task,
            task + "/assignee",
            new JsonObject().put("personId", koers.idOf("pro-joris"))),
        200);
    followEveryLink();

    // The JIM's check-in falls due; then noor ends her JIM.
    clock.advance(Mentors.CHECK_IN_EVERY.plusDays(1));
    followEveryLink();
    ok(koers.delete(koers.signInAs("noor"), y(noor, "/mentor")), 204);
    followEveryLink();

    // Daan turns 18: asked who stays; checklist items past due.
    clock.advance(Duration.ofDays(60));
    followEveryLink();

    // Sam narrows what his foster parent sees.
    JsonArray circle =
        koers
            .get(koers.signInAs("sam"), y(sam, "/circle"))
            .bodyAsJsonObject()
            .getJsonArray("items");
    String marcoRelation =
        circle.stream()
            .map(JsonObject.class::cast)
            .filter(r -> "FOSTER_PARENT".equals(r.getString("kind")))
            .findFirst()
            .orElseThrow()
            .getString("id");
    ok(
        koers.putAsRead(
            koers.signInAs("sam"),
            y(sam, "/circle"),
            y(sam, "/circle/" + marcoRelation + "/scopes"),
            new JsonObject().put("scopes", new JsonArray().add("profile"))),
        200);
    // Eva gives marco one of sam's checklist items: he is told, and the link opens his task.
    ok(
        koers.putAsRead(
            koers.signInAs("pro-eva"),
            y(sam, "/transition/checklist"),
            y(sam, "/transition/checklist/digid"),
            new JsonObject().put("ownerId", koers.idOf("marco"))),
        200);
    followEveryLink();

    // Marco asks femke for support and she answers; a second, urgent one nobody answers
    // escalates to the admin (and marco hears someone will answer) when the clock moves on.
    String support = y(sam, "/carer-support");
    JsonObject asked =
        ok(
            koers.post(
                koers.signInAs("marco"),
                support,
                new JsonObject()
                    .put("topic", "RESPITE")
                    .put("urgency", "NORMAL")
                    .put("text", "Kan er een weekend opvang komen?")),
            201);
    followEveryLink();
    ok(
        koers.post(
            koers.signInAs("pro-femke"),
            support + "/" + asked.getString("id") + "/answer",
            new JsonObject().put("text", "Ik regel het.")),
        200);
    ok(
        koers.post(
            koers.signInAs("marco"),
            support,
            new JsonObject()
                .put("topic", "BEHAVIOUR")
                .put("urgency", "URGENT")
                .put("text", "Het gaat mis vanavond.")),
        201);
    followEveryLink();

    // Sam asks for a copy of his data: he is told when it is ready, and it opens for him.
    ok(koers.post(koers.signInAs("sam"), y(sam, "/exports"), new JsonObject()), 202);
    followEveryLink();

    // Sam turns 17: his foster parent hears the extended-care decision is coming; eva decides.
    clock.advance(Duration.ofDays(160));
    followEveryLink();
    ok(
        koers.put(
            koers.signInAs("pro-eva"),
            y(sam, "/transition/extended-care"),
            new JsonObject().put("extended", true).put("kind", "verlengde-pleegzorg"),
            java.util.Map.of("If-Match", "\"0\"")),
        200);
    followEveryLink();

    // Sam asks to be erased, then changes his mind: his case coordinator hears of both.
    ok(koers.post(koers.signInAs("sam"), y(sam, "/erasure"), null), 202);
    followEveryLink();
    ok(koers.delete(koers.signInAs("sam"), y(sam, "/erasure")), 204);
    followEveryLink();

    // lotte passes the demo region's horizon (23) and the grace: notice of her erasure.
    String lotte = koers.idOf("lotte");
    java.time.LocalDate adultOn =
        java.time.LocalDate.parse(
            koers
                .get(koers.signInAs("lotte"), y(lotte, "/circle/confirmation"))
                .bodyAsJsonObject()
                .getString("adultOn"));
    clock.set(AgeRules.turns(adultOn.minusYears(AgeRules.ADULT), 23).plus(Duration.ofDays(190)));
    followEveryLink();

    assertThat(broken).isEmpty();
    assertThat(seen)
        .isEqualTo(
            Arrays.stream(NotificationType.values())
                .map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new)));
  }
}
