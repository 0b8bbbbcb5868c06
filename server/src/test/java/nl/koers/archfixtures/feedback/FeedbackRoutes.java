package nl.koers.archfixtures.feedback;

import io.vertx.ext.web.RoutingContext;
import nl.koers.archfixtures.platform.http.HttpHelp;

/** Fixture, allowed: a capability's routes read the request with the platform's HTTP helpers. */
public class FeedbackRoutes {
  public String handle(RoutingContext rc) {
    return HttpHelp.language(rc) + new FeedbackStore().count();
  }
}
