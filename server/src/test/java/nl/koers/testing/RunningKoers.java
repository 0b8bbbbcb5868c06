package nl.koers.testing;

import static nl.koers.testing.Http.await;

import com.mongodb.reactivestreams.client.MongoClients;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.Date;
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
    Mongo mongo =
        new Mongo(
            vertx,
            MongoClients.create(config.mongoUri().orElseThrow()),
            config.mongoDatabase(),
            Mongo.Durability.NONE);
    try {
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
    } finally {
      mongo.close();
    }
    AccessTokens tokens =
        new AccessTokens(
            SigningKeys.load(TestKeys.file(), false, clock), clock, "koers", "koers-app");
    return new JsonObject()
        .put("accessToken", tokens.issue(personId, sessionId))
        .put("sessionId", sessionId);
  }

  /** A GET as whoever holds this session. */
  public HttpResponse<Buffer> get(JsonObject session, String path) {
    return await(
        client.get(path).bearerTokenAuthentication(session.getString("accessToken")).send());
  }

  /** A POST as whoever holds this session, with a fresh Idempotency-Key. */
  public HttpResponse<Buffer> post(JsonObject session, String path, JsonObject body) {
    return await(
        client
            .post(path)
            .bearerTokenAuthentication(session.getString("accessToken"))
            .putHeader("Idempotency-Key", java.util.UUID.randomUUID().toString())
            .sendJsonObject(body == null ? new JsonObject() : body));
  }

  /** The id of a demo person, as their own session names it. */
  public String idOf(String handle) {
    return signInAs(handle).getJsonObject("person").getString("id");
  }

  @Override
  public void close() {
    await(app.stop());
    await(vertx.close());
  }
}
