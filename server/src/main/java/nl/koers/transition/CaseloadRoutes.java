package nl.koers.transition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Replies;
import nl.koers.platform.module.Operations;

/** A case coordinator's caseload ({@code GET /v1/me/caseload}). */
public final class CaseloadRoutes {

  private final Caseloads caseloads;

  public CaseloadRoutes(Caseloads caseloads) {
    this.caseloads = caseloads;
  }

  public void getCaseload(RoutingContext rc) {
    caseloads
        .of(Callers.of(rc))
        .onComplete(
            Replies.ok(
                rc,
                lines -> {
                  JsonArray items = new JsonArray();
                  lines.forEach(line -> items.add(json(line)));
                  return new JsonObject().put("items", items);
                }));
  }

  private static JsonObject json(Caseloads.Line line) {
    JsonArray steps = new JsonArray();
    line.steps().forEach(step -> steps.add(json(step)));
    return new JsonObject()
        .put("youthId", line.youth().id())
        .put("firstName", line.youth().firstName())
        .put("turns18On", line.turns18On().toString())
        .put("resource", "youth/" + line.youth().id())
        .put("next", line.next().map(CaseloadRoutes::json).orElse(null))
        .put("steps", steps);
  }

  private static JsonObject json(Caseloads.Open step) {
    return new JsonObject()
        .put("step", step.step().name())
        .put("dueOn", step.dueOn().toString())
        .put("overdue", step.overdue())
        .put("resource", step.resource());
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of().on("getCaseload", this::getCaseload);
  }
}
