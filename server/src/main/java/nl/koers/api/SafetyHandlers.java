package nl.koers.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import nl.koers.feedback.SafetyContacts;
import nl.koers.feedback.SafetySignals;
import nl.koers.identity.People;
import nl.koers.identity.Role;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;
import nl.koers.platform.http.Replies;
import nl.koers.platform.idempotency.IdempotentRequests;

/** Safety signals, and each region's safety contact. */
public final class SafetyHandlers {

  private final SafetySignals signals;
  private final SafetyContacts contacts;
  private final People people;

  public SafetyHandlers(SafetySignals signals, SafetyContacts contacts, People people) {
    this.signals = signals;
    this.contacts = contacts;
    this.people = people;
  }

  public void raiseSafetySignal(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    JsonObject body = SessionHandlers.body(rc);
    String youthId = CircleHandlers.youthId(rc);
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
        .list(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(found -> Replies.ok(rc, new JsonObject().put("items", new JsonArray(found))))
        .onFailure(rc::fail);
  }

  public void getSafetySignal(RoutingContext rc) {
    signals
        .one(Caller.of(rc), CircleHandlers.youthId(rc), rc.pathParam("signalId"))
        .onSuccess(signal -> Replies.ok(rc, signal))
        .onFailure(rc::fail);
  }

  public void closeSafetySignal(RoutingContext rc) {
    signals
        .close(
            Caller.of(rc),
            CircleHandlers.youthId(rc),
            rc.pathParam("signalId"),
            SessionHandlers.body(rc).getString("note"))
        .onSuccess(signal -> Replies.ok(rc, signal))
        .onFailure(rc::fail);
  }

  public void answerSafetyFollowUp(RoutingContext rc) {
    signals
        .answerFollowUp(
            Caller.of(rc),
            CircleHandlers.youthId(rc),
            rc.pathParam("signalId"),
            SessionHandlers.body(rc).getBoolean("saferNow"))
        .onSuccess(signal -> Replies.ok(rc, signal))
        .onFailure(rc::fail);
  }

  /** A region admin names the region's safety contact (an out-of-hours service's person). */
  public void setSafetyContact(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    String regionId = rc.pathParam("regionId");
    String personId = SessionHandlers.body(rc).getString("personId");
    people
        .find(caller.personId())
        .compose(
            admin ->
                admin.filter(p -> p.has(Role.REGION_ADMIN, regionId)).isPresent()
                    ? people.find(personId)
                    : Future.failedFuture(Problem.of(ProblemKind.FORBIDDEN)))
        .compose(
            contact ->
                contact.isPresent()
                    ? contacts.set(regionId, personId)
                    : Future.failedFuture(Problem.of(ProblemKind.NOT_FOUND)))
        .onSuccess(
            v ->
                Replies.ok(
                    rc, new JsonObject().put("regionId", regionId).put("personId", personId)))
        .onFailure(rc::fail);
  }
}
