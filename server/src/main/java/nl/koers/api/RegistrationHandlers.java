package nl.koers.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.Circles;
import nl.koers.circle.Registrations;
import nl.koers.circle.RelationKind;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Replies;
import nl.koers.platform.idempotency.IdempotentRequests;

/** Registering professionals, young people and circle members; redeeming activation codes. */
public final class RegistrationHandlers {

  private final Registrations registrations;
  private final SessionHandlers sessions;

  public RegistrationHandlers(Registrations registrations, SessionHandlers sessions) {
    this.registrations = registrations;
    this.sessions = sessions;
  }

  public void registerProfessional(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    registrations
        .registerProfessional(
            caller,
            rc.pathParam("regionId"),
            SessionHandlers.body(rc).getString("name"),
            Optional.ofNullable(SessionHandlers.body(rc).getString("organisationId")),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            registered ->
                Replies.created(
                    rc,
                    "/v1/persons/" + registered.person().id(),
                    new JsonObject()
                        .put(
                            "person",
                            Views.named(
                                new Circles.Named(
                                    registered.person().id(), registered.person().name())))
                        .put("activation", Views.activation(registered.activation()))))
        .onFailure(rc::fail);
  }

  public void registerYouth(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    JsonObject body = SessionHandlers.body(rc);
    LocalDate dateOfBirth = LocalDate.parse(body.getString("dateOfBirth"));
    registrations
        .registerYouth(
            caller,
            body.getString("firstName"),
            dateOfBirth,
            body.getString("regionId"),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            registered ->
                Replies.created(
                    rc,
                    "/v1/youth/" + registered.person().id(),
                    new JsonObject()
                        .put(
                            "youth",
                            new JsonObject()
                                .put("id", registered.person().id())
                                .put("firstName", registered.person().name())
                                .put("ageBand", AgeRules.ageBand(registered.age().orElseThrow()))
                                .putNull("jim")
                                .putNull("steadyContact"))
                        .put("activation", Views.activation(registered.activation()))))
        .onFailure(rc::fail);
  }

  public void addToCircle(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    JsonObject body = SessionHandlers.body(rc);
    String youthId = CircleHandlers.youthId(rc);
    registrations
        .addToCircle(
            caller,
            youthId,
            RelationKind.valueOf(body.getString("kind")),
            body.getString("name"),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            added ->
                Replies.created(
                    rc,
                    "/v1/youth/" + youthId + "/circle",
                    new JsonObject()
                        .put(
                            "relation",
                            Views.member(
                                new Circles.Member(
                                    added.relation(),
                                    new Circles.Named(added.person().id(), added.person().name()),
                                    added.relation().scopes(),
                                    Circles.Status.PENDING)))
                        .put("activation", Views.activation(added.activation()))))
        .onFailure(rc::fail);
  }

  public void redeemActivation(RoutingContext rc) {
    registrations
        .redeem(Caller.of(rc), rc.pathParam("code"))
        .compose(sessions::withMe)
        .onSuccess(json -> Replies.ok(rc, json))
        .onFailure(rc::fail);
  }
}
