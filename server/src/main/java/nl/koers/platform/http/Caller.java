package nl.koers.platform.http;

import io.vertx.ext.web.RoutingContext;

/**
 * Who is asking: the person the access token names, the sign-in it belongs to, and the request's id
 * (for the access log). Only for operations the contract secures; the router has verified the token
 * before.
 */
public record Caller(String personId, String sessionId, String requestId) {

  public static Caller of(RoutingContext rc) {
    if (rc.user() == null || rc.user().principal().getString("sub") == null) {
      throw Problem.of(ProblemKind.UNAUTHORIZED);
    }
    return new Caller(
        rc.user().principal().getString("sub"),
        rc.user().principal().getString("sid"),
        RequestLog.requestId(rc));
  }
}
