package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.Standings;
import nl.koers.circle.Youth;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.TaskReminders;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import nl.koers.platform.sync.Change;

/**
 * The transition checklist: a region's template of things to arrange, each due a number of months
 * before (or after) the 18th birthday, and per young person who does it and when it was done.
 */
public final class Checklists {

  /** One item of a template: due {@code monthsFrom18} months from the 18th birthday. */
  public record Item(String id, Map<String, String> title, int monthsFrom18) {}

  /** The national default, which the demo region is seeded with. */
  public static final List<Item> DEFAULT =
      List.of(
          new Item(
              "zorgverzekering",
              Map.of("nl", "Zorgverzekering afsluiten", "en", "Take out health insurance"),
              -1),
          new Item("digid", Map.of("nl", "DigiD aanvragen", "en", "Apply for DigiD"), -3),
          new Item(
              "bankrekening",
              Map.of("nl", "Eigen bankrekening openen", "en", "Open your own bank account"),
              -3),
          new Item(
              "zorgtoeslag",
              Map.of("nl", "Zorgtoeslag aanvragen", "en", "Apply for health-care allowance"),
              1),
          new Item(
              "inkomen",
              Map.of(
                  "nl",
                  "Inkomen regelen: studiefinanciering, werk of uitkering",
                  "en",
                  "Arrange income: study finance, work or benefits"),
              0),
          new Item(
              "woningzoekende",
              Map.of("nl", "Inschrijven als woningzoekende", "en", "Register as house seeker"),
              -12),
          new Item(
              "verlengde-jeugdhulp",
              Map.of(
                  "nl",
                  "Besluit over verlengde jeugdhulp of pleegzorg",
                  "en",
                  "Decide on extended youth care or foster care"),
              -6),
          new Item(
              "overdracht",
              Map.of(
                  "nl",
                  "Warme overdracht naar volwassenenzorg",
                  "en",
                  "Warm handover to adult services"),
              -3));

  /** Who does an item and when it was done. */
  record Progress(Optional<String> ownerId, Optional<Instant> doneAt) {
    static final Progress NONE = new Progress(Optional.empty(), Optional.empty());
  }

  /**
   * A young person's checklist as they and their circle see it on {@code asOf} (items turn overdue
   * overnight); {@code version} is what a write is based on.
   */
  public record Checklist(
      String youthId,
      LocalDate eighteenthBirthday,
      List<Entry> items,
      long version,
      LocalDate asOf) {}

  /** One item of a checklist: what, when it is due, who does it, and whether it is done. */
  public record Entry(
      String id,
      Map<String, String> title,
      LocalDate dueDate,
      Optional<String> ownerId,
      Optional<Instant> doneAt,
      boolean overdue) {}

  private final ChecklistStore store;
  private final CareCircle circle;
  private final Clock clock;

  Checklists(ChecklistStore store, CareCircle circle, Clock clock) {
    this.store = store;
    this.circle = circle;
    this.clock = clock;
  }

  /** Stores the national default as a region's template unless it has one. */
  public Future<Void> seedTemplate(String regionId) {
    return store.seedTemplate(regionId, DEFAULT);
  }

