package nl.koers.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import nl.koers.plan.Plans;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Replies;

/** The future plan: read with an ETag, write with If-Match, and its versions. */
public final class PlanHandlers {

  private final Plans plans;

  public PlanHandlers(Plans plans) {
    this.plans = plans;
  }

  public void getPlan(RoutingContext rc) {
    plans
        .read(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(seen -> answer(rc, seen))
        .onFailure(rc::fail);
  }

  public void putPlan(RoutingContext rc) {
    long expected = ConditionalRequests.expectedVersion(rc);
    plans
        .replace(Caller.of(rc), CircleHandlers.youthId(rc), expected, SessionHandlers.body(rc))
        .onSuccess(seen -> answer(rc, seen))
        .onFailure(rc::fail);
  }

  public void patchPlanDomain(RoutingContext rc) {
    long expected = ConditionalRequests.expectedVersion(rc);
    plans
        .replaceDomain(
            Caller.of(rc),
            CircleHandlers.youthId(rc),
            rc.pathParam("domain"),
            expected,
            SessionHandlers.body(rc))
        .onSuccess(seen -> answer(rc, seen))
        .onFailure(rc::fail);
  }

  public void getPlanVersions(RoutingContext rc) {
    plans
        .versions(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(items -> Replies.ok(rc, new JsonObject().put("items", new JsonArray(items))))
        .onFailure(rc::fail);
  }

  private static void answer(RoutingContext rc, Plans.Seen seen) {
    if (ConditionalRequests.answeredNotModified(rc, seen.version())) {
      return;
    }
    ConditionalRequests.tag(rc, seen.version());
    Replies.ok(rc, seen.plan());
  }
}
