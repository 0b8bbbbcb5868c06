package nl.koers.testing;

import static nl.koers.testing.Http.await;

import com.mongodb.reactivestreams.client.MongoClients;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.koers.KoersApp;
import nl.koers.identity.AccessTokens;
import nl.koers.identity.RefreshTokens;
import nl.koers.identity.SigningKeys;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.metrics.Metrics;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.QueryIndexCheck;
import nl.koers.platform.mongo.QueryIndexCheck.Allowance;
import nl.koers.platform.mongo.QueryShapes;
import org.bson.Document;

/** The real server, started in this JVM on a random loopback port, for black-box HTTP tests. */
public final class RunningKoers implements AutoCloseable {

  private static final String RELINKED =
      "ending a relinked account's sessions: one person's few families (TTL removes expired ones)";

  /**
   * The queries that may run without an index, each with why. Every other query a server runs must
   * be served by an index its collection declares ({@link QueryIndexCheck}), or {@link #close()}
   * fails; on with {@value QueryShapes#ENABLED_PROPERTY} (set for the build's tests).
   */
  static final List<Allowance> ALLOWED_WITHOUT_INDEX =
      List.of(
          // Known debt: both relays poll every round with $exists: true on an index that is not
          // sparse, which a real MongoDB answers by reading every document. Making the indexes
          // sparse means dropping and re-creating them on existing databases (not done here).
          Allowance.everywhere(
              "find",
              "{outbox.id: $exists}",
              "outbox",
              "the notification relay's poll; the index is not sparse yet"),
          Allowance.everywhere(
              "find",
              "{consentOutbox.id: $exists}",
              "consentOutbox",
              "the consent relay's poll; the index is not sparse yet"),
          Allowance.narrowedBy(
              "feedback",
              "find",
              "{consentOutbox.id: $exists, youthId}",
              "open",
              "ConsentLog.relayFor: one young person's feedback, checked for pending lines"),
          Allowance.narrowedBy(
              "mentorNominations",
              "find",
              "{consentOutbox.id: $exists, youthId}",
              "byYouth",
              "ConsentLog.relayFor: one young person's nominations, checked for pending lines"),
          Allowance.narrowedBy(
              "feedback",
              "find",
              "{sharing, status, youthId}",
              "answered",
              "a coordinator's page of one young person's answers, in the index's answeredAt"
                  + " order; sharing is checked on those"),
          Allowance.narrowedBy(
              "notifications",
              "find",
              "{recipientId, state: $ne}",
              "inbox",
              "one person's inbox page, newest first in the index's order; the few WITHDRAWN"
                  + " ones are skipped"),
          Allowance.narrowedBy(
              "notifications",
              "findAndModify",
              "{leaseUntil: $lte, nextAttemptAt: $lte, state}",
              "due",
              "the push claim: pending pushes due now in nextAttemptAt order; leaseUntil only"
                  + " skips the few another instance is pushing"),
          Allowance.narrowedBy(
              "sessionFamilies", "find", "{endedAt, personId}", "byPerson", RELINKED),
          Allowance.narrowedBy(
              "sessionFamilies", "update", "{endedAt, personId}", "byPerson", RELINKED));

  /** Every query shape the servers of this test run saw, per collection (rewritten on close). */
  static final Path QUERY_SHAPES =
      Path.of(System.getProperty("basedir", "."), "target", "query-shapes.md");

  private static QueryShapes.Recorded shapesSeen = QueryShapes.Recorded.NONE;

  public final Vertx vertx;
  public final KoersApp app;
  public final WebClient client;

  private final Clock clock;
  private final KoersConfig config;
  private Mongo database;
  private AccessTokens tokens;

