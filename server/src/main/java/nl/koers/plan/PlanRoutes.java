package nl.koers.plan;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;

/** The future plan: read with an ETag, write with If-Match, and its versions. */
public final class PlanRoutes {

  private final Plans plans;

  public PlanRoutes(Plans plans) {
    this.plans = plans;
  }

  public void getPlan(RoutingContext rc) {
    plans
        .read(Callers.of(rc), Requests.youthId(rc))
        .onSuccess(seen -> answer(rc, seen))
        .onFailure(rc::fail);
  }

  public void putPlan(RoutingContext rc) {
    long expected = ConditionalRequests.expectedVersion(rc);
    plans
        .replace(Callers.of(rc), Requests.youthId(rc), expected, Requests.body(rc))
        .onSuccess(seen -> answer(rc, seen))
        .onFailure(rc::fail);
  }

  public void patchPlanDomain(RoutingContext rc) {
    long expected = ConditionalRequests.expectedVersion(rc);
    plans
        .replaceDomain(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("domain"),
            expected,
            Requests.body(rc))
        .onSuccess(seen -> answer(rc, seen))
        .onFailure(rc::fail);
  }

  public void getPlanVersions(RoutingContext rc) {
    plans
        .versions(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.ok(rc, items -> new JsonObject().put("items", new JsonArray(items))));
  }

  private static void answer(RoutingContext rc, Plans.Seen seen) {
    if (ConditionalRequests.answeredNotModified(rc, seen.version())) {
      return;
    }
    ConditionalRequests.tag(rc, seen.version());
    Replies.ok(rc, seen.plan());
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getPlan", this::getPlan)
        .on("putPlan", this::putPlan)
        .on("patchPlanDomain", this::patchPlanDomain)
        .on("getPlanVersions", this::getPlanVersions);
  }
}
