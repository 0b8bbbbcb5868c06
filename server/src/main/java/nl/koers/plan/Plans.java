package nl.koers.plan;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Scope;
import nl.koers.circle.Youth;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.VersionedWrites;
import org.bson.Document;

/**
 * The young person's future plan: one document per young person with a version; every version is
 * also kept as a snapshot. Opens on the 16th birthday; the case coordinator may prepare a draft
 * from 15½. Each domain says which members of the circle (by relation kind) may see it: the young
 * person's per-domain {@code visibleTo} is the decision that counts for the domains. Who may reach
 * the plan at all is CareCircle's ({@link CareCircle#authorizePlanRead}); which parts they then see
 * is {@link #visiblePart} here.
 */
public final class Plans {

  public static final CollectionSpec PLANS = CollectionSpec.of("plans");
  public static final CollectionSpec VERSIONS =
      CollectionSpec.of("planVersions", Index.ascending("byYouth", "youthId", "version"));

  /** A plan as the caller may see it, with its version (the ETag). */
  public record Seen(long version, JsonObject plan) {}

  /**
   * Who looks: the young person, or a member with every relation kind they hold now (that still
   * grants something), and whether one of those holds the plan scope.
   */
  private record Viewer(String personId, boolean self, Set<String> kinds, boolean planScope) {}

  private Viewer viewer(CareCircle.Grant grant, Caller caller) {
    if (grant.capacity().equals(CareCircle.SELF)) {
      return new Viewer(caller.personId(), true, Set.of(), true);
    }
    List<CareCircle.Grant> all = circle.grantsOf(grant.youth(), caller.personId());
    return new Viewer(
        caller.personId(),
        false,
        all.stream().map(CareCircle.Grant::capacity).collect(Collectors.toSet()),
        all.stream().anyMatch(g -> g.sees(Scope.PLAN)));
  }

  private final Mongo mongo;
  private final VersionedWrites versioned;
  private final CareCircle circle;
  private final Clock clock;

  public Plans(Mongo mongo, CareCircle circle, Clock clock) {
    this.mongo = mongo;
    this.versioned = new VersionedWrites(mongo);
    this.circle = circle;
    this.clock = clock;
  }

