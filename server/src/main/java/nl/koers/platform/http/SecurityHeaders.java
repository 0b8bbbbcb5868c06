package nl.koers.platform.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/** Headers that keep browsers from misreading or framing API answers. */
final class SecurityHeaders implements SecurityPolicyHandler {

  @Override
  public void handle(RoutingContext rc) {
    rc.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer");
    rc.next();
  }
}
