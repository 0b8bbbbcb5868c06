package nl.koers.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import nl.koers.circle.AgeRules;

/**
 * When the owner of a plan action or a checklist item is told about it: due in 7 days ({@link
 * NotificationType#TASK_DUE_SOON}, from local midnight 7 days before the due date) and overdue
 * ({@link NotificationType#TASK_OVERDUE}, from local midnight after it), each once per owner and
 * due date. One rule for both kinds of item, so the plan and the checklist remind alike; each keeps
 * what it told in its own document and records the reminders in the same write.
 */
public final class TaskReminders {

  /** How long before its due date an item is "due soon". */
  public static final int DUE_SOON_DAYS = 7;

  /** An item someone owns and has not done, with a due date. */
  public record Owned(String taskId, String youthId, String ownerId, LocalDate dueDate) {}

  /**
   * A round's outcome for one document: what to tell now, the keys to remember as told, and when
   * the next reminder of these items comes (none: nothing ahead).
   */
  public record Round(
      List<NotificationIntent> told, List<String> toldKeys, Optional<Instant> next) {}

  private TaskReminders() {}

  /** A checklist item's task id (the path segment of {@code /v1/me/tasks/{taskId}}). */
  public static String checklistTaskId(String youthId, String itemId) {
    return "checklist." + youthId + "." + itemId;
  }

  /** A plan action's task id (the path segment of {@code /v1/me/tasks/{taskId}}). */
  public static String planTaskId(String youthId, String domain, String actionId) {
    return "plan." + youthId + "." + domain + "." + actionId;
  }

  /** Where an owner's notification about a task leads: the task, as its owner reads it. */
  public static String resource(String taskId) {
    return "me/tasks/" + taskId;
  }

  /**
   * What is due now of these items and was not told yet. Only the latest speaks (an item first seen
   * overdue is not also "due soon"); an owner who may not hear of it now is not told, and is not
   * remembered as told.
   */
  public static Round round(
      List<Owned> items, List<String> alreadyTold, Predicate<String> mayHear, Instant now) {
    List<NotificationIntent> told = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Optional<Instant> next = Optional.empty();
    for (Owned item : items) {
      String soonKey = key(item, NotificationType.TASK_DUE_SOON);
      String overdueKey = key(item, NotificationType.TASK_OVERDUE);
      Instant soon =
          item.dueDate().minusDays(DUE_SOON_DAYS).atStartOfDay(AgeRules.ZONE).toInstant();
      Instant overdue = item.dueDate().plusDays(1).atStartOfDay(AgeRules.ZONE).toInstant();
      Optional<NotificationType> due = Optional.empty();
      if (!overdue.isAfter(now)) {
        if (!alreadyTold.contains(overdueKey)) {
          due = Optional.of(NotificationType.TASK_OVERDUE);
        }
      } else {
        next = earliest(next, overdue);
        if (!soon.isAfter(now)) {
          if (!alreadyTold.contains(soonKey)) {
            due = Optional.of(NotificationType.TASK_DUE_SOON);
          }
        } else {
          next = earliest(next, soon);
        }
      }
      if (due.isPresent() && mayHear.test(item.ownerId())) {
        told.add(
            NotificationIntent.keyed(
                key(item, due.get()),
                due.get(),
                item.ownerId(),
                Optional.of(item.youthId()),
                resource(item.taskId()),
                now));
        keys.add(soonKey);
        if (due.get() == NotificationType.TASK_OVERDUE) {
          keys.add(overdueKey);
        }
      }
    }
    return new Round(told, keys.stream().distinct().toList(), next);
  }

  /**
   * That an item was given to someone (not by themselves): once per item and owner.
   *
   * @param by who gave it; nobody is told about what they took on themselves
   */
  public static Optional<NotificationIntent> assigned(
      String taskId, String youthId, String ownerId, String by, Instant now) {
    if (ownerId.equals(by)) {
      return Optional.empty();
    }
    return Optional.of(
        NotificationIntent.keyed(
            taskId + "/" + ownerId + "/" + NotificationType.TASK_ASSIGNED,
            NotificationType.TASK_ASSIGNED,
            ownerId,
            Optional.of(youthId),
            resource(taskId),
            now));
  }

  private static String key(Owned item, NotificationType type) {
    return item.taskId() + "/" + item.ownerId() + "/" + item.dueDate() + "/" + type;
  }

  private static Optional<Instant> earliest(Optional<Instant> so, Instant at) {
    return Optional.of(so.filter(s -> s.isBefore(at)).orElse(at));
  }
}
