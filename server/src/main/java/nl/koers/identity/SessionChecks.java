package nl.koers.identity;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the session (refresh-token family) an access token names still stands, asked on every
 * request. A session that was logged out, ended by refresh-token reuse, revoked in Firebase, or is
 * unknown does not: its access tokens answer 401.
 *
 * <p>What holds, exactly:
 *
 * <ul>
 *   <li>On the instance that ended a session, its tokens are refused from the next request on.
 *   <li>Every other instance reads the session from MongoDB at most once per {@link #CACHE_WINDOW}
 *       per session (concurrent requests share one read), so it refuses the tokens at most that
 *       long after the end was written. An ended session stays ended; that answer is kept longer.
 *   <li>A session from a Firebase sign-in is checked against Firebase (the user's {@code
 *       tokensValidAfterTimestamp}, deleted and disabled users) at most once per {@link
 *       #FIREBASE_RECHECK} across all instances (a claim in the family document), by the request
 *       that finds it due, which waits for the answer. A revoked sign-in ends the family ({@code
 *       endReason: revoked}), so its tokens answer 401 at most {@link #FIREBASE_RECHECK} plus
 *       {@link #CACHE_WINDOW} after the revocation. When Firebase cannot be asked, the session is
 *       not ended by the outage: the next check is due a minute later. Dev-mode sessions have no
 *       Firebase sign-in and skip this.
 * </ul>
 */
public final class SessionChecks {

  /** How long one instance may answer from what it read about a session. */
  public static final Duration CACHE_WINDOW = Duration.ofSeconds(5);

  /** How often Firebase is asked whether a session's sign-in still stands. */
  public static final Duration FIREBASE_RECHECK = Duration.ofMinutes(1);

  /** An ended session cannot come back; tokens of it verify for at most this long anyway. */
  private static final Duration ENDED_KEPT =
      AccessTokens.LIFETIME.plusSeconds(AccessTokens.SKEW_SECONDS);

  private static final int CACHE_LIMIT = 50_000;
  private static final Logger LOG = LoggerFactory.getLogger(SessionChecks.class);

  /** What this instance knows about a session, until when. */
  private record Known(boolean stands, boolean ended, Instant until) {}

  private final RefreshTokens families;
  private final FirebaseIdTokens firebase;
  private final Clock clock;
  private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Future<Known>> reading = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();

  public SessionChecks(RefreshTokens families, FirebaseIdTokens firebase, Clock clock) {
    this.families = families;
    this.firebase = firebase;
    this.clock = clock;
    families.onEnded(this::ended);
  }

  /** Whether the session still stands: from what this instance knows, or one read of MongoDB. */
  public Future<Boolean> stands(String sessionId) {
    Instant now = clock.instant();
    Known cached = known.get(sessionId);
    if (cached != null && now.isBefore(cached.until())) {
      return Future.succeededFuture(cached.stands());
    }
    return shared(sessionId).map(Known::stands);
  }

  /** Reads the session afresh, whatever this instance knew (a refresh is worth one read). */
  public Future<Boolean> standsNow(String sessionId) {
    known.remove(sessionId);
    return shared(sessionId).map(Known::stands);
  }

  /** This instance ended the session: its tokens are refused from now on. */
  void ended(String sessionId) {
    known.put(sessionId, new Known(false, true, clock.instant().plus(ENDED_KEPT)));
  }

  /** One read per session at a time; every waiter continues on its own Vert.x context. */
  private Future<Known> shared(String sessionId) {
    Promise<Known> mine = Promise.promise();
    Future<Known> running = reading.putIfAbsent(sessionId, mine.future());
    if (running == null) {
      // The read completes on this caller's context (Mongo and Firebase futures return to it).
      read(sessionId)
          .onComplete(
              result -> {
                Known effective = result.succeeded() ? remember(sessionId, result.result()) : null;
                reading.remove(sessionId, mine.future());
                if (effective != null) {
                  mine.complete(effective);
                } else {
                  mine.fail(result.cause());
                }
              });
      return mine.future();
    }
    Context context = Vertx.currentContext();
    if (context == null) {
      return running;
    }
    Promise<Known> here = Promise.promise();
    running.onComplete(result -> context.runOnContext(v -> here.handle(result)));
    return here.future();
  }

  /** Keeps what was read, unless this instance learnt meanwhile that the session ended. */
  private Known remember(String sessionId, Known read) {
    if (known.size() >= CACHE_LIMIT) {
      Instant now = clock.instant();
      known.values().removeIf(k -> !now.isBefore(k.until()));
      if (known.size() >= CACHE_LIMIT) {
        known.clear();
      }
    }
    return known.merge(sessionId, read, (before, after) -> before.ended() ? before : after);
  }

  /** How many times this instance read a session from MongoDB (for tests of the hot path). */
  long reads() {
    return reads.get();
  }

  private Future<Known> read(String sessionId) {
    reads.incrementAndGet();
    Instant now = clock.instant();
    return families
        .family(sessionId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                // Unknown: not cached as final, a session is written before its first token.
                return Future.succeededFuture(new Known(false, false, now.plus(CACHE_WINDOW)));
              }
              RefreshTokens.Family family = found.get();
              if (!family.standsAt(now)) {
                return Future.succeededFuture(new Known(false, true, now.plus(ENDED_KEPT)));
              }
              return firebaseStands(family, now)
                  .map(
                      stands ->
                          stands
                              ? new Known(true, false, now.plus(CACHE_WINDOW))
                              : new Known(false, true, now.plus(ENDED_KEPT)));
            });
  }

  /** Asks Firebase once a minute per session (one instance does); ends a revoked sign-in. */
  private Future<Boolean> firebaseStands(RefreshTokens.Family family, Instant now) {
    if (family.firebase().isEmpty() || family.firebaseCheckedAt().isEmpty()) {
      return Future.succeededFuture(true);
    }
    Instant lastChecked = family.firebaseCheckedAt().get();
    if (now.isBefore(lastChecked.plus(FIREBASE_RECHECK))) {
      return Future.succeededFuture(true);
    }
    RefreshTokens.FirebaseSignIn signIn = family.firebase().get();
    return families
        .claimFirebaseCheck(family.id(), lastChecked)
        .compose(
            claimed -> {
              if (!claimed) {
                // Another request or instance is asking Firebase right now, or just did.
                return Future.succeededFuture(true);
              }
              return firebase
                  .signInStands(signIn.uid(), signIn.authTime())
                  .compose(
                      stands ->
                          stands
                              ? Future.succeededFuture(true)
                              : families.endRevoked(family.id()).map(false))
                  .recover(
                      failure -> {
                        LOG.atWarn()
                            .setCause(failure)
                            .log("Firebase could not be asked whether a sign-in stands");
                        return Future.succeededFuture(true);
                      });
            });
  }
}
