package nl.koers.region;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;

/** A region's settings: its roster of safety contacts. */
public final class RegionRoutes {

  private final SafetyContacts contacts;

  public RegionRoutes(SafetyContacts contacts) {
    this.contacts = contacts;
  }

  /** The region's safety-contact roster, for its admin. */
  public void getSafetyContacts(RoutingContext rc) {
    String regionId = rc.pathParam("regionId");
    contacts
        .list(Callers.of(rc), regionId)
        .onComplete(
            Replies.ok(
                rc,
                read -> {
                  // On-duty-now changes with time alone: the tag is the version and the content.
                  ConditionalRequests.contentOfVersion(rc, read.version());
                  return roster(regionId, read.listed());
                }));
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
        .replace(Callers.of(rc), regionId, members, ConditionalRequests.expectedVersion(rc))
        .onComplete(
            Replies.ok(
                rc,
                read -> {
                  ConditionalRequests.tag(rc, read.version());
                  return roster(regionId, read.listed());
                }));
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

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getSafetyContacts", this::getSafetyContacts)
        .on("putSafetyContacts", this::putSafetyContacts);
  }
}
