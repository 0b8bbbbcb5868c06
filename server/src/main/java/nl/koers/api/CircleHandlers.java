package nl.koers.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import nl.koers.circle.Circles;
import nl.koers.circle.Consents;
import nl.koers.circle.Registrations;
import nl.koers.circle.Relation;
import nl.koers.circle.Scope;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Replies;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.paging.PageRequest;

/**
 * A young person's profile card, circle and access log, changes to the circle, and their consent
 * decisions (scopes, ended access, the consent history).
 */
public final class CircleHandlers {

  private final Circles circles;
  private final Registrations registrations;
  private final Consents consents;

  public CircleHandlers(Circles circles, Registrations registrations, Consents consents) {
    this.circles = circles;
    this.registrations = registrations;
    this.consents = consents;
  }

  public void getYouthProfile(RoutingContext rc) {
    circles
        .profile(Caller.of(rc), youthId(rc))
        .onSuccess(card -> Replies.ok(rc, Views.profile(card)))
        .onFailure(rc::fail);
  }

  public void getCircle(RoutingContext rc) {
    circles
        .members(Caller.of(rc), youthId(rc))
        .onSuccess(
            members ->
                Replies.ok(
                    rc,
                    new JsonObject()
                        .put("items", new JsonArray(members.stream().map(Views::member).toList()))))
        .onFailure(rc::fail);
  }

  public void getAdultConfirmation(RoutingContext rc) {
    circles
        .adultConfirmation(Caller.of(rc), youthId(rc))
        .onSuccess(confirmation -> Replies.ok(rc, Views.adultConfirmation(confirmation)))
        .onFailure(rc::fail);
  }

  public void confirmCircleAsAdult(RoutingContext rc) {
    java.util.Set<String> keep =
        SessionHandlers.body(rc).getJsonArray("keep").stream()
            .map(String::valueOf)
            .collect(java.util.stream.Collectors.toSet());
    circles
        .confirmAsAdult(Caller.of(rc), youthId(rc), keep)
        .onSuccess(confirmation -> Replies.ok(rc, Views.adultConfirmation(confirmation)))
        .onFailure(rc::fail);
  }

  public void getAccessLog(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    boolean includeOwn = "true".equals(rc.request().getParam("includeOwn"));
    circles
        .accessLog(Caller.of(rc), youthId(rc), includeOwn, Language.of(rc), page)
        .onSuccess(found -> Replies.ok(rc, found.toJson(Views::loggedAccess)))
        .onFailure(rc::fail);
  }

  public void endRelation(RoutingContext rc) {
    Optional<Instant> until =
        Optional.ofNullable(SessionHandlers.body(rc).getString("until")).map(Instant::parse);
    consents
        .end(Caller.of(rc), youthId(rc), rc.pathParam("relationId"), until)
        .onSuccess(relation -> answerRelation(rc, relation))
        .onFailure(rc::fail);
  }

  public void setRelationScopes(RoutingContext rc) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    SessionHandlers.body(rc)
        .getJsonArray("scopes")
        .forEach(scope -> scopes.add(Scope.fromWire(String.valueOf(scope))));
    consents
        .setScopes(Caller.of(rc), youthId(rc), rc.pathParam("relationId"), scopes)
        .onSuccess(relation -> answerRelation(rc, relation))
        .onFailure(rc::fail);
  }

  public void getConsents(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    consents
        .history(Caller.of(rc), youthId(rc), page)
        .onSuccess(found -> Replies.ok(rc, found.toJson(Views::consent)))
        .onFailure(rc::fail);
  }

  /** The relation just changed, as the circle shows it to the caller. */
  private void answerRelation(RoutingContext rc, Relation relation) {
    circles
        .changed(youthId(rc), relation)
        .onSuccess(member -> Replies.ok(rc, Views.member(member)))
        .onFailure(rc::fail);
  }

  public void assignCaseCoordinator(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    String professionalId = SessionHandlers.body(rc).getString("professionalId");
    // PUT is idempotent by itself: the same assignment derives the same relation id.
    String seed = "assign|" + youthId(rc) + "|" + professionalId;
    registrations
        .assignCaseCoordinator(caller, youthId(rc), professionalId, Ids.derived(seed))
        .onSuccess(
            relation ->
                Replies.ok(
                    rc,
                    new JsonObject()
                        .put("relationId", relation.id())
                        .put("professionalId", relation.personId())
                        .put("since", relation.since().toString())))
        .onFailure(rc::fail);
  }

  static String youthId(RoutingContext rc) {
    return rc.pathParam("youthId");
  }
}
