package nl.koers.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Sessions of Koers itself: a short-lived access token (signed here) and a rotating refresh token.
 * How someone proved who they are (Firebase, an activation code, dev mode) is decided before this.
 */
public final class Sessions {

  /** What a client gets from signing in or refreshing. */
  public record Session(
      String accessToken, String refreshToken, long expiresIn, String personId, String sessionId) {}

  private final Vertx vertx;
  private final AccessTokens accessTokens;
  private final RefreshTokens refreshTokens;

  public Sessions(Vertx vertx, AccessTokens accessTokens, RefreshTokens refreshTokens) {
    this.vertx = vertx;
    this.accessTokens = accessTokens;
    this.refreshTokens = refreshTokens;
  }

  public Future<Session> open(String personId) {
    return refreshTokens.start(personId).compose(this::withAccessToken);
  }

  public Future<Session> refresh(String refreshToken) {
    return refreshTokens.rotate(refreshToken).compose(this::withAccessToken);
  }

  /** Ends the sign-in the token belongs to; answers which one it was, if it was known. */
  public Future<Optional<String>> logout(String refreshToken) {
    return refreshTokens.end(refreshToken);
  }

  /** Ends every session of a person, e.g. when their account now signs in as someone else. */
  public Future<Void> endAll(String personId) {
    return refreshTokens.endAllOf(personId);
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
