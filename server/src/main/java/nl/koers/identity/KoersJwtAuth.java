package nl.koers.identity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

/**
 * Plugs {@link AccessTokens} into Vert.x's {@code JWTAuthHandler}, so the contract's per-operation
 * {@code security} is enforced by the router (401 with {@code WWW-Authenticate} before the body is
 * validated). A token is accepted when it is genuine (cached until it expires) AND its session
 * still stands ({@link SessionChecks}, asked on every request: at most {@link
 * SessionChecks#CACHE_WINDOW} old). Tokens are only issued through {@link AccessTokens#issue},
 * never here.
 */
public final class KoersJwtAuth implements JWTAuth {

  public static final String PERSON_ID = "sub";
  public static final String SESSION_ID = "sid";

  private final AccessTokens tokens;
  private final SessionChecks sessions;

  public KoersJwtAuth(AccessTokens tokens, SessionChecks sessions) {
    this.tokens = tokens;
    this.sessions = sessions;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof TokenCredentials token) || token.getToken() == null) {
      return Future.failedFuture("a bearer token is required");
    }
    // The verified-token cache never answers alone: the session is asked on every request.
    return tokens
        .verify(token.getToken())
        .map(
            v ->
                sessions
                    .stands(v.sessionId())
                    .compose(
                        stands ->
                            stands
                                ? Future.succeededFuture(
                                    User.create(
                                        new JsonObject()
                                            .put(PERSON_ID, v.personId())
                                            .put(SESSION_ID, v.sessionId())))
                                : Future.<User>failedFuture("session ended")))
        .orElseGet(() -> Future.failedFuture("invalid token"));
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    throw new UnsupportedOperationException("tokens are issued by AccessTokens");
  }

  @Override
  public String generateToken(JsonObject claims) {
    throw new UnsupportedOperationException("tokens are issued by AccessTokens");
  }
}
