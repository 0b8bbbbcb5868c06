package nl.koers.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Replies;
import nl.koers.transition.Checklists;
import nl.koers.transition.Transitions;

/** The transition checklist and the steady contact. */
public final class TransitionHandlers {

  private final Transitions transitions;
  private final Checklists checklists;

  public TransitionHandlers(Transitions transitions, Checklists checklists) {
    this.transitions = transitions;
    this.checklists = checklists;
  }

  public void getChecklist(RoutingContext rc) {
    checklists
        .read(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(list -> Replies.ok(rc, list))
        .onFailure(rc::fail);
  }

  public void updateChecklistItem(RoutingContext rc) {
    JsonObject body = SessionHandlers.body(rc);
    checklists
        .update(
            Caller.of(rc),
            CircleHandlers.youthId(rc),
            rc.pathParam("itemId"),
            Optional.ofNullable(body.getString("ownerId")),
            Optional.ofNullable(body.getBoolean("done")))
        .onSuccess(list -> Replies.ok(rc, list))
        .onFailure(rc::fail);
  }

  public void getSteadyContact(RoutingContext rc) {
    transitions
        .steadyContact(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(steady -> Replies.ok(rc, steady))
        .onFailure(rc::fail);
  }

  public void nameSteadyContact(RoutingContext rc) {
    transitions
        .nameSteadyContact(
            Caller.of(rc),
            CircleHandlers.youthId(rc),
            SessionHandlers.body(rc).getString("personId"))
        .onSuccess(steady -> Replies.ok(rc, steady))
        .onFailure(rc::fail);
  }

  public void confirmSteadyContact(RoutingContext rc) {
    transitions
        .confirmSteadyContact(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(steady -> Replies.ok(rc, steady))
        .onFailure(rc::fail);
  }
}
