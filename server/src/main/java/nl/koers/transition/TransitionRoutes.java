package nl.koers.transition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import nl.koers.circle.CircleViews;
import nl.koers.circle.YouthRecords;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.security.Caller;

/** The transition checklist, the steady contact, extended care and the warm handovers. */
public final class TransitionRoutes {

  private final Transitions transitions;
  private final Checklists checklists;
  private final Handovers handovers;
  private final ExtendedCare extendedCare;

  public TransitionRoutes(
      Transitions transitions,
      Checklists checklists,
      Handovers handovers,
      ExtendedCare extendedCare) {
    this.transitions = transitions;
    this.checklists = checklists;
    this.handovers = handovers;
    this.extendedCare = extendedCare;
  }

  public void getExtendedCare(RoutingContext rc) {
    extendedCare
        .read(Callers.of(rc), Requests.youthId(rc))
        .onComplete(
            done -> {
              if (done.succeeded()
                  && ConditionalRequests.answeredNotModified(rc, done.result().version())) {
                return;
              }
              Replies.ok(rc, (ExtendedCare.Status status) -> tagged(rc, status)).handle(done);
            });
  }

  public void putExtendedCare(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    extendedCare
        .decide(
            Callers.of(rc),
            Requests.youthId(rc),
            new ExtendedCare.Decision(
                body.getBoolean("extended"),
                Optional.ofNullable(body.getString("kind")),
                Optional.ofNullable(body.getInteger("untilAge"))),
            ConditionalRequests.expectedVersion(rc))
        .onComplete(Replies.ok(rc, status -> tagged(rc, status)));
  }

  public void recordHandover(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    handovers
        .record(
            caller,
            Requests.youthId(rc),
            plan(Requests.body(rc)),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            recorded ->
                Replies.created(
                    rc,
                    rc.request().path() + "/" + recorded.handover().id(),
                    json(recorded.handover())
                        .put(
                            "invite",
                            new JsonObject()
                                .put("code", recorded.code())
                                .put("link", recorded.link())
                                .put(
                                    "expiresAt",
                                    recorded.handover().inviteExpiresAt().toString()))))
        .onFailure(rc::fail);
  }

  public void acceptHandoverInvite(RoutingContext rc) {
    handovers
        .accept(Callers.of(rc), rc.pathParam("code"))
        .onComplete(Replies.ok(rc, handover -> json(handover)));
  }

  public void getHandoverAsContact(RoutingContext rc) {
    handovers
        .readAsContact(Callers.of(rc), rc.pathParam("handoverId"))
        .onComplete(Replies.ok(rc, handover -> json(handover)));
  }

  public void confirmHandoverAsAdultService(RoutingContext rc) {
    handovers
        .confirmAsContact(Callers.of(rc), rc.pathParam("handoverId"))
        .onComplete(Replies.ok(rc, handover -> json(handover)));
  }

  public void answerHandoverAsYouth(RoutingContext rc) {
    handovers
        .answer(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("handoverId"),
            Requests.body(rc).getBoolean("met"))
        .onComplete(Replies.ok(rc, handover -> json(handover)));
  }

  public void getHandovers(RoutingContext rc) {
    handovers
        .list(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.items(rc, handover -> json(handover)));
  }

  public void confirmHandover(RoutingContext rc) {
    handovers
        .confirm(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("handoverId"),
            Handovers.Side.valueOf(Requests.body(rc).getString("side")))
        .onComplete(Replies.ok(rc, handover -> json(handover)));
  }

  public void getChecklist(RoutingContext rc) {
    checklists
        .read(Callers.of(rc), Requests.youthId(rc))
        .onComplete(
            done -> {
              if (done.succeeded()
                  && ConditionalRequests.answeredNotModified(rc, checklistTag(done.result()))) {
                return;
              }
              Replies.ok(rc, (Checklists.Checklist checklist) -> tagged(rc, checklist))
                  .handle(done);
            });
  }

  public void updateChecklistItem(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    checklists
        .update(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("itemId"),
            Optional.ofNullable(body.getString("ownerId")),
            Optional.ofNullable(body.getBoolean("done")),
            ConditionalRequests.expectedVersion(rc) / DAYS)
        .onComplete(Replies.ok(rc, checklist -> tagged(rc, checklist)));
  }

  /** The extended-care view, with the decision's version as the ETag. */
  private static JsonObject tagged(RoutingContext rc, ExtendedCare.Status status) {
    ConditionalRequests.tag(rc, status.version());
    return json(status);
  }

  /** Room in a checklist's tag for the day it is seen on (epoch days stay far below). */
  static final long DAYS = 1_000_000L;

  /**
   * The checklist's tag: its version and the day, since an item turns overdue overnight without a
   * write (a read of yesterday is not today's). A write counts only the version.
   */
  private static long checklistTag(Checklists.Checklist checklist) {
    return checklist.version() * DAYS + checklist.asOf().toEpochDay();
  }

