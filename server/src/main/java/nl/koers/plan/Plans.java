package nl.koers.plan;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Standings;
import nl.koers.circle.Youth;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.TaskReminders;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.DataKeys;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.SealAtRest;
import nl.koers.platform.mongo.SealedTexts;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.mongo.VersionedWrites;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import org.bson.Document;

/**
 * The young person's future plan: one document per young person with a version; every version is
 * also kept as a snapshot. Opens on the 16th birthday; the case coordinator may prepare a draft
 * from 15½. Each domain says which members of the circle (by relation) may see it.
 *
 * <p>Visibility does what it says ({@link CareCircle#planSight}): each {@code visibleTo} value lets
 * that relation kind read that domain, whatever its plan scope (the plan scope is the plan as a
 * whole: its ending and its versions); whoever owns an action sees that action. Only the young
 * person changes {@code visibleTo}, and a write never widens it by omission: a domain written
 * without {@code visibleTo} keeps what it had (a PUT that leaves a domain out clears its content,
 * not its visibility). A case coordinator's write keeps the domains they cannot see as they are.
 * Each change of a domain's visibility is a line of the consent history, in the same write.
 *
 * <p>A domain's situation and wish, and each action's title, are sealed at rest, in the plan and in
 * every version, bound to the young person, the domain and the field (for a title also the action);
 * they are opened as soon as a plan is read, so the rest of this class sees them plain, and sealed
 * again in every write.
 */
public final class Plans {

  /** When an owner is next reminded of an action of this plan (0: work it out at once). */
  static final String NEXT_REMINDER = "nextReminderAt";

  /** The reminders already sent (their keys, {@link TaskReminders}). */
  static final String REMINDED = "remindersTold";

  public static final CollectionSpec PLANS =
      CollectionSpec.of(
          "plans",
          ConsentLog.outboxIndex(),
          Index.ascending("outbox", NotificationIntent.OUTBOX + ".id"),
          Index.ascending("remindersDue", NEXT_REMINDER));
  public static final CollectionSpec VERSIONS =
      CollectionSpec.of("planVersions", Index.ascending("byYouth", "youthId", "version"));

  /** A plan as the caller may see it, with its version (the ETag). */
  public record Seen(long version, JsonObject plan) {}

  private final Documents plans;
  private final Documents versions;
  private final VersionedWrites versioned;
  private final CareCircle circle;
  private final Clock clock;
  private final DataKeys keys;

  /** A domain's free text fields, each kept sealed under {@code sealed} + its name capitalised. */
  private static final List<String> TEXTS = List.of("situation", "wish");

  /** An action's title, as kept sealed. */
  private static final String SEALED_TITLE = sealedName("title");

  public Plans(Mongo mongo, DataKeys keys, CareCircle circle, Clock clock) {
    this.keys = keys;
    this.plans = mongo.documents(PLANS);
    this.versions = mongo.documents(VERSIONS);
    this.versioned = new VersionedWrites(mongo);
    this.circle = circle;
    this.clock = clock;
  }

  /** Of these young people, those whose plan was ever written (for the region's indicators). */
  public Future<java.util.Set<String>> started(java.util.Collection<String> youthIds) {
    if (youthIds.isEmpty()) {
      return Future.succeededFuture(java.util.Set.of());
    }
    return plans
        .list(
            plans
                .find(
                    new Document("_id", new Document("$in", List.copyOf(youthIds)))
                        .append("updatedAt", new Document("$ne", null)))
                .projection(new Document("_id", 1)))
        .map(
            docs ->
                docs.stream()
                    .map(d -> d.getString("_id"))
                    .collect(java.util.stream.Collectors.toSet()));
  }