  /** Of these young people, those whose plan was ever written (for the region's indicators). */
  public Future<java.util.Set<String>> started(java.util.Collection<String> youthIds) {
    if (youthIds.isEmpty()) {
      return Future.succeededFuture(java.util.Set.of());
    }
    return mongo
        .list(
            mongo
                .collection(PLANS.name())
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

  public Future<Seen> read(Caller caller, String youthId) {
    String resource = "youth/" + youthId + "/plan";
    // Read-only: the plan is made on first use only once the caller is let in.
    return mongo
        .first(mongo.collection(PLANS.name()).find(Filters.eq("_id", youthId)))
        .compose(
            stored -> {
              Document plan = stored == null ? empty(youthId) : stored;
              return circle.authorizePlanRead(
                  caller, youthId, resource, grant -> reachesAnything(plan, viewer(grant, caller)));
            })
        .compose(
            grant -> {
              requireOpen(grant);
              return current(youthId).map(doc -> seen(doc, viewer(grant, caller)));
            });
  }

  /** Replaces the plan (domains and ending) if it is still at {@code expectedVersion}. */
  public Future<Seen> replace(
      Caller caller, String youthId, long expectedVersion, JsonObject plan) {
    return write(
        caller,
        youthId,
        expectedVersion,
        (grant, before) -> {
          JsonObject domains = plan.getJsonObject("domains", new JsonObject());
          Document previous = before.get("domains", Document.class);
          List<Document> errors = new ArrayList<>();
          Document stored = new Document();
          for (String domain : PlanDomains.ALL) {
            Document had = previous.get(domain, Document.class);
            // What the writer cannot see stays as it was: they cannot replace it unseen.
            stored.append(
                domain,
                seesWhole(had, viewer(grant, caller))
                    ? domain(
                        grant, domains.getJsonObject(domain), had, "/domains/" + domain, errors)
                    : had);
          }
          check(errors);
          return Updates.combine(
              Updates.set("domains", stored),
              Updates.set(
                  "ending",
                  Document.parse(plan.getJsonObject("ending", new JsonObject()).encode())));
        });
  }

  /** Replaces one domain if the plan is still at {@code expectedVersion}. */
  public Future<Seen> replaceDomain(
      Caller caller, String youthId, String domain, long expectedVersion, JsonObject content) {
    if (!PlanDomains.ALL.contains(domain)) {
      return Future.failedFuture(Problem.of(ProblemKind.NOT_FOUND));
    }
    return write(
        caller,
        youthId,
        expectedVersion,
        (grant, before) -> {
          Document had = before.get("domains", Document.class).get(domain, Document.class);
          if (!seesWhole(had, viewer(grant, caller))) {
            throw Problem.of(ProblemKind.NOT_FOUND);
          }
          List<Document> errors = new ArrayList<>();
          Document stored = domain(grant, content, had, "", errors);
          check(errors);
          return Updates.set("domains." + domain, stored);
        });
  }

  /** Every version, newest first (who changed it and when). */
  public Future<List<JsonObject>> versions(Caller caller, String youthId) {
    return read(caller, youthId)
        .compose(
            seen ->
                mongo.list(
                    mongo
                        .collection(VERSIONS.name())
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

  private interface Change {
    org.bson.conversions.Bson of(CareCircle.Grant grant, Document before);
  }

  private Future<Seen> write(Caller caller, String youthId, long expectedVersion, Change change) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.WRITE_PLAN, "youth/" + youthId + "/plan")
        .compose(
            grant -> {
              requireOpen(grant);
              return current(youthId)
                  .compose(
                      before -> {
                        // The change is built on what the plan holds now; only on the version
                        // the writer read is that the state the update applies to.
                        if (before.getLong(VersionedWrites.VERSION) != expectedVersion) {
                          return Future.failedFuture(Problem.of(ProblemKind.PRECONDITION_FAILED));
                        }
                        org.bson.conversions.Bson update =
                            Updates.combine(
                                change.of(grant, before),
                                Updates.set("updatedAt", Date.from(now)),
                                Updates.set("updatedBy", caller.personId()));
                        return versioned
                            .update(PLANS.name(), youthId, expectedVersion, update)
                            .compose(
                                updated ->
                                    snapshot(before, updated, caller, now)
                                        .map(v -> seen(updated, viewer(grant, caller))));
                      });
            });
  }

  /**
   * Keeps the version, with which domains' visibility it changed (a consent decision: domain,
   * before, after, by, at) in the same document.
   */
  private Future<Void> snapshot(Document before, Document plan, Caller caller, Instant now) {
    String youthId = plan.getString("_id");
    long version = plan.getLong(VersionedWrites.VERSION);
    Document snapshot =
        new Document("_id", youthId + ":" + version)
            .append("youthId", youthId)
            .append("version", version)
            .append("at", Date.from(now))
            .append("by", caller.personId())
            .append("plan", new Document(plan))
            .append("visibilityChanges", visibilityChanges(before, plan, caller, now));
    return mongo
        .write(
            mongo
                .collection(VERSIONS.name())
                .replaceOne(
                    Filters.eq("_id", snapshot.getString("_id")),
                    snapshot,
                    new ReplaceOptions().upsert(true)))
        .mapEmpty();
  }

  private static List<Document> visibilityChanges(
      Document before, Document after, Caller caller, Instant now) {
    List<Document> changes = new ArrayList<>();
    Document was = before.get("domains", Document.class);
    Document is = after.get("domains", Document.class);
    for (String domain : PlanDomains.ALL) {
      List<String> from = visibleTo(was.get(domain, Document.class));
      List<String> to = visibleTo(is.get(domain, Document.class));
      if (!new HashSet<>(from).equals(new HashSet<>(to))) {
        changes.add(
            new Document("domain", domain)
                .append("before", from)
                .append("after", to)
                .append("by", caller.personId())
                .append("at", Date.from(now)));
      }
    }
    return changes;
  }

  /** A plan nobody wrote yet: every domain empty, seen by the default relations. */
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

  /** The stored plan, made (empty, version 0) on first use. */
  private Future<Document> current(String youthId) {
    return mongo.insertOnce(PLANS.name(), empty(youthId));
  }

  /**
   * Before 16 the plan is closed (403 saying from when); the case coordinator may prepare a draft
   * from 15½.
   */
  private void requireOpen(CareCircle.Grant grant) {
    LocalDate born = grant.youth().dateOfBirth();
    Instant now = clock.instant();
    boolean coordinator = grant.capacity().equals(RelationKind.CASE_COORDINATOR.name());
    LocalDate opens =
        coordinator
            ? AgeRules.birthday(born, 15).plusMonths(6)
            : AgeRules.birthday(born, AgeRules.DECIDES_ALONE);
    if (now.isBefore(opens.atStartOfDay(AgeRules.ZONE).toInstant())) {
      throw Problem.of(ProblemKind.NOT_OPEN_YET, "problem.not-open-yet.detail", opens.toString());
    }
  }

  private static List<String> visibleTo(Document domain) {
    return domain == null
        ? PlanDomains.DEFAULT_VISIBLE_TO
        : domain.getList("visibleTo", String.class, PlanDomains.DEFAULT_VISIBLE_TO);
  }

  /**
   * The young person sees every domain; a member the domains whose visibleTo names one of their
   * relation kinds.
   */
  private static boolean seesWhole(Document domain, Viewer viewer) {
    return viewer.self() || visibleTo(domain).stream().anyMatch(viewer.kinds()::contains);
  }

  /**
   * The one rule for which part of a domain a caller sees: all of it when its visibleTo names their
   * relation kind (the young person always); otherwise only the actions they own, marked {@code
   * ownActionsOnly} (no situation, wish, other actions or visibleTo); otherwise nothing.
   */
  private static Optional<JsonObject> visiblePart(Document domain, Viewer viewer) {
    if (seesWhole(domain, viewer)) {
      return Optional.of(new JsonObject(domain.toJson()).put("ownActionsOnly", false));
    }
    JsonArray own = new JsonArray();
    for (Document action : domain.getList("actions", Document.class, List.of())) {
      if (!viewer.kinds().isEmpty() && viewer.personId().equals(action.getString("ownerId"))) {
        own.add(new JsonObject(action.toJson()));
      }
    }
    return own.isEmpty()
        ? Optional.empty()
        : Optional.of(new JsonObject().put("actions", own).put("ownActionsOnly", true));
  }

  /** Whether the plan shows this member anything (CareCircle lets them in on it). */
  private static boolean reachesAnything(Document plan, Viewer viewer) {
    Document domains = plan.get("domains", Document.class);
    return PlanDomains.ALL.stream()
        .map(d -> domains.get(d, Document.class))
        .anyMatch(d -> d != null && visiblePart(d, viewer).isPresent());
  }

  private static Seen seen(Document plan, Viewer viewer) {
    JsonObject domains = new JsonObject();
    Document stored = plan.get("domains", Document.class);
    for (String domain : PlanDomains.ALL) {
      Document content = stored.get(domain, Document.class);
      if (content != null) {
        visiblePart(content, viewer).ifPresent(part -> domains.put(domain, part));
      }
    }
    // The ending belongs to the plan as a whole: the young person and members with the plan scope.
    boolean whole = viewer.self() || viewer.planScope();
    JsonObject view =
        new JsonObject()
            .put("youthId", plan.getString("_id"))
            .put("version", plan.getLong(VersionedWrites.VERSION))
            .put("domains", domains)
            .put(
                "ending",
                whole
                    ? new JsonObject(plan.get("ending", new Document()).toJson())
                    : new JsonObject())
            .put(
                "updatedAt",
                plan.getDate("updatedAt") == null
                    ? null
                    : plan.getDate("updatedAt").toInstant().toString());
    return new Seen(plan.getLong(VersionedWrites.VERSION), view);
  }

  /**
   * One domain as stored; action owners must be the young person or in the circle. Without {@code
   * visibleTo} the domain keeps who saw it (a write never widens by omission); only the young
   * person changes it (from 16 they decide alone who sees what).
   */
  private Document domain(
      CareCircle.Grant grant,
      JsonObject content,
      Document previous,
      String pointer,
      List<Document> errors) {
    JsonObject given = content == null ? new JsonObject() : content;
    Youth youth = grant.youth();
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
                .append("code", "field.not-in-circle"));
      }
      actions.add(
          new Document("id", action.getString("id"))
              .append("title", action.getString("title"))
              .append("ownerId", owner)
              .append("dueDate", action.getString("dueDate"))
              .append("status", action.getString("status", "OPEN")));
    }
    List<String> had = visibleTo(previous);
    List<String> visibleTo = had;
    if (given.containsKey("visibleTo")) {
      visibleTo = given.getJsonArray("visibleTo").stream().map(String::valueOf).distinct().toList();
      boolean changed = !new HashSet<>(visibleTo).equals(new HashSet<>(had));
      if (changed && !grant.capacity().equals(CareCircle.SELF)) {
        errors.add(
            new Document("name", "visibleTo")
                .append("pointer", pointer + "/visibleTo")
                .append("code", "field.young-persons-decision"));
      }
    }
    return new Document("situation", given.getString("situation"))
        .append("wish", given.getString("wish"))
        .append("actions", actions)
        .append("visibleTo", visibleTo);
  }

  private static void check(List<Document> errors) {
    if (!errors.isEmpty()) {
      throw Problem.invalid(
          errors.stream()
              .map(
                  e ->
                      new Problem.FieldError(
                          "body", e.getString("name"), e.getString("pointer"), e.getString("code")))
              .toList());
    }
  }
}
