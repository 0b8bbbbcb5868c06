package nl.koers.feedback;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.security.Caller;

/** Safety signals (the region's roster of safety contacts is region's: {@code RegionRoutes}). */
public final class SafetyRoutes {

  private final SafetySignals signals;

  public SafetyRoutes(SafetySignals signals) {
    this.signals = signals;
  }

  public void raiseSafetySignal(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    JsonObject body = Requests.body(rc);
    String youthId = Requests.youthId(rc);
    signals
        .raise(
            caller,
            youthId,
            Optional.ofNullable(body.getString("text")).filter(t -> !t.isBlank()),
            body.getBoolean("mayCallMe"),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            signal ->
                Replies.created(
                    rc,
                    "/v1/youth/" + youthId + "/safety-signals/" + signal.getString("id"),
                    signal.put("acknowledgement", Language.of(rc).text("safety.acknowledgement"))))
        .onFailure(rc::fail);
  }

  public void getSafetySignals(RoutingContext rc) {
    signals
        .list(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.items(rc, signal -> worded(rc, signal)));
  }

  public void getSafetySignal(RoutingContext rc) {
    signals
        .one(Callers.of(rc), Requests.youthId(rc), rc.pathParam("signalId"))
        .onComplete(Replies.ok(rc, signal -> worded(rc, signal)));
  }

  public void closeSafetySignal(RoutingContext rc) {
    signals
        .close(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("signalId"),
            Requests.body(rc).getString("note"))
        .onComplete(Replies.ok(rc, signal -> worded(rc, signal)));
  }

  public void answerSafetyFollowUp(RoutingContext rc) {
    signals
        .answerFollowUp(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("signalId"),
            Requests.body(rc).getBoolean("saferNow"))
        .onComplete(Replies.ok(rc, signal -> worded(rc, signal)));
  }

  public void pickUpSafetySignal(RoutingContext rc) {
    signals
        .pickUp(Callers.of(rc), Requests.youthId(rc), rc.pathParam("signalId"))
        .onComplete(Replies.ok(rc, signal -> worded(rc, signal)));
  }

  /** Who picked the signal up, in words for the young person ("Iemand is ermee bezig: Joris."). */
  private static JsonObject worded(RoutingContext rc, JsonObject signal) {
    JsonObject pickedUp = signal.getJsonObject("pickedUp");
    if (pickedUp != null) {
      pickedUp.put(
          "message", Language.of(rc).text("safety.picked-up", pickedUp.getString("firstName")));
    }
    return signal;
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("raiseSafetySignal", this::raiseSafetySignal)
        .on("getSafetySignals", this::getSafetySignals)
        .on("getSafetySignal", this::getSafetySignal)
        .on("pickUpSafetySignal", this::pickUpSafetySignal)
        .on("closeSafetySignal", this::closeSafetySignal)
        .on("answerSafetyFollowUp", this::answerSafetyFollowUp);
  }
}
