package nl.koers.identity;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import nl.koers.platform.module.Operations;

/** Publishes the public keys of the access tokens. */
public final class KeysRoutes {

  private final SigningKeys keys;
  private final Clock clock;

  public KeysRoutes(SigningKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  public void jwks(RoutingContext rc) {
    JsonObject jwks = keys.jwks(clock.instant(), AccessTokens.LIFETIME);
    // Short enough that a rotated key is picked up well within a token's lifetime.
    rc.response()
        .putHeader("Cache-Control", "public, max-age=" + Duration.ofMinutes(5).toSeconds())
        .putHeader("Content-Type", "application/json")
        .end(jwks.encode());
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of().on("getJwks", this::jwks);
  }
}