  /**
   * The change feed's entries for the plans of these young people, each as the reader may see it
   * now (as {@link #read} decides: a member who would get 404 gets no entry, or a tombstone). One
   * query.
   */
  public Future<List<nl.koers.platform.sync.Change>> changes(
      String personId, List<Standings.Standing> standings, Instant after) {
    if (standings.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Instant now = clock.instant();
    return plans
        .list(
            plans
                .find(
                    new Document(
                        "_id",
                        new Document(
                            "$in", standings.stream().map(Standings.Standing::youthId).toList())))
                .projection(
                    new Document("domains", 1)
                        .append("updatedAt", 1)
                        .append(VersionedWrites.VERSION, 1)))
        .compose(this::opened)
        .map(
            docs -> {
              java.util.Map<String, Document> byYouth = new java.util.HashMap<>();
              docs.forEach(d -> byYouth.put(d.getString("_id"), d));
              List<nl.koers.platform.sync.Change> changes = new ArrayList<>();
              for (Standings.Standing standing : standings) {
                Document plan = byYouth.get(standing.youthId());
                Optional<Instant> updated =
                    Optional.ofNullable(plan == null ? null : plan.getDate("updatedAt"))
                        .map(java.util.Date::toInstant);
                standing
                    .about(
                        nl.koers.platform.sync.Change.Kind.PLAN,
                        standing.youthId(),
                        "/v1/youth/" + standing.youthId() + "/plan",
                        updated,
                        updated.isPresent() && seesAnything(standing, plan, personId, now),
                        after)
                    .ifPresent(changes::add);
              }
              return changes;
            });
  }

  /** Whether {@link #read} would show this person anything of this plan now. */
  private boolean seesAnything(
      Standings.Standing standing, Document plan, String personId, Instant now) {
    for (CareCircle.Grant grant : standing.grants()) {
      CareCircle.PlanSight sight = CareCircle.planSight(grant, personId, now);
      boolean coordinator = grant.capacity().equals(RelationKind.CASE_COORDINATOR.name());
      if (!isOpen(grant.youth().dateOfBirth(), coordinator, now)) {
        continue;
      }
      if (sight.self()
          || sight.wholePlan()
          || !seen(plan, sight).plan().getJsonObject("domains").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  public Future<Seen> read(Caller caller, String youthId) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.READ_PLAN_PART, "youth/" + youthId + "/plan")
        .compose(
            grant -> {
              CareCircle.PlanSight sight = CareCircle.planSight(grant, caller.personId(), now);
              // Members see nothing of a draft: until the plan opens it is not there for them.
              if (!sight.self()
                  && !coordinator(grant, caller, now)
                  && grant.age() < AgeRules.DECIDES_ALONE) {
                throw Problem.of(CommonProblem.NOT_FOUND);
              }
              requireOpen(grant, coordinator(grant, caller, now));
              return current(youthId)
                  .map(
                      doc -> {
                        Seen seen = seen(doc, sight);
                        if (!sight.self()
                            && !sight.wholePlan()
                            && seen.plan().getJsonObject("domains").isEmpty()) {
                          // Nothing of it is theirs to see: as if there were no plan.
                          throw Problem.of(CommonProblem.NOT_FOUND);
                        }
                        return seen;
                      });
            });
  }

  /** Replaces the plan (domains and ending) if it is still at {@code expectedVersion}. */
  public Future<Seen> replace(
      Caller caller, String youthId, long expectedVersion, JsonObject plan) {
    return write(
        caller,
        youthId,
        Permission.WRITE_PLAN,
        expectedVersion,
        (texts, grant, sight, stored, lines, told) -> {
          JsonObject domains = plan.getJsonObject("domains", new JsonObject());
          Document before = stored.get("domains", Document.class);
          List<Document> errors = new ArrayList<>();
          Document after = new Document();
          for (String domain : PlanDomains.ALL) {
            Document was = before.get(domain, Document.class);
            JsonObject given = domains.getJsonObject(domain);
            if (!sight.seesDomain(visibleTo(was))) {
              if (given != null) {
                throw Problem.of(CommonProblem.NOT_FOUND);
              }
              after.append(domain, was);
              continue;
            }
            after.append(
                domain, domain(grant, domain, was, given, "/domains/" + domain, errors, lines));
            told.addAll(assigned(grant.youth().id(), domain, was, after, caller));
          }
          check(errors);
          return Updates.combine(
              Updates.set("domains", sealedDomains(texts, youthId, after)),
              Updates.set(
                  "ending",
                  Document.parse(plan.getJsonObject("ending", new JsonObject()).encode())));
        });
  }

  /** Replaces one domain if the plan is still at {@code expectedVersion}. */
  public Future<Seen> replaceDomain(
      Caller caller, String youthId, String domain, long expectedVersion, JsonObject content) {
    if (!PlanDomains.ALL.contains(domain)) {
      return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
    }
    return write(
        caller,
        youthId,
        Permission.WRITE_PLAN,
        expectedVersion,
        (texts, grant, sight, stored, lines, told) -> {
          Document was = stored.get("domains", Document.class).get(domain, Document.class);
          if (!sight.seesDomain(visibleTo(was))) {
            throw Problem.of(CommonProblem.NOT_FOUND);
          }
          List<Document> errors = new ArrayList<>();
          Document after = domain(grant, domain, was, content, "", errors, lines);
          check(errors);
          told.addAll(
              assigned(grant.youth().id(), domain, was, new Document(domain, after), caller));
          return Updates.set("domains." + domain, sealedDomain(texts, youthId, domain, after));
        });
  }

  /** Every version, newest first (who changed it and when). */
  public Future<List<JsonObject>> versions(Caller caller, String youthId) {
    Instant now = clock.instant();
    return open(caller, youthId, Permission.READ_PLAN, "youth/" + youthId + "/plan/versions", now)
        .compose(
            grant ->
                current(youthId)
                    .map(doc -> new Seen(doc.getLong(VersionedWrites.VERSION), new JsonObject())))
        .compose(
            seen ->
                versions.list(
                    versions
                        .find(
                            new Document("youthId", youthId)
                                .append("version", new Document("$lte", seen.version())))
                        .sort(Sorts.descending("version"))))
        .map(
            docs ->
                docs.stream()
                    .map(
                        d ->
                            new JsonObject()
                                .put("version", d.getLong("version"))
                                .put("at", d.getDate("at").toInstant().toString())
                                .put("by", d.getString("by")))
                    .toList());
  }

  /**
   * A write's change, given what is stored; consent lines it makes go into {@code lines}, whom it
   * tells into {@code told}.
   */
  private interface Change {
    org.bson.conversions.Bson of(
        SealedTexts texts,
        CareCircle.Grant grant,
        CareCircle.PlanSight sight,
        Document stored,
        List<ConsentLog.Entry> lines,
        List<NotificationIntent> told);
  }

  private Future<Seen> write(
      Caller caller, String youthId, Permission permission, long expectedVersion, Change change) {
    return write(
        caller, youthId, permission, "youth/" + youthId + "/plan", expectedVersion, change);
  }

  private Future<Seen> write(
      Caller caller,
      String youthId,
      Permission permission,
      String resource,
      long expectedVersion,
      Change change) {
    Instant now = clock.instant();
    return open(caller, youthId, permission, resource, now)
        .compose(
            grant ->
                keys.toWrite(youthId)
                    .compose(
                        texts ->
                            write(texts, caller, youthId, expectedVersion, change, grant, now)));
  }

  /** The write with the young person's texts to seal with (their key made on first use). */
  private Future<Seen> write(
      SealedTexts texts,
      Caller caller,
      String youthId,
      long expectedVersion,
      Change change,
      CareCircle.Grant grant,
      Instant now) {
    CareCircle.PlanSight sight = CareCircle.planSight(grant, caller.personId(), now);
    return current(texts, youthId)
        .compose(
            stored -> {
              if (stored.getLong(VersionedWrites.VERSION) != expectedVersion) {
                // What the change is compared with must be the version it is based on.
                return Future.failedFuture(new StaleVersion(youthId, expectedVersion));
              }
              List<ConsentLog.Entry> lines = new ArrayList<>();
              List<NotificationIntent> told = new ArrayList<>();
              List<org.bson.conversions.Bson> update = new ArrayList<>();
              update.add(change.of(texts, grant, sight, stored, lines, told));
              update.add(Updates.set("updatedAt", Date.from(now)));
              update.add(Updates.set("updatedBy", caller.personId()));
              // Owners or due dates may have changed: reminders are worked out again.
              update.add(Updates.set(NEXT_REMINDER, new Date(0)));
              if (!lines.isEmpty()) {
                update.add(ConsentLog.record(lines));
              }
              if (!told.isEmpty()) {
                update.add(NotificationIntent.pushAll(told));
              }
              return versioned.update(
                  PLANS.name(), youthId, expectedVersion, Updates.combine(update));
            })
        .compose(
            updated ->
                snapshot(updated, caller, now).map(v -> seen(openTexts(texts, updated), sight)));
  }

  private Future<Void> snapshot(Document plan, Caller caller, Instant now) {
    return snapshot(plan, caller.personId(), now);
  }

  private Future<Void> snapshot(Document plan, String by, Instant now) {
    String youthId = plan.getString("_id");
    long version = plan.getLong(VersionedWrites.VERSION);
    Document snapshot =
        new Document("_id", youthId + ":" + version)
            .append("youthId", youthId)
            .append("version", version)
            .append("at", Date.from(now))
            .append("by", by)
            .append("plan", new Document(plan));
    return versions.replaceById(snapshot.getString("_id"), snapshot).mapEmpty();
  }

  /**
   * The stored plan to read, or the empty one (version 0) before the first write: a read never
   * writes, so it costs one find.
   */
  private Future<Document> current(String youthId) {
    return keys.toRead(youthId)
        .compose(
            texts ->
                plans
                    .byId(youthId)
                    .map(stored -> openTexts(texts, stored != null ? stored : empty(youthId))));
  }

  /** Plans as read (each keyed by its young person's id), their texts opened. */
  private Future<List<Document>> opened(List<Document> plans) {
    return keys.toRead(plans.stream().map(d -> d.getString("_id")).toList())
        .map(
            texts -> plans.stream().map(d -> openTexts(texts.get(d.getString("_id")), d)).toList());
  }

  /** The stored plan, made (empty, version 0) on first use, its texts opened with {@code texts}. */
  private Future<Document> current(SealedTexts texts, String youthId) {
    return plans.insertOnce(empty(youthId)).map(plan -> openTexts(texts, plan));
  }

  /** A plan before anyone wrote in it: every domain blank, visible to the default members. */
  private static Document empty(String youthId) {
    Document empty = new Document("_id", youthId).append(VersionedWrites.VERSION, 0L);
    Document domains = new Document();
    for (String domain : PlanDomains.ALL) {
      domains.append(
          domain,
          new Document("situation", null)
              .append("wish", null)
              .append("actions", List.of())
              .append("visibleTo", PlanDomains.DEFAULT_VISIBLE_TO));
    }
    return empty.append("domains", domains).append("ending", new Document());
  }

  /**
   * Seals, with the young person's own key, the situations, wishes and action titles stored in
   * plain or sealed with the master key, in plans and their versions (once: each rewrite holds only
   * while the fields are as read).
   */
  public Future<Void> sealPlainTexts() {
    return SealAtRest.migrate(
            plans,
            keys,
            doc -> doc.getString("_id"),
            Plans::legacy,
            (texts, doc) -> sealedRewrite(texts, doc.getString("_id"), doc, "domains"))
        .compose(
            v ->
                SealAtRest.migrate(
                    versions,
                    keys,
                    doc -> doc.getString("youthId"),
                    doc -> legacy(doc.get("plan", new Document())),
                    (texts, doc) ->
                        sealedRewrite(
                            texts,
                            doc.getString("youthId"),
                            doc.get("plan", new Document()),
                            "plan.domains")))
        .mapEmpty();
  }

  /**
   * Whether a plan holds a text in plain or sealed with the master key (before per-person keys).
   */
  private static boolean legacy(Document plan) {
    Document domains = plan.get("domains", new Document());
    for (String domain : domains.keySet()) {
      Document content = domains.get(domain, Document.class);
      if (content != null && TEXTS.stream().anyMatch(field -> legacy(content, field))) {
        return true;
      }
      if (actions(content).stream().anyMatch(action -> legacy(action, "title"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean legacy(Document holder, String field) {
    Object sealed = holder.get(sealedName(field));
    return holder.get(field) instanceof String
        || (sealed != null && !SealedTexts.sealedWithYouthKey(sealed));
  }

  private Optional<SealAtRest.Rewrite> sealedRewrite(
      SealedTexts texts, String youthId, Document plan, String domainsPath) {
    Document domains = plan.get("domains", new Document());
    Document condition = new Document();
    List<org.bson.conversions.Bson> changes = new ArrayList<>();
    for (String domain : domains.keySet()) {
      Document content = domains.get(domain, Document.class);
      for (String field : TEXTS) {
        if (content != null && legacy(content, field)) {
          String path = domainsPath + "." + domain + ".";
          Object sealed = content.get(sealedName(field));
          condition
              .append(path + field, content.get(field))
              .append(path + sealedName(field), sealed);
          String text =
              sealed instanceof Document d
                  ? texts.open(d, binding(youthId, domain, field))
                  : content.getString(field);
          changes.add(
              Updates.set(
                  path + sealedName(field), texts.seal(text, binding(youthId, domain, field))));
          changes.add(Updates.unset(path + field));
        }
      }
      List<Document> actions = actions(content);
      if (actions.stream().anyMatch(a -> legacy(a, "title"))) {
        String path = domainsPath + "." + domain + ".actions";
        // The array as read is the condition: one written meanwhile waits for the next start.
        condition.append(path, actions);
        List<Document> opened =
            actions.stream().map(a -> openedAction(texts, youthId, domain, a)).toList();
        changes.add(Updates.set(path, sealedActions(texts, youthId, domain, opened)));
      }
    }
    return changes.isEmpty()
        ? Optional.empty()
        : Optional.of(new SealAtRest.Rewrite(condition, Updates.combine(changes)));
  }

  private static String sealedName(String field) {
    return "sealed" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
  }

  private static String binding(String youthId, String domain, String field) {
    return youthId + "/plan/" + domain + "/" + field;
  }

  private static String titleBinding(String youthId, String domain, Document action) {
    return binding(youthId, domain, "actions/" + action.getString("id") + "/title");
  }

  /** An action with its title opened (a copy). */
  private static Document openedAction(
      SealedTexts texts, String youthId, String domain, Document action) {
    Document opened = new Document(action);
    if (opened.remove(SEALED_TITLE) instanceof Document sealed) {
      opened.put("title", texts.open(sealed, titleBinding(youthId, domain, action)));
    }
    return opened;
  }

  /** The plan as read, its domains' texts opened (in place). */
  private static Document openTexts(SealedTexts texts, Document plan) {
    Document domains = plan.get("domains", Document.class);
    if (domains == null) {
      return plan;
    }
    for (String domain : domains.keySet()) {
      Document content = domains.get(domain, Document.class);
      for (String field : TEXTS) {
        Document sealed = content == null ? null : content.get(sealedName(field), Document.class);
        if (sealed != null) {
          content.remove(sealedName(field));
          content.put(field, texts.open(sealed, binding(plan.getString("_id"), domain, field)));
        }
      }
      for (Document action : actions(content)) {
        if (action.remove(SEALED_TITLE) instanceof Document sealed) {
          action.put(
              "title", texts.open(sealed, titleBinding(plan.getString("_id"), domain, action)));
        }
      }
    }
    return plan;
  }

  /** A domain as written: its texts sealed (a copy). */
  private static Document sealedDomain(
      SealedTexts texts, String youthId, String domain, Document content) {
    if (content == null) {
      return null;
    }
    Document sealed = new Document(content);
    for (String field : TEXTS) {
      if (sealed.remove(field) instanceof String plain) {
        sealed.put(sealedName(field), texts.seal(plain, binding(youthId, domain, field)));
      }
    }
    if (content.containsKey("actions")) {
      sealed.put("actions", sealedActions(texts, youthId, domain, actions(content)));
    }
    return sealed;
  }

  /** A domain's actions as written: their titles sealed (copies). */
  private static List<Document> sealedActions(
      SealedTexts texts, String youthId, String domain, List<Document> actions) {
    return actions.stream().map(action -> sealedAction(texts, youthId, domain, action)).toList();
  }

  /** An action as written: its title sealed (a copy). */
  private static Document sealedAction(
      SealedTexts texts, String youthId, String domain, Document action) {
    Document sealed = new Document(action);
    if (sealed.get("title") instanceof String plain) {
      sealed.remove("title");
      sealed.put(SEALED_TITLE, texts.seal(plain, titleBinding(youthId, domain, action)));
    }
    return sealed;
  }

  /** All domains as written: their texts sealed (a copy). */
  private static Document sealedDomains(SealedTexts texts, String youthId, Document domains) {
    Document sealed = new Document();
    domains.forEach(
        (domain, content) ->
            sealed.put(domain, sealedDomain(texts, youthId, domain, (Document) content)));
    return sealed;
  }

  /** The caller's grant, once the plan is open to them ({@link #requireOpen}). */
  private Future<CareCircle.Grant> open(
      Caller caller, String youthId, Permission permission, String resource, Instant now) {
    return circle
        .authorize(caller, youthId, permission, resource)
        .map(
            grant -> {
              if (permission == Permission.WORK_ON_OWN_TASKS
                  && !isOpen(grant.youth().dateOfBirth(), coordinator(grant, caller, now), now)) {
                // An owner's action is not there for them until the plan opens to them.
                throw Problem.of(CommonProblem.NOT_FOUND);
              }
              requireOpen(grant, coordinator(grant, caller, now));
              return grant;
            });
  }

  /**
   * Before 16 the plan is closed (403 saying from when); the case coordinator may prepare a draft
   * from 15½.
   */
  private void requireOpen(CareCircle.Grant grant, boolean coordinator) {
    LocalDate born = grant.youth().dateOfBirth();
    if (!isOpen(born, coordinator, clock.instant())) {
      throw Problem.of(
          PlanProblem.NOT_OPEN_YET,
          "problem.not-open-yet.detail",
          opens(born, coordinator).toString());
    }
  }

  /** The day the plan opens: the 16th birthday; for the case coordinator's draft 15½. */
  private static LocalDate opens(LocalDate born, boolean coordinator) {
    return coordinator
        ? AgeRules.birthday(born, 15).plusMonths(6)
        : AgeRules.birthday(born, AgeRules.DECIDES_ALONE);
  }

  private static boolean isOpen(LocalDate born, boolean coordinator, Instant now) {
    return !now.isBefore(opens(born, coordinator).atStartOfDay(AgeRules.ZONE).toInstant());
  }

  private static boolean coordinator(CareCircle.Grant grant, Caller caller, Instant now) {
    return coordinates(grant.youth(), caller.personId(), now);
  }

  /**
   * The plan as this person sees it: the domains whose visibility names them whole; of the other
   * domains only the actions they own; the ending with the plan as a whole.
   */
  private static Seen seen(Document plan, CareCircle.PlanSight sight) {
    JsonObject domains = new JsonObject();
    Document stored = plan.get("domains", Document.class);
    for (String domain : PlanDomains.ALL) {
      Document content = stored.get(domain, Document.class);
      if (sight.seesDomain(visibleTo(content))) {
        domains.put(domain, new JsonObject(content.toJson()));
        continue;
      }
      List<Document> own =
          content.getList("actions", Document.class, List.of()).stream()
              .filter(action -> sight.owns(action.getString("ownerId")))
              .toList();
      if (!own.isEmpty()) {
        JsonArray actions = new JsonArray();
        own.forEach(action -> actions.add(new JsonObject(action.toJson())));
        domains.put(domain, new JsonObject().put("actions", actions));
      }
    }
    Document ending = sight.wholePlan() ? plan.get("ending", new Document()) : new Document();
    JsonObject view =
        new JsonObject()
            .put("youthId", plan.getString("_id"))
            .put("version", plan.getLong(VersionedWrites.VERSION))
            .put("domains", domains)
            .put("ending", new JsonObject(ending.toJson()))
            .put(
                "updatedAt",
                plan.getDate("updatedAt") == null
                    ? null
                    : plan.getDate("updatedAt").toInstant().toString());
    return new Seen(plan.getLong(VersionedWrites.VERSION), view);
  }

  /** Each action given to someone else than before, that new owner told (not who gave it). */
  private List<NotificationIntent> assigned(
      String youthId, String domain, Document was, Document domainsAfter, Caller caller) {
    java.util.Map<String, String> ownerBefore = new java.util.HashMap<>();
    for (Document action : actions(was)) {
      if (action.getString("ownerId") != null) {
        ownerBefore.put(action.getString("id"), action.getString("ownerId"));
      }
    }
    List<NotificationIntent> told = new ArrayList<>();
    for (Document action : actions(domainsAfter.get(domain, Document.class))) {
      String owner = action.getString("ownerId");
      if (owner != null && !owner.equals(ownerBefore.get(action.getString("id")))) {
        TaskReminders.assigned(
                TaskReminders.planTaskId(youthId, domain, action.getString("id")),
                youthId,
                owner,
                caller.personId(),
                clock.instant())
            .ifPresent(told::add);
      }
    }
    return told;
  }

  private static List<Document> actions(Document domain) {
    return domain == null ? List.of() : domain.getList("actions", Document.class, List.of());
  }

  /** An action of a plan as its owner sees it, and the plan's version. */
  public record OwnedAction(
      String youthId,
      String domain,
      String actionId,
      String title,
      Optional<LocalDate> dueDate,
      String status,
      long version) {}

  /**
   * The actions this person owns in these young people's plans, where the plan is open to them (a
   * member from 16, the case coordinator from 15½). Whether they may see what they own at all is
   * the caller's to decide first ({@code CareCircle.mayWorkOnOwnTasks}). One query.
   */
  public Future<List<OwnedAction>> ownedBy(String personId, List<Youth> youths) {
    Instant now = clock.instant();
    List<Youth> open =
        youths.stream()
            .filter(y -> isOpen(y.dateOfBirth(), coordinates(y, personId, now), now))
            .toList();
    if (open.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return plans
        .list(
            plans
                .find(
                    new Document("_id", new Document("$in", open.stream().map(Youth::id).toList())))
                .projection(new Document("domains", 1).append(VersionedWrites.VERSION, 1)))
        .compose(this::opened)
        .map(
            docs -> {
              List<OwnedAction> owned = new ArrayList<>();
              for (Document plan : docs) {
                Document domains = plan.get("domains", new Document());
                for (String domain : PlanDomains.ALL) {
                  for (Document action : actions(domains.get(domain, Document.class))) {
                    if (personId.equals(action.getString("ownerId"))) {
                      owned.add(owned(plan, domain, action));
                    }
                  }
                }
              }
              return owned;
            });
  }

  private static OwnedAction owned(Document plan, String domain, Document action) {
    return new OwnedAction(
        plan.getString("_id"),
        domain,
        action.getString("id"),
        action.getString("title"),
        Optional.ofNullable(action.getString("dueDate")).map(LocalDate::parse),
        action.getString("status") == null ? "OPEN" : action.getString("status"),
        plan.getLong(VersionedWrites.VERSION));
  }

  private static boolean coordinates(Youth youth, String personId, Instant now) {
    return youth.activeRelationsOf(personId, now).stream()
        .anyMatch(r -> r.kind() == RelationKind.CASE_COORDINATOR);
  }

  /**
   * The owner marks their action done ({@code DONE}) or open again ({@code OPEN}; one that is
   * {@code DOING} stays so), if the plan is still at {@code expectedVersion}: a new version of the
   * plan, by the owner. Only the owner, once the plan is open to them; 404 otherwise.
   */
  public Future<Void> completeOwnAction(
      Caller caller,
      String youthId,
      String domain,
      String actionId,
      boolean done,
      long expectedVersion) {
    if (!PlanDomains.ALL.contains(domain)) {
      return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
    }
    String resource =
        "youth/" + youthId + "/tasks/" + TaskReminders.planTaskId(youthId, domain, actionId);
    return write(
            caller,
            youthId,
            Permission.WORK_ON_OWN_TASKS,
            resource,
            expectedVersion,
            (texts, grant, sight, stored, lines, told) -> {
              List<Document> after = new ArrayList<>();
              boolean found = false;
              for (Document action :
                  actions(stored.get("domains", Document.class).get(domain, Document.class))) {
                Document copy = new Document(action);
                if (actionId.equals(action.getString("id"))
                    && caller.personId().equals(action.getString("ownerId"))) {
                  found = true;
                  String status = action.getString("status");
                  copy.put("status", done ? "DONE" : "DONE".equals(status) ? "OPEN" : status);
                }
                after.add(copy);
              }
              if (!found) {
                throw Problem.of(CommonProblem.NOT_FOUND);
              }
              return Updates.set(
                  "domains." + domain + ".actions", sealedActions(texts, youthId, domain, after));
            })
        .mapEmpty();
  }

  /**
   * Adds an action someone gave to an owner, unless the plan has an action with its id already (a
   * seed, made again on every start): a new version, in one write. Demo data is no news: the owner
   * is not told.
   */
  public Future<Void> seedAction(
      String youthId,
      String domain,
      String actionId,
      String title,
      String ownerId,
      LocalDate dueDate,
      String by) {
    Instant now = clock.instant();
    return keys.toWrite(youthId)
        .compose(texts -> current(texts, youthId).map(stored -> java.util.Map.entry(texts, stored)))
        .compose(
            read -> {
              SealedTexts texts = read.getKey();
              Document stored = read.getValue();
              Document was = stored.get("domains", Document.class).get(domain, Document.class);
              if (actions(was).stream().anyMatch(a -> actionId.equals(a.getString("id")))) {
                return Future.succeededFuture();
              }
              Document action =
                  new Document("id", actionId)
                      .append("title", title)
                      .append("ownerId", ownerId)
                      .append("dueDate", dueDate.toString())
                      .append("status", "OPEN");
              List<org.bson.conversions.Bson> update = new ArrayList<>();
              update.add(
                  Updates.push(
                      "domains." + domain + ".actions",
                      sealedAction(texts, youthId, domain, action)));
              update.add(Updates.set("updatedAt", Date.from(now)));
              update.add(Updates.set("updatedBy", by));
              update.add(Updates.set(NEXT_REMINDER, new Date(0)));
              return versioned
                  .update(
                      PLANS.name(),
                      youthId,
                      stored.getLong(VersionedWrites.VERSION),
                      Updates.combine(update))
                  .compose(updated -> snapshot(updated, by, now));
            });
  }

  /** A plan with a reminder due: its owned open actions, and what was told already. */
  public record Reminding(
      String youthId, Instant expectedNext, List<TaskReminders.Owned> items, List<String> told) {}

  /** Plans with a reminder for an owner due by {@code now} (index-driven). */
  public Future<List<Reminding>> remindersDue(Instant now, int limit) {
    return plans
        .list(
            plans
                .find(new Document(NEXT_REMINDER, new Document("$lte", Date.from(now))))
                .projection(new Document("domains", 1).append(NEXT_REMINDER, 1).append(REMINDED, 1))
                .limit(limit))
        .map(docs -> docs.stream().map(Plans::reminding).toList());
  }

  private static Reminding reminding(Document plan) {
    String youthId = plan.getString("_id");
    List<TaskReminders.Owned> items = new ArrayList<>();
    Document domains = plan.get("domains", new Document());
    for (String domain : PlanDomains.ALL) {
      for (Document action : actions(domains.get(domain, Document.class))) {
        String owner = action.getString("ownerId");
        String due = action.getString("dueDate");
        if (owner != null && due != null && !"DONE".equals(action.getString("status"))) {
          items.add(
              new TaskReminders.Owned(
                  TaskReminders.planTaskId(youthId, domain, action.getString("id")),
                  youthId,
                  owner,
                  LocalDate.parse(due)));
        }
      }
    }
    return new Reminding(
        youthId,
        plan.getDate(NEXT_REMINDER).toInstant(),
        items,
        plan.getList(REMINDED, String.class, List.of()));
  }

  /**
   * Records a round of reminders, once: only if the plan still expects the round it was read with
   * (another instance, or a write of the plan, came first: then it is worked out again).
   */
  public Future<Boolean> recordReminders(
      String youthId, Instant expectedNext, TaskReminders.Round round) {
    List<org.bson.conversions.Bson> changes = new ArrayList<>();
    changes.add(Updates.set(NEXT_REMINDER, round.next().map(Date::from).orElse(null)));
    if (!round.told().isEmpty()) {
      changes.add(NotificationIntent.pushAll(round.told()));
      changes.add(Updates.addEachToSet(REMINDED, round.toldKeys()));
    }
    return plans
        .update(
            new Document("_id", youthId).append(NEXT_REMINDER, Date.from(expectedNext)),
            Updates.combine(changes))
        .map(result -> result.getModifiedCount() == 1);
  }

  private static List<String> visibleTo(Document domain) {
    return domain.getList("visibleTo", String.class, List.of());
  }

  /**
   * One domain as it will be stored; action owners must be the young person or in the circle.
   * {@code visibleTo} keeps what it was unless given; only the young person changes it, and each
   * change becomes a consent line.
   */
  private Document domain(
      CareCircle.Grant grant,
      String name,
      Document was,
      JsonObject content,
      String pointer,
      List<Document> errors,
      List<ConsentLog.Entry> lines) {
    Youth youth = grant.youth();
    JsonObject given = content == null ? new JsonObject() : content;
    Instant now = clock.instant();
    List<Document> actions = new ArrayList<>();
    JsonArray givenActions = given.getJsonArray("actions", new JsonArray());
    for (int i = 0; i < givenActions.size(); i++) {
      JsonObject action = givenActions.getJsonObject(i);
      String owner = action.getString("ownerId");
      if (owner != null && !youth.includes(owner, now)) {
        errors.add(
            new Document("name", "ownerId")
                .append("pointer", pointer + "/actions/" + i + "/ownerId")
                .append("detail", "field.not-in-circle"));
      }
      actions.add(
          new Document("id", action.getString("id"))
              .append("title", action.getString("title"))
              .append("ownerId", owner)
              .append("dueDate", action.getString("dueDate"))
              .append("status", action.getString("status", "OPEN")));
    }
    List<String> before = visibleTo(was).stream().distinct().sorted().toList();
    List<String> after = before;
    if (given.containsKey("visibleTo")) {
      after =
          given.getJsonArray("visibleTo").stream()
              .map(String::valueOf)
              .distinct()
              .sorted()
              .toList();
    }
    if (!after.equals(before)) {
      if (grant.capacity().equals(CareCircle.SELF)) {
        lines.add(
            ConsentLog.Entry.of(
                youth,
                now,
                youth.id(),
                CareCircle.SELF,
                ConsentLog.Decision.PLAN_VISIBILITY,
                name,
                Optional.empty(),
                before,
                after));
      } else {
        errors.add(
            new Document("name", "visibleTo")
                .append("pointer", pointer + "/visibleTo")
                .append("detail", "field.young-persons-choice"));
      }
    }
    return new Document("situation", given.getString("situation"))
        .append("wish", given.getString("wish"))
        .append("actions", actions)
        .append("visibleTo", after);
  }

  private static void check(List<Document> errors) {
    if (!errors.isEmpty()) {
      throw Problem.invalid(
          errors.stream()
              .map(
                  e ->
                      new Problem.FieldError(
                          "body",
                          e.getString("name"),
                          e.getString("pointer"),
                          e.getString("detail")))
              .toList());
    }
  }

  /** Erasure: the young person's plan and every version of it. */
  public Future<Void> eraseYouth(String youthId) {
    return versions
        .deleteMany(Filters.eq("youthId", youthId))
        .compose(v -> plans.delete(Filters.eq("_id", youthId)))
        .mapEmpty();
  }
}
