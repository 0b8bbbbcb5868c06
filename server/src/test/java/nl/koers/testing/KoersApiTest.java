package nl.koers.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of black-box API tests: the real server on a loopback port, on each MongoDB backend, with a
 * clock the test moves. Dev mode unless {@link #settings()} says otherwise; {@link #fakeFcm()}
 * gives a stand-in FCM to push to.
 */
public abstract class KoersApiTest extends MongoTest {

  protected MutableClock clock;
  protected RunningKoers koers;
  protected FakeFcm fcm;

  /** When the test's day starts: 11:00 in Amsterdam, outside quiet hours. */
  protected Instant startsAt() {
    return Instant.parse("2026-11-23T10:00:00Z");
  }

  protected JsonObject settings() {
    return RunningKoers.devMode(backend, database);
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
    clock = new MutableClock(startsAt());
    koers = RunningKoers.start(settings(), clock);
  }

  /** Starts again with other settings (the database stays). */
  protected void restartWith(JsonObject settings) {
    koers.close();
    koers = RunningKoers.start(settings, clock);
  }

  @AfterEach
  void stopKoers() {
    if (koers != null) {
      koers.close();
    }
    if (fcm != null) {
      fcm.close();
    }
  }
}
