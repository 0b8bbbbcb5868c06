package nl.koers.circle;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.koers.demo.DemoRegion;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Person.RegionRole;
import nl.koers.identity.Role;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.KoersApiTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The trust model's policy table ({@code docs/POLICY.md}) checked against the running server in
 * both directions: for every operation of the contract on a young person's data, every relation or
 * role and every age band, an allowed call passes and every other call is indistinguishable from a
 * call about a young person who does not exist. The same for the operations on a region's data.
 *
 * <p>The people are real members of a real circle (stored as the circle capability stores them; the
 * JIM joins through the real nomination flow), one young person per age band. Each call is made
 * twice: on the young person, and on an id nobody has; the two answers are compared without the
 * parts that differ between any two requests (instance path, request id).
 */
class PolicyTableTest extends KoersApiTest {

  static final Path POLICY = Path.of("..", "docs", "POLICY.md");
  static final Path CONTRACT = Path.of("..", "openapi", "koers.yaml");
  static final String REGION = DemoRegion.REGION;

  /** Who calls: a relation to the young person, or a role without one. */
  enum Actor {
    SELF,
    PARENT,
    FOSTER_PARENT,
    JIM,
    CASE_COORDINATOR,
    PROFESSIONAL,
    STEADY_CONTACT,
    SAFETY_CONTACT,
    FORMER_MEMBER,
    OTHER_PROFESSIONAL,
    REGION_ADMIN,
    REGION_ANALYST,
    FOSTER_CARE_WORKER
  }

  /** The age bands of the table, with the age of the young person each band is tried on. */
  enum Band {
    TEEN("12-15", 14),
    YOUNG("16-17", 16),
    ADULT("18+", 19);

    final String label;
    final int age;

    Band(String label, int age) {
      this.label = label;
      this.age = age;
    }
  }

  /** What a cell of the table promises, and what a call was seen to answer. */
  enum Outcome {
    /** Carried out: a 2xx. */
    YES("yes"),
    /**
     * Allowed to ask, and answered by a rule of the operation with its own problem type (409/422:
     * "you decide alone from 16", "not asked yet"); never the answer for nobody.
     */
    RULE("rule"),
    /** Exactly the answer for a young person who does not exist. */
    NO("no"),
    /**
     * A rule the caller may know: 403 with a reason (the plan opens at 16; a handover is the case
     * coordinator's to record). Only where the caller may know the young person exists.
     */
    CLOSED("closed");

    final String word;

    Outcome(String word) {
      this.word = word;
    }

    static Outcome of(String word) {
      for (Outcome outcome : values()) {
        if (outcome.word.equals(word)) {
          return outcome;
        }
      }
      throw new IllegalArgumentException("not a policy word: " + word);
    }
  }

  private static final String NOBODY = "00000000-0000-4000-8000-000000000000";
  private static final String NO_REGION = "no-such-region";

  private final Map<String, String> tokens = new HashMap<>();

  @Override
  protected JsonObject settings() {
    // Thousands of calls by a dozen people: the per-person rate limit is not what this checks.
    return super.settings().put(KoersConfig.RATE_LIMIT_PER_MINUTE, 1_000_000);
  }

  @Test
  void everyOperationOnAYoungPersonsDataAnswersAsThePolicyTableSaysForEveryRelationAndAgeBand()
      throws IOException {
    Policy policy = Policy.read(POLICY);
    Map<String, Probe> probes = youthProbes();
    assertThat(new TreeSet<>(probes.keySet()))
        .as("every operation on a young person's data has a probe here")
        .isEqualTo(contractOperationsWith("{youthId}"));

    List<String> surprises = new ArrayList<>();
    Map<Band, Map<String, Map<Actor, String>>> seen = new EnumMap<>(Band.class);
    for (Band band : Band.values()) {
      tokens.clear();
      if (!policy.youth(band).keySet().equals(probes.keySet())) {
        surprises.add("the table for " + band.label + " does not list exactly the operations");
      }
      Fixture f = fixture(band);
      for (Map.Entry<String, Probe> entry : probes.entrySet()) {
        String operation = entry.getKey();
        Map<Actor, Outcome> row = policy.youth(band).getOrDefault(operation, Map.of());
        for (Actor actor : deniedFirst(row)) {
          String promised = Optional.ofNullable(row.get(actor)).map(o -> o.word).orElse("?");
          HttpResponse<Buffer> missing = entry.getValue().call(f, actor, NOBODY);
          HttpResponse<Buffer> answer = entry.getValue().call(f, actor, f.youthId);
          String outcome = classify(answer, missing);
          seen.computeIfAbsent(band, b -> new LinkedHashMap<>())
              .computeIfAbsent(operation, o -> new EnumMap<>(Actor.class))
              .put(actor, outcome);
          if (missing.statusCode() != 404) {
            surprises.add(
                band.label + " " + operation + " " + actor + ": nobody → " + brief(missing));
          }
          if (!outcome.equals(promised)) {
            surprises.add(
                band.label
                    + " "
                    + operation
                    + " "
                    + actor
                    + ": table says "
                    + promised
                    + ", answer "
                    + brief(answer));
          }
        }
        entry.getValue().after(f);
      }
    }
    writeObserved(seen);
    assertThat(surprises).isEmpty();
  }

  @Test
  void everyOperationOnARegionsDataAnswersAsThePolicyTableSaysForEveryRole() throws IOException {
    Policy policy = Policy.read(POLICY);
    Map<String, RegionProbe> probes = regionProbes();
    assertThat(new TreeSet<>(probes.keySet()))
        .as("every operation on a region's data has a probe here")
        .isEqualTo(contractOperationsWith("{regionId}"));
    Fixture f = fixture(Band.YOUNG);
    List<String> surprises = new ArrayList<>();
    Map<String, Map<Actor, String>> seenInRegion = new LinkedHashMap<>();
    if (!policy.region().keySet().equals(probes.keySet())) {
      surprises.add("the region table does not list exactly the operations");
    }
    for (Map.Entry<String, RegionProbe> entry : probes.entrySet()) {
      Map<Actor, Outcome> row = policy.region().getOrDefault(entry.getKey(), Map.of());
      for (Actor actor : deniedFirst(row)) {
        String promised = Optional.ofNullable(row.get(actor)).map(o -> o.word).orElse("?");
        HttpResponse<Buffer> missing = entry.getValue().call(f, actor, NO_REGION);
        HttpResponse<Buffer> answer = entry.getValue().call(f, actor, REGION);
        String outcome = classify(answer, missing);
        seenInRegion
            .computeIfAbsent(entry.getKey(), o -> new EnumMap<>(Actor.class))
            .put(actor, outcome);
        if (!outcome.equals(promised)) {
          surprises.add(
              entry.getKey()
                  + " "
                  + actor
                  + ": table says "
                  + promised
                  + ", answer "
                  + brief(answer));
        }
      }
    }
    StringBuilder text = new StringBuilder();
    table(text, "Region data (region)", seenInRegion);
    write("policy-seen-region.md", text);
    assertThat(surprises).isEmpty();
  }