  public Future<Checklist> read(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_PLAN, "youth/" + youthId + "/transition/checklist")
        .compose(grant -> view(grant));
  }

  /** Sets an item's owner and/or marks it done (the young person or the case coordinator). */
  public Future<Checklist> update(
      Caller caller,
      String youthId,
      String itemId,
      Optional<String> ownerId,
      Optional<Boolean> done,
      long expectedVersion) {
    Permission permission =
        caller.personId().equals(youthId) ? Permission.READ_PLAN : Permission.WRITE_PLAN;
    return circle
        .authorize(
            caller, youthId, permission, "youth/" + youthId + "/transition/checklist/" + itemId)
        .compose(
            grant ->
                templateOf(grant.youth())
                    .compose(
                        items -> {
                          if (items.stream().noneMatch(i -> i.id().equals(itemId))) {
                            return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
                          }
                          if (ownerId.filter(o -> !grant.youth().includes(o, now())).isPresent()) {
                            return Future.failedFuture(
                                Problem.invalid(
                                    List.of(
                                        new Problem.FieldError(
                                            "body",
                                            "ownerId",
                                            "/ownerId",
                                            "field.not-in-circle"))));
                          }
                          if (ownerId.isEmpty() && done.isEmpty()) {
                            return store.requireVersion(youthId, expectedVersion);
                          }
                          return store
                              .progressOf(youthId)
                              .compose(
                                  stored ->
                                      store.updateItem(
                                          youthId,
                                          itemId,
                                          ownerId,
                                          done,
                                          clock.instant(),
                                          expectedVersion,
                                          assigned(caller, youthId, itemId, ownerId, stored)));
                        })
                    .compose(v -> view(grant)));
  }

  /** The owner told that an item is theirs now, unless it was theirs already or they took it. */
  private List<NotificationIntent> assigned(
      Caller caller,
      String youthId,
      String itemId,
      Optional<String> ownerId,
      ChecklistStore.Stored stored) {
    Optional<String> before = stored.progress().getOrDefault(itemId, Progress.NONE).ownerId();
    return ownerId
        .filter(owner -> !before.equals(Optional.of(owner)))
        .flatMap(
            owner ->
                TaskReminders.assigned(
                    TaskReminders.checklistTaskId(youthId, itemId),
                    youthId,
                    owner,
                    caller.personId(),
                    clock.instant()))
        .map(List::of)
        .orElse(List.of());
  }

  /**
   * Gives an item to an owner unless it has one (a seed, made again on every start). Demo data is
   * no news: the owner is not told.
   */
  public Future<Void> seedOwner(String youthId, String itemId, String ownerId) {
    return store
        .progressOf(youthId)
        .compose(
            stored ->
                stored.progress().getOrDefault(itemId, Progress.NONE).ownerId().isPresent()
                    ? Future.succeededFuture()
                    : store.updateItem(
                        youthId,
                        itemId,
                        Optional.of(ownerId),
                        Optional.empty(),
                        clock.instant(),
                        stored.version(),
                        List.of()));
  }

  /** An item of a checklist as its owner sees it: what, when, done or not, and the version. */
  public record OwnedItem(Entry entry, long version) {}

  /** The items of this young person's checklist that this person owns. */
  public Future<List<OwnedItem>> ownedBy(Youth youth, String personId) {
    return templateOf(youth)
        .compose(
            items ->
                store
                    .progressOf(youth.id())
                    .map(
                        stored ->
                            entries(youth, items, stored.progress()).stream()
                                .filter(e -> e.ownerId().equals(Optional.of(personId)))
                                .map(e -> new OwnedItem(e, stored.version()))
                                .toList()));
  }

  /**
   * The owner marks their item done or not, if the checklist is still at {@code expectedVersion}.
   * The caller's right to work on what they own is the caller's to check first.
   */
  Future<Void> markByOwner(
      String youthId, String itemId, boolean done, long expectedVersion, Instant at) {
    return store.updateItem(
        youthId, itemId, Optional.empty(), Optional.of(done), at, expectedVersion, List.of());
  }

  /** The checklists with a reminder for an owner due by {@code now}. */
  Future<List<ChecklistStore.Reminding>> remindersDue(Instant now, int limit) {
    return store.remindersDue(now, limit);
  }

  /** The items of a checklist due to remind their owners about: owned, not done. */
  Future<List<TaskReminders.Owned>> toRemind(Youth youth, Map<String, Progress> progress) {
    return templateOf(youth)
        .map(
            items ->
                entries(youth, items, progress).stream()
                    .filter(e -> e.ownerId().isPresent() && e.doneAt().isEmpty())
                    .map(
                        e ->
                            new TaskReminders.Owned(
                                TaskReminders.checklistTaskId(youth.id(), e.id()),
                                youth.id(),
                                e.ownerId().get(),
                                e.dueDate()))
                    .toList());
  }

  Future<Boolean> recordReminders(String youthId, Instant expectedNext, TaskReminders.Round round) {
    return store.recordReminders(youthId, expectedNext, round);
  }

  /**
   * The change feed's entries for these young people's checklists, for readers who may see them now
   * (as {@link #read} decides); one query.
   */
  public Future<List<Change>> changes(List<Standings.Standing> standings, Instant after) {
    if (standings.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return store
        .changedAt(standings.stream().map(Standings.Standing::youthId).toList())
        .map(
            changedAt -> {
              List<Change> changes = new ArrayList<>();
              for (Standings.Standing standing : standings) {
                standing
                    .about(
                        Change.Kind.CHECKLIST,
                        standing.youthId(),
                        "/v1/youth/" + standing.youthId() + "/transition/checklist",
                        Optional.ofNullable(changedAt.get(standing.youthId())),
                        standing.may(Permission.READ_PLAN),
                        after)
                    .ifPresent(changes::add);
              }
              return changes;
            });
  }

  /** Marks an item done unless it already is (a decision recorded elsewhere completes it). */
  Future<Void> markDone(String youthId, String itemId, Instant at) {
    return store.markDoneUnlessDone(youthId, itemId, at);
  }

  /** An item past its due date and not done, and who was asked to do it. */
  record Overdue(String itemId, Optional<String> ownerId) {}

  /**
   * What the scheduler needs of one checklist: items overdue now, and when the next one will be.
   */
  record Due(List<Overdue> overdue, Optional<Instant> nextOverdueAt) {}

  /**
   * The checklist opens at 17; an item counts as overdue from the day after its due date, and never
   * before the checklist opened.
   */
  Future<Due> due(String youthId, String regionId, LocalDate dateOfBirth, Instant now) {
    LocalDate eighteen = AgeRules.birthday(dateOfBirth, AgeRules.ADULT);
    Instant opens = AgeRules.turns(dateOfBirth, Milestones.CHECKLIST_OPENS_AT);
    return templateOpenedAt(regionId, opens)
        .compose(
            items ->
                store
                    .progressOf(youthId)
                    .map(
                        stored -> {
                          Map<String, Progress> state = stored.progress();
                          List<Overdue> overdue = new ArrayList<>();
                          Optional<Instant> next = Optional.empty();
                          for (Item item : items) {
                            Progress mine = state.getOrDefault(item.id(), Progress.NONE);
                            if (mine.doneAt().isPresent()) {
                              continue;
                            }
                            Instant from =
                                eighteen
                                    .plusMonths(item.monthsFrom18())
                                    .plusDays(1)
                                    .atStartOfDay(AgeRules.ZONE)
                                    .toInstant();
                            if (from.isBefore(opens)) {
                              from = opens;
                            }
                            if (!from.isAfter(now)) {
                              overdue.add(new Overdue(item.id(), mine.ownerId()));
                            } else if (next.map(from::isBefore).orElse(true)) {
                              next = Optional.of(from);
                            }
                          }
                          return new Due(overdue, next);
                        }));
  }

  /**
   * Per young person, the due date of their earliest item overdue now and not done (those with none
   * are left out): one read of the checklists, and one of each region's template.
   */
  Future<Map<String, LocalDate>> firstOverdue(List<Youth> youth, Instant now) {
    List<String> regions = youth.stream().map(Youth::regionId).distinct().toList();
    Map<String, Optional<ChecklistStore.Template>> templates =
        new java.util.concurrent.ConcurrentHashMap<>();
    Future<Void> read = Future.succeededFuture();
    for (String region : regions) {
      read =
          read.compose(v -> store.templateOf(region).map(found -> templates.put(region, found)))
              .mapEmpty();
    }
    return read.compose(
        v ->
            store
                .progressOfAll(youth.stream().map(Youth::id).toList())
                .map(
                    progress -> {
                      Map<String, LocalDate> first = new java.util.HashMap<>();
                      for (Youth one : youth) {
                        firstOverdue(
                                one.dateOfBirth(),
                                keptBy(one, templates.get(one.regionId())),
                                progress.getOrDefault(one.id(), Map.of()),
                                now)
                            .ifPresent(due -> first.put(one.id(), due));
                      }
                      return first;
                    }));
  }

  /** As {@link #due}: overdue from the day after its due date, never before the list opened. */
  private static Optional<LocalDate> firstOverdue(
      LocalDate dateOfBirth, List<Item> items, Map<String, Progress> state, Instant now) {
    LocalDate eighteen = AgeRules.birthday(dateOfBirth, AgeRules.ADULT);
    if (now.isBefore(AgeRules.turns(dateOfBirth, Milestones.CHECKLIST_OPENS_AT))) {
      return Optional.empty();
    }
    LocalDate today = AgeRules.today(now);
    return items.stream()
        .filter(item -> state.getOrDefault(item.id(), Progress.NONE).doneAt().isEmpty())
        .map(item -> eighteen.plusMonths(item.monthsFrom18()))
        .filter(today::isAfter)
        .min(LocalDate::compareTo);
  }

  private Instant now() {
    return clock.instant();
  }

  private Future<Checklist> view(CareCircle.Grant grant) {
    Youth youth = grant.youth();
    LocalDate eighteen = AgeRules.birthday(youth.dateOfBirth(), AgeRules.ADULT);
    LocalDate today = AgeRules.today(clock.instant());
    return templateOf(youth)
        .compose(
            items ->
                store
                    .progressOf(youth.id())
                    .map(
                        stored ->
                            new Checklist(
                                youth.id(),
                                eighteen,
                                entries(youth, items, stored.progress()),
                                stored.version(),
                                today)));
  }

  /** The items as seen today: due dates from the 18th birthday, who does them, done or overdue. */
  private List<Entry> entries(Youth youth, List<Item> items, Map<String, Progress> state) {
    LocalDate eighteen = AgeRules.birthday(youth.dateOfBirth(), AgeRules.ADULT);
    LocalDate today = AgeRules.today(clock.instant());
    List<Entry> entries = new ArrayList<>();
    for (Item item : items) {
      Progress mine = state.getOrDefault(item.id(), Progress.NONE);
      LocalDate due = eighteen.plusMonths(item.monthsFrom18());
      entries.add(
          new Entry(
              item.id(),
              item.title(),
              due,
              mine.ownerId(),
              mine.doneAt(),
              mine.doneAt().isEmpty() && today.isAfter(due)));
    }
    return entries;
  }

  /**
   * The template this young person's checklist keeps: the region's template as it was when the
   * checklist opened (at 17), so a later change by the region admin applies to checklists that open
   * after it and never moves items or due dates under someone already working on theirs.
   */
  private Future<List<Item>> templateOf(Youth youth) {
    return templateOpenedAt(
        youth.regionId(), AgeRules.turns(youth.dateOfBirth(), Milestones.CHECKLIST_OPENS_AT));
  }

  /** As {@link #templateOf}, from a template already read. */
  private static List<Item> keptBy(Youth youth, Optional<ChecklistStore.Template> stored) {
    Instant opened = AgeRules.turns(youth.dateOfBirth(), Milestones.CHECKLIST_OPENS_AT);
    return stored.map(t -> t.openedAt(opened)).orElse(DEFAULT);
  }

  private Future<List<Item>> templateOpenedAt(String regionId, Instant opened) {
    return store
        .templateOf(regionId)
        .map(stored -> stored.map(t -> t.openedAt(opened)).orElse(DEFAULT));
  }

  /** Erasure: the young person's checklist. */
  public Future<Void> eraseYouth(String youthId) {
    return store.eraseYouth(youthId);
  }
}
