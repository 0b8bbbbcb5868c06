package nl.koers.platform.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * Headers that keep browsers from misreading or framing API answers, and keep every answer of the
 * product API (personal data, tokens) out of every cache.
 */
final class SecurityHeaders implements SecurityPolicyHandler {

  @Override
  public void handle(RoutingContext rc) {
    rc.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer");
    if (rc.request().path().startsWith("/v1/")) {
      rc.response().putHeader("Cache-Control", "no-store");
    }
    rc.next();
  }
}
