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
 * validated). Tokens are only issued through {@link AccessTokens#issue}, never here.
 */
public final class KoersJwtAuth implements JWTAuth {

  public static final String PERSON_ID = "sub";
  public static final String SESSION_ID = "sid";

  private final AccessTokens tokens;

  public KoersJwtAuth(AccessTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof TokenCredentials token) || token.getToken() == null) {
      return Future.failedFuture("a bearer token is required");
    }
    return tokens
        .verify(token.getToken())
        .map(
            v ->
                Future.succeededFuture(
                    User.create(
                        new JsonObject()
                            .put(PERSON_ID, v.personId())
                            .put(SESSION_ID, v.sessionId()))))
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
