package nl.koers.support;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.security.Caller;
import nl.koers.support.SupportRequest.Member;

/** Carers asking for support, its holder answering, and the region admin's view of late ones. */
public final class SupportRoutes {

  private final CarerSupport support;

  SupportRoutes(CarerSupport support) {
    this.support = support;
  }

  public void requestCarerSupport(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    JsonObject body = Requests.body(rc);
    String youthId = Requests.youthId(rc);
    support
        .request(
            caller,
            youthId,
            SupportRequest.Topic.valueOf(body.getString("topic")),
            SupportRequest.Urgency.valueOf(body.getString("urgency")),
            body.getString("text"),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            seen ->
                Replies.created(
                    rc,
                    "/v1/youth/" + youthId + "/carer-support/" + seen.request().id(),
                    request(seen)))
        .onFailure(rc::fail);
  }

  public void listCarerSupport(RoutingContext rc) {
    support
        .list(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.items(rc, SupportRoutes::request));
  }

  public void getCarerSupport(RoutingContext rc) {
    support
        .one(Callers.of(rc), Requests.youthId(rc), rc.pathParam("supportId"))
        .onComplete(Replies.ok(rc, SupportRoutes::request));
  }

  public void answerCarerSupport(RoutingContext rc) {
    support
        .answer(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("supportId"),
            Requests.body(rc).getString("text"))
        .onComplete(Replies.ok(rc, SupportRoutes::request));
  }

  /** The region admin's list in one state (default: escalated). */
  public void listRegionSupportRequests(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    String state = rc.request().getParam("state");
    support
        .regionList(
            Callers.of(rc),
            rc.pathParam("regionId"),
            SupportRequest.State.valueOf(state == null ? "ESCALATED" : state),
            page)
        .onComplete(Replies.ok(rc, found -> found.toJson(SupportRoutes::regionRequest)));
  }

  public void getRegionSupportRequest(RoutingContext rc) {
    support
        .regionOne(Callers.of(rc), rc.pathParam("regionId"), rc.pathParam("supportId"))
        .onComplete(
            Replies.ok(
                rc,
                seen -> {
                  // Days overdue change with time alone: the tag is the version and the content.
                  ConditionalRequests.contentOfVersion(rc, seen.request().version());
                  return regionRequest(seen);
                }));
  }

  /** The region admin gives a request to another professional of the region. */
  public void reassignSupportRequest(RoutingContext rc) {
    support
        .reassign(
            Callers.of(rc),
            rc.pathParam("regionId"),
            rc.pathParam("supportId"),
            Requests.body(rc).getString("personId"),
            ConditionalRequests.expectedVersion(rc))
        .onComplete(
            Replies.ok(
                rc,
                seen -> {
                  ConditionalRequests.tag(rc, seen.request().version());
                  return regionRequest(seen);
                }));
  }

  private static JsonObject request(CarerSupport.Seen seen) {
    SupportRequest request = seen.request();
    Map<String, String> names = seen.names();
    return new JsonObject()
        .put("id", request.id())
        .put("youthId", request.youthId())
        .put("topic", request.topic().name())
        .put("urgency", request.urgency().name())
        .put("text", request.text())
        .put("state", request.state().name())
        .put("requester", person(request.requester(), names))
        .put("holder", request.holder().map(h -> person(h, names)).orElse(null))
        .put("requestedAt", request.requestedAt().toString())
        .put("dueAt", request.dueAt().toString())
        .put("escalatedAt", request.escalatedAt().map(Instant::toString).orElse(null))
        .put(
            "answer",
            request
                .answer()
                .map(
                    a ->
                        new JsonObject()
                            .put("text", a.text())
                            .put("at", a.at().toString())
                            .put("by", person(a.by(), names)))
                .orElse(null));
  }

  private static JsonObject regionRequest(CarerSupport.RegionSeen seen) {
    SupportRequest request = seen.request();
    return new JsonObject()
        .put("id", request.id())
        .put("regionId", request.regionId())
        .put("topic", request.topic().name())
        .put("urgency", request.urgency().name())
        .put("state", request.state().name())
        .put("requesterKind", request.requester().kind())
        .put("ageBand", seen.ageBand())
        .put("organisation", seen.organisation().orElse(null))
        .put(
            "holder",
            request
                .holder()
                .map(
                    h ->
                        new JsonObject()
                            .put("id", h.personId())
                            .put("name", seen.holderName().orElse(""))
                            .put("kind", h.kind()))
                .orElse(null))
        .put("requestedAt", request.requestedAt().toString())
        .put("dueAt", request.dueAt().toString())
        .put("daysOverdue", seen.daysOverdue())
        .put("escalatedAt", request.escalatedAt().map(Instant::toString).orElse(null))
        .put("answeredAt", request.answer().map(a -> a.at().toString()).orElse(null));
  }

  private static JsonObject person(Member member, Map<String, String> names) {
    return new JsonObject()
        .put("id", member.personId())
        .put("name", Optional.ofNullable(names.get(member.personId())).orElse(""))
        .put("kind", member.kind());
  }

  /** The operations these routes answer, by the contract's operation id. */
  Operations operations() {
    return Operations.of()
        .on("requestCarerSupport", this::requestCarerSupport)
        .on("listCarerSupport", this::listCarerSupport)
        .on("getCarerSupport", this::getCarerSupport)
        .on("answerCarerSupport", this::answerCarerSupport)
        .on("listRegionSupportRequests", this::listRegionSupportRequests)
        .on("getRegionSupportRequest", this::getRegionSupportRequest)
        .on("reassignSupportRequest", this::reassignSupportRequest);
  }
}
