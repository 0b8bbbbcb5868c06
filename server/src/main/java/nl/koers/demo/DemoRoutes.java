package nl.koers.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import nl.koers.circle.CircleViews;
import nl.koers.circle.Circles;
import nl.koers.identity.People;
import nl.koers.identity.Sessions;
import nl.koers.notify.DevOutbox;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;

/**
 * Dev mode's own operations on the demo people: a session without Firebase, a test push through the
 * real outbox, and what would have gone to FCM. Only the demo module routes them, only in dev mode;
 * elsewhere they answer 404.
 */
public final class DemoRoutes {

  private final Sessions sessions;
  private final Circles circles;
  private final People people;
  private final Optional<DevOutbox> devOutbox;
  private final Clock clock;

  public DemoRoutes(
      Sessions sessions,
      Circles circles,
      People people,
      Optional<DevOutbox> devOutbox,
      Clock clock) {
    this.sessions = sessions;
    this.circles = circles;
    this.people = people;
    this.devOutbox = devOutbox;
    this.clock = clock;
  }

  /** Dev mode only: a session for a demo person, no Firebase needed. */
  public void createDevSession(RoutingContext rc) {
    String handle = Requests.body(rc).getString("person");
    if (!DemoRegion.HANDLES.contains(handle)) {
      rc.fail(Problem.of(CommonProblem.NOT_FOUND, "problem.not-found.demo-person"));
      return;
    }
    sessions
        .open(DemoRegion.idOf(handle))
        .compose(session -> CircleViews.session(circles, session))
        .onComplete(Replies.ok(rc, json -> json));
  }

  /** Dev mode: a test notification for a demo person, through the same outbox as real ones. */
  public void devNotify(RoutingContext rc) {
    String handle = Requests.body(rc).getString("person");
    if (!DemoRegion.HANDLES.contains(handle)) {
      rc.fail(Problem.of(CommonProblem.NOT_FOUND, "problem.not-found.demo-person"));
      return;
    }
    NotificationIntent intent =
        new NotificationIntent(
            UUID.randomUUID().toString(),
            NotificationType.valueOf(
                Requests.body(rc).getString("type", NotificationType.TEST.name())),
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

  /** The operations these routes answer (in dev mode; absent otherwise). */
  public Operations operations(boolean devMode) {
    return Operations.of()
        .onlyIf(devMode, "createDevSession", this::createDevSession)
        .onlyIf(devMode, "createDevNotification", this::devNotify)
        .onlyIf(devMode, "getDevOutbox", this::getDevOutbox);
  }
}
