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
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import nl.koers.KoersApp;
import nl.koers.identity.AccessTokens;
import nl.koers.identity.RefreshTokens;
import nl.koers.identity.SigningKeys;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.metrics.Metrics;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/** The real server, started in this JVM on a random loopback port, for black-box HTTP tests. */
public final class RunningKoers implements AutoCloseable {

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
        WebClient.create(
            vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.port()));
  }

  /** Starts Koers with these settings on top of: loopback, a random port. */
  public static RunningKoers start(JsonObject settings, Clock clock) {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    Vertx vertx = Metrics.vertxReportingTo(registry);
    JsonObject config =
        new JsonObject().put(KoersConfig.HTTP_HOST, "127.0.0.1").put(KoersConfig.HTTP_PORT, 0);
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

  @Override
  public void close() {
    synchronized (this) {
      if (database != null) {
        database.close();
      }
    }
    await(app.stop());
    await(vertx.close());
  }
}
