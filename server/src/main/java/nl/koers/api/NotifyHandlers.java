package nl.koers.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.koers.circle.DemoRegion;
import nl.koers.identity.People;
import nl.koers.notify.DevOutbox;
import nl.koers.notify.Devices;
import nl.koers.notify.Inbox;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.notify.Preferences;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;
import nl.koers.platform.http.Replies;
import nl.koers.platform.paging.PageRequest;

/** Devices, the inbox, notification preferences, and dev mode's test pushes. */
public final class NotifyHandlers {

  private final Devices devices;
  private final Inbox inbox;
  private final Preferences preferences;
  private final People people;
  private final Optional<DevOutbox> devOutbox;
  private final Clock clock;

  public NotifyHandlers(
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
    Caller caller = Caller.of(rc);
    JsonObject body = SessionHandlers.body(rc);
    devices
        .register(
            caller.personId(),
            caller.sessionId(),
            body.getString("token"),
            body.getString("platform"),
            body.getString("appVersion"),
            body.getString("locale"))
        .onSuccess(
            device ->
                Replies.ok(
                    rc,
                    new JsonObject()
                        .put("id", device.id())
                        .put("platform", device.platform())
                        .put("appVersion", device.appVersion())
                        .put("locale", device.locale())
                        .put("refreshedAt", device.refreshedAt().toString())))
        .onFailure(rc::fail);
  }

  public void removeDevice(RoutingContext rc) {
    devices
        .remove(Caller.of(rc).personId(), rc.pathParam("deviceId"))
        .onSuccess(
            removed -> {
              if (removed) {
                rc.response().setStatusCode(204).end();
              } else {
                rc.fail(Problem.of(ProblemKind.NOT_FOUND));
              }
            })
        .onFailure(rc::fail);
  }

  public void getNotifications(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    inbox
        .of(Caller.of(rc).personId(), page)
        .onSuccess(found -> Replies.ok(rc, found.toJson(NotifyHandlers::item)))
        .onFailure(rc::fail);
  }

  public void markNotificationRead(RoutingContext rc) {
    inbox
        .markRead(Caller.of(rc).personId(), rc.pathParam("notificationId"))
        .onSuccess(item -> Replies.ok(rc, item(item)))
        .onFailure(rc::fail);
  }

  public void getNotificationPreferences(RoutingContext rc) {
    preferences
        .of(Caller.of(rc).personId())
        .onSuccess(settings -> Replies.ok(rc, preferencesJson(settings)))
        .onFailure(rc::fail);
  }

  public void putNotificationPreferences(RoutingContext rc) {
    JsonObject body = SessionHandlers.body(rc);
    JsonObject types = body.getJsonObject("types", new JsonObject());
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
        .save(Caller.of(rc).personId(), settings)
        .onSuccess(saved -> Replies.ok(rc, preferencesJson(saved)))
        .onFailure(rc::fail);
  }

  /** Dev mode: a test notification for a demo person, through the same outbox as real ones. */
  public void devNotify(RoutingContext rc) {
    String handle = SessionHandlers.body(rc).getString("person");
    if (!DemoRegion.HANDLES.contains(handle)) {
      rc.fail(Problem.of(ProblemKind.NOT_FOUND, "problem.not-found.demo-person"));
      return;
    }
    NotificationIntent intent =
        new NotificationIntent(
            UUID.randomUUID().toString(),
            NotificationType.TEST,
            DemoRegion.idOf(handle),
            Optional.empty(),
            "me/notifications",
            clock.instant());
    people
        .record(intent.recipientId(), intent.push())
        .onSuccess(
            recorded ->
                Replies.json(
                    rc,
                    202,
                    java.util.Map.of(),
                    new JsonObject().put("notificationId", intent.id())))
        .onFailure(rc::fail);
  }

  /** Dev mode: what would have gone to FCM, newest first. */
  public void getDevOutbox(RoutingContext rc) {
    JsonArray items = new JsonArray();
    devOutbox
        .map(DevOutbox::sent)
        .orElse(java.util.List.of())
        .forEach(
            sent ->
                items.add(
                    new JsonObject()
                        .put("at", sent.at().toString())
                        .put("request", sent.request())));
    Replies.ok(rc, new JsonObject().put("items", items));
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
}
