package nl.koers.transition;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.TaskReminders;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.DuplicateKey;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.mongo.VersionedWrites;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The checklist templates (one per region, {@code _id} the region) and each young person's
 * checklist ({@code _id} the young person; per item who does it and when it was done).
 */
final class ChecklistStore {

  static final CollectionSpec TEMPLATES = CollectionSpec.of("checklistTemplates");

  /** When an owner is next reminded of an item of this checklist (0: work it out at once). */
  static final String NEXT_REMINDER = "nextReminderAt";

  /** The reminders already sent (their keys, {@link TaskReminders}). */
  static final String REMINDED = "remindersTold";

  static final CollectionSpec CHECKLISTS =
      CollectionSpec.of(
          "checklists",
          Index.ascending("outbox", NotificationIntent.OUTBOX + ".id"),
          Index.ascending("remindersDue", NEXT_REMINDER));

  private final Documents templates;
  private final Documents checklists;

  ChecklistStore(Mongo mongo) {
    this.templates = mongo.documents(TEMPLATES);
    this.checklists = mongo.documents(CHECKLISTS);
  }

  /** Stores a region's template unless it has one. */
  Future<Void> seedTemplate(String regionId, List<Checklists.Item> items) {
    return templates
        .upsertById(
            regionId,
            Updates.setOnInsert("items", items.stream().map(ChecklistStore::toDocument).toList()))
        .mapEmpty();
  }

  /**
   * A region's template: what applies to checklists that open now ({@code current}, at {@code
   * version}), and every version since the region first changed it, each from the moment it applies
   * (a template stored before it had versions is one version, applying from the start).
   */
  record Template(List<Checklists.Item> current, long version, List<Version> history) {

    /** The template a checklist that opened at {@code opened} keeps. */
    List<Checklists.Item> openedAt(Instant opened) {
      List<Checklists.Item> pinned = history.isEmpty() ? current : history.get(0).items();
      for (Version v : history) {
        if (!v.from().isAfter(opened)) {
          pinned = v.items();
        }
      }
      return pinned;
    }
  }

  /** One version of a template, applying to checklists that open from {@code from}. */
  record Version(long version, Instant from, List<Checklists.Item> items) {}

  /** The region's own template, if it has one. */
  Future<Optional<Template>> templateOf(String regionId) {
    return templates
        .byId(regionId)
        .map(doc -> Optional.ofNullable(doc).map(ChecklistStore::template));
  }

  /**
   * Makes {@code items} the region's template for checklists that open from {@code at}, keeping the
   * versions before it for the checklists that opened under them; only if the template is still at
   * {@code expectedVersion} (else {@link StaleVersion}). {@code before} is what applied until now
   * (the national default when the region had none).
   */
  Future<Long> replaceTemplate(
      String regionId,
      Template before,
      List<Checklists.Item> items,
      String by,
      Instant at,
      long expectedVersion) {
    List<Document> history = new ArrayList<>();
    if (before.history().isEmpty()) {
      history.add(version(before.version(), Instant.EPOCH, before.current()));
    } else {
      before.history().forEach(v -> history.add(version(v.version(), v.from(), v.items())));
    }
    history.add(version(expectedVersion + 1, at, items));
    Document doc =
        new Document("_id", regionId)
            .append("items", items.stream().map(ChecklistStore::toDocument).toList())
            .append("history", history)
            .append("updatedBy", by)
            .append("updatedAt", Date.from(at));
    return templates.replaceAtVersion(regionId, expectedVersion, doc);
  }

  private static Document version(long version, Instant from, List<Checklists.Item> items) {
    return new Document("version", version)
        .append("from", Date.from(from))
        .append("items", items.stream().map(ChecklistStore::toDocument).toList());
  }

  private static Template template(Document doc) {
    List<Version> history = new ArrayList<>();
    for (Document v : doc.getList("history", Document.class, List.of())) {
      history.add(
          new Version(
              ((Number) v.get("version")).longValue(), v.getDate("from").toInstant(), items(v)));
    }
    return new Template(items(doc), versionOf(doc), List.copyOf(history));
  }

