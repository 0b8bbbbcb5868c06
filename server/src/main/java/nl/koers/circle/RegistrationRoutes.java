package nl.koers.circle;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Optional;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.security.Caller;

/** Registering professionals, young people and circle members; redeeming activation codes. */
public final class RegistrationRoutes {

  private final Registrations registrations;
  private final Circles circles;

  public RegistrationRoutes(Registrations registrations, Circles circles) {
    this.registrations = registrations;
    this.circles = circles;
  }

  public void registerProfessional(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    registrations
        .registerProfessional(
            caller,
            rc.pathParam("regionId"),
            Requests.body(rc).getString("name"),
            Optional.ofNullable(Requests.body(rc).getString("organisationId")),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            registered ->
                Replies.created(
                    rc,
                    "/v1/persons/" + registered.person().id(),
                    new JsonObject()
                        .put(
                            "person",
                            CircleViews.named(
                                new Circles.Named(
                                    registered.person().id(), registered.person().name())))
                        .put("activation", CircleViews.activation(registered.activation()))))
        .onFailure(rc::fail);
  }

  public void registerYouth(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    JsonObject body = Requests.body(rc);
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
                        .put("activation", CircleViews.activation(registered.activation()))))
        .onFailure(rc::fail);
  }

  public void addToCircle(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    JsonObject body = Requests.body(rc);
    String youthId = Requests.youthId(rc);
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
                            CircleViews.member(
                                new Circles.Member(
                                    added.relation(),
                                    new Circles.Named(added.person().id(), added.person().name()),
                                    added.relation().scopes(),
                                    Circles.Status.PENDING)))
                        .put("activation", CircleViews.activation(added.activation()))))
        .onFailure(rc::fail);
  }

  public void redeemActivation(RoutingContext rc) {
    registrations
        .redeem(Callers.of(rc), rc.pathParam("code"))
        .compose(session -> CircleViews.session(circles, session))
        .onComplete(Replies.ok(rc, json -> json));
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("registerProfessional", this::registerProfessional)
        .on("registerYouth", this::registerYouth)
        .on("addToCircle", this::addToCircle)
        .on("redeemActivation", this::redeemActivation);
  }
}
