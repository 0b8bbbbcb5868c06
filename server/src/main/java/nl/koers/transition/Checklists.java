package nl.koers.transition;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import org.bson.Document;

/**
 * The transition checklist: a region's template of things to arrange, each due a number of months
 * before (or after) the 18th birthday, and per young person who does it and when it was done.
 */
public final class Checklists {

  public static final CollectionSpec TEMPLATES = CollectionSpec.of("checklistTemplates");
  public static final CollectionSpec CHECKLISTS = CollectionSpec.of("checklists");

  /** One item of a template: due {@code monthsFrom18} months from the 18th birthday. */
  public record Item(String id, Map<String, String> title, int monthsFrom18) {
    Document toDocument() {
      return new Document("id", id)
          .append("title", new Document(title))
          .append("monthsFrom18", monthsFrom18);
    }
  }

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

  private final Mongo mongo;
  private final CareCircle circle;
  private final Clock clock;

  public Checklists(Mongo mongo, CareCircle circle, Clock clock) {
    this.mongo = mongo;
    this.circle = circle;
    this.clock = clock;
  }

  /** Stores a region's template unless it has one. */
  public static Future<Void> seedTemplate(Mongo mongo, String regionId) {
    return mongo
        .write(
            mongo
                .collection(TEMPLATES.name())
                .updateOne(
                    Filters.eq("_id", regionId),
                    new Document(
                        "$setOnInsert",
                        new Document("items", DEFAULT.stream().map(Item::toDocument).toList())),
                    new UpdateOptions().upsert(true)))
        .mapEmpty();
  }

  public Future<JsonObject> read(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_PLAN, "youth/" + youthId + "/transition/checklist")
        .compose(grant -> view(grant));
  }

  /** Sets an item's owner and/or marks it done (the young person or the case coordinator). */
  public Future<JsonObject> update(
      Caller caller,
      String youthId,
      String itemId,
      Optional<String> ownerId,
      Optional<Boolean> done) {
    Permission permission =
        caller.personId().equals(youthId) ? Permission.READ_PLAN : Permission.WRITE_PLAN;
    return circle
        .authorize(
            caller, youthId, permission, "youth/" + youthId + "/transition/checklist/" + itemId)
        .compose(
            grant ->
                template(grant.youth().regionId())
                    .compose(
                        items -> {
                          if (items.stream().noneMatch(i -> i.getString("id").equals(itemId))) {
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
                          List<org.bson.conversions.Bson> changes = new ArrayList<>();
                          ownerId.ifPresent(
                              o -> changes.add(Updates.set("items." + itemId + ".ownerId", o)));
                          done.ifPresent(
                              d ->
                                  changes.add(
                                      Updates.set(
                                          "items." + itemId + ".doneAt",
                                          d ? Date.from(clock.instant()) : null)));
                          if (changes.isEmpty()) {
                            return Future.succeededFuture();
                          }
                          return mongo
                              .write(
                                  mongo
                                      .collection(CHECKLISTS.name())
                                      .updateOne(
                                          Filters.eq("_id", youthId),
                                          Updates.combine(changes),
                                          new UpdateOptions().upsert(true)))
                              .mapEmpty();
                        })
                    .compose(v -> view(grant)));
  }

  /** Marks an item done unless it already is (a decision recorded elsewhere completes it). */
  Future<Void> markDone(String youthId, String itemId, Instant at) {
    return mongo
        .updateIf(
            CHECKLISTS.name(),
            youthId,
            new Document("items." + itemId + ".doneAt", null),
            Updates.set("items." + itemId + ".doneAt", Date.from(at)))
        .compose(
            marked ->
                marked
                    ? Future.succeededFuture()
                    : mongo
                        .insertOnce(
                            CHECKLISTS.name(),
                            new Document("_id", youthId)
                                .append(
                                    "items",
                                    new Document(itemId, new Document("doneAt", Date.from(at)))))
                        .mapEmpty());
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
    return template(regionId)
        .compose(
            items ->
                mongo
                    .first(mongo.collection(CHECKLISTS.name()).find(Filters.eq("_id", youthId)))
                    .map(
                        stored -> {
                          Document state =
                              stored == null ? new Document() : stored.get("items", new Document());
                          List<Overdue> overdue = new ArrayList<>();
                          Optional<Instant> next = Optional.empty();
                          for (Document item : items) {
                            String id = item.getString("id");
                            Document mine = state.get(id, new Document());
                            if (mine.getDate("doneAt") != null) {
                              continue;
                            }
                            Instant from =
                                eighteen
                                    .plusMonths(item.getInteger("monthsFrom18"))
                                    .plusDays(1)
                                    .atStartOfDay(AgeRules.ZONE)
                                    .toInstant();
                            if (from.isBefore(opens)) {
                              from = opens;
                            }
                            if (!from.isAfter(now)) {
                              overdue.add(
                                  new Overdue(id, Optional.ofNullable(mine.getString("ownerId"))));
                            } else if (next.map(from::isBefore).orElse(true)) {
                              next = Optional.of(from);
                            }
                          }
                          return new Due(overdue, next);
                        }));
  }

  private Instant now() {
    return clock.instant();
  }

  private Future<JsonObject> view(CareCircle.Grant grant) {
    String youthId = grant.youth().id();
    LocalDate eighteen = AgeRules.birthday(grant.youth().dateOfBirth(), AgeRules.ADULT);
    Instant now = clock.instant();
    return template(grant.youth().regionId())
        .compose(
            items ->
                mongo
                    .first(mongo.collection(CHECKLISTS.name()).find(Filters.eq("_id", youthId)))
                    .map(
                        stored -> {
                          Document state =
                              stored == null ? new Document() : stored.get("items", new Document());
                          io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
                          for (Document item : items) {
                            String id = item.getString("id");
                            Document mine = state.get(id, new Document());
                            LocalDate due = eighteen.plusMonths(item.getInteger("monthsFrom18"));
                            Date doneAt = mine.getDate("doneAt");
                            list.add(
                                new JsonObject()
                                    .put("id", id)
                                    .put(
                                        "title",
                                        new JsonObject(item.get("title", Document.class).toJson()))
                                    .put("dueDate", due.toString())
                                    .put("ownerId", mine.getString("ownerId"))
                                    .put(
                                        "doneAt",
                                        doneAt == null ? null : doneAt.toInstant().toString())
                                    .put(
                                        "overdue",
                                        doneAt == null && AgeRules.today(now).isAfter(due)));
                          }
                          return new JsonObject()
                              .put("youthId", youthId)
                              .put("eighteenthBirthday", eighteen.toString())
                              .put("items", list);
                        }));
  }

  private Future<List<Document>> template(String regionId) {
    return mongo
        .first(mongo.collection(TEMPLATES.name()).find(Filters.eq("_id", regionId)))
        .map(
            doc ->
                doc == null
                    ? DEFAULT.stream().map(Item::toDocument).toList()
                    : doc.getList("items", Document.class, List.of()));
  }
}
