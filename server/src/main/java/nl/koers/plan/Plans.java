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
import java.util.List;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
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
 * from 15½. Each domain says which members of the circle (by relation) may see it.
 */
public final class Plans {

  public static final CollectionSpec PLANS = CollectionSpec.of("plans");
  public static final CollectionSpec VERSIONS =
      CollectionSpec.of("planVersions", Index.ascending("byYouth", "youthId", "version"));

  /** A plan as the caller may see it, with its version (the ETag). */
  public record Seen(long version, JsonObject plan) {}

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
    return circle
        .authorize(caller, youthId, Permission.READ_PLAN, "youth/" + youthId + "/plan")
        .compose(
            grant -> {
              requireOpen(grant);
              return current(youthId).map(doc -> seen(doc, grant));
            });
  }

  /** Replaces the plan (domains and ending) if it is still at {@code expectedVersion}. */
  public Future<Seen> replace(
      Caller caller, String youthId, long expectedVersion, JsonObject plan) {
    return write(
        caller,
        youthId,
        expectedVersion,
        grant -> {
          JsonObject domains = plan.getJsonObject("domains", new JsonObject());
          List<Document> errors = new ArrayList<>();
          Document stored = new Document();
          for (String domain : PlanDomains.ALL) {
            stored.append(
                domain,
                domain(grant.youth(), domains.getJsonObject(domain), "/domains/" + domain, errors));
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
        grant -> {
          List<Document> errors = new ArrayList<>();
          Document stored = domain(grant.youth(), content, "", errors);
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
    org.bson.conversions.Bson of(CareCircle.Grant grant);
  }

  private Future<Seen> write(Caller caller, String youthId, long expectedVersion, Change change) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.WRITE_PLAN, "youth/" + youthId + "/plan")
        .compose(
            grant -> {
              requireOpen(grant);
              org.bson.conversions.Bson update =
                  Updates.combine(
                      change.of(grant),
                      Updates.set("updatedAt", Date.from(now)),
                      Updates.set("updatedBy", caller.personId()));
              return current(youthId)
                  .compose(v -> versioned.update(PLANS.name(), youthId, expectedVersion, update))
                  .compose(
                      updated -> snapshot(updated, caller, now).map(v -> seen(updated, grant)));
            });
  }

  private Future<Void> snapshot(Document plan, Caller caller, Instant now) {
    String youthId = plan.getString("_id");
    long version = plan.getLong(VersionedWrites.VERSION);
    Document snapshot =
        new Document("_id", youthId + ":" + version)
            .append("youthId", youthId)
            .append("version", version)
            .append("at", Date.from(now))
            .append("by", caller.personId())
            .append("plan", new Document(plan));
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

  /** The stored plan, made (empty, version 0) on first use. */
  private Future<Document> current(String youthId) {
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
    empty.append("domains", domains).append("ending", new Document());
    return mongo.insertOnce(PLANS.name(), empty);
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

  private static Seen seen(Document plan, CareCircle.Grant grant) {
    boolean self = grant.capacity().equals(CareCircle.SELF);
    JsonObject domains = new JsonObject();
    Document stored = plan.get("domains", Document.class);
    for (String domain : PlanDomains.ALL) {
      Document content = stored.get(domain, Document.class);
      List<String> visibleTo = content.getList("visibleTo", String.class, List.of());
      if (self || visibleTo.contains(grant.capacity())) {
        domains.put(domain, new JsonObject(content.toJson()));
      }
    }
    JsonObject view =
        new JsonObject()
            .put("youthId", plan.getString("_id"))
            .put("version", plan.getLong(VersionedWrites.VERSION))
            .put("domains", domains)
            .put("ending", new JsonObject(plan.get("ending", new Document()).toJson()))
            .put(
                "updatedAt",
                plan.getDate("updatedAt") == null
                    ? null
                    : plan.getDate("updatedAt").toInstant().toString());
    return new Seen(plan.getLong(VersionedWrites.VERSION), view);
  }

  /** One domain as stored; action owners must be the young person or in the circle. */
  private Document domain(Youth youth, JsonObject content, String pointer, List<Document> errors) {
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
                .append("pointer", pointer + "/actions/" + i + "/ownerId"));
      }
      actions.add(
          new Document("id", action.getString("id"))
              .append("title", action.getString("title"))
              .append("ownerId", owner)
              .append("dueDate", action.getString("dueDate"))
              .append("status", action.getString("status", "OPEN")));
    }
    List<String> visibleTo =
        given.containsKey("visibleTo")
            ? given.getJsonArray("visibleTo").stream().map(String::valueOf).toList()
            : PlanDomains.DEFAULT_VISIBLE_TO;
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
                          "body",
                          e.getString("name"),
                          e.getString("pointer"),
                          "field.not-in-circle"))
              .toList());
    }
  }
}
