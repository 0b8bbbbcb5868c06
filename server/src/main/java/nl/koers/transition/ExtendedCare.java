package nl.koers.transition;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.YouthRecords;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import org.bson.Document;

/**
 * The decision on extended care (verlengde jeugdhulp or pleegzorg): youth care then ends later than
 * the 18th birthday, at most at the region's horizon (21, 23 or 27), and the follow-up check-ins
 * move with it.
 */
public final class ExtendedCare {

  public static final CollectionSpec REGIONS = CollectionSpec.of("regionTransition");

  /** The law's extension reaches 21; a region may follow young adults further. */
  public static final int DEFAULT_HORIZON = 21;

  static final String CHECKLIST_ITEM = "verlengde-jeugdhulp";

  /** What the case coordinator records. */
  public record Decision(boolean extended, Optional<String> kind, Optional<Integer> untilAge) {}

  private final Mongo mongo;
  private final Checklists checklists;
  private final YouthRecords records;
  private final CareCircle circle;
  private final Clock clock;

  public ExtendedCare(
      Mongo mongo, Checklists checklists, YouthRecords records, CareCircle circle, Clock clock) {
    this.mongo = mongo;
    this.checklists = checklists;
    this.records = records;
    this.circle = circle;
    this.clock = clock;
  }

  /** Sets a region's horizon unless it has one. */
  public static Future<Void> seedHorizon(Mongo mongo, String regionId, int horizonAge) {
    return mongo
        .write(
            mongo
                .collection(REGIONS.name())
                .updateOne(
                    Filters.eq("_id", regionId),
                    Updates.setOnInsert("horizonAge", horizonAge),
                    new UpdateOptions().upsert(true)))
        .mapEmpty();
  }

  public Future<JsonObject> read(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_PLAN, "youth/" + youthId + "/transition/extended-care")
        .compose(grant -> view(grant.youth().id()));
  }

  /** The case coordinator records the decision; the milestones are worked out again. */
  public Future<JsonObject> decide(Caller caller, String youthId, Decision decision) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller,
            youthId,
            Permission.RECORD_EXTENDED_CARE,
            "youth/" + youthId + "/transition/extended-care")
        .compose(
            grant ->
                horizon(grant.youth().regionId())
                    .compose(
                        horizon -> {
                          int until =
                              decision.extended()
                                  ? decision.untilAge().orElse(DEFAULT_HORIZON)
                                  : AgeRules.ADULT;
                          if (until > horizon) {
                            return Future.failedFuture(
                                Problem.of(
                                    TransitionProblem.BEYOND_HORIZON,
                                    "problem.beyond-horizon.detail",
                                    Integer.toString(horizon)));
                          }
                          Document recorded =
                              new Document("extended", decision.extended())
                                  .append("kind", decision.kind().orElse(null))
                                  .append("untilAge", until)
                                  .append("decidedAt", Date.from(now))
                                  .append("decidedBy", caller.personId());
                          return records
                              .setExtendedCare(youthId, recorded, until)
                              .compose(v -> checklists.markDone(youthId, CHECKLIST_ITEM, now));
                        }))
        .compose(v -> view(youthId));
  }

  Future<Integer> horizon(String regionId) {
    return mongo
        .first(mongo.collection(REGIONS.name()).find(Filters.eq("_id", regionId)))
        .map(doc -> doc == null ? DEFAULT_HORIZON : doc.getInteger("horizonAge", DEFAULT_HORIZON));
  }

  private Future<JsonObject> view(String youthId) {
    return records
        .find(youthId)
        .map(Optional::orElseThrow)
        .compose(
            youth ->
                Future.all(records.extendedCare(youthId), horizon(youth.regionId()))
                    .map(
                        all -> {
                          Optional<Document> decided = all.resultAt(0);
                          int horizon = all.resultAt(1);
                          int until =
                              decided.map(d -> d.getInteger("untilAge")).orElse(AgeRules.ADULT);
                          LocalDate born = youth.dateOfBirth();
                          JsonArray followUps = new JsonArray();
                          for (Milestones m : Milestones.values()) {
                            if (m.isFollowUp()) {
                              followUps.add(
                                  AgeRules.today(m.at(born, until).plusSeconds(1)).toString());
                            }
                          }
                          JsonObject view =
                              new JsonObject()
                                  .put("youthId", youthId)
                                  .put("regionHorizonAge", horizon)
                                  .put("careEndsOn", AgeRules.birthday(born, until).toString())
                                  .put("followUps", followUps);
                          decided.ifPresentOrElse(
                              d ->
                                  view.put(
                                      "decision",
                                      new JsonObject()
                                          .put("extended", d.getBoolean("extended"))
                                          .put("kind", d.getString("kind"))
                                          .put("untilAge", d.getInteger("untilAge"))
                                          .put(
                                              "decidedAt",
                                              d.getDate("decidedAt").toInstant().toString())),
                              () -> view.putNull("decision"));
                          return view;
                        }));
  }
}
