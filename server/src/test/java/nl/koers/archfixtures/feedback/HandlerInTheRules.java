package nl.koers.archfixtures.feedback;

import io.vertx.ext.web.RoutingContext;

/** Fixture, WRONG on purpose: a rule that reads the HTTP request itself. */
public class HandlerInTheRules {
  public boolean mayAnswer(RoutingContext rc) {
    return rc.user() != null;
  }
}
