package nl.koers.mentor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import nl.koers.circle.Scope;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.security.Caller;

/** Nominating, accepting, agreeing to, confirming and ending a JIM; scopes and check-ins. */
public final class MentorRoutes {

  private final Mentors mentors;

  public MentorRoutes(Mentors mentors) {
    this.mentors = mentors;
  }

  public void nominateMentor(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    JsonObject body = Requests.body(rc);
    String youthId = Requests.youthId(rc);
    mentors
        .nominate(
            caller,
            youthId,
            body.getString("firstName"),
            body.getString("relation"),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            nomination ->
                Replies.created(
                    rc,
                    "/v1/youth/" + youthId + "/mentor/nominations/" + nomination.getString("id"),
                    nomination))
        .onFailure(rc::fail);
  }

  public void getMentorNominations(RoutingContext rc) {
    mentors
        .list(Callers.of(rc), Requests.youthId(rc))
        .onSuccess(items -> Replies.ok(rc, new JsonObject().put("items", new JsonArray(items))))
        .onFailure(rc::fail);
  }

  public void withdrawMentorNomination(RoutingContext rc) {
    mentors
        .withdraw(Callers.of(rc), Requests.youthId(rc), rc.pathParam("nominationId"))
        .onSuccess(nomination -> Replies.ok(rc, nomination))
        .onFailure(rc::fail);
  }

  public void acceptMentorInvite(RoutingContext rc) {
    mentors
        .accept(Callers.of(rc), rc.pathParam("code"))
        .onSuccess(nomination -> Replies.ok(rc, nomination))
        .onFailure(rc::fail);
  }

  public void recordParentAgreement(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    mentors
        .agree(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("nominationId"),
            body.getBoolean("agreed"),
            Optional.ofNullable(body.getString("guardianName")),
            Optional.ofNullable(body.getString("reason")))
        .onSuccess(nomination -> Replies.ok(rc, nomination))
        .onFailure(rc::fail);
  }

  public void confirmMentor(RoutingContext rc) {
    mentors
        .confirm(Callers.of(rc), Requests.youthId(rc), rc.pathParam("nominationId"))
        .onSuccess(nomination -> Replies.ok(rc, nomination))
        .onFailure(rc::fail);
  }

  public void endMentor(RoutingContext rc) {
    mentors
        .end(Callers.of(rc), Requests.youthId(rc))
        .onSuccess(v -> Replies.noContent(rc))
        .onFailure(rc::fail);
  }

  public void stepDownAsMentor(RoutingContext rc) {
    mentors
        .stepDown(Callers.of(rc), Requests.youthId(rc))
        .onSuccess(v -> Replies.noContent(rc))
        .onFailure(rc::fail);
  }

  public void setMentorScopes(RoutingContext rc) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    Requests.body(rc)
        .getJsonArray("scopes")
        .forEach(scope -> scopes.add(Scope.fromWire(String.valueOf(scope))));
    mentors
        .setScopes(Callers.of(rc), Requests.youthId(rc), scopes)
        .onSuccess(
            saved ->
                Replies.ok(
                    rc,
                    new JsonObject()
                        .put(
                            "scopes",
                            new JsonArray(saved.stream().sorted().map(Scope::wire).toList()))))
        .onFailure(rc::fail);
  }

  public void checkInAsMentor(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    mentors
        .checkIn(
            Callers.of(rc),
            Requests.youthId(rc),
            body.getInteger("score"),
            Optional.ofNullable(body.getString("text")))
        .onSuccess(checkIn -> Replies.created(rc, rc.request().path(), checkIn))
        .onFailure(rc::fail);
  }

  public void getMentorCheckIns(RoutingContext rc) {
    mentors
        .checkIns(Callers.of(rc), Requests.youthId(rc))
        .onSuccess(items -> Replies.ok(rc, new JsonObject().put("items", new JsonArray(items))))
        .onFailure(rc::fail);
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("nominateMentor", this::nominateMentor)
        .on("getMentorNominations", this::getMentorNominations)
        .on("withdrawMentorNomination", this::withdrawMentorNomination)
        .on("acceptMentorInvite", this::acceptMentorInvite)
        .on("recordParentAgreement", this::recordParentAgreement)
        .on("confirmMentor", this::confirmMentor)
        .on("endMentor", this::endMentor)
        .on("stepDownAsMentor", this::stepDownAsMentor)
        .on("setMentorScopes", this::setMentorScopes)
        .on("checkInAsMentor", this::checkInAsMentor)
        .on("getMentorCheckIns", this::getMentorCheckIns);
  }
}
