package nl.koers.platform.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Authorizations;
import nl.koers.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of "who is asking": the {@link Caller} a verified access token names, and the one
 * {@link Authorizations} record of a request (however often it is asked for). Only for operations
 * the contract secures; the router has verified the token before.
 */
public final class Callers {

  private static final String KEY = "koers.authorizations";
  private static final Logger LOG = LoggerFactory.getLogger(Callers.class);

  private Callers() {}

  public static Caller of(RoutingContext rc) {
    if (rc.user() == null || rc.user().principal().getString("sub") == null) {
      throw Problem.of(CommonProblem.UNAUTHORIZED);
    }
    return new Caller(
        rc.user().principal().getString("sub"),
        rc.user().principal().getString("sid"),
        RequestLog.requestId(rc),
        authorizations(rc));
  }

  /** The request's record, made on first use; a GET or HEAD is read-only. */
  public static Authorizations authorizations(RoutingContext rc) {
    Authorizations known = rc.get(KEY);
    if (known == null) {
      HttpMethod method = rc.request().method();
      known = Authorizations.forRequest(method == HttpMethod.GET || method == HttpMethod.HEAD);
      rc.put(KEY, known);
      Authorizations record = known;
      // A safety net for an answer that did not go through Replies: a success still gets its
      // lines (late, after the answer), a failure none.
      rc.addEndHandler(
          ended -> {
            int status = rc.response().getStatusCode();
            if (status < 400 && record.owesLines()) {
              LOG.atWarn()
                  .addKeyValue("requestId", RequestLog.requestId(rc))
                  .log("access-log lines written after the answer; answer through Replies");
              record.settle();
            }
          });
    }
    return known;
  }
}
