package nl.koers.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A phone mix against Koers at fixed arrival rates (open model: new phones arrive whatever the
 * server's answer times, as real phones do), so a slow server shows as longer answers and errors,
 * not as fewer requests. Two kinds of phone session, both on real endpoints as demo people in dev
 * mode:
 *
 * <ul>
 *   <li>a young person (sam or daan) opens the app: sign-in, inbox, a full then a delta change
 *       feed, the plan read and one domain written with If-Match, the messages with their foster
 *       parent or parent read and one sent;
 *   <li>a pulse: the case coordinator logs a contact moment, and the young person answers the pulse
 *       it opens.
 * </ul>
 *
 * Two phones of one young person may write the plan at the same moment; the loser gets 412, as the
 * contract says, and does what a phone does: reads again and writes once more ("plan write after
 * 412", so conflicts are counted, not hidden). Every other non-2xx answer is an error.
 *
 * <p>{@code -Dload.rate} young people's sessions per second (pulses at a quarter of that) for
 * {@code -Dload.seconds}; the report (p50/p75/p95/p99, errors) is under {@code
 * load/target/gatling}.
 */
public class PhoneMixSimulation extends Simulation {

  private static final double RATE = Double.parseDouble(System.getProperty("load.rate", "2"));
  private static final Duration LENGTH =
      Duration.ofSeconds(Long.parseLong(System.getProperty("load.seconds", "60")));

  private final KoersUnderLoad koers = KoersUnderLoad.startOrTarget();

  /**
   * The young people of the mix (16 and 17: their plan is open), each with the circle member they
   * exchange messages with, if any: sam's foster parent; daan's mother and case coordinator have no
   * messages scope.
   */
  private final List<Map<String, Object>> youngPeople =
      List.of(
          Map.of("handle", "sam", "youthId", koers.idOf("sam"), "other", koers.idOf("marco")),
          Map.of("handle", "daan", "youthId", koers.idOf("daan")));

  private final HttpProtocolBuilder protocol =
      http.baseUrl(koers.baseUrl)
          .acceptHeader("application/json")
          .contentTypeHeader("application/json")
          .acceptLanguageHeader("nl-NL")
          .userAgentHeader("koers-load/PhoneMixSimulation");

  private final ScenarioBuilder youngPersonOpensTheApp =
      scenario("a young person opens the app")
          .feed(randomly(youngPeople))
          .exec(signIn("sign-in", "#{handle}", "token"))
          .exec(authorized(http("inbox").get("/v1/me/notifications?limit=20")))
          .exec(
              authorized(http("change feed, full").get("/v1/me/changes?limit=50"))
                  .check(jsonPath("$.next").saveAs("cursor")))
          .pause(Duration.ofMillis(200))
          .exec(authorized(http("change feed, delta").get("/v1/me/changes?since=#{cursor}")))
          .exec(planReadAndWrite("plan read", "plan write"))
          .doIf(PhoneMixSimulation::planWasStale)
          .then(planReadAndWrite("plan read after 412", "plan write after 412"))
          .doIf(session -> session.contains("other"))
          .then(messages());

  private final ScenarioBuilder pulse =
      scenario("a pulse after a contact moment")
          .feed(randomly(youngPeople))
          .exec(signIn("sign-in, case coordinator", "pro-eva", "coordinatorToken"))
          .exec(
              http("contact moment")
                  .post("/v1/youth/#{youthId}/contact-moments")
                  .header("Authorization", "Bearer #{coordinatorToken}")
                  .header("Idempotency-Key", PhoneMixSimulation::newKey)
                  .body(StringBody("{\"kind\":\"CONVERSATION\"}"))
                  .check(status().is(201), jsonPath("$.feedbackRequestId").saveAs("request")))
          .exec(signIn("sign-in", "#{handle}", "token"))
          .exec(
              authorized(
                  http("pulse answer")
                      .post("/v1/youth/#{youthId}/feedback")
                      .header("Idempotency-Key", PhoneMixSimulation::newKey)
                      .body(StringBody(PhoneMixSimulation::pulseAnswer))
                      .check(status().is(201))));

  {
    setUp(
            youngPersonOpensTheApp.injectOpen(constantUsersPerSec(RATE).during(LENGTH)),
            pulse.injectOpen(constantUsersPerSec(RATE / 4).during(LENGTH)))
        .protocols(protocol)
        .maxDuration(LENGTH.plus(Duration.ofSeconds(60)))
        .assertions(global().failedRequests().percent().lt(1.0));
  }

  @Override
  public void after() {
    koers.stop();
  }

  private static ChainBuilder signIn(String name, String handle, String tokenKey) {
    return exec(
        http(name)
            .post("/v1/dev/session")
            .body(StringBody("{\"person\":\"" + handle + "\"}"))
            .check(status().is(200), jsonPath("$.accessToken").saveAs(tokenKey)));
  }

  /** The conversation read, and one message sent. */
  private static ChainBuilder messages() {
    return exec(authorized(
            http("messages read")
                .get("/v1/youth/#{youthId}/conversations/#{other}/messages?limit=20")))
        .exec(
            authorized(
                http("message send")
                    .post("/v1/youth/#{youthId}/conversations/#{other}/messages")
                    .header("Idempotency-Key", PhoneMixSimulation::newKey)
                    .body(StringBody("{\"text\":\"Ik kom om zes uur thuis.\"}"))
                    .check(status().is(201))));
  }

  /** The plan as the phone has it, then one domain written on that version. */
  private static ChainBuilder planReadAndWrite(String read, String write) {
    return exec(authorized(http(read).get("/v1/youth/#{youthId}/plan"))
            .check(header("ETag").saveAs("etag")))
        .exec(
            authorized(
                http(write)
                    .patch("/v1/youth/#{youthId}/plan/domains/wonen")
                    .header("If-Match", "#{etag}")
                    .body(StringBody(PhoneMixSimulation::planDomain))
                    .check(status().in(200, 412).saveAs("planStatus"))));
  }

  private static boolean planWasStale(Session session) {
    return session.contains("planStatus") && session.getInt("planStatus") == 412;
  }

  private static HttpRequestActionBuilder authorized(HttpRequestActionBuilder request) {
    return request.header("Authorization", "Bearer #{token}");
  }

  private static String planDomain(Session session) {
    return "{\"situation\":\"Pleeggezin\",\"wish\":\"Op mezelf wonen, stap "
        + ThreadLocalRandom.current().nextInt(1000)
        + "\",\"visibleTo\":[\"CASE_COORDINATOR\"]}";
  }

  private static String pulseAnswer(Session session) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder answers = new StringBuilder();
    for (String item : List.of("heard", "my-goals", "approach", "overall")) {
      answers.append(answers.length() == 0 ? "" : ",");
      answers
          .append("{\"itemId\":\"")
          .append(item)
          .append("\",\"valueInteger\":")
          .append(1 + random.nextInt(5))
          .append('}');
    }
    return "{\"feedbackRequestId\":\""
        + session.getString("request")
        + "\",\"sharing\":\"SHARE_WITH_PROFESSIONAL\",\"answers\":["
        + answers
        + "]}";
  }

  private static String newKey(Session session) {
    return UUID.randomUUID().toString();
  }

  private static Iterator<Map<String, Object>> randomly(List<Map<String, Object>> records) {
    Function<Integer, Map<String, Object>> pick =
        ignored -> records.get(ThreadLocalRandom.current().nextInt(records.size()));
    return Stream.iterate(0, i -> i + 1).map(pick).iterator();
  }
}
