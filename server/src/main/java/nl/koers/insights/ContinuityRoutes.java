package nl.koers.insights;

import io.vertx.ext.web.RoutingContext;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Replies;
import nl.koers.platform.module.Operations;

/** The continuity monitor of a region (its analysts and admins). */
public final class ContinuityRoutes {

  private final Continuity continuity;

  public ContinuityRoutes(Continuity continuity) {
    this.continuity = continuity;
  }

  public void getContinuity(RoutingContext rc) {
    continuity
        .query(Callers.of(rc), rc.pathParam("regionId"))
        .onComplete(Replies.ok(rc, ContinuityViews::json));
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of().on("getContinuity", this::getContinuity);
  }
}
