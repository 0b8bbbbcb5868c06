package nl.koers.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import nl.koers.circle.Circles;
import nl.koers.circle.Registrations;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;
import nl.koers.platform.http.Replies;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.paging.PageRequest;

/** A young person's profile card, circle and access log, and changes to the circle. */
public final class CircleHandlers {

  private final Circles circles;
  private final Registrations registrations;

  public CircleHandlers(Circles circles, Registrations registrations) {
    this.circles = circles;
    this.registrations = registrations;
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
    registrations
        .endRelation(Caller.of(rc), youthId(rc), rc.pathParam("relationId"), until)
        .compose(relation -> circles.members(Caller.of(rc), youthId(rc)))
        .onSuccess(
            members ->
                members.stream()
                    .filter(m -> m.relation().id().equals(rc.pathParam("relationId")))
                    .findFirst()
                    .ifPresentOrElse(
                        m -> Replies.ok(rc, Views.member(m)),
                        () -> rc.fail(Problem.of(ProblemKind.NOT_FOUND))))
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
