package nl.koers.region;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;
import nl.koers.region.OrganisationStore.Organisation;

/** A region's register of organisations: list, register, rename and close. */
public final class OrganisationRoutes {

  private final Organisations organisations;

  public OrganisationRoutes(Organisations organisations) {
    this.organisations = organisations;
  }

  /** The register, tagged with its version: the If-Match of a rename or close. */
  public void listOrganisations(RoutingContext rc) {
    String regionId = rc.pathParam("regionId");
    organisations
        .list(Callers.of(rc), regionId)
        .onComplete(
            Replies.ok(
                rc,
                listed -> {
                  ConditionalRequests.tag(rc, listed.version());
                  JsonArray items = new JsonArray();
                  listed.organisations().forEach(o -> items.add(view(o)));
                  return new JsonObject().put("regionId", regionId).put("organisations", items);
                }));
  }

  public void createOrganisation(RoutingContext rc) {
    String regionId = rc.pathParam("regionId");
    JsonObject body = Requests.body(rc);
    organisations
        .create(
            Callers.of(rc),
            regionId,
            new Organisations.New(
                body.getString("id"),
                body.getString("name"),
                Optional.ofNullable(body.getString("agbCode"))))
        .onSuccess(
            made -> {
              ConditionalRequests.tag(rc, made.version());
              Replies.created(
                  rc,
                  "/v1/regions/" + regionId + "/organisations/" + made.organisation().id(),
                  view(made.organisation()));
            })
        .onFailure(rc::fail);
  }

  public void updateOrganisation(RoutingContext rc) {
    String regionId = rc.pathParam("regionId");
    JsonObject body = Requests.body(rc);
    organisations
        .change(
            Callers.of(rc),
            regionId,
            rc.pathParam("organisationId"),
            new Organisations.Change(
                Optional.ofNullable(body.getString("name")),
                Optional.ofNullable(body.getString("agbCode")),
                Optional.ofNullable(body.getBoolean("closed"))),
            ConditionalRequests.expectedVersion(rc))
        .onComplete(
            Replies.ok(
                rc,
                changed -> {
                  ConditionalRequests.tag(rc, changed.version());
                  return view(changed.organisation());
                }));
  }

  private static JsonObject view(Organisation organisation) {
    JsonObject json =
        new JsonObject()
            .put("id", organisation.id())
            .put("name", organisation.name())
            .put("status", organisation.open() ? "OPEN" : "CLOSED")
            .put("registeredAt", organisation.registeredAt().toString());
    organisation.agbCode().ifPresent(code -> json.put("agbCode", code));
    organisation.closedAt().ifPresent(at -> json.put("closedAt", at.toString()));
    return json;
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("listOrganisations", this::listOrganisations)
        .on("createOrganisation", this::createOrganisation)
        .on("updateOrganisation", this::updateOrganisation);
  }
}
