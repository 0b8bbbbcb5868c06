package nl.koers.transition;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import org.bson.Document;

/**
 * Warm handovers to adult services (Wmo, adult mental health, income support, housing): who, when
 * they meet, and confirmation from both sides - youth care and the adult service.
 */
public final class Handovers {

  public static final CollectionSpec SPEC =
      CollectionSpec.of("handovers", Index.ascending("byYouth", "youthId", "createdAt"));

  public enum Side {
    YOUTH_CARE,
    ADULT_SERVICES
  }

  private final Mongo mongo;
  private final CareCircle circle;
  private final Clock clock;

  public Handovers(Mongo mongo, CareCircle circle, Clock clock) {
    this.mongo = mongo;
    this.circle = circle;
    this.clock = clock;
  }

  /** The case coordinator records a planned handover. */
  public Future<JsonObject> record(
      Caller caller, String youthId, JsonObject handover, String seed) {
    Instant now = clock.instant();
    String id = Ids.derived(seed, "handover");
    return circle
        .authorize(
            caller, youthId, Permission.WRITE_PLAN, "youth/" + youthId + "/transition/handovers")
        .compose(
            grant -> {
              coordinatorOnly(grant);
              Document doc =
                  new Document("_id", id)
                      .append("youthId", youthId)
                      .append("kind", handover.getString("kind"))
                      .append("contact", Document.parse(handover.getJsonObject("contact").encode()))
                      .append("meetingDate", handover.getString("meetingDate"))
                      .append("createdBy", caller.personId())
                      .append("createdAt", Date.from(now))
                      .append("youthCareConfirmedAt", null)
                      .append("adultServicesConfirmedAt", null);
              return mongo.insertOnce(SPEC.name(), doc);
            })
        .map(Handovers::view);
  }

  public Future<List<JsonObject>> list(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_PLAN, "youth/" + youthId + "/transition/handovers")
        .compose(
            grant ->
                mongo.list(
                    mongo
                        .collection(SPEC.name())
                        .find(Filters.eq("youthId", youthId))
                        .sort(Sorts.ascending("createdAt"))))
        .map(docs -> docs.stream().map(Handovers::view).toList());
  }

  /** The case coordinator confirms a side (youth care, or the adult service after the meeting). */
  public Future<JsonObject> confirm(Caller caller, String youthId, String handoverId, Side side) {
    String field = side == Side.YOUTH_CARE ? "youthCareConfirmedAt" : "adultServicesConfirmedAt";
    return circle
        .authorize(
            caller,
            youthId,
            Permission.WRITE_PLAN,
            "youth/" + youthId + "/transition/handovers/" + handoverId)
        .compose(
            grant ->
                coordinatorOnly(grant)
                    .write(
                        mongo
                            .collection(SPEC.name())
                            .updateOne(
                                new Document("_id", handoverId)
                                    .append("youthId", youthId)
                                    .append(field, null),
                                Updates.set(field, Date.from(clock.instant())))))
        .compose(v -> find(handoverId))
        .map(
            doc -> {
              if (doc == null || !youthId.equals(doc.getString("youthId"))) {
                throw Problem.of(CommonProblem.NOT_FOUND);
              }
              return view(doc);
            });
  }

  /** Handovers are the case coordinator's work; the young person sees them. */
  private Mongo coordinatorOnly(CareCircle.Grant grant) {
    if (!grant.capacity().equals(nl.koers.circle.RelationKind.CASE_COORDINATOR.name())) {
      throw Problem.of(CommonProblem.FORBIDDEN);
    }
    return mongo;
  }

  private Future<Document> find(String id) {
    return mongo.first(mongo.collection(SPEC.name()).find(Filters.eq("_id", id)));
  }

  private static JsonObject view(Document doc) {
    Date youthCare = doc.getDate("youthCareConfirmedAt");
    Date adult = doc.getDate("adultServicesConfirmedAt");
    return new JsonObject()
        .put("id", doc.getString("_id"))
        .put("kind", doc.getString("kind"))
        .put("contact", new JsonObject(doc.get("contact", Document.class).toJson()))
        .put("meetingDate", doc.getString("meetingDate"))
        .put("youthCareConfirmedAt", youthCare == null ? null : youthCare.toInstant().toString())
        .put("adultServicesConfirmedAt", adult == null ? null : adult.toInstant().toString())
        .put("complete", youthCare != null && adult != null);
  }
}
