package nl.koers.circle;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import nl.koers.identity.Activations;
import nl.koers.identity.Sessions;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;

/** The JSON shapes of the contract, built from what the capabilities answer. */
public final class CircleViews {

  private CircleViews() {}

  /** A new session with who it is for, as sign-in, refresh and registration answer it. */
  public static Future<JsonObject> session(Circles circles, Sessions.Session session) {
    return circles
        .me(session.personId())
        .compose(
            me ->
                me.map(found -> Future.succeededFuture(session(session, found)))
                    .orElseGet(() -> Future.failedFuture(Problem.of(CommonProblem.UNAUTHORIZED))));
  }

  public static JsonObject session(Sessions.Session session, Circles.Me me) {
    return new JsonObject()
        .put("accessToken", session.accessToken())
        .put("refreshToken", session.refreshToken())
        .put("tokenType", "Bearer")
        .put("expiresIn", session.expiresIn())
        .put("person", me(me));
  }

  public static JsonObject me(Circles.Me me) {
    JsonObject json = new JsonObject().put("id", me.person().id());
    me.person().handle().ifPresent(handle -> json.put("handle", handle));
    return json.put("name", me.person().name())
        .put("roles", new JsonArray(me.roles().stream().sorted().map(Enum::name).toList()))
        .put(
            "regions",
            new JsonArray(
                me.person().regionRoles().stream()
                    .map(
                        r -> {
                          JsonObject region =
                              new JsonObject()
                                  .put("regionId", r.regionId())
                                  .put("role", r.role().name());
                          r.organisationId().ifPresent(o -> region.put("organisationId", o));
                          return region;
                        })
                    .toList()))
        .put(
            "circles",
            new JsonArray(
                me.circles().stream()
                    .map(
                        m ->
                            new JsonObject()
                                .put("youthId", m.youthId())
                                .put("kind", m.kind().name()))
                    .toList()));
  }

  public static JsonObject named(Circles.Named named) {
    return new JsonObject().put("id", named.id()).put("name", named.name());
  }

  public static JsonObject profile(Circles.ProfileCard card) {
    return new JsonObject()
        .put("id", card.youth().id())
        .put("firstName", card.youth().firstName())
        .put("ageBand", AgeRules.ageBand(card.age()))
        .put("jim", card.jim().map(CircleViews::named).orElse(null))
        .put("steadyContact", card.steadyContact().map(CircleViews::named).orElse(null))
        .mergeIn(readingLevel(card));
  }

  /** The reading level, on the young person's own card only. */
  private static JsonObject readingLevel(Circles.ProfileCard card) {
    JsonObject json = new JsonObject();
    card.readingLevel().ifPresent(level -> json.put("readingLevel", level.name()));
    return json;
  }

  public static JsonObject placement(Circles.Placement placement) {
    JsonObject extendedCare =
        new JsonObject().put("decisionDueOn", placement.decisionDueOn().toString());
    placement
        .decision()
        .ifPresentOrElse(
            d -> extendedCare.put("decision", extendedCareDecision(d)),
            () -> extendedCare.putNull("decision"));
    return new JsonObject()
        .put("youthId", placement.youth().id())
        .put("firstName", placement.youth().firstName())
        .put("ageBand", AgeRules.ageBand(placement.age()))
        .put("fosterParents", placed(placement.fosterParents()))
        .put("professionals", placed(placement.professionals()))
        .put("extendedCare", extendedCare);
  }

  /** A recorded extended-care decision, as the contract's {@code ExtendedCareDecided}. */
  public static JsonObject extendedCareDecision(YouthRecords.ExtendedCareDecision decision) {
    return new JsonObject()
        .put("extended", decision.extended())
        .put("kind", decision.kind().orElse(null))
        .put("untilAge", decision.untilAge())
        .put("decidedAt", decision.decidedAt().toString());
  }

  private static JsonArray placed(List<Circles.PlacedMember> members) {
    JsonArray placed = new JsonArray();
    members.forEach(
        m ->
            placed.add(
                new JsonObject()
                    .put("kind", m.relation().kind().name())
                    .put("person", named(m.person()))
                    .put("since", m.relation().since().toString())));
    return placed;
  }

  public static JsonObject adultConfirmation(Circles.AdultConfirmation confirmation) {
    return new JsonObject()
        .put("adultOn", confirmation.adultOn().toString())
        .put("due", confirmation.due())
        .put("confirmedAt", confirmation.confirmedAt().map(Instant::toString).orElse(null));
  }

  public static JsonObject member(Circles.Member member) {
    return new JsonObject()
        .put("id", member.relation().id())
        .put("kind", member.relation().kind().name())
        .put("person", named(member.person()))
        .put("since", member.relation().since().toString())
        .put("until", member.relation().until().map(Object::toString).orElse(null))
        .put(
            "scopes",
            new JsonArray(
                member.scopes().stream()
                    .sorted(Comparator.naturalOrder())
                    .map(Scope::wire)
                    .toList()))
        .put("status", member.status().name());
  }

  /** A line of the consent history: who decided, what, when, and the age band then. */
  public static JsonObject consent(Consents.Seen seen) {
    ConsentLog.Entry entry = seen.entry();
    return new JsonObject()
        .put("id", entry.id())
        .put("at", entry.at().toString())
        .put("ageBand", entry.ageBand())
        .put(
            "decidedBy",
            new JsonObject()
                .put("id", entry.deciderId())
                .put("firstName", seen.firstName())
                .put("capacity", entry.capacity()))
        .put("decision", entry.decision().name())
        .put("about", entry.about())
        .put("aboutKind", entry.aboutKind().map(Enum::name).orElse(null))
        .put("before", new JsonArray(entry.before()))
        .put("after", new JsonArray(entry.after()))
        .put(
            "guardian",
            entry
                .guardian()
                .map(g -> new JsonObject().put("name", g.name()).put("reason", g.reason()))
                .orElse(null));
  }

  public static JsonObject loggedAccess(Circles.LoggedAccess access) {
    return new JsonObject()
        .put("actor", named(access.actor()))
        .put("capacity", access.entry().capacity())
        .put("onBehalfOf", access.entry().onBehalfOf())
        .put("resource", access.entry().resource())
        .put("what", access.what())
        .put("action", access.entry().action().name())
        .put("at", access.entry().at().toString())
        .put("requestId", access.entry().requestId());
  }

  /** A case coordinator's relation, as the region admin who assigns them sees it. */
  public static JsonObject coordinator(Relation relation) {
    return new JsonObject()
        .put("relationId", relation.id())
        .put("professionalId", relation.personId())
        .put("since", relation.since().toString());
  }

  public static JsonObject caseCoordinator(String youthId, java.util.Optional<Relation> current) {
    return new JsonObject()
        .put("youthId", youthId)
        .put("coordinator", current.map(CircleViews::coordinator).orElse(null));
  }

  public static JsonObject activation(Activations.Code code) {
    return new JsonObject().put("code", code.code()).put("expiresAt", code.expiresAt().toString());
  }
}
