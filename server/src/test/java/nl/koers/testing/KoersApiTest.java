package nl.koers.testing;

import static nl.koers.testing.Http.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import nl.koers.platform.mongo.Mongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of black-box API tests: the real server on a loopback port, on each MongoDB backend, with a
 * clock the test moves. Dev mode unless {@link #settings()} says otherwise; {@link #fakeFcm()}
 * gives a stand-in FCM to push to.
 *
 * <p>The tests of a class share one server (per backend), started by the first of them. Before each
 * test it is made as good as new: one background round finishes what the last test left due, the
 * database gets back exactly the documents it had once the server had started and run its first
 * round, the clock is back at {@link #startsAt()}, the stand-in FCM forgets, and the rate limits
 * count afresh. A class whose tests look at what a server keeps only in memory (the dev outbox, the
 * dev clock) overrides {@link #serverPerTest()}.
 */
public abstract class KoersApiTest extends MongoTest {

  protected MutableClock clock;
  protected RunningKoers koers;
  protected FakeFcm fcm;

  /** The server of the class running now (or of the test running now, if it has its own). */
  private static Server current;

  private Server server;

  /** When the test's day starts: 11:00 in Amsterdam, outside quiet hours. */
  protected Instant startsAt() {
    return Instant.parse("2026-11-23T10:00:00Z");
  }

  protected JsonObject settings() {
    return RunningKoers.devMode(backend, database);
  }

  /**
   * Whether each test gets a server and a database of its own (a start per test): for tests of what
   * a server holds only in memory.
   */
  protected boolean serverPerTest() {
    return false;
  }

  @Override
  protected final boolean databasePerTest() {
    return false;
  }

  /** A stand-in FCM for this test (made on first use). */
  protected URI fakeFcm() {
    if (fcm == null) {
      fcm = new FakeFcm();
    }
    return fcm.uri();
  }

  @BeforeEach
  void startKoers() {
    if (current != null && current.sharedBy(getClass(), backend) && !serverPerTest()) {
      take(current);
      try {
        asGoodAsNew();
      } catch (RuntimeException | Error e) {
        stopCurrent(); // the next test starts on a new server, whatever went wrong here
        throw e;
      }
      return;
    }
    stopCurrent();
    current = boot();
    take(current);
    if (!serverPerTest()) {
      koers.runBackgroundNow();
      current.share(getClass(), backend);
      if (fcm != null) {
        fcm.reset();
      }
    }
  }

  /** Starts again with other settings (the database stays); this test's server from now on. */
  protected void restartWith(JsonObject settings) {
    server.restarted = true;
    server.koers = null;
    koers.close();
    koers = RunningKoers.start(settings, clock);
    server.koers = koers;
  }

  @AfterEach
  void stopKoers() {
    if (server != null && (server.restarted || !server.isShared())) {
      stopCurrent();
    }
  }

  @AfterAll
  static void stopSharedKoers() {
    stopCurrent();
  }

  private static void stopCurrent() {
    if (current != null) {
      Server stopping = current;
      current = null;
      stopping.close();
    }
  }

  private Server boot() {
    Server booted = new Server();
    try {
      booted.database = MongoBackend.freshDatabase();
      database = booted.database;
      booted.clock = new MutableClock(startsAt());
      clock = booted.clock;
      fcm = null;
      booted.vertx = Vertx.vertx();
      booted.client = MongoClients.create(backend.uri());
      booted.mongo = new Mongo(booted.vertx, booted.client, database, Mongo.Durability.NONE);
      JsonObject settings = settings();
      booted.fcm = fcm;
      booted.koers = RunningKoers.start(settings, booted.clock);
      return booted;
    } catch (RuntimeException | Error e) {
      booted.fcm = fcm;
      booted.close();
      throw e;
    }
  }

  /**
   * The young person's circle version as stored, as the {@code If-Match} of a change of scopes: for
   * tests of who may change what, whose callers cannot all read the circle.
   */
  protected String circleTag(String youthId) {
    return storedTag("youth", youthId, "circleVersion");
  }

  /** A region's safety roster version as stored, as the {@code If-Match} of a replace. */
  protected String rosterTag(String regionId) {
    return storedTag("safetyContacts", regionId, "version");
  }

  /** A document's version as stored, as the {@code If-Match} of a write based on it. */
  protected String storedTag(String collection, String id, String field) {
    org.bson.Document stored =
        await(
            mongo.first(
                mongo.collection(collection).find(new org.bson.Document("_id", id)).limit(1)));
    Object version = stored == null ? null : stored.get(field);
    return "\"" + (version instanceof Number n ? n.longValue() : 0L) + "\"";
  }

  private void take(Server from) {
    server = from;
    database = from.database;
    mongo = from.mongo;
    clock = from.clock;
    fcm = from.fcm;
    koers = from.koers;
  }

  /** Before a test on the shared server: as if it had just started. */
  private void asGoodAsNew() {
    if (fcm != null) {
      fcm.reset(); // held pushes answered, so the round below does not wait for them
    }
    // Whatever the last test left due is handled now, on its own data, not during the next test.
    koers.runBackgroundNow();
    forgetRateLimits();
    clock.set(startsAt());
    server.seeded.restore();
    koers.app.forgetCachedReads();
    if (fcm != null) {
      fcm.reset();
    }
  }

  /**
   * The server counts requests per minute in memory, and the clock of every test starts in the same
   * minute: one request through each limiter in another minute makes them count afresh.
   */
  private void forgetRateLimits() {
    clock.set(startsAt().minus(Duration.ofMinutes(1)));
    // Signed out, limited per address (refused: no such refresh token).
    koers.post(null, "/v1/auth/refresh", new JsonObject().put("refreshToken", "none"), Map.of());
    // Signed in, limited per person (whether or not the person exists).
    koers.get(koers.sessionFor(UUID.randomUUID().toString()), "/v1/me");
  }

  /** A running server and what its tests use with it. */
  private static final class Server {
    String database;
    MutableClock clock;
    FakeFcm fcm;
    Vertx vertx;
    MongoClient client;
    Mongo mongo;
    RunningKoers koers;
    boolean restarted;

    /** For a shared server: whose it is, and the documents each test starts from. */
    Class<?> testClass;

    MongoBackend backend;
    DatabaseSnapshot seeded;

    void share(Class<?> testClass, MongoBackend backend) {
      this.testClass = testClass;
      this.backend = backend;
      this.seeded = DatabaseSnapshot.of(client, database);
    }

    boolean isShared() {
      return seeded != null;
    }

    boolean sharedBy(Class<?> testClass, MongoBackend backend) {
      return isShared() && !restarted && this.testClass == testClass && this.backend == backend;
    }

    void close() {
      try {
        if (koers != null) {
          koers.close();
        }
      } finally {
        if (fcm != null) {
          fcm.close();
        }
        if (mongo != null) {
          mongo.close(); // and its client
        } else if (client != null) {
          client.close();
        }
        if (vertx != null) {
          await(vertx.close());
        }
      }
    }
  }
}
