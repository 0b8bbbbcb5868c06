package nl.koers.circle;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.module.Operations;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.security.Caller;

/**
 * A young person's profile card, circle and access log, changes to the circle, and their consent
 * decisions (scopes, ended access, the consent history).
 */
public final class CircleRoutes {

  private final Circles circles;
  private final Registrations registrations;
  private final Consents consents;

  public CircleRoutes(Circles circles, Registrations registrations, Consents consents) {
    this.circles = circles;
    this.registrations = registrations;
    this.consents = consents;
  }

  public void getYouthProfile(RoutingContext rc) {
    circles
        .profile(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.ok(rc, card -> CircleViews.profile(card)));
  }

  /** The young person chooses standard or easy-read wording for their questions. */
  public void putReadingLevel(RoutingContext rc) {
    circles
        .chooseReadingLevel(
            Callers.of(rc),
            Requests.youthId(rc),
            ReadingLevel.valueOf(Requests.body(rc).getString("readingLevel")))
        .onComplete(Replies.ok(rc, level -> new JsonObject().put("readingLevel", level.name())));
  }

  public void getCircle(RoutingContext rc) {
    // The version is read before the members: an answer is never newer in its tag than in content.
    circles
        .circleVersion(Requests.youthId(rc))
        .compose(
            version -> {
              ConditionalRequests.contentOfVersion(rc, version);
              return circles.members(Callers.of(rc), Requests.youthId(rc));
            })
        .onComplete(
            Replies.ok(
                rc,
                members ->
                    new JsonObject()
                        .put(
                            "items",
                            new JsonArray(members.stream().map(CircleViews::member).toList()))));
  }

  public void getAdultConfirmation(RoutingContext rc) {
    circles
        .adultConfirmation(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.ok(rc, confirmation -> CircleViews.adultConfirmation(confirmation)));
  }

  public void confirmCircleAsAdult(RoutingContext rc) {
    java.util.Set<String> keep =
        Requests.body(rc).getJsonArray("keep").stream()
            .map(String::valueOf)
            .collect(java.util.stream.Collectors.toSet());
    circles
        .confirmAsAdult(Callers.of(rc), Requests.youthId(rc), keep)
        .onComplete(Replies.ok(rc, confirmation -> CircleViews.adultConfirmation(confirmation)));
  }

  public void getAccessLog(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    boolean includeOwn = "true".equals(rc.request().getParam("includeOwn"));
    circles
        .accessLog(Callers.of(rc), Requests.youthId(rc), includeOwn, Language.of(rc)::text, page)
        .onComplete(Replies.ok(rc, found -> found.toJson(CircleViews::loggedAccess)));
  }

  public void endRelation(RoutingContext rc) {
    Optional<Instant> until =
        Optional.ofNullable(Requests.body(rc).getString("until")).map(Instant::parse);
    consents
        .end(Callers.of(rc), Requests.youthId(rc), rc.pathParam("relationId"), until)
        .onSuccess(relation -> answerRelation(rc, relation))
        .onFailure(rc::fail);
  }

  public void setRelationScopes(RoutingContext rc) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    Requests.body(rc)
        .getJsonArray("scopes")
        .forEach(scope -> scopes.add(Scope.fromWire(String.valueOf(scope))));
    consents
        .setScopes(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("relationId"),
            scopes,
            ConditionalRequests.expectedVersion(rc))
        .onSuccess(
            scoped -> {
              ConditionalRequests.tag(rc, scoped.circleVersion());
              answerRelation(rc, scoped.relation());
            })
        .onFailure(rc::fail);
  }

  public void getConsents(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    consents
        .history(Callers.of(rc), Requests.youthId(rc), page)
        .onComplete(Replies.ok(rc, found -> found.toJson(CircleViews::consent)));
  }

  /** The relation just changed, as the circle shows it to the caller. */
  private void answerRelation(RoutingContext rc, Relation relation) {
    circles
        .changed(Requests.youthId(rc), relation)
        .onComplete(Replies.ok(rc, member -> CircleViews.member(member)));
  }

  public void getCaseCoordinator(RoutingContext rc) {
    registrations
        .caseCoordinator(Callers.of(rc), Requests.youthId(rc))
        .onComplete(
            Replies.ok(
                rc,
                found -> {
                  ConditionalRequests.contentOfVersion(rc, found.circleVersion());
                  return CircleViews.caseCoordinator(found.youthId(), found.current());
                }));
  }

  public void assignCaseCoordinator(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    String professionalId = Requests.body(rc).getString("professionalId");
    // The same assignment derives the same relation id.
    String seed = "assign|" + Requests.youthId(rc) + "|" + professionalId;
    registrations
        .assignCaseCoordinator(
            caller,
            Requests.youthId(rc),
            professionalId,
            Ids.derived(seed),
            ConditionalRequests.expectedVersion(rc))
        .onComplete(
            Replies.ok(
                rc,
                assigned -> {
                  ConditionalRequests.tag(rc, assigned.circleVersion());
                  return CircleViews.coordinator(assigned.relation());
                }));
  }

  public void getPlacement(RoutingContext rc) {
    circles
        .placement(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.ok(rc, placement -> CircleViews.placement(placement)));
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getYouthProfile", this::getYouthProfile)
        .on("putReadingLevel", this::putReadingLevel)
        .on("getPlacement", this::getPlacement)
        .on("getCircle", this::getCircle)
        .on("getAccessLog", this::getAccessLog)
        .on("getAdultConfirmation", this::getAdultConfirmation)
        .on("confirmCircleAsAdult", this::confirmCircleAsAdult)
        .on("endRelation", this::endRelation)
        .on("setRelationScopes", this::setRelationScopes)
        .on("getConsents", this::getConsents)
        .on("getCaseCoordinator", this::getCaseCoordinator)
        .on("assignCaseCoordinator", this::assignCaseCoordinator);
  }
}
