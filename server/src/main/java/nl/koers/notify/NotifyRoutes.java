package nl.koers.notify;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import nl.koers.identity.People;
import nl.koers.platform.config.AppVersion;
import nl.koers.platform.config.AppVersions;
import nl.koers.platform.http.AppVersionGate;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Language;
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
  private final AppVersions appVersions;

  public NotifyRoutes(
      Devices devices,
      Inbox inbox,
      Preferences preferences,
      People people,
      Optional<DevOutbox> devOutbox,
      Clock clock,
      AppVersions appVersions) {
    this.devices = devices;
    this.inbox = inbox;
    this.preferences = preferences;
    this.people = people;
    this.devOutbox = devOutbox;
    this.clock = clock;
    this.appVersions = appVersions;
  }

  public void registerDevice(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    JsonObject body = Requests.body(rc);
    // The contract checked the form; an app below the minimum gets no pushes: it must update.
    String appVersion = body.getString("appVersion");
    if (AppVersion.parse(appVersion).map(appVersions::refuses).orElse(true)) {
      rc.fail(AppVersionGate.updateRequired(appVersions, appVersion));
      return;
    }
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
    Language language = Language.of(rc);
    inbox
        .of(Callers.of(rc).personId(), "true".equals(rc.request().getParam("unread")), page)
        .onComplete(Replies.ok(rc, found -> found.toJson(item -> item(item, language))));
  }

  public void markNotificationRead(RoutingContext rc) {
    Language language = Language.of(rc);
    inbox
        .markRead(Callers.of(rc).personId(), rc.pathParam("notificationId"))
        .onComplete(Replies.ok(rc, item -> item(item, language)));
  }

  public void getNotificationPreferences(RoutingContext rc) {
    preferences
        .versioned(Callers.of(rc).personId())
        .onComplete(
            Replies.ok(
                rc,
                versioned -> {
                  ConditionalRequests.contentOfVersion(rc, versioned.version());
                  return preferencesJson(versioned.settings());
                }));
  }

  public void putNotificationPreferences(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    JsonObject types = body.getJsonObject("types", new JsonObject());
    // The contract let through only known types, each a boolean.
    Map<NotificationType, Boolean> chosen = new EnumMap<>(NotificationType.class);
    types.forEach(
        entry -> chosen.put(NotificationType.valueOf(entry.getKey()), (Boolean) entry.getValue()));
    JsonObject quiet = body.getJsonObject("quietHours");
    Preferences.Settings settings;
    try {
      settings =
          Preferences.Settings.chosen(
              chosen,
              LocalTime.parse(quiet.getString("start")),
              LocalTime.parse(quiet.getString("end")));
    } catch (Problem refused) {
      rc.fail(refused);
      return;
    }
    preferences
        .save(Callers.of(rc).personId(), settings, ConditionalRequests.expectedVersion(rc))
        .onComplete(
            Replies.ok(
                rc,
                saved -> {
                  ConditionalRequests.tag(rc, saved.version());
                  return preferencesJson(saved.settings());
                }));
  }

  private static JsonObject item(Inbox.Item item, Language language) {
    JsonObject json =
        new JsonObject()
            .put("id", item.id())
            .put("type", item.type().name())
            .put("resource", item.resource())
            .put("createdAt", item.createdAt().toString())
            .put("readAt", item.readAt().map(Object::toString).orElse(null));
    item.milestone().ifPresent(m -> json.put("milestone", m));
    item.words().ifPresent(words -> json.put("message", message(words, language)));
    return json;
  }

  /**
   * A milestone notification's words as the contract's {@code NotificationMessage}, in {@code
   * language}: the inbox and the change feed say the same.
   */
  public static JsonObject message(MilestoneWords.Words words, Language language) {
    Object[] args = words.args().toArray();
    return new JsonObject()
        .put("title", language.text(words.titleKey(), args))
        .put("text", language.text(words.textKey(), args));
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
