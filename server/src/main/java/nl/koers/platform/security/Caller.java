package nl.koers.platform.security;

/**
 * Who is asking: the person the access token names, the sign-in it belongs to, the request's id
 * (for the access log) and what the request has been allowed so far ({@link Authorizations}, one
 * record per request however often this is asked). The HTTP edge makes one from a verified token
 * ({@code platform.http.Callers}); background work makes its own.
 */
public record Caller(
    String personId, String sessionId, String requestId, Authorizations authorizations) {

  /** A caller outside an HTTP request (background work): what it is allowed is not replayed. */
  public Caller(String personId, String sessionId, String requestId) {
    this(personId, sessionId, requestId, Authorizations.detached(false));
  }
}
