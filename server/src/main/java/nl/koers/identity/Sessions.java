package nl.koers.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;

/**
 * Sessions of Koers itself: a short-lived access token (signed here) and a rotating refresh token.
 * How someone proved who they are (Firebase, an activation code, dev mode) is decided before this.
 * A session is a refresh-token family; its access tokens work only while it stands ({@link
 * SessionChecks}).
 */
public final class Sessions {

  /** What a client gets from signing in or refreshing. */
  public record Session(
      String accessToken, String refreshToken, long expiresIn, String personId, String sessionId) {}

  private final Vertx vertx;
  private final AccessTokens accessTokens;
  private final RefreshTokens refreshTokens;
  private final SessionChecks checks;
  private final People people;

  public Sessions(
      Vertx vertx,
      AccessTokens accessTokens,
      RefreshTokens refreshTokens,
      SessionChecks checks,
      People people) {
    this.vertx = vertx;
    this.accessTokens = accessTokens;
    this.refreshTokens = refreshTokens;
    this.checks = checks;
    this.people = people;
  }

  /** A session without Firebase (dev mode). */
  public Future<Session> open(String personId) {
    return known(personId)
        .compose(v -> refreshTokens.start(personId))
        .compose(this::withAccessToken);
  }

  /** A session for a Firebase sign-in: it lasts only as long as Firebase stands behind it. */
  public Future<Session> open(String personId, FirebaseIdTokens.FirebaseIdentity signIn) {
    return known(personId)
        .compose(
            v ->
                refreshTokens.start(
                    personId,
                    Optional.of(new RefreshTokens.FirebaseSignIn(signIn.uid(), signIn.authTime()))))
        .compose(this::withAccessToken);
  }

  /**
   * A new session as another person, from the same sign-in as the caller's session (redeeming an
   * activation code): it keeps that session's Firebase sign-in, so a revocation ends it too.
   */
  public Future<Session> continueAs(String sessionId, String personId) {
    return known(personId)
        .compose(v -> refreshTokens.family(sessionId))
        .compose(
            family -> refreshTokens.start(personId, family.flatMap(RefreshTokens.Family::firebase)))
        .compose(this::withAccessToken);
  }

  /** A new pair for a refresh token, if its session still stands (Firebase asked when due). */
  public Future<Session> refresh(String refreshToken) {
    return refreshTokens
        .rotate(refreshToken)
        .compose(
            issued ->
                checks
                    .standsNow(issued.familyId())
                    .compose(
                        stands ->
                            stands
                                ? withAccessToken(issued)
                                : Future.failedFuture(
                                    Problem.of(
                                        CommonProblem.UNAUTHORIZED,
                                        "problem.unauthorized.refresh"))));
  }

  /** Ends the sign-in the token belongs to; answers which one it was, if it was known. */
  public Future<Optional<String>> logout(String refreshToken) {
    return refreshTokens.end(refreshToken);
  }

  /** Ends every session of a person, e.g. when their account now signs in as someone else. */
  public Future<Void> endAll(String personId) {
    return refreshTokens.endAllOf(personId);
  }

  /** Erasure: every session of the person ends and is forgotten, refresh tokens with it. */
  public Future<Void> forget(String personId) {
    return refreshTokens.forget(personId);
  }

  /**
   * No session opens for a person Koers does not know (any more): an erased person's document is
   * gone, so a sign-in as them (dev mode's, or an account that still points at them) is refused.
   */
  private Future<Void> known(String personId) {
    return people
        .find(personId)
        .compose(
            found ->
                found.isPresent()
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        Problem.of(CommonProblem.UNAUTHORIZED, "problem.unauthorized.erased")));
  }

  private Future<Session> withAccessToken(RefreshTokens.Issued refresh) {
    // RSA signing takes milliseconds of CPU: never on the event loop.
    return vertx
        .executeBlocking(() -> accessTokens.issue(refresh.personId(), refresh.familyId()), false)
        .map(
            access ->
                new Session(
                    access,
                    refresh.token(),
                    AccessTokens.LIFETIME.toSeconds(),
                    refresh.personId(),
                    refresh.familyId()));
  }
}
