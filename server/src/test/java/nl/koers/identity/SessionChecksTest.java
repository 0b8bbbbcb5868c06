package nl.koers.identity;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import nl.koers.testing.MongoTest;
import nl.koers.testing.MutableClock;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-request session check's costs and its Firebase re-check: at most one MongoDB read per
 * session per cache window however many requests, and Firebase asked once a minute per session
 * across instances.
 */
class SessionChecksTest extends MongoTest {

  private static final Instant SIGNED_IN_TO_FIREBASE = Instant.parse("2026-11-23T09:59:00Z");

  private MutableClock clock;
  private RefreshTokens families;
  private FakeFirebase firebase;

  /** Firebase as the check sees it: counts the questions, answers what the test says. */
  private static final class FakeFirebase implements FirebaseIdTokens {
    final AtomicInteger asked = new AtomicInteger();
    volatile Optional<Boolean> answer = Optional.of(true);

    @Override
    public Future<FirebaseIdentity> verify(String idToken) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Boolean> signInStands(String uid, Instant authTime) {
      asked.incrementAndGet();
      return answer
          .map(Future::succeededFuture)
          .orElseGet(() -> Future.failedFuture(new IllegalStateException("Firebase is down")));
    }
  }

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    families = new RefreshTokens(mongo, clock);
    firebase = new FakeFirebase();
    await(mongo.ensure(List.of(RefreshTokens.FAMILIES, RefreshTokens.TOKENS)));
  }

  private String devSession() {
    return await(families.start("person-1")).familyId();
  }

  private String firebaseSession() {
    return await(
            families.start(
                "person-1",
                Optional.of(new RefreshTokens.FirebaseSignIn("uid-1", SIGNED_IN_TO_FIREBASE))))
        .familyId();
  }

  /** A hundred requests at once, on an event loop as the router makes them. */
  private List<Boolean> hundredRequests(Vertx vertx, SessionChecks checks, String sessionId) {
    Promise<List<Boolean>> all = Promise.promise();
    vertx.runOnContext(
        v -> {
          List<Future<Boolean>> answers = new ArrayList<>();
          for (int i = 0; i < 100; i++) {
            answers.add(checks.stands(sessionId));
          }
          Future.all(answers)
              .map(done -> answers.stream().map(Future::result).toList())
              .onComplete(all);
        });
    return await(all.future());
  }

  @Test
  void aHundredRequestsOfOneSessionReadItOncePerCacheWindow(Vertx vertx) {
    SessionChecks checks = new SessionChecks(families, firebase, clock);
    String session = devSession();

    assertThat(hundredRequests(vertx, checks, session)).hasSize(100).containsOnly(true);
    assertThat(checks.reads()).isEqualTo(1);

    clock.advance(SessionChecks.CACHE_WINDOW.minusMillis(1));
    assertThat(hundredRequests(vertx, checks, session)).containsOnly(true);
    assertThat(checks.reads()).as("still inside the window").isEqualTo(1);

    clock.advance(Duration.ofMillis(1));
    assertThat(hundredRequests(vertx, checks, session)).containsOnly(true);
    assertThat(checks.reads()).as("a new window: one read again").isEqualTo(2);
    assertThat(firebase.asked).as("a dev session is never Firebase's business").hasValue(0);
  }

  @Test
  void anUnknownSessionStandsNowhere() {
    SessionChecks checks = new SessionChecks(families, firebase, clock);

    assertThat(await(checks.stands("no-such-session"))).isFalse();
  }

  @Test
  void aSessionEndedByAnotherInstanceFallsAtTheEndOfTheCacheWindow() {
    SessionChecks here = new SessionChecks(families, firebase, clock);
    RefreshTokens elsewhere = new RefreshTokens(mongo, clock);
    RefreshTokens.Issued issued = await(families.start("person-1"));
    assertThat(await(here.stands(issued.familyId()))).isTrue();

    await(elsewhere.end(issued.token()));

    clock.advance(SessionChecks.CACHE_WINDOW);
    assertThat(await(here.stands(issued.familyId()))).isFalse();
  }

  @Test
  void firebaseIsAskedOnceAMinutePerSessionAcrossInstances() {
    SessionChecks a = new SessionChecks(new RefreshTokens(mongo, clock), firebase, clock);
    SessionChecks b = new SessionChecks(new RefreshTokens(mongo, clock), firebase, clock);
    String session = firebaseSession();

    assertThat(await(a.stands(session))).isTrue();
    assertThat(firebase.asked).as("the sign-in itself asked Firebase").hasValue(0);

    clock.advance(SessionChecks.FIREBASE_RECHECK);
    assertThat(await(a.stands(session))).isTrue();
    assertThat(await(b.stands(session))).isTrue();
    assertThat(firebase.asked).as("one of the two claimed the check").hasValue(1);

    clock.advance(SessionChecks.CACHE_WINDOW);
    assertThat(await(a.stands(session))).isTrue();
    assertThat(await(b.stands(session))).isTrue();
    assertThat(firebase.asked).as("not due again for a minute").hasValue(1);
  }

  @Test
  void aRevokedFirebaseSignInEndsTheFamilyAsRevoked() {
    SessionChecks a = new SessionChecks(new RefreshTokens(mongo, clock), firebase, clock);
    SessionChecks b = new SessionChecks(new RefreshTokens(mongo, clock), firebase, clock);
    String session = firebaseSession();
    assertThat(await(b.stands(session))).isTrue();

    firebase.answer = Optional.of(false);
    clock.advance(SessionChecks.FIREBASE_RECHECK);

    assertThat(await(a.stands(session))).as("the request that asked").isFalse();
    clock.advance(SessionChecks.CACHE_WINDOW);
    assertThat(await(b.stands(session))).as("the other instance, a window later").isFalse();
    Document family =
        await(
            mongo.first(
                mongo
                    .collection(RefreshTokens.FAMILIES.name())
                    .find(new Document("_id", session))));
    assertThat(family.getString("endReason")).isEqualTo("revoked");
    assertThat(family.getDate("endedAt")).isNotNull();
  }

  @Test
  void anOutageOfFirebaseEndsNoSessionAndIsAskedAgainAMinuteLater() {
    SessionChecks checks = new SessionChecks(families, firebase, clock);
    String session = firebaseSession();
    firebase.answer = Optional.empty();

    clock.advance(SessionChecks.FIREBASE_RECHECK);
    assertThat(await(checks.stands(session))).isTrue();
    assertThat(firebase.asked).hasValue(1);

    firebase.answer = Optional.of(false);
    clock.advance(SessionChecks.CACHE_WINDOW);
    assertThat(await(checks.stands(session))).as("not due yet").isTrue();
    clock.advance(SessionChecks.FIREBASE_RECHECK);
    assertThat(await(checks.stands(session))).isFalse();
    assertThat(firebase.asked).hasValue(2);
  }
}
