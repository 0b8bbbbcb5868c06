package nl.koers.feedback;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.koers.circle.SafetyRoster;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.security.Caller;

/** Safety signals, and each region's roster of safety contacts. */
public final class SafetyRoutes {

  private final SafetySignals signals;
  private final SafetyContacts contacts;

  public SafetyRoutes(SafetySignals signals, SafetyContacts contacts) {
    this.signals = signals;
    this.contacts = contacts;
  }

  public void raiseSafetySignal(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    JsonObject body = Requests.body(rc);
    String youthId = Requests.youthId(rc);
    signals
        .raise(
            caller,
            youthId,
            Optional.ofNullable(body.getString("text")).filter(t -> !t.isBlank()),
            body.getBoolean("mayCallMe"),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            signal ->
                Replies.created(
                    rc,
                    "/v1/youth/" + youthId + "/safety-signals/" + signal.getString("id"),
                    signal.put("acknowledgement", Language.of(rc).text("safety.acknowledgement"))))
        .onFailure(rc::fail);
  }

  public void getSafetySignals(RoutingContext rc) {
    signals
        .list(Callers.of(rc), Requests.youthId(rc))
        .onSuccess(
            found ->
                Replies.ok(
                    rc,
                    new JsonObject()
                        .put(
                            "items",
                            new JsonArray(found.stream().map(s -> worded(rc, s)).toList()))))
        .onFailure(rc::fail);
  }

  public void getSafetySignal(RoutingContext rc) {
    signals
        .one(Callers.of(rc), Requests.youthId(rc), rc.pathParam("signalId"))
        .onSuccess(signal -> Replies.ok(rc, worded(rc, signal)))
        .onFailure(rc::fail);
  }

  public void closeSafetySignal(RoutingContext rc) {
    signals
        .close(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("signalId"),
            Requests.body(rc).getString("note"))
        .onSuccess(signal -> Replies.ok(rc, worded(rc, signal)))
        .onFailure(rc::fail);
  }

  public void answerSafetyFollowUp(RoutingContext rc) {
    signals
        .answerFollowUp(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("signalId"),
            Requests.body(rc).getBoolean("saferNow"))
        .onSuccess(signal -> Replies.ok(rc, worded(rc, signal)))
        .onFailure(rc::fail);
  }

  public void pickUpSafetySignal(RoutingContext rc) {
    signals
        .pickUp(Callers.of(rc), Requests.youthId(rc), rc.pathParam("signalId"))
        .onSuccess(signal -> Replies.ok(rc, worded(rc, signal)))
        .onFailure(rc::fail);
  }

  /** The region's safety-contact roster, for its admin. */
  public void getSafetyContacts(RoutingContext rc) {
    String regionId = rc.pathParam("regionId");
    contacts
        .list(Callers.of(rc), regionId)
        .onSuccess(listed -> Replies.ok(rc, roster(regionId, listed)))
        .onFailure(rc::fail);
  }

  /** The region admin replaces the roster; only professionals of the region may be on it. */
  public void putSafetyContacts(RoutingContext rc) {
    String regionId = rc.pathParam("regionId");
    List<SafetyRoster.Member> members = new ArrayList<>();
    for (Object entry : Requests.body(rc).getJsonArray("contacts")) {
      JsonObject contact = (JsonObject) entry;
      List<SafetyRoster.DutyWindow> windows = new ArrayList<>();
      for (Object w : contact.getJsonArray("dutyWindows", new JsonArray())) {
        JsonObject window = (JsonObject) w;
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        window.getJsonArray("weekdays").forEach(d -> days.add(DayOfWeek.valueOf((String) d)));
        windows.add(
            new SafetyRoster.DutyWindow(
                days,
                LocalTime.parse(window.getString("from")),
                LocalTime.parse(window.getString("until"))));
      }
      members.add(new SafetyRoster.Member(contact.getString("personId"), windows));
    }
    contacts
        .replace(Callers.of(rc), regionId, members)
        .onSuccess(listed -> Replies.ok(rc, roster(regionId, listed)))
        .onFailure(rc::fail);
  }

  private static JsonObject roster(String regionId, List<SafetyContacts.Listed> listed) {
    JsonArray items = new JsonArray();
    for (SafetyContacts.Listed entry : listed) {
      JsonArray windows = new JsonArray();
      for (SafetyRoster.DutyWindow window : entry.member().duty()) {
        windows.add(
            new JsonObject()
                .put(
                    "weekdays", new JsonArray(window.days().stream().map(DayOfWeek::name).toList()))
                .put("from", window.from().toString())
                .put("until", window.until().toString()));
      }
      items.add(
          new JsonObject()
              .put("personId", entry.member().personId())
              .put("name", entry.name())
              .put("dutyWindows", windows)
              .put("onDutyNow", entry.onDutyNow()));
    }
    return new JsonObject().put("regionId", regionId).put("contacts", items);
  }

  /** Who picked the signal up, in words for the young person ("Iemand is ermee bezig: Joris."). */
  private static JsonObject worded(RoutingContext rc, JsonObject signal) {
    JsonObject pickedUp = signal.getJsonObject("pickedUp");
    if (pickedUp != null) {
      pickedUp.put(
          "message", Language.of(rc).text("safety.picked-up", pickedUp.getString("firstName")));
    }
    return signal;
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("raiseSafetySignal", this::raiseSafetySignal)
        .on("getSafetySignals", this::getSafetySignals)
        .on("getSafetySignal", this::getSafetySignal)
        .on("pickUpSafetySignal", this::pickUpSafetySignal)
        .on("closeSafetySignal", this::closeSafetySignal)
        .on("answerSafetyFollowUp", this::answerSafetyFollowUp)
        .on("getSafetyContacts", this::getSafetyContacts)
        .on("putSafetyContacts", this::putSafetyContacts);
  }
}