  // ---------------------------------------------------------------- the table

  /** The policy document: one table per age band for young people's data, one for regions. */
  record Policy(
      Map<Band, Map<String, Map<Actor, Outcome>>> youth, Map<String, Map<Actor, Outcome>> region) {

    Map<String, Map<Actor, Outcome>> youth(Band band) {
      return youth.getOrDefault(band, Map.of());
    }

    static Policy read(Path file) throws IOException {
      Map<Band, Map<String, Map<Actor, Outcome>>> youth = new EnumMap<>(Band.class);
      Map<String, Map<Actor, Outcome>> region = new LinkedHashMap<>();
      Map<String, Map<Actor, Outcome>> current = null;
      List<Actor> columns = List.of();
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("## ")) {
          current = null;
          for (Band band : Band.values()) {
            if (line.contains("(" + band.label + ")")) {
              current = youth.computeIfAbsent(band, b -> new LinkedHashMap<>());
            }
          }
          if (line.contains("(region)")) {
            current = region;
          }
          continue;
        }
        if (current == null || !line.startsWith("|")) {
          continue;
        }
        List<String> cells = cells(line);
        if (cells.get(0).equals("operation")) {
          columns = cells.subList(1, cells.size()).stream().map(Actor::valueOf).toList();
          continue;
        }
        if (cells.get(0).startsWith("-")) {
          continue;
        }
        Map<Actor, Outcome> row = new EnumMap<>(Actor.class);
        for (int i = 0; i < columns.size(); i++) {
          row.put(columns.get(i), Outcome.of(cells.get(i + 1)));
        }
        current.put(cells.get(0).replace("`", ""), row);
      }
      return new Policy(youth, region);
    }

    private static List<String> cells(String line) {
      String inner = line.strip();
      inner = inner.substring(1, inner.length() - 1);
      List<String> cells = new ArrayList<>();
      for (String cell : inner.split("\\|")) {
        cells.add(cell.strip());
      }
      return cells;
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<String> contractOperationsWith(String parameter) throws IOException {
    Map<String, Object> contract = new Yaml().load(Files.readString(CONTRACT));
    Set<String> found = new TreeSet<>();
    Map<String, Map<String, Object>> paths =
        (Map<String, Map<String, Object>>) contract.get("paths");
    paths.forEach(
        (path, operations) -> {
          if (!path.contains(parameter)) {
            return;
          }
          operations.forEach(
              (method, operation) -> {
                if (operation instanceof Map<?, ?> op && op.get("operationId") != null) {
                  found.add((String) op.get("operationId"));
                }
              });
        });
    return found;
  }

  /**
   * Every actor, denied callers first: whatever an allowed call changes cannot hide a wrong
   * refusal.
   */
  private static List<Actor> deniedFirst(Map<Actor, Outcome> row) {
    List<Actor> order = new ArrayList<>();
    for (Actor actor : Actor.values()) {
      if (row.get(actor) == Outcome.NO) {
        order.add(actor);
      }
    }
    for (Actor actor : Actor.values()) {
      if (row.get(actor) != Outcome.NO) {
        order.add(actor);
      }
    }
    return order;
  }

  private static String classify(HttpResponse<Buffer> answer, HttpResponse<Buffer> missing) {
    if (comparable(answer).equals(comparable(missing))) {
      return Outcome.NO.word;
    }
    int status = answer.statusCode();
    String type = problemType(answer);
    if (status / 100 == 2) {
      return Outcome.YES.word;
    }
    if ((status == 409 || status == 422) && !type.endsWith(":not-found")) {
      return Outcome.RULE.word;
    }
    if (status == 403) {
      return Outcome.CLOSED.word;
    }
    return "other (" + status + " " + type + ")";
  }

  private static String problemType(HttpResponse<Buffer> answer) {
    try {
      return answer.bodyAsJsonObject().getString("type", "");
    } catch (RuntimeException notJson) {
      return "";
    }
  }

  /** An answer without what must differ between two requests (the path and the request id). */
  private static JsonObject comparable(HttpResponse<Buffer> answer) {
    JsonObject body;
    try {
      body = answer.body() == null ? new JsonObject() : answer.bodyAsJsonObject();
    } catch (RuntimeException notAnObject) {
      body = new JsonObject().put("text", answer.bodyAsString());
    }
    body.remove("instance");
    body.remove("requestId");
    return new JsonObject()
        .put("status", answer.statusCode())
        .put("contentType", answer.getHeader("Content-Type"))
        .put("body", body);
  }

  private static String brief(HttpResponse<Buffer> answer) {
    String body = answer.bodyAsString();
    return answer.statusCode()
        + " "
        + (body == null ? "" : body.substring(0, Math.min(body.length(), 160)));
  }

  /** What the server did, as table rows, for whoever updates the table (target/policy-seen*.md). */
  private static void writeObserved(Map<Band, Map<String, Map<Actor, String>>> seen)
      throws IOException {
    StringBuilder text = new StringBuilder();
    seen.forEach((band, rows) -> table(text, "Young people's data (" + band.label + ")", rows));
    write("policy-seen.md", text);
  }

  private static void table(
      StringBuilder text, String title, Map<String, Map<Actor, String>> rows) {
    text.append("## ").append(title).append("\n\n| operation |");
    for (Actor actor : Actor.values()) {
      text.append(' ').append(actor).append(" |");
    }
    text.append("\n|---|").append("---|".repeat(Actor.values().length)).append('\n');
    rows.forEach(
        (operation, cells) -> {
          text.append("| `").append(operation).append("` |");
          for (Actor actor : Actor.values()) {
            text.append(' ').append(cells.getOrDefault(actor, "?")).append(" |");
          }
          text.append('\n');
        });
    text.append('\n');
  }

  private static void write(String name, StringBuilder text) throws IOException {
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", name), text.toString());
  }

  // ---------------------------------------------------------------- the people

  /** One young person of a band with every kind of member, and what the probes share. */
  final class Fixture {
    final Band band;
    final String youthId;
    final Map<Actor, String> people = new EnumMap<>(Actor.class);
    final Map<String, String> shared = new HashMap<>();

    Fixture(Band band, String youthId) {
      this.band = band;
      this.youthId = youthId;
    }

    String id(Actor actor) {
      return people.get(actor);
    }
  }

  private Fixture fixture(Band band) {
    Instant now = clock.instant();
    LocalDate born = AgeRules.today(now).minusYears(band.age).minusMonths(6);
    String youthId = UUID.randomUUID().toString();
    YouthRecords records = new YouthRecords(mongo);
    person(youthId, "Yara", List.of());
    await(records.create(new Youth(youthId, "Yara", born, REGION, List.of())));
    Fixture f = new Fixture(band, youthId);
    f.people.put(Actor.SELF, youthId);
    f.people.put(Actor.PARENT, member(f, RelationKind.PARENT, "Petra", List.of(), false));
    f.people.put(
        Actor.FOSTER_PARENT, member(f, RelationKind.FOSTER_PARENT, "Frank", List.of(), false));
    f.people.put(
        Actor.CASE_COORDINATOR,
        member(f, RelationKind.CASE_COORDINATOR, "Cora", professional(), false));
    f.people.put(
        Actor.PROFESSIONAL, member(f, RelationKind.PROFESSIONAL, "Pim", professional(), false));
    f.people.put(
        Actor.STEADY_CONTACT, member(f, RelationKind.STEADY_CONTACT, "Stan", List.of(), false));
    f.people.put(
        Actor.FOSTER_CARE_WORKER,
        member(f, RelationKind.FOSTER_CARE_WORKER, "Femke", professional(), false));
    f.people.put(
        Actor.FORMER_MEMBER, member(f, RelationKind.FOSTER_PARENT, "Fleur", List.of(), true));
    String outsider = UUID.randomUUID().toString();
    person(outsider, "Olga", professional());
    f.people.put(Actor.OTHER_PROFESSIONAL, outsider);
    f.people.put(Actor.SAFETY_CONTACT, DemoRegion.idOf("pro-joris"));
    f.people.put(Actor.REGION_ADMIN, DemoRegion.idOf("admin"));
    f.people.put(Actor.REGION_ANALYST, DemoRegion.idOf("analyst"));
    await(
        records.setSteadyContact(
            youthId,
            new YouthRecords.SteadyContact(f.id(Actor.STEADY_CONTACT), now, Optional.of(now), 0),
            List.of()));
    String jim = UUID.randomUUID().toString();
    person(jim, "Jesse", List.of());
    f.people.put(Actor.JIM, jim);
    ensureJim(f);
    // A pulse to answer, as after any contact moment.
    send(
        f,
        Actor.CASE_COORDINATOR,
        HttpMethod.POST,
        y(f.youthId, "/contact-moments"),
        new JsonObject().put("kind", "PHONE"));
    return f;
  }

  private static List<RegionRole> professional() {
    return List.of(new RegionRole(Role.PROFESSIONAL, REGION));
  }

  private void person(String id, String name, List<RegionRole> roles) {
    await(
        new People(mongo)
            .create(new Person(id, Optional.empty(), name, roles, Optional.of(clock.instant()))));
  }

  private String member(
      Fixture f, RelationKind kind, String name, List<RegionRole> roles, boolean ended) {
    String id = UUID.randomUUID().toString();
    person(id, name, roles);
    Instant now = clock.instant();
    Relation relation =
        new Relation(
            UUID.randomUUID().toString(),
            kind,
            id,
            kind.defaultScopes(),
            ended ? now.minus(Duration.ofDays(30)) : now,
            ended ? Optional.of(now.minus(Duration.ofDays(1))) : Optional.empty(),
            Optional.empty());
    await(new YouthRecords(mongo).addRelation(f.youthId, relation));
    return id;
  }

  /** A relation made for one call that ends or changes it, so the fixture stays as it is. */
  private String spareRelation(Fixture f, RelationKind kind) {
    String personId = member(f, kind, "Reserve", List.of(), false);
    Youth youth = await(new YouthRecords(mongo).find(f.youthId)).orElseThrow();
    return youth.activeRelationsOf(personId, clock.instant()).get(0).id();
  }

  private String jimRelation(Fixture f) {
    Youth youth = await(new YouthRecords(mongo).find(f.youthId)).orElseThrow();
    return youth.activeOfKind(RelationKind.JIM, clock.instant()).orElseThrow().id();
  }

  /** The JIM joins through the real flow: nominated, accepted, (parent agreed,) confirmed. */
  private void ensureJim(Fixture f) {
    Youth youth = await(new YouthRecords(mongo).find(f.youthId)).orElseThrow();
    boolean active =
        youth
            .activeOfKind(RelationKind.JIM, clock.instant())
            .map(r -> r.personId().equals(f.id(Actor.JIM)))
            .orElse(false);
    if (!active) {
      String nomination = acceptedNomination(f, f.id(Actor.JIM), true);
      HttpResponse<Buffer> confirmed =
          send(
              f,
              Actor.CASE_COORDINATOR,
              HttpMethod.POST,
              y(f.youthId, "/mentor/nominations/" + nomination + "/confirm"),
              null);
      assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    }
  }

  /** A nomination the young person made and an adult accepted (with the parents' agreement). */
  private String acceptedNomination(Fixture f, String mentorId, boolean withAgreement) {
    JsonObject nomination = nomination(f);
    HttpResponse<Buffer> accepted =
        sendAs(
            mentorId,
            HttpMethod.POST,
            "/v1/mentor-invites/" + nomination.getString("code") + "/accept",
            new JsonObject().put("acceptTerms", true));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    String id = nomination.getString("id");
    if (withAgreement && f.band == Band.TEEN) {
      HttpResponse<Buffer> agreed =
          send(
              f,
              Actor.PARENT,
              HttpMethod.POST,
              y(f.youthId, "/mentor/nominations/" + id + "/parent-agreement"),
              new JsonObject().put("agreed", true));
      assertThat(agreed.statusCode()).as(agreed.bodyAsString()).isEqualTo(200);
    }
    return id;
  }

  private JsonObject nomination(Fixture f) {
    HttpResponse<Buffer> made =
        send(
            f,
            Actor.SELF,
            HttpMethod.POST,
            y(f.youthId, "/mentor/nominations"),
            new JsonObject().put("firstName", "Jesse").put("relation", "coach"));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    return made.bodyAsJsonObject();
  }

  private String freshAdult() {
    String id = UUID.randomUUID().toString();
    person(id, "Ada", List.of());
    return id;
  }

  // ---------------------------------------------------------------- calls

  private HttpResponse<Buffer> send(
      Fixture f, Actor actor, HttpMethod method, String path, JsonObject body) {
    return sendAs(f.id(actor), method, path, body, Map.of());
  }

  private HttpResponse<Buffer> sendAs(
      String personId, HttpMethod method, String path, JsonObject body) {
    return sendAs(personId, method, path, body, Map.of());
  }

  private HttpResponse<Buffer> sendAs(
      String personId,
      HttpMethod method,
      String path,
      JsonObject body,
      Map<String, String> headers) {
    HttpRequest<Buffer> request =
        koers.client.request(method, path).bearerTokenAuthentication(token(personId));
    if (method == HttpMethod.POST) {
      request.putHeader("Idempotency-Key", UUID.randomUUID().toString());
    }
    headers.forEach(request::putHeader);
    return body == null ? await(request.send()) : await(request.sendJsonObject(body));
  }

  private String token(String personId) {
    return tokens.computeIfAbsent(personId, id -> koers.sessionFor(id).getString("accessToken"));
  }

  private static String y(String youthId, String rest) {
    return "/v1/youth/" + youthId + rest;
  }

  /** How to call one operation, as one actor, on a young person (real or nobody). */
  interface Probe {
    HttpResponse<Buffer> call(Fixture f, Actor actor, String youthId);

    /** Puts back what the allowed calls changed (e.g. the JIM they ended). */
    default void after(Fixture f) {}
  }

  interface RegionProbe {
    HttpResponse<Buffer> call(Fixture f, Actor actor, String regionId);
  }

  private Probe get(String rest) {
    return (f, actor, youthId) -> send(f, actor, HttpMethod.GET, y(youthId, rest), null);
  }

  private Probe write(HttpMethod method, String rest, JsonObject body) {
    return (f, actor, youthId) -> send(f, actor, method, y(youthId, rest), body.copy());
  }

  /** A probe whose call needs something made for it first (a signal, a nomination, ...). */
  private Probe with(String name, boolean usedUp, Maker maker, MadeCall caller) {
    return (f, actor, youthId) -> {
      String made = f.shared.computeIfAbsent(name, k -> maker.make(f, actor));
      HttpResponse<Buffer> answer = caller.call(f, actor, youthId, made);
      if (usedUp && youthId.equals(f.youthId) && answer.statusCode() / 100 == 2) {
        // Closed, withdrawn, agreed: the next caller gets a fresh one.
        f.shared.remove(name);
      }
      return answer;
    };
  }

  /** Something every caller's call shares (a signal to read). */
  private Probe shared(String name, Maker maker, MadeCall caller) {
    return with(name, false, maker, caller);
  }

  /** Something an allowed call uses up (a signal to close): made again after each success. */
  private Probe usingUp(String name, Maker maker, MadeCall caller) {
    return with(name, true, maker, caller);
  }

  interface Maker {
    String make(Fixture f, Actor actor);
  }

  interface MadeCall {
    HttpResponse<Buffer> call(Fixture f, Actor actor, String youthId, String made);
  }

  /** The young person asks for erasure (or has asked already). */
  private String erasureAsked(Fixture f) {
    HttpResponse<Buffer> asked =
        send(f, Actor.SELF, HttpMethod.POST, y(f.youthId, "/erasure"), new JsonObject());
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(202);
    return "asked";
  }

  private String signal(Fixture f) {
    HttpResponse<Buffer> raised =
        send(
            f,
            Actor.SELF,
            HttpMethod.POST,
            y(f.youthId, "/safety-signals"),
            new JsonObject().put("mayCallMe", false));
    assertThat(raised.statusCode()).as(raised.bodyAsString()).isEqualTo(201);
    return raised.bodyAsJsonObject().getString("id");
  }

  /** A copy of the young person's data, asked by them and built. */
  private String readyExport(Fixture f) {
    HttpResponse<Buffer> asked =
        send(f, Actor.SELF, HttpMethod.POST, y(f.youthId, "/exports"), new JsonObject());
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(202);
    koers.runBackgroundNow();
    return asked.bodyAsJsonObject().getString("id");
  }

  /** The case coordinator logs a contact moment; the young person answers it just for themself. */
  private String answerJustForMe(Fixture f) {
    HttpResponse<Buffer> logged =
        send(
            f,
            Actor.CASE_COORDINATOR,
            HttpMethod.POST,
            y(f.youthId, "/contact-moments"),
            new JsonObject().put("kind", "PHONE"));
    assertThat(logged.statusCode()).as(logged.bodyAsString()).isEqualTo(201);
    String requestId = logged.bodyAsJsonObject().getString("feedbackRequestId");
    JsonObject request =
        send(f, Actor.SELF, HttpMethod.GET, y(f.youthId, "/feedback/requests"), null)
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(r -> r.getString("id").equals(requestId))
            .findFirst()
            .orElseThrow();
    HttpResponse<Buffer> sent =
        send(
            f,
            Actor.SELF,
            HttpMethod.POST,
            y(f.youthId, "/feedback"),
            answersTo(request).put("sharing", "NOBODY"));
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(201);
    return sent.bodyAsJsonObject().getString("id");
  }

  /** A statement of the young person, to their case coordinator (the default addressee). */
  private String statement(Fixture f) {
    HttpResponse<Buffer> sent =
        send(
            f,
            Actor.SELF,
            HttpMethod.POST,
            y(f.youthId, "/statements"),
            new JsonObject().put("text", "Ik wil meer zeggen over mijn plan."));
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(201);
    return sent.bodyAsJsonObject().getString("id");
  }

  private String sharedFeedback(Fixture f) {
    JsonObject request =
        send(f, Actor.SELF, HttpMethod.GET, y(f.youthId, "/feedback/requests"), null)
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0);
    HttpResponse<Buffer> sent =
        send(
            f,
            Actor.SELF,
            HttpMethod.POST,
            y(f.youthId, "/feedback"),
            answersTo(request).put("sharing", "SHARE_WITH_PROFESSIONAL"));
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(201);
    return sent.bodyAsJsonObject().getString("id");
  }

  /** Low answers to every required item, so that the shared answer needs a reply. */
  private static JsonObject answersTo(JsonObject request) {
    JsonArray answers = new JsonArray();
    for (Object raw : request.getJsonObject("questionnaire").getJsonArray("items")) {
      JsonObject item = (JsonObject) raw;
      if (!item.getBoolean("required", false)) {
        continue;
      }
      Object value =
          switch (item.getString("type")) {
            case "FREE_TEXT" -> "Het ging niet zo goed.";
            case "SMILEY_5" -> 1;
            case "SCALE_0_10" -> 2;
            case "YES_NO" -> false;
            default -> item.getJsonArray("options").getJsonObject(0).getValue("value");
          };
      String field =
          switch (item.getString("type")) {
            case "FREE_TEXT" -> "valueText";
            case "YES_NO" -> "valueBoolean";
            case "SMILEY_5", "SCALE_0_10" -> "valueInteger";
            default -> "valueChoices";
          };
      answers.add(
          new JsonObject()
              .put("itemId", item.getString("id"))
              .put(field, field.equals("valueChoices") ? new JsonArray().add(value) : value));
    }
    return new JsonObject()
        .put("feedbackRequestId", request.getString("id"))
        .put("answers", answers);
  }

  private String response(Fixture f) {
    String feedback = f.shared.computeIfAbsent("feedback", k -> sharedFeedback(f));
    HttpResponse<Buffer> replied =
        send(
            f,
            Actor.CASE_COORDINATOR,
            HttpMethod.POST,
            y(f.youthId, "/feedback/" + feedback + "/responses"),
            new JsonObject().put("text", "We bellen je morgen."));
    assertThat(replied.statusCode()).as(replied.bodyAsString()).isEqualTo(201);
    return feedback + "/responses/" + replied.bodyAsJsonObject().getString("id");
  }

  private String handover(Fixture f) {
    HttpResponse<Buffer> recorded =
        send(
            f,
            Actor.CASE_COORDINATOR,
            HttpMethod.POST,
            y(f.youthId, "/transition/handovers"),
            handoverBody());
    assertThat(recorded.statusCode()).as(recorded.bodyAsString()).isEqualTo(201);
    return recorded.bodyAsJsonObject().getString("id");
  }

  private JsonObject handoverBody() {
    return new JsonObject()
        .put("kind", "WMO")
        .put("contact", new JsonObject().put("name", "Fatma").put("organisation", "Wmo-loket"))
        .put("meetingDate", AgeRules.today(clock.instant()).plusDays(30).toString());
  }

  private String planTag(Fixture f) {
    Document plan =
        await(mongo.first(mongo.collection("plans").find(new Document("_id", f.youthId))));
    return "\"" + (plan == null ? 0L : plan.getLong("version")) + "\"";
  }

  /** The checklist's ETag, as the young person reads it now. */
  private String checklistTag(Fixture f) {
    return koers
        .get(koers.sessionFor(f.youthId), y(f.youthId, "/transition/checklist"))
        .getHeader("ETag");
  }

  private String extendedCareTag(Fixture f) {
    Document youth =
        await(mongo.first(mongo.collection("youth").find(new Document("_id", f.youthId))));
    Document decided = youth == null ? null : youth.get("extendedCare", Document.class);
    return "\"" + (decided == null ? 0L : decided.getDate("decidedAt").getTime()) + "\"";
  }

  private String followUpTag(Fixture f) {
    Document youth =
        await(mongo.first(mongo.collection("youth").find(new Document("_id", f.youthId))));
    Document chosen = youth == null ? null : youth.get("followUpChoice", Document.class);
    return "\"" + (chosen == null ? 0L : chosen.getDate("at").getTime()) + "\"";
  }

  private JsonArray activeRelationIds(Fixture f) {
    Youth youth = await(new YouthRecords(mongo).find(f.youthId)).orElseThrow();
    JsonArray ids = new JsonArray();
    youth.relations().stream()
        .filter(r -> r.activeAt(clock.instant()))
        .forEach(r -> ids.add(r.id()));
    return ids;
  }

  /** The other side of a conversation: the case coordinator for the young person, else oneself. */
  private static String otherSide(Fixture f, Actor actor) {
    return actor == Actor.SELF ? f.id(Actor.CASE_COORDINATOR) : f.id(actor);
  }

  /** Every operation on a young person's data, in the order they are tried. */
  private Map<String, Probe> youthProbes() {
    Map<String, Probe> p = new LinkedHashMap<>();
    p.put("getYouthProfile", get(""));
    p.put("getPlacement", get("/placement"));
    p.put("getCircle", get("/circle"));
    p.put("getAccessLog", get("/access-log"));
    p.put("getAdultConfirmation", get("/circle/confirmation"));
    p.put(
        "addToCircle",
        write(
            HttpMethod.POST,
            "/circle",
            new JsonObject().put("kind", "PARENT").put("name", "Test")));
    p.put(
        "endRelation",
        usingUp(
            "spare",
            (f, a) -> spareRelation(f, RelationKind.PARENT),
            (f, actor, youthId, relation) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/circle/" + relation + "/end"),
                    new JsonObject())));
    p.put(
        "setRelationScopes",
        (f, actor, youthId) ->
            sendAs(
                f.id(actor),
                HttpMethod.PUT,
                y(youthId, "/circle/" + jimRelation(f) + "/scopes"),
                new JsonObject().put("scopes", new JsonArray().add("profile").add("milestones")),
                Map.of("If-Match", circleTag(youthId))));
    p.put("getConsents", get("/consents"));
    p.put(
        "assignCaseCoordinator",
        (f, actor, youthId) ->
            sendAs(
                f.id(actor),
                HttpMethod.PUT,
                y(youthId, "/case-coordinator"),
                new JsonObject().put("professionalId", f.id(Actor.CASE_COORDINATOR)),
                Map.of("If-Match", circleTag(youthId))));
    p.put("getCaseCoordinator", get("/case-coordinator"));
    p.put(
        "logContactMoment",
        write(HttpMethod.POST, "/contact-moments", new JsonObject().put("kind", "PHONE")));
    p.put("getFeedbackRequests", get("/feedback/requests"));
    p.put("submitFeedback", this::submitFeedback);
    p.put("getFeedback", get("/feedback"));
    p.put(
        "getFeedbackItem",
        shared(
            "feedback",
            (f, a) -> sharedFeedback(f),
            (f, actor, youthId, feedback) ->
                send(f, actor, HttpMethod.GET, y(youthId, "/feedback/" + feedback), null)));
    p.put(
        "getFeedbackFhir",
        shared(
            "feedback",
            (f, a) -> sharedFeedback(f),
            (f, actor, youthId, feedback) ->
                send(
                    f,
                    actor,
                    HttpMethod.GET,
                    y(youthId, "/feedback/" + feedback + "/fhir"),
                    null)));
    p.put(
        "respondToFeedback",
        shared(
            "feedback",
            (f, a) -> sharedFeedback(f),
            (f, actor, youthId, feedback) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/feedback/" + feedback + "/responses"),
                    new JsonObject().put("text", "Dank je, we passen het aan."))));
    p.put(
        "rateFeedbackResponse",
        shared(
            "response",
            (f, a) -> response(f),
            (f, actor, youthId, response) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/feedback/" + response + "/rating"),
                    new JsonObject().put("rating", 4))));
    // The young person starts a pulse about today's contact with the case coordinator.
    p.put(
        "startPulse",
        (f, actor, youthId) ->
            send(
                f,
                actor,
                HttpMethod.POST,
                y(youthId, "/feedback/requests"),
                new JsonObject()
                    .put("with", f.id(Actor.CASE_COORDINATOR))
                    .put("day", AgeRules.today(clock.instant()).toString())));
    p.put(
        "widenFeedbackSharing",
        usingUp(
            "answer just for me",
            (f, a) -> answerJustForMe(f),
            (f, actor, youthId, feedback) ->
                send(
                    f,
                    actor,
                    HttpMethod.PUT,
                    y(youthId, "/feedback/" + feedback + "/sharing"),
                    new JsonObject().put("sharing", "SHARE_WITH_PROFESSIONAL"))));
    p.put(
        "sendStatement",
        write(HttpMethod.POST, "/statements", new JsonObject().put("text", "Ik wil iets zeggen.")));
    p.put("getStatements", get("/statements"));
    p.put(
        "getStatement",
        shared(
            "statement",
            (f, a) -> statement(f),
            (f, actor, youthId, statement) ->
                send(f, actor, HttpMethod.GET, y(youthId, "/statements/" + statement), null)));
    p.put(
        "raiseSafetySignal",
        write(HttpMethod.POST, "/safety-signals", new JsonObject().put("mayCallMe", true)));
    p.put("getSafetySignals", get("/safety-signals"));
    p.put(
        "getSafetySignal",
        shared(
            "signal",
            (f, a) -> signal(f),
            (f, actor, youthId, signal) ->
                send(f, actor, HttpMethod.GET, y(youthId, "/safety-signals/" + signal), null)));
    p.put(
        "pickUpSafetySignal",
        usingUp(
            "signal to pick up",
            (f, a) -> signal(f),
            (f, actor, youthId, signal) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/safety-signals/" + signal + "/pick-up"),
                    null)));
    p.put(
        "closeSafetySignal",
        usingUp(
            "open signal",
            (f, a) -> signal(f),
            (f, actor, youthId, signal) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/safety-signals/" + signal + "/close"),
                    new JsonObject().put("note", "Gebeld; het is veilig."))));
    p.put(
        "answerSafetyFollowUp",
        shared(
            "signal",
            (f, a) -> signal(f),
            (f, actor, youthId, signal) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/safety-signals/" + signal + "/follow-up"),
                    new JsonObject().put("saferNow", true))));
    p.put(
        "nominateMentor",
        write(
            HttpMethod.POST,
            "/mentor/nominations",
            new JsonObject().put("firstName", "Tim").put("relation", "buurman")));
    p.put("getMentorNominations", get("/mentor/nominations"));
    p.put(
        "withdrawMentorNomination",
        usingUp(
            "invite",
            (f, a) -> nomination(f).getString("id"),
            (f, actor, youthId, nomination) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/mentor/nominations/" + nomination + "/withdraw"),
                    null)));
    p.put(
        "recordParentAgreement",
        usingUp(
            "accepted",
            (f, a) -> acceptedNomination(f, freshAdult(), false),
            (f, actor, youthId, nomination) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/mentor/nominations/" + nomination + "/parent-agreement"),
                    new JsonObject().put("agreed", true))));
    p.put(
        "setMentorScopes",
        (f, actor, youthId) ->
            sendAs(
                f.id(actor),
                HttpMethod.PUT,
                y(youthId, "/mentor/scopes"),
                new JsonObject().put("scopes", new JsonArray().add("profile").add("milestones")),
                Map.of("If-Match", circleTag(youthId))));
    p.put(
        "checkInAsMentor",
        write(HttpMethod.POST, "/mentor/check-ins", new JsonObject().put("score", 4)));
    p.put("getMentorCheckIns", get("/mentor/check-ins"));
    p.put(
        "replyToMentorCheckIn",
        shared(
            "checkIn",
            (f, a) -> jimCheckIn(f),
            (f, actor, youthId, checkIn) ->
                send(
                    f,
                    actor,
                    HttpMethod.PUT,
                    y(youthId, "/mentor/check-ins/" + checkIn + "/reply"),
                    new JsonObject().put("text", "Dank je, ik bel je morgen."))));
    p.put("requestCarerSupport", write(HttpMethod.POST, "/carer-support", supportRequest()));
    p.put("listCarerSupport", get("/carer-support"));
    p.put(
        "getCarerSupport",
        shared(
            "support",
            (f, a) -> fosterParentsRequest(f),
            (f, actor, youthId, support) ->
                send(f, actor, HttpMethod.GET, y(youthId, "/carer-support/" + support), null)));
    p.put(
        "answerCarerSupport",
        usingUp(
            "supportToAnswer",
            (f, a) -> fosterParentsRequest(f),
            (f, actor, youthId, support) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/carer-support/" + support + "/answer"),
                    new JsonObject().put("text", "Ik kom donderdag langs."))));
    p.put("getPlan", get("/plan"));
    p.put(
        "putPlan",
        (f, actor, youthId) ->
            sendAs(
                f.id(actor),
                HttpMethod.PUT,
                y(youthId, "/plan"),
                new JsonObject().put("domains", new JsonObject().put("wonen", planDomain())),
                Map.of("If-Match", planTag(f))));
    p.put(
        "patchPlanDomain",
        (f, actor, youthId) ->
            sendAs(
                f.id(actor),
                HttpMethod.PATCH,
                y(youthId, "/plan/domains/wonen"),
                planDomain(),
                Map.of("If-Match", planTag(f))));
    p.put("getPlanVersions", get("/plan/versions"));
    p.put("getTransitionChecklist", get("/transition/checklist"));
    p.put(
        "updateChecklistItem",
        (f, actor, youthId) ->
            sendAs(
                f.id(actor),
                HttpMethod.PUT,
                y(youthId, "/transition/checklist/digid"),
                new JsonObject().put("done", true),
                Map.of("If-Match", checklistTag(f))));
    p.put("getExtendedCare", get("/transition/extended-care"));
    p.put(
        "putExtendedCare",
        (f, actor, youthId) ->
            sendAs(
                f.id(actor),
                HttpMethod.PUT,
                y(youthId, "/transition/extended-care"),
                new JsonObject()
                    .put("extended", true)
                    .put("kind", "verlengde-jeugdhulp")
                    .put("untilAge", 21),
                Map.of("If-Match", extendedCareTag(f))));
    p.put("getFollowUp", get("/follow-up"));
    p.put(
        "putFollowUp",
        (f, actor, youthId) ->
            sendAs(
                f.id(actor),
                HttpMethod.PUT,
                y(youthId, "/follow-up"),
                new JsonObject().put("choice", "STOPPED"),
                Map.of("If-Match", followUpTag(f))));
    p.put("getSteadyContact", get("/steady-contact"));
    p.put(
        "getMessages",
        (f, actor, youthId) ->
            send(
                f,
                actor,
                HttpMethod.GET,
                y(youthId, "/conversations/" + otherSide(f, actor) + "/messages"),
                null));
    p.put(
        "sendMessage",
        (f, actor, youthId) ->
            send(
                f,
                actor,
                HttpMethod.POST,
                y(youthId, "/conversations/" + otherSide(f, actor) + "/messages"),
                new JsonObject().put("text", "Hoi!")));
    p.put(
        "recordHandover",
        (f, actor, youthId) ->
            send(f, actor, HttpMethod.POST, y(youthId, "/transition/handovers"), handoverBody()));
    p.put("getHandovers", get("/transition/handovers"));
    p.put(
        "confirmHandover",
        shared(
            "handover",
            (f, a) -> handover(f),
            (f, actor, youthId, handover) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/transition/handovers/" + handover + "/confirm"),
                    new JsonObject().put("side", "YOUTH_CARE"))));
    // The meeting is 30 days ahead: the young person may ask, and hears it has not been yet.
    p.put(
        "answerHandoverAsYouth",
        shared(
            "handover",
            (f, a) -> handover(f),
            (f, actor, youthId, handover) ->
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/transition/handovers/" + handover + "/youth-answer"),
                    new JsonObject().put("met", true))));
    // The young person's own copy of their data: asked, and read once it is built.
    p.put("requestDataExport", write(HttpMethod.POST, "/exports", new JsonObject()));
    for (String rest : List.of("", "/file", "/summary")) {
      p.put(
          "getDataExport" + (rest.isEmpty() ? "" : rest.equals("/file") ? "File" : "Summary"),
          shared(
              "export",
              (f, a) -> readyExport(f),
              (f, actor, youthId, export) ->
                  send(f, actor, HttpMethod.GET, y(youthId, "/exports/" + export + rest), null)));
    }
    // Erasure: asked (it runs 30 days later, never within this test), read, withdrawn.
    p.put("requestErasure", write(HttpMethod.POST, "/erasure", new JsonObject()));
    p.put(
        "getErasure",
        shared(
            "erasure",
            (f, a) -> erasureAsked(f),
            (f, actor, youthId, asked) ->
                send(f, actor, HttpMethod.GET, y(youthId, "/erasure"), null)));
    p.put(
        "withdrawErasure",
        usingUp(
            "erasure to withdraw",
            (f, a) -> erasureAsked(f),
            (f, actor, youthId, asked) ->
                send(f, actor, HttpMethod.DELETE, y(youthId, "/erasure"), null)));
    // The young person's own choice of wording; choosing it again changes nothing.
    p.put(
        "putReadingLevel",
        write(HttpMethod.PUT, "/reading-level", new JsonObject().put("readingLevel", "EASY")));
    // From here on the calls change the circle itself; each puts back what it took.
    p.put(
        "confirmMentor",
        new Probe() {
          @Override
          public HttpResponse<Buffer> call(Fixture f, Actor actor, String youthId) {
            String nomination =
                f.shared.computeIfAbsent(
                    "to confirm", k -> acceptedNomination(f, freshAdult(), true));
            HttpResponse<Buffer> answer =
                send(
                    f,
                    actor,
                    HttpMethod.POST,
                    y(youthId, "/mentor/nominations/" + nomination + "/confirm"),
                    null);
            if (answer.statusCode() / 100 == 2) {
              f.shared.remove("to confirm");
            }
            return answer;
          }

          @Override
          public void after(Fixture f) {
            aWeekLater();
            ensureJim(f);
          }
        });
    p.put("endMentor", restoringJim(HttpMethod.DELETE, "/mentor"));
    p.put("stepDownAsMentor", restoringJim(HttpMethod.POST, "/mentor/step-down"));
    p.put(
        "nameSteadyContact",
        (f, actor, youthId) ->
            send(
                f,
                actor,
                HttpMethod.POST,
                y(youthId, "/steady-contact"),
                new JsonObject().put("personId", f.id(Actor.FOSTER_PARENT))));
    p.put(
        "confirmCircleAsAdult",
        (f, actor, youthId) ->
            send(
                f,
                actor,
                HttpMethod.POST,
                y(youthId, "/circle/confirmation"),
                new JsonObject().put("keep", activeRelationIds(f))));
    p.put(
        "confirmSteadyContact",
        (f, actor, youthId) -> {
          // The young person names this caller first, where the caller can be named at all.
          send(
              f,
              Actor.SELF,
              HttpMethod.POST,
              y(f.youthId, "/steady-contact"),
              new JsonObject().put("personId", f.id(actor)));
          return send(f, actor, HttpMethod.POST, y(youthId, "/steady-contact/confirm"), null);
        });
    return p;
  }

  private static JsonObject planDomain() {
    return new JsonObject()
        .put("situation", "Pleeggezin")
        .put("visibleTo", new JsonArray().add("CASE_COORDINATOR"));
  }

  /** Answers the caller's first open request (or one that is not theirs, when they have none). */
  private HttpResponse<Buffer> submitFeedback(Fixture f, Actor actor, String youthId) {
    HttpResponse<Buffer> open =
        send(f, actor, HttpMethod.GET, y(f.youthId, "/feedback/requests"), null);
    JsonObject body =
        open.statusCode() == 200 && !open.bodyAsJsonObject().getJsonArray("items").isEmpty()
            ? answersTo(open.bodyAsJsonObject().getJsonArray("items").getJsonObject(0))
            : new JsonObject()
                .put("feedbackRequestId", UUID.randomUUID().toString())
                .put("answers", new JsonArray());
    return send(
        f,
        actor,
        HttpMethod.POST,
        y(youthId, "/feedback"),
        body.put("sharing", "SHARE_WITH_PROFESSIONAL"));
  }

  /** Nominations are limited per week: a week passes before the JIM is made again. */
  private void aWeekLater() {
    clock.advance(Duration.ofDays(8));
    tokens.clear();
  }

  /** Ends the JIM when allowed; the JIM is made again before the next call and afterwards. */
  private Probe restoringJim(HttpMethod method, String rest) {
    return new Probe() {
      @Override
      public HttpResponse<Buffer> call(Fixture f, Actor actor, String youthId) {
        ensureJim(f);
        return send(f, actor, method, y(youthId, rest), null);
      }

      @Override
      public void after(Fixture f) {
        aWeekLater();
        ensureJim(f);
      }
    };
  }

  /** Every operation on a region's data. */
  private Map<String, RegionProbe> regionProbes() {
    Map<String, RegionProbe> p = new LinkedHashMap<>();
    p.put(
        "getIndicators",
        (f, actor, region) ->
            send(f, actor, HttpMethod.GET, "/v1/regions/" + region + "/indicators", null));
    p.put(
        "getIndicatorsCsv",
        (f, actor, region) ->
            send(f, actor, HttpMethod.GET, "/v1/regions/" + region + "/indicators.csv", null));
    p.put(
        "getContinuity",
        (f, actor, region) ->
            send(f, actor, HttpMethod.GET, "/v1/regions/" + region + "/continuity", null));
    p.put(
        "registerProfessional",
        (f, actor, region) ->
            send(
                f,
                actor,
                HttpMethod.POST,
                "/v1/regions/" + region + "/professionals",
                new JsonObject().put("name", "Pieter Jansen")));
    p.put(
        "publishQuestionnaire",
        (f, actor, region) ->
            send(
                f,
                actor,
                HttpMethod.POST,
                "/v1/regions/" + region + "/questionnaires",
                new JsonObject()
                    .put("kind", "PULSE")
                    .put("audience", "YOUTH_16_PLUS")
                    .put(
                        "title",
                        new JsonObject().put("nl", "Hoe ging het?").put("en", "How did it go?"))
                    .put(
                        "items",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("id", "heard")
                                    .put("type", "SMILEY_5")
                                    .put(
                                        "text",
                                        new JsonObject().put("nl", "Gehoord?").put("en", "Heard?"))
                                    .put("required", true)))));
    p.put(
        "getSafetyContacts",
        (f, actor, region) ->
            send(f, actor, HttpMethod.GET, "/v1/regions/" + region + "/safety-contacts", null));
    p.put(
        "putSafetyContacts",
        (f, actor, region) ->
            sendAs(
                f.id(actor),
                HttpMethod.PUT,
                "/v1/regions/" + region + "/safety-contacts",
                new JsonObject()
                    .put(
                        "contacts",
                        new JsonArray()
                            .add(new JsonObject().put("personId", f.id(Actor.SAFETY_CONTACT)))),
                Map.of("If-Match", rosterTag(region))));
    p.put(
        "listOrganisations",
        (f, actor, region) ->
            send(f, actor, HttpMethod.GET, "/v1/regions/" + region + "/organisations", null));
    p.put(
        "createOrganisation",
        (f, actor, region) ->
            send(
                f,
                actor,
                HttpMethod.POST,
                "/v1/regions/" + region + "/organisations",
                new JsonObject()
                    .put("id", "org-" + UUID.randomUUID().toString().substring(0, 8))
                    .put("name", "Pleegzorg Noord")));
    p.put(
        "updateOrganisation",
        (f, actor, region) ->
            sendAs(
                f.id(actor),
                HttpMethod.PATCH,
                "/v1/regions/" + region + "/organisations/" + DemoRegion.ORGANISATION,
                new JsonObject().put("name", "Jeugdhulp West"),
                Map.of("If-Match", storedTag("organisations", region, "version"))));
    p.put(
        "getChecklistTemplate",
        (f, actor, region) ->
            send(f, actor, HttpMethod.GET, "/v1/regions/" + region + "/checklist-template", null));
    p.put(
        "putChecklistTemplate",
        (f, actor, region) ->
            sendAs(
                f.id(actor),
                HttpMethod.PUT,
                "/v1/regions/" + region + "/checklist-template",
                new JsonObject()
                    .put(
                        "items",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("id", "digid")
                                    .put(
                                        "title",
                                        new JsonObject()
                                            .put("nl", "DigiD aanvragen")
                                            .put("en", "Apply for DigiD"))
                                    .put("monthsFrom18", -3))),
                Map.of("If-Match", storedTag("checklistTemplates", region, "version"))));
    p.put(
        "getRegionHorizon",
        (f, actor, region) ->
            send(f, actor, HttpMethod.GET, "/v1/regions/" + region + "/horizon", null));
    p.put(
        "putRegionHorizon",
        (f, actor, region) ->
            sendAs(
                f.id(actor),
                HttpMethod.PUT,
                "/v1/regions/" + region + "/horizon",
                new JsonObject().put("horizonAge", 23),
                Map.of("If-Match", storedTag("regionTransition", region, "version"))));
    p.put(
        "listRegionSupportRequests",
        (f, actor, region) ->
            send(
                f,
                actor,
                HttpMethod.GET,
                "/v1/regions/" + region + "/support-requests?state=OPEN",
                null));
    p.put(
        "getRegionSupportRequest",
        (f, actor, region) ->
            send(
                f,
                actor,
                HttpMethod.GET,
                "/v1/regions/" + region + "/support-requests/" + regionSupportRequest(f),
                null));
    p.put(
        "reassignSupportRequest",
        (f, actor, region) -> {
          String support = fosterParentsRequest(f);
          String tag =
              send(
                      f,
                      Actor.REGION_ADMIN,
                      HttpMethod.GET,
                      "/v1/regions/" + REGION + "/support-requests/" + support,
                      null)
                  .getHeader("ETag");
          return sendAs(
              f.id(actor),
              HttpMethod.PUT,
              "/v1/regions/" + region + "/support-requests/" + support + "/holder",
              new JsonObject().put("personId", f.id(Actor.OTHER_PROFESSIONAL)),
              Map.of("If-Match", tag));
        });
    p.put(
        "listFeedbackTasks",
        (f, actor, region) ->
            send(
                f,
                actor,
                HttpMethod.GET,
                "/v1/regions/" + region + "/feedback-tasks?state=OPEN",
                null));
    p.put(
        "getFeedbackTask",
        (f, actor, region) ->
            send(
                f,
                actor,
                HttpMethod.GET,
                "/v1/regions/" + region + "/feedback-tasks/" + regionTask(f),
                null));
    p.put(
        "reassignFeedbackTask",
        (f, actor, region) -> {
          String task = regionTask(f);
          String tag =
              send(
                      f,
                      Actor.REGION_ADMIN,
                      HttpMethod.GET,
                      "/v1/regions/" + REGION + "/feedback-tasks/" + task,
                      null)
                  .getHeader("ETag");
          return sendAs(
              f.id(actor),
              HttpMethod.PUT,
              "/v1/regions/" + region + "/feedback-tasks/" + task + "/assignee",
              new JsonObject().put("personId", f.id(Actor.OTHER_PROFESSIONAL)),
              Map.of("If-Match", tag));
        });
    return p;
  }

  /** A reply task of the fixture's young person, for the region's task operations. */
  private static JsonObject supportRequest() {
    return new JsonObject()
        .put("topic", "BEHAVIOUR")
        .put("urgency", "NORMAL")
        .put("text", "Hij slaapt slecht sinds het bezoek.");
  }

  /** A support request the foster parent filed (it goes to the foster-care worker). */
  private String fosterParentsRequest(Fixture f) {
    HttpResponse<Buffer> made =
        send(
            f,
            Actor.FOSTER_PARENT,
            HttpMethod.POST,
            y(f.youthId, "/carer-support"),
            supportRequest());
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    return made.bodyAsJsonObject().getString("id");
  }

  /** A check-in of the young person's JIM. */
  private String jimCheckIn(Fixture f) {
    ensureJim(f);
    HttpResponse<Buffer> made =
        send(
            f,
            Actor.JIM,
            HttpMethod.POST,
            y(f.youthId, "/mentor/check-ins"),
            new JsonObject().put("score", 2).put("text", "Lastig"));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    return made.bodyAsJsonObject().getString("id");
  }

  private String regionSupportRequest(Fixture f) {
    return f.shared.computeIfAbsent("regionSupport", k -> fosterParentsRequest(f));
  }

  private String regionTask(Fixture f) {
    return f.shared.computeIfAbsent("regionTask", k -> sharedFeedback(f));
  }
}