  /** The checklist's view, with its tag as the ETag. */
  private static JsonObject tagged(RoutingContext rc, Checklists.Checklist checklist) {
    ConditionalRequests.tag(rc, checklistTag(checklist));
    return json(checklist);
  }

  public void getSteadyContact(RoutingContext rc) {
    transitions
        .steadyContact(Callers.of(rc), Requests.youthId(rc))
        .onComplete(
            Replies.ok(
                rc,
                steady ->
                    steady
                        .map(TransitionRoutes::json)
                        .orElseGet(() -> new JsonObject().putNull("personId"))));
  }

  public void nameSteadyContact(RoutingContext rc) {
    transitions
        .nameSteadyContact(
            Callers.of(rc), Requests.youthId(rc), Requests.body(rc).getString("personId"))
        .onComplete(Replies.ok(rc, steady -> json(steady)));
  }

  public void confirmSteadyContact(RoutingContext rc) {
    transitions
        .confirmSteadyContact(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.ok(rc, steady -> json(steady)));
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getExtendedCare", this::getExtendedCare)
        .on("putExtendedCare", this::putExtendedCare)
        .on("recordHandover", this::recordHandover)
        .on("getHandovers", this::getHandovers)
        .on("confirmHandover", this::confirmHandover)
        .on("acceptHandoverInvite", this::acceptHandoverInvite)
        .on("getHandoverAsContact", this::getHandoverAsContact)
        .on("confirmHandoverAsAdultService", this::confirmHandoverAsAdultService)
        .on("answerHandoverAsYouth", this::answerHandoverAsYouth)
        .on("getTransitionChecklist", this::getChecklist)
        .on("updateChecklistItem", this::updateChecklistItem)
        .on("getSteadyContact", this::getSteadyContact)
        .on("nameSteadyContact", this::nameSteadyContact)
        .on("confirmSteadyContact", this::confirmSteadyContact);
  }

  private static Handovers.Plan plan(JsonObject body) {
    JsonObject contact = body.getJsonObject("contact");
    return new Handovers.Plan(
        body.getString("kind"),
        new Handovers.Contact(
            contact.getString("name"),
            contact.getString("organisation"),
            Optional.ofNullable(contact.getString("phone")),
            Optional.ofNullable(contact.getString("email"))),
        body.getString("meetingDate"));
  }

  private static JsonObject json(Handovers.Handover handover) {
    Handovers.Contact contact = handover.contact();
    JsonObject contactJson =
        new JsonObject().put("name", contact.name()).put("organisation", contact.organisation());
    contact.phone().ifPresent(phone -> contactJson.put("phone", phone));
    contact.email().ifPresent(email -> contactJson.put("email", email));
    return new JsonObject()
        .put("id", handover.id())
        .put("kind", handover.kind())
        .put("contact", contactJson)
        .put("meetingDate", handover.meetingDate())
        .put("youthCareConfirmedAt", text(handover.youthCareConfirmedAt()))
        .put("adultServicesConfirmedAt", text(handover.adultServicesConfirmedAt()))
        .put("adultContactId", handover.adultContactId().orElse(null))
        .put(
            "youthAnswer",
            handover
                .youthAnswer()
                .map(a -> new JsonObject().put("met", a.met()).put("at", a.at().toString()))
                .orElse(null))
        .put("complete", handover.complete());
  }

  private static JsonObject json(Checklists.Checklist checklist) {
    JsonArray items = new JsonArray();
    for (Checklists.Entry item : checklist.items()) {
      items.add(
          new JsonObject()
              .put("id", item.id())
              .put("title", new JsonObject(new LinkedHashMap<String, Object>(item.title())))
              .put("dueDate", item.dueDate().toString())
              .put("ownerId", item.ownerId().orElse(null))
              .put("doneAt", text(item.doneAt()))
              .put("overdue", item.overdue()));
    }
    return new JsonObject()
        .put("youthId", checklist.youthId())
        .put("eighteenthBirthday", checklist.eighteenthBirthday().toString())
        .put("items", items);
  }

  private static JsonObject json(ExtendedCare.Status status) {
    JsonArray followUps = new JsonArray();
    status.followUps().forEach(day -> followUps.add(day.toString()));
    JsonObject json =
        new JsonObject()
            .put("youthId", status.youthId())
            .put("regionHorizonAge", status.regionHorizonAge())
            .put("careEndsOn", status.careEndsOn().toString())
            .put("followUps", followUps);
    status
        .decision()
        .ifPresentOrElse(
            d -> json.put("decision", CircleViews.extendedCareDecision(d)),
            () -> json.putNull("decision"));
    return json;
  }

  private static JsonObject json(YouthRecords.SteadyContact steady) {
    return new JsonObject()
        .put("personId", steady.personId())
        .put("namedAt", steady.namedAt().toString())
        .put("confirmedAt", text(steady.confirmedAt()))
        .put("changes", steady.changes());
  }

  private static String text(Optional<Instant> at) {
    return at.map(Instant::toString).orElse(null);
  }
}
