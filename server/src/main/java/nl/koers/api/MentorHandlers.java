package nl.koers.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import nl.koers.circle.Scope;
import nl.koers.mentor.Mentors;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Replies;
import nl.koers.platform.idempotency.IdempotentRequests;

/** Nominating, accepting, agreeing to, confirming and ending a JIM; scopes and check-ins. */
public final class MentorHandlers {

  private final Mentors mentors;

  public MentorHandlers(Mentors mentors) {
    this.mentors = mentors;
  }

  public void nominateMentor(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    JsonObject body = SessionHandlers.body(rc);
    String youthId = CircleHandlers.youthId(rc);
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
        .list(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(items -> Replies.ok(rc, new JsonObject().put("items", new JsonArray(items))))
        .onFailure(rc::fail);
  }

  public void withdrawMentorNomination(RoutingContext rc) {
    mentors
        .withdraw(Caller.of(rc), CircleHandlers.youthId(rc), rc.pathParam("nominationId"))
        .onSuccess(nomination -> Replies.ok(rc, nomination))
        .onFailure(rc::fail);
  }

  public void acceptMentorInvite(RoutingContext rc) {
    mentors
        .accept(Caller.of(rc), rc.pathParam("code"))
        .onSuccess(nomination -> Replies.ok(rc, nomination))
        .onFailure(rc::fail);
  }

  public void recordParentAgreement(RoutingContext rc) {
    JsonObject body = SessionHandlers.body(rc);
    mentors
        .agree(
            Caller.of(rc),
            CircleHandlers.youthId(rc),
            rc.pathParam("nominationId"),
            body.getBoolean("agreed"),
            Optional.ofNullable(body.getString("guardianName")),
            Optional.ofNullable(body.getString("reason")))
        .onSuccess(nomination -> Replies.ok(rc, nomination))
        .onFailure(rc::fail);
  }

  public void confirmMentor(RoutingContext rc) {
    mentors
        .confirm(Caller.of(rc), CircleHandlers.youthId(rc), rc.pathParam("nominationId"))
        .onSuccess(nomination -> Replies.ok(rc, nomination))
        .onFailure(rc::fail);
  }

  public void endMentor(RoutingContext rc) {
    mentors
        .end(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(v -> Replies.noContent(rc))
        .onFailure(rc::fail);
  }

  public void stepDownAsMentor(RoutingContext rc) {
    mentors
        .stepDown(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(v -> Replies.noContent(rc))
        .onFailure(rc::fail);
  }

  public void setMentorScopes(RoutingContext rc) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    SessionHandlers.body(rc)
        .getJsonArray("scopes")
        .forEach(scope -> scopes.add(Scope.fromWire(String.valueOf(scope))));
    mentors
        .setScopes(Caller.of(rc), CircleHandlers.youthId(rc), scopes)
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
    JsonObject body = SessionHandlers.body(rc);
    mentors
        .checkIn(
            Caller.of(rc),
            CircleHandlers.youthId(rc),
            body.getInteger("score"),
            Optional.ofNullable(body.getString("text")))
        .onSuccess(checkIn -> Replies.created(rc, rc.request().path(), checkIn))
        .onFailure(rc::fail);
  }

  public void getMentorCheckIns(RoutingContext rc) {
    mentors
        .checkIns(Caller.of(rc), CircleHandlers.youthId(rc))
        .onSuccess(items -> Replies.ok(rc, new JsonObject().put("items", new JsonArray(items))))
        .onFailure(rc::fail);
  }
}