  private static List<Checklists.Item> items(Document doc) {
    return doc.getList("items", Document.class, List.of()).stream()
        .map(ChecklistStore::item)
        .toList();
  }

  /** A young person's checklist as stored: progress by item id, its version, its last change. */
  record Stored(
      Map<String, Checklists.Progress> progress, long version, Optional<Instant> changedAt) {}

  /** Who does which item and when it was done (empty and version 0 before anything was set). */
  Future<Stored> progressOf(String youthId) {
    return checklists
        .byId(youthId)
        .map(stored -> new Stored(progress(stored), versionOf(stored), changedAt(stored)));
  }

  /** Who does which item and when it was done, for each of these young people that has any. */
  Future<Map<String, Map<String, Checklists.Progress>>> progressOfAll(
      java.util.Collection<String> youthIds) {
    if (youthIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return checklists
        .list(
            checklists
                .find(Filters.in("_id", List.copyOf(youthIds)))
                .projection(new Document("items", 1)))
        .map(
            docs -> {
              Map<String, Map<String, Checklists.Progress>> all = new LinkedHashMap<>();
              docs.forEach(d -> all.put(d.getString("_id"), progress(d)));
              return all;
            });
  }

  private static Map<String, Checklists.Progress> progress(Document stored) {
    Document items = stored == null ? new Document() : stored.get("items", new Document());
    Map<String, Checklists.Progress> progress = new LinkedHashMap<>();
    items.forEach(
        (id, value) -> {
          Document mine = (Document) value;
          progress.put(
              id,
              new Checklists.Progress(
                  Optional.ofNullable(mine.getString("ownerId")),
                  Optional.ofNullable(mine.getDate("doneAt")).map(Date::toInstant)));
        });
    return progress;
  }

  /** When each of these young people's checklists last changed (those that have one). */
  Future<Map<String, Instant>> changedAt(java.util.Collection<String> youthIds) {
    return checklists
        .list(checklists.find(Filters.in("_id", youthIds)).projection(new Document("changedAt", 1)))
        .map(
            docs -> {
              Map<String, Instant> at = new LinkedHashMap<>();
              docs.forEach(d -> changedAt(d).ifPresent(when -> at.put(d.getString("_id"), when)));
              return at;
            });
  }

  /**
   * Sets an item's owner and/or whether it is done (done at {@code at}, or not done) in one write,
   * creating the checklist if there is none yet - only if it still has {@code expectedVersion}
   * (else {@link StaleVersion}); the version goes up by one.
   */
  Future<Void> updateItem(
      String youthId,
      String itemId,
      Optional<String> ownerId,
      Optional<Boolean> done,
      Instant at,
      long expectedVersion,
      List<NotificationIntent> told) {
    List<Bson> changes = new ArrayList<>();
    if (!told.isEmpty()) {
      changes.add(NotificationIntent.pushAll(told));
    }
    // Who does what or when may have changed: the reminders are worked out again.
    changes.add(Updates.set(NEXT_REMINDER, new Date(0)));
    ownerId.ifPresent(o -> changes.add(Updates.set("items." + itemId + ".ownerId", o)));
    done.ifPresent(
        d -> changes.add(Updates.set("items." + itemId + ".doneAt", d ? Date.from(at) : null)));
    changes.add(Updates.set("changedAt", Date.from(at)));
    changes.add(Updates.inc(VersionedWrites.VERSION, 1L));
    Bson update = Updates.combine(changes);
    if (expectedVersion == 0) {
      // Not there yet (or stored before checklists had versions): created by this write, once.
      Document unversioned =
          new Document("_id", youthId)
              .append(
                  VersionedWrites.VERSION, new Document("$in", java.util.Arrays.asList(0L, null)));
      return checklists
          .upsert(unversioned, update)
          .<Void>mapEmpty()
          .recover(
              failure ->
                  DuplicateKey.is(failure)
                      ? Future.failedFuture(new StaleVersion(youthId, expectedVersion))
                      : Future.failedFuture(failure));
    }
    return checklists
        .updateIf(youthId, new Document(VersionedWrites.VERSION, expectedVersion), update)
        .compose(
            written ->
                written
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(new StaleVersion(youthId, expectedVersion)));
  }

  /** A checklist with a reminder due: its owners and progress, and what was told already. */
  record Reminding(
      String youthId,
      Instant expectedNext,
      Map<String, Checklists.Progress> progress,
      List<String> told) {}

  /** Checklists with a reminder due by {@code now} (index-driven: never a scan of everyone). */
  Future<List<Reminding>> remindersDue(Instant now, int limit) {
    return checklists
        .list(checklists.find(Filters.lte(NEXT_REMINDER, Date.from(now))).limit(limit))
        .map(
            docs ->
                docs.stream()
                    .map(
                        doc ->
                            new Reminding(
                                doc.getString("_id"),
                                doc.getDate(NEXT_REMINDER).toInstant(),
                                progress(doc),
                                doc.getList(REMINDED, String.class, List.of())))
                    .toList());
  }

  /**
   * Records a round of reminders, once: only if the checklist still expects the round it was read
   * with (another instance, or a change of an item, came first: then it is worked out again).
   */
  Future<Boolean> recordReminders(String youthId, Instant expectedNext, TaskReminders.Round round) {
    List<Bson> changes = new ArrayList<>();
    changes.add(Updates.set(NEXT_REMINDER, round.next().map(Date::from).orElse(null)));
    if (!round.told().isEmpty()) {
      changes.add(NotificationIntent.pushAll(round.told()));
      changes.add(Updates.addEachToSet(REMINDED, round.toldKeys()));
    }
    return checklists
        .update(
            new Document("_id", youthId).append(NEXT_REMINDER, Date.from(expectedNext)),
            Updates.combine(changes))
        .map(result -> result.getModifiedCount() == 1);
  }

  /** Nothing to write: still fails with {@link StaleVersion} when the version moved on. */
  Future<Void> requireVersion(String youthId, long expectedVersion) {
    return progressOf(youthId)
        .compose(
            stored ->
                stored.version() == expectedVersion
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(new StaleVersion(youthId, expectedVersion)));
  }

  /** Marks an item done unless it already is (a new version when it does). */
  Future<Void> markDoneUnlessDone(String youthId, String itemId, Instant at) {
    return checklists
        .updateIf(
            youthId,
            new Document("items." + itemId + ".doneAt", null),
            Updates.combine(
                Updates.set("items." + itemId + ".doneAt", Date.from(at)),
                Updates.set("changedAt", Date.from(at)),
                Updates.inc(VersionedWrites.VERSION, 1L)))
        .compose(
            marked ->
                marked
                    ? Future.succeededFuture()
                    : checklists
                        .insertOnce(
                            new Document("_id", youthId)
                                .append(
                                    "items",
                                    new Document(itemId, new Document("doneAt", Date.from(at))))
                                .append("changedAt", Date.from(at))
                                .append(VersionedWrites.VERSION, 1L))
                        .mapEmpty());
  }

  private static long versionOf(Document stored) {
    Object version = stored == null ? null : stored.get(VersionedWrites.VERSION);
    return version instanceof Number n ? n.longValue() : 0L;
  }

  private static Optional<Instant> changedAt(Document stored) {
    return Optional.ofNullable(stored == null ? null : stored.getDate("changedAt"))
        .map(Date::toInstant);
  }

  private static Document toDocument(Checklists.Item item) {
    return new Document("id", item.id())
        .append("title", new Document(item.title()))
        .append("monthsFrom18", item.monthsFrom18());
  }

  private static Checklists.Item item(Document doc) {
    Map<String, String> title = new LinkedHashMap<>();
    doc.get("title", new Document())
        .forEach((language, text) -> title.put(language, (String) text));
    return new Checklists.Item(doc.getString("id"), title, doc.getInteger("monthsFrom18"));
  }

  /** Erasure: the young person's checklist (its owners and dates). */
  Future<Void> eraseYouth(String youthId) {
    return checklists.delete(Filters.eq("_id", youthId)).mapEmpty();
  }
}
