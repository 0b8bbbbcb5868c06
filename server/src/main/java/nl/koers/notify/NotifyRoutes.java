package nl.koers.notify;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.koers.identity.People;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/** Devices, the inbox, notification preferences, and dev mode's test pushes. */
public final class NotifyRoutes {

  private final Devices devices;
  private final Inbox inbox;
  private final Preferences preferences;
  private final People people;
  private final Optional<DevOutbox> devOutbox;
  private final Clock clock;

  public NotifyRoutes(
      Devices devices,
      Inbox inbox,
      Preferences preferences,
      People people,
      Optional<DevOutbox> devOutbox,
      Clock clock) {
    this.devices = devices;
    this.inbox = inbox;
    this.preferences = preferences;
    this.people = people;
    this.devOutbox = devOutbox;
    this.clock = clock;
  }

  public void registerDevice(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    JsonObject body = Requests.body(rc);
    devices
        .register(
            caller.personId(),
            caller.sessionId(),
            body.getString("token"),
            body.getString("platform"),
            body.getString("appVersion"),
            body.getString("locale"))
        .onComplete(
            Replies.ok(
                rc,
                device ->
                    new JsonObject()
                        .put("id", device.id())
                        .put("platform", device.platform())
                        .put("appVersion", device.appVersion())
                        .put("locale", device.locale())
                        .put("refreshedAt", device.refreshedAt().toString())));
  }

  public void removeDevice(RoutingContext rc) {
    devices
        .remove(Callers.of(rc).personId(), rc.pathParam("deviceId"))
        .onSuccess(
            removed -> {
              if (removed) {
                Replies.noContent(rc);
              } else {
                rc.fail(Problem.of(CommonProblem.NOT_FOUND));
              }
            })
        .onFailure(rc::fail);
  }

  public void getNotifications(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    inbox
        .of(Callers.of(rc).personId(), page)
        .onComplete(Replies.ok(rc, found -> found.toJson(NotifyRoutes::item)));
  }

  public void markNotificationRead(RoutingContext rc) {
    inbox
        .markRead(Callers.of(rc).personId(), rc.pathParam("notificationId"))
        .onComplete(Replies.ok(rc, item -> item(item)));
  }

  public void getNotificationPreferences(RoutingContext rc) {
    preferences
        .of(Callers.of(rc).personId())
        .onComplete(Replies.ok(rc, settings -> preferencesJson(settings)));
  }

  public void putNotificationPreferences(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    JsonObject types = body.getJsonObject("types", new JsonObject());
    if (!types.getBoolean(NotificationType.SAFETY.name(), true)) {
      // The contract says "must be true" in words (a const boolean breaks generated clients).
      rc.fail(
          Problem.invalid(
              List.of(new Problem.FieldError("body", "SAFETY", "/types/SAFETY", "field.enum"))));
      return;
    }
    Set<NotificationType> off = EnumSet.noneOf(NotificationType.class);
    for (NotificationType type : NotificationType.values()) {
      if (!type.urgent() && !types.getBoolean(type.name(), true)) {
        off.add(type);
      }
    }
    JsonObject quiet = body.getJsonObject("quietHours");
    Preferences.Settings settings =
        new Preferences.Settings(
            off,
            LocalTime.parse(quiet.getString("start")),
            LocalTime.parse(quiet.getString("end")));
    preferences
        .save(Callers.of(rc).personId(), settings)
        .onComplete(Replies.ok(rc, saved -> preferencesJson(saved)));
  }

  private static JsonObject item(Inbox.Item item) {
    return new JsonObject()
        .put("id", item.id())
        .put("type", item.type().name())
        .put("resource", item.resource())
        .put("createdAt", item.createdAt().toString())
        .put("readAt", item.readAt().map(Object::toString).orElse(null));
  }

  private static JsonObject preferencesJson(Preferences.Settings settings) {
    JsonObject types = new JsonObject();
    for (NotificationType type : NotificationType.values()) {
      types.put(type.name(), settings.wants(type));
    }
    return new JsonObject()
        .put("types", types)
        .put(
            "quietHours",
            new JsonObject()
                .put("start", settings.quietFrom().toString())
                .put("end", settings.quietUntil().toString()))
        .put("timeZone", Preferences.ZONE.getId());
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("registerDevice", this::registerDevice)
        .on("removeDevice", this::removeDevice)
        .on("getNotifications", this::getNotifications)
        .on("markNotificationRead", this::markNotificationRead)
        .on("getNotificationPreferences", this::getNotificationPreferences)
        .on("putNotificationPreferences", this::putNotificationPreferences);
  }
}