  private RunningKoers(Vertx vertx, KoersApp app, Clock clock, KoersConfig config) {
    this.vertx = vertx;
    this.app = app;
    this.clock = clock;
    this.config = config;
    this.client =
        ContractCheck.on(
            vertx,
            WebClient.create(
                vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.port())));
  }

  /** A GET on the management listener (metrics), which the public {@link #client} cannot reach. */
  public HttpResponse<Buffer> getFromManagement(String path) {
    return await(WebClient.create(vertx).get(app.managementPort(), "127.0.0.1", path).send());
  }

  /** Starts Koers with these settings on top of: loopback, random ports. */
  public static RunningKoers start(JsonObject settings, Clock clock) {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    Vertx vertx = Metrics.vertxReportingTo(registry);
    JsonObject config =
        new JsonObject()
            .put(KoersConfig.HTTP_HOST, "127.0.0.1")
            .put(KoersConfig.HTTP_PORT, 0)
            .put(KoersConfig.MANAGEMENT_PORT, 0);
    config.mergeIn(settings);
    KoersConfig koersConfig = KoersConfig.from(config);
    KoersApp app = await(KoersApp.start(vertx, koersConfig, clock, registry));
    return new RunningKoers(vertx, app, clock, koersConfig);
  }

  /** Settings for a fresh database on a test backend (with the test signing keys). */
  public static JsonObject on(MongoBackend backend, String database) {
    return new JsonObject()
        .put(KoersConfig.MONGODB_URI, backend.uri())
        .put(KoersConfig.MONGODB_DATABASE, database)
        .put(KoersConfig.JWT_KEYS_FILE, TestKeys.file().toString())
        .put(KoersConfig.DATA_KEY_FILE, TestKeys.dataKeyFile().toString());
  }

  /** Settings for dev mode (demo region seeded, {@code /v1/dev/session}) on a test backend. */
  public static JsonObject devMode(MongoBackend backend, String database) {
    return on(backend, database).put(KoersConfig.DEV_MODE, true);
  }

  /** Signs in as a demo person (dev mode); answers the session. */
  public JsonObject signInAs(String handle) {
    HttpResponse<Buffer> response =
        await(
            client.post("/v1/dev/session").sendJsonObject(new JsonObject().put("person", handle)));
    if (response.statusCode() != 200) {
      throw new AssertionError("dev session for " + handle + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /**
   * A session (access token only) as any person, signed with the test keys the server uses: for
   * people who are not demo people, without going through Firebase. Its session (a refresh-token
   * family, no refresh token) is written to the database as a sign-in would, since a token of an
   * unknown session is refused.
   */
  public JsonObject sessionFor(String personId) {
    String sessionId = "test-" + UUID.randomUUID();
    Mongo mongo = database();
    await(
        mongo.write(
            mongo
                .collection(RefreshTokens.FAMILIES.name())
                .insertOne(
                    new Document("_id", sessionId)
                        .append("personId", personId)
                        .append("createdAt", Date.from(clock.instant()))
                        .append(
                            "expiresAt",
                            Date.from(clock.instant().plus(RefreshTokens.FAMILY_LIFETIME))))));
    return new JsonObject()
        .put("accessToken", tokens().issue(personId, sessionId))
        .put("sessionId", sessionId);
  }

  /** The server's database, for what a test writes as the server would (made on first use). */
  private synchronized Mongo database() {
    if (database == null) {
      database =
          new Mongo(
              vertx,
              MongoClients.create(config.mongoUri().orElseThrow()),
              config.mongoDatabase(),
              Mongo.Durability.NONE);
    }
    return database;
  }

  /** Access tokens as the server signs them, with the test keys (made on first use). */
  private synchronized AccessTokens tokens() {
    if (tokens == null) {
      tokens =
          new AccessTokens(
              SigningKeys.load(TestKeys.file(), false, clock), clock, "koers", "koers-app");
    }
    return tokens;
  }

  /**
   * Runs one background round now (every job once, then relays and dispatch once more) and waits
   * until it is done: after it, whatever was due has been handled, so "nothing happened" is a fact
   * and not the luck of a slow round.
   */
  public void runBackgroundNow() {
    await(app.runBackgroundNow());
  }

  /** A GET as whoever holds this session ({@code null}: signed out). */
  public HttpResponse<Buffer> get(JsonObject session, String path) {
    return get(session, path, Map.of());
  }

  /** A GET as whoever holds this session, with these headers. */
  public HttpResponse<Buffer> get(JsonObject session, String path, Map<String, String> headers) {
    return await(as(session, client.get(path), headers).send());
  }

  /** A POST as whoever holds this session, with a fresh Idempotency-Key. */
  public HttpResponse<Buffer> post(JsonObject session, String path, JsonObject body) {
    return post(session, path, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  /**
   * A POST as whoever holds this session, with exactly these headers (an Idempotency-Key only if
   * they hold one).
   */
  public HttpResponse<Buffer> post(
      JsonObject session, String path, JsonObject body, Map<String, String> headers) {
    return send(session, client.post(path), body, headers);
  }

  /** A PUT as whoever holds this session. */
  public HttpResponse<Buffer> put(JsonObject session, String path, JsonObject body) {
    return put(session, path, body, Map.of());
  }

  /** A PUT as whoever holds this session, with these headers (If-Match, Accept-Language ...). */
  public HttpResponse<Buffer> put(
      JsonObject session, String path, JsonObject body, Map<String, String> headers) {
    return send(session, client.put(path), body, headers);
  }

  /**
   * A PUT based on what {@code readPath} shows this session now, as an app does it: the read's
   * {@code ETag} goes along as {@code If-Match} (none when the read gave none).
   */
  public HttpResponse<Buffer> putAsRead(
      JsonObject session, String readPath, String path, JsonObject body) {
    String etag = get(session, readPath).getHeader("ETag");
    return put(session, path, body, etag == null ? Map.of() : Map.of("If-Match", etag));
  }

  /** A PATCH as whoever holds this session. */
  public HttpResponse<Buffer> patch(JsonObject session, String path, JsonObject body) {
    return patch(session, path, body, Map.of());
  }

  /** A PATCH as whoever holds this session, with these headers. */
  public HttpResponse<Buffer> patch(
      JsonObject session, String path, JsonObject body, Map<String, String> headers) {
    return send(session, client.patch(path), body, headers);
  }

  /** A DELETE as whoever holds this session. */
  public HttpResponse<Buffer> delete(JsonObject session, String path) {
    return await(as(session, client.delete(path), Map.of()).send());
  }

  private HttpResponse<Buffer> send(
      JsonObject session,
      HttpRequest<Buffer> request,
      JsonObject body,
      Map<String, String> headers) {
    return await(
        as(session, request, headers).sendJsonObject(body == null ? new JsonObject() : body));
  }

  private static HttpRequest<Buffer> as(
      JsonObject session, HttpRequest<Buffer> request, Map<String, String> headers) {
    if (session != null) {
      request.bearerTokenAuthentication(session.getString("accessToken"));
    }
    headers.forEach(request::putHeader);
    return request;
  }

  /** The id of a demo person, as their own session names it. */
  public String idOf(String handle) {
    return signInAs(handle).getJsonObject("person").getString("id");
  }

  /** Stops the server; fails if a query it ran is served by no declared index. */
  @Override
  public void close() {
    synchronized (this) {
      if (database != null) {
        database.close();
      }
    }
    await(app.stop());
    await(vertx.close());
    QueryShapes.recording().ifPresent(shapes -> checkQueries(shapes.take(config.mongoDatabase())));
  }

  private static synchronized void checkQueries(QueryShapes.Recorded recorded) {
    shapesSeen = shapesSeen.plus(recorded);
    try {
      Files.createDirectories(QUERY_SHAPES.getParent());
      Files.writeString(QUERY_SHAPES, QueryIndexCheck.markdown(shapesSeen, ALLOWED_WITHOUT_INDEX));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<QueryIndexCheck.Verdict> violations =
        QueryIndexCheck.violations(recorded, ALLOWED_WITHOUT_INDEX);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          violations.stream()
              .map(
                  v ->
                      v.shape().collection()
                          + ": "
                          + v.shape().describe()
                          + " ("
                          + v.reason()
                          + ")")
              .collect(
                  Collectors.joining(
                      "\n  ",
                      "queries without a declared index (declare one in the collection's"
                          + " CollectionSpec; see "
                          + QUERY_SHAPES
                          + "):\n  ",
                      "")));
    }
  }
}
