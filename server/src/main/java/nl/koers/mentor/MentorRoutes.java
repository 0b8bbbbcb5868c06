package nl.koers.mentor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Scope;
import nl.koers.mentor.Nomination.CheckIn;
import nl.koers.mentor.Nomination.ParentAgreement;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.problem.Problem;
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
            invite ->
                Replies.created(
                    rc,
                    "/v1/youth/" + youthId + "/mentor/nominations/" + invite.nomination().id(),
                    nomination(invite.nomination())
                        .put("code", invite.code())
                        .put("link", invite.link())))
        .onFailure(rc::fail);
  }

  public void getMentorNominations(RoutingContext rc) {
    mentors
        .list(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.items(rc, MentorRoutes::seen));
  }

  public void withdrawMentorNomination(RoutingContext rc) {
    mentors
        .withdraw(Callers.of(rc), Requests.youthId(rc), rc.pathParam("nominationId"))
        .onComplete(Replies.ok(rc, nomination -> nomination(nomination)));
  }

  public void acceptMentorInvite(RoutingContext rc) {
    if (!Requests.body(rc).getBoolean("acceptTerms", false)) {
      // The contract says "must be true" in words (a const boolean breaks generated clients).
      rc.fail(
          Problem.invalid(
              List.of(
                  new Problem.FieldError("body", "acceptTerms", "/acceptTerms", "field.enum"))));
      return;
    }
    mentors
        .accept(Callers.of(rc), rc.pathParam("code"))
        .onComplete(Replies.ok(rc, nomination -> nomination(nomination)));
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
        .onComplete(Replies.ok(rc, seen -> seen(seen)));
  }

  public void confirmMentor(RoutingContext rc) {
    mentors
        .confirm(Callers.of(rc), Requests.youthId(rc), rc.pathParam("nominationId"))
        .onComplete(Replies.ok(rc, nomination -> nomination(nomination)));
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
        .setScopes(
            Callers.of(rc), Requests.youthId(rc), scopes, ConditionalRequests.expectedVersion(rc))
        .onComplete(
            Replies.ok(
                rc,
                saved -> {
                  // The JIM's relation is part of the circle: the circle's version is the tag.
                  ConditionalRequests.tag(rc, saved.circleVersion());
                  return new JsonObject()
                      .put(
                          "scopes",
                          new JsonArray(
                              saved.relation().scopes().stream()
                                  .sorted()
                                  .map(Scope::wire)
                                  .toList()));
                }));
  }

  public void checkInAsMentor(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    mentors
        .checkIn(
            Callers.of(rc),
            Requests.youthId(rc),
            body.getInteger("score"),
            Optional.ofNullable(body.getString("text")))
        .onSuccess(checkIn -> Replies.created(rc, rc.request().path(), checkIn(checkIn)))
        .onFailure(rc::fail);
  }

  public void replyToMentorCheckIn(RoutingContext rc) {
    mentors
        .replyToCheckIn(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("checkInId"),
            Requests.body(rc).getString("text"))
        .onComplete(Replies.ok(rc, MentorRoutes::checkIn));
  }

  public void getMentorCheckIns(RoutingContext rc) {
    mentors
        .checkIns(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.items(rc, MentorRoutes::checkIn));
  }

  /** A parent sees a nomination's first name, relation and status, and their agreement; no more. */
  private static JsonObject seen(Mentors.Seen seen) {
    Nomination nomination = seen.nomination();
    if (!seen.byParent()) {
      return nomination(nomination);
    }
    return new JsonObject()
        .put("id", nomination.id())
        .put("firstName", nomination.firstName())
        .put("relation", nomination.relation())
        .put("status", nomination.status().name())
        .put(
            "parentAgreed", nomination.parentAgreement().map(ParentAgreement::agreed).orElse(null));
  }

  private static JsonObject nomination(Nomination nomination) {
    Optional<ParentAgreement> agreement = nomination.parentAgreement();
    return new JsonObject()
        .put("id", nomination.id())
        .put("youthId", nomination.youthId())
        .put("firstName", nomination.firstName())
        .put("relation", nomination.relation())
        .put("status", nomination.status().name())
        .put("expiresAt", nomination.expiresAt().toString())
        .put("mentorId", nomination.mentorId().orElse(null))
        .put("parentAgreed", agreement.map(ParentAgreement::agreed).orElse(null))
        .put("parentAgreement", agreement.map(MentorRoutes::agreement).orElse(null))
        .put("confirmedAt", nomination.confirmedAt().map(Instant::toString).orElse(null));
  }

  /**
   * Who decided (a parent, or the guardian through the case coordinator), and the guardian's why.
   */
  private static JsonObject agreement(ParentAgreement agreement) {
    return new JsonObject()
        .put("agreed", agreement.agreed())
        .put("decidedBy", agreement.decidedBy().name())
        .put("guardianName", agreement.guardian().map(ConsentLog.Guardian::name).orElse(null))
        .put("reason", agreement.guardian().map(ConsentLog.Guardian::reason).orElse(null))
        .put("at", agreement.at().toString());
  }

  private static JsonObject checkIn(CheckIn checkIn) {
    return new JsonObject()
        .put("id", checkIn.id())
        .put("at", checkIn.at().toString())
        .put("score", checkIn.score())
        .put("text", checkIn.text().orElse(null))
        .put(
            "reply",
            checkIn
                .reply()
                .map(r -> new JsonObject().put("text", r.text()).put("at", r.at().toString()))
                .orElse(null));
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
        .on("getMentorCheckIns", this::getMentorCheckIns)
        .on("replyToMentorCheckIn", this::replyToMentorCheckIn);
  }
}
