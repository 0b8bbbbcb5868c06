package nl.koers.platform.http;

import io.vertx.ext.web.RoutingContext;

/**
 * Who is asking: the person the access token names, the sign-in it belongs to, the request's id
 * (for the access log) and what the request has been allowed so far ({@link Authorizations}, one
 * record per request however often this is asked). Only for operations the contract secures; the
 * router has verified the token before.
 */
public record Caller(
    String personId, String sessionId, String requestId, Authorizations authorizations) {

  /** A caller outside an HTTP request (background work): what it is allowed is not replayed. */
  public Caller(String personId, String sessionId, String requestId) {
    this(personId, sessionId, requestId, Authorizations.detached(false));
  }

  public static Caller of(RoutingContext rc) {
    if (rc.user() == null || rc.user().principal().getString("sub") == null) {
      throw Problem.of(ProblemKind.UNAUTHORIZED);
    }
    return new Caller(
        rc.user().principal().getString("sub"),
        rc.user().principal().getString("sid"),
        RequestLog.requestId(rc),
        Authorizations.of(rc));
  }
}
