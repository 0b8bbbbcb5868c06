package nl.koers.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Replies;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.transition.Checklists;
import nl.koers.transition.ExtendedCare;
import nl.koers.transition.Handovers;
import nl.koers.transition.Transitions;

/** The transition checklist and the steady contact. */
public final class TransitionHandlers {

  private final Transitions transitions;
  private final Checklists checklists;
  private final Handovers handovers;
  private final ExtendedCare extendedCare;

  public TransitionHandlers(
      Transitions transitions,
      Checklists checklists,
      Handovers handovers,
      ExtendedCare extendedCare) {
    this.transitions = transitions;
    this.checklists = checklists;
    this.handovers = handovers;
    this.extendedCare = extendedCare;
  }

  public void getExtendedCare(RoutingContext rc) {
    extendedCare
        .read(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(view -> Replies.ok(rc, view))
        .onFailure(rc::fail);
  }

  public void putExtendedCare(RoutingContext rc) {
    JsonObject body = SessionHandlers.body(rc);
    extendedCare
        .decide(
            Caller.of(rc),
            CircleHandlers.youthId(rc),
            new ExtendedCare.Decision(
                body.getBoolean("extended"),
                Optional.ofNullable(body.getString("kind")),
                Optional.ofNullable(body.getInteger("untilAge"))))
        .onSuccess(view -> Replies.ok(rc, view))
        .onFailure(rc::fail);
  }

  public void recordHandover(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    handovers
        .record(
            caller,
            CircleHandlers.youthId(rc),
            SessionHandlers.body(rc),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            handover ->
                Replies.created(rc, rc.request().path() + "/" + handover.getString("id"), handover))
        .onFailure(rc::fail);
  }

  public void getHandovers(RoutingContext rc) {
    handovers
        .list(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(
            items ->
                Replies.ok(
                    rc, new JsonObject().put("items", new io.vertx.core.json.JsonArray(items))))
        .onFailure(rc::fail);
  }

  public void confirmHandover(RoutingContext rc) {
    handovers
        .confirm(
            Caller.of(rc),
            CircleHandlers.youthId(rc),
            rc.pathParam("handoverId"),
            Handovers.Side.valueOf(SessionHandlers.body(rc).getString("side")))
        .onSuccess(handover -> Replies.ok(rc, handover))
        .onFailure(rc::fail);
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
