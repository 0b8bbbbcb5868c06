package nl.koers.transition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;

/**
 * What the caller owns ({@code /v1/me/tasks}): the list, one task, and marking it done. A task's
 * tag is its checklist's or plan's version with the day it is seen on, as the checklist's is (it
 * turns overdue overnight without a write).
 */
public final class TaskRoutes {

  private final Tasks tasks;

  TaskRoutes(Tasks tasks) {
    this.tasks = tasks;
  }

  public void getMyTasks(RoutingContext rc) {
    Language language = Language.of(rc);
    tasks
        .mine(Callers.of(rc))
        .onComplete(
            Replies.ok(
                rc,
                mine -> {
                  JsonArray items = new JsonArray();
                  mine.forEach(task -> items.add(json(task, language)));
                  return new JsonObject().put("items", items);
                }));
  }

  public void getMyTask(RoutingContext rc) {
    tasks
        .one(Callers.of(rc), rc.pathParam("taskId"))
        .onComplete(
            done -> {
              if (done.succeeded()
                  && ConditionalRequests.answeredNotModified(rc, tag(done.result()))) {
                return;
              }
              Replies.ok(rc, (Tasks.Task task) -> tagged(rc, task)).handle(done);
            });
  }

  public void updateMyTask(RoutingContext rc) {
    tasks
        .complete(
            Callers.of(rc),
            rc.pathParam("taskId"),
            Requests.body(rc).getBoolean("done"),
            ConditionalRequests.expectedVersion(rc) / TransitionRoutes.DAYS)
        .onComplete(Replies.ok(rc, task -> tagged(rc, task)));
  }

  private static long tag(Tasks.Task task) {
    return task.version() * TransitionRoutes.DAYS + task.asOf().toEpochDay();
  }

  private static JsonObject tagged(RoutingContext rc, Tasks.Task task) {
    ConditionalRequests.tag(rc, tag(task));
    return json(task, Language.of(rc));
  }

  private static JsonObject json(Tasks.Task task, Language language) {
    String title =
        task.title()
            .getOrDefault(language.locale().getLanguage(), task.title().values().iterator().next());
    return new JsonObject()
        .put("id", task.id())
        .put("kind", task.kind().name())
        .put(
            "youth",
            new JsonObject().put("id", task.youthId()).put("firstName", task.youthFirstName()))
        .put("title", title)
        .put("dueDate", task.dueDate().map(LocalDate::toString).orElse(null))
        .put("state", task.state())
        .put("overdue", task.overdue());
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getMyTasks", this::getMyTasks)
        .on("getMyTask", this::getMyTask)
        .on("updateMyTask", this::updateMyTask);
  }
}
