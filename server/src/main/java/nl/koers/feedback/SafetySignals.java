package nl.koers.feedback;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.AccessLog;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.insights.Facts;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.http.Authorizations;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * "Ik voel me niet veilig": a young person's signal goes, urgently and whatever the hour, to their
 * case coordinator and the region's safety contact - never automatically to parents, foster parents
 * or the JIM. The young person hears at once that it arrived, and is asked after 48 hours whether
 * it is safer now. Nobody can delete a signal; a professional closes it with a note.
 */
public final class SafetySignals {

  public static final Duration FOLLOW_UP_AFTER = Duration.ofHours(48);
  public static final String CAPACITY = "SAFETY_CONTACT";

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "safetySignals",
          Index.ascending("byYouth", "youthId", "raisedAt"),
          Index.ascending("followUpDue", "followUpSentAt", "followUpAt"),
          Index.ascending("outbox", "outbox.id"));

  private final Mongo mongo;
  private final CareCircle circle;
  private final SafetyContacts contacts;
  private final Clock clock;

  public SafetySignals(Mongo mongo, CareCircle circle, SafetyContacts contacts, Clock clock) {
    this.mongo = mongo;
    this.circle = circle;
    this.contacts = contacts;
    this.clock = clock;
  }

  public Future<JsonObject> raise(
      Caller caller, String youthId, Optional<String> text, boolean mayCallMe, String seed) {
    Instant now = clock.instant();
    String id = derived(seed, "signal");
    return circle
        .authorize(
            caller, youthId, Permission.RAISE_SAFETY_SIGNAL, "youth/" + youthId + "/safety-signals")
        .compose(
            grant ->
                contacts
                    .of(grant.youth().regionId())
                    .compose(
                        contact -> {
                          Optional<String> coordinator =
                              grant
                                  .youth()
                                  .activeOfKind(RelationKind.CASE_COORDINATOR, now)
                                  .map(r -> r.personId());
                          List<String> routedTo = new ArrayList<>();
                          List<Document> outbox = new ArrayList<>();
                          String resource = "youth/" + youthId + "/safety-signals/" + id;
                          coordinator.ifPresent(
                              cc -> {
                                routedTo.add(cc);
                                outbox.add(
                                    intent(
                                        id + "/cc",
                                        NotificationType.SAFETY,
                                        cc,
                                        Optional.of(youthId),
                                        resource,
                                        now));
                              });
                          contact
                              .filter(c -> !routedTo.contains(c))
                              .ifPresent(
                                  c -> {
                                    routedTo.add(c);
                                    // Not in the circle: told about the signal, not the person.
                                    outbox.add(
                                        intent(
                                            id + "/contact",
                                            NotificationType.SAFETY,
                                            c,
                                            Optional.empty(),
                                            resource,
                                            now));
                                  });
                          outbox.add(
                              intent(
                                  id + "/received",
                                  NotificationType.SAFETY_RECEIVED,
                                  youthId,
                                  Optional.of(youthId),
                                  resource,
                                  now));
                          Document cell =
                              FeedbackFacts.cell(
                                  grant.youth().regionId(),
                                  now,
                                  Facts.band(grant.youth().dateOfBirth(), now),
                                  Questionnaire.Audience.YOUTH_16_PLUS,
                                  coordinator);
                          Document signal =
                              new Document("_id", id)
                                  .append("youthId", youthId)
                                  .append("regionId", grant.youth().regionId())
                                  .append("text", text.orElse(null))
                                  .append("mayCallMe", mayCallMe)
                                  .append("raisedAt", Date.from(now))
                                  .append("status", "OPEN")
                                  .append("routedTo", routedTo)
                                  .append("safetyContact", contact.orElse(null))
                                  .append("followUpAt", Date.from(now.plus(FOLLOW_UP_AFTER)))
                                  .append("followUpSentAt", null)
                                  .append("insightsCell", cell)
                                  .append(
                                      Facts.OUTBOX, List.of(FeedbackFacts.signalRaised(id, cell)))
                                  .append(NotificationIntent.OUTBOX, outbox);
                          return mongo.insertOnce(SPEC.name(), signal);
                        }))
        .map(FeedbackViews::signalJson);
  }

  /** The young person's signals, for them and their case coordinator, newest first. */
  public Future<List<JsonObject>> list(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_SAFETY_SIGNALS, "youth/" + youthId + "/safety-signals")
        .compose(
            grant ->
                mongo.list(
                    mongo
                        .collection(SPEC.name())
                        .find(Filters.eq("youthId", youthId))
                        .sort(Sorts.descending("raisedAt"))))
        .map(found -> found.stream().map(FeedbackViews::signalJson).toList());
  }

  /** Closes an open signal with a note: the case coordinator, or the contact it was routed to. */
  public Future<JsonObject> close(Caller caller, String youthId, String signalId, String note) {
    String resource = "youth/" + youthId + "/safety-signals/" + signalId;
    return signalOf(youthId, signalId)
        .compose(
            signal -> {
              return allowed(
                      caller,
                      signal,
                      Permission.CLOSE_SAFETY_SIGNAL,
                      resource,
                      AccessLog.Action.WRITE)
                  .compose(
                      v ->
                          mongo.write(
                              mongo
                                  .collection(SPEC.name())
                                  .updateOne(
                                      new Document("_id", signalId).append("status", "OPEN"),
                                      Updates.combine(
                                          Updates.set("status", "CLOSED"),
                                          Updates.set("closedAt", Date.from(clock.instant())),
                                          Updates.set("closedBy", caller.personId()),
                                          Updates.set("closingNote", note),
                                          Facts.record(
                                              FeedbackFacts.signalActedOn(
                                                  signal, clock.instant()))))));
            })
        .compose(v -> find(signalId))
        .map(found -> FeedbackViews.signalJson(found.orElseThrow()));
  }

  /** One signal: for the young person, the case coordinator and the region's safety contact. */
  public Future<JsonObject> one(Caller caller, String youthId, String signalId) {
    String resource = "youth/" + youthId + "/safety-signals/" + signalId;
    return signalOf(youthId, signalId)
        .compose(
            signal -> {
              return allowed(
                      caller,
                      signal,
                      Permission.READ_SAFETY_SIGNALS,
                      resource,
                      AccessLog.Action.READ)
                  .map(v -> FeedbackViews.signalJson(signal));
            });
  }

  /**
   * The region's safety contact is not in the circle; the signal itself lets them in (logged as
   * such). Everyone else goes through the care circle.
   */
  private Future<Void> allowed(
      Caller caller,
      Document signal,
      Permission permission,
      String resource,
      AccessLog.Action action) {
    String youthId = signal.getString("youthId");
    if (caller.personId().equals(signal.getString("safetyContact"))) {
      return circle.recordAccess(caller, youthId, CAPACITY, resource, action);
    }
    return circle.authorize(caller, youthId, permission, resource).mapEmpty();
  }

  /**
   * A safety contact's access on the signal's own grounds, made again for a replay (see {@link
   * nl.koers.circle.Replays}): it holds only while it would hold for a fresh request.
   */
  public Future<Void> allowAgain(
      Caller caller, Authorizations.Check check, Optional<Youth> youthNow) {
    String youthId = check.fact("youthId");
    String resource = check.fact("resource");
    String signalId = resource.substring(resource.lastIndexOf('/') + 1);
    return signalOf(youthId, signalId)
        .compose(
            signal ->
                caller.personId().equals(signal.getString("safetyContact"))
                    ? circle.recordAccess(
                        caller,
                        youthId,
                        CAPACITY,
                        resource,
                        AccessLog.Action.valueOf(check.fact("action")))
                    : Future.failedFuture(Problem.of(ProblemKind.NOT_FOUND)));
  }

  /** The young person's answer to "Is het nu veiliger?". */
  public Future<JsonObject> answerFollowUp(
      Caller caller, String youthId, String signalId, boolean safer) {
    return circle
        .authorize(
            caller,
            youthId,
            Permission.RAISE_SAFETY_SIGNAL,
            "youth/" + youthId + "/safety-signals/" + signalId)
        .compose(
            grant ->
                mongo.write(
                    mongo
                        .collection(SPEC.name())
                        .updateOne(
                            new Document("_id", signalId).append("youthId", youthId),
                            Updates.combine(
                                Updates.set("followUp.saferNow", safer),
                                Updates.set("followUp.at", Date.from(clock.instant()))))))
        .compose(
            result ->
                result.getMatchedCount() == 1
                    ? find(signalId)
                    : Future.succeededFuture(Optional.<Document>empty()))
        .map(
            found ->
                FeedbackViews.signalJson(
                    found.orElseThrow(() -> Problem.of(ProblemKind.NOT_FOUND))));
  }

  /** Two days on, asks each young person whether it is safer now; each signal once. */
  public Future<Integer> followUpDue() {
    Instant now = clock.instant();
    return mongo
        .list(
            mongo
                .collection(SPEC.name())
                .find(
                    new Document("followUpSentAt", null)
                        .append("followUpAt", new Document("$lte", Date.from(now))))
                .limit(50))
        .compose(
            due -> {
              Future<Integer> sent = Future.succeededFuture(0);
              for (Document signal : due) {
                String id = signal.getString("_id");
                String youthId = signal.getString("youthId");
                sent =
                    sent.compose(
                        n ->
                            mongo
                                .write(
                                    mongo
                                        .collection(SPEC.name())
                                        .updateOne(
                                            new Document("_id", id).append("followUpSentAt", null),
                                            Updates.combine(
                                                Updates.set("followUpSentAt", Date.from(now)),
                                                Updates.push(
                                                    NotificationIntent.OUTBOX,
                                                    intent(
                                                        id + "/follow-up",
                                                        NotificationType.SAFETY_FOLLOW_UP,
                                                        youthId,
                                                        Optional.of(youthId),
                                                        "youth/"
                                                            + youthId
                                                            + "/safety-signals/"
                                                            + id,
                                                        now)))))
                                .map(result -> n + (int) result.getModifiedCount()));
              }
              return sent;
            });
  }

  /** The signal, if it is this young person's; else the same 404 as for none. */
  private Future<Document> signalOf(String youthId, String signalId) {
    return find(signalId)
        .map(
            found ->
                found
                    .filter(s -> youthId.equals(s.getString("youthId")))
                    .orElseThrow(() -> Problem.of(ProblemKind.NOT_FOUND)));
  }

  private Future<Optional<Document>> find(String id) {
    return mongo
        .first(mongo.collection(SPEC.name()).find(Filters.eq("_id", id)))
        .map(Optional::ofNullable);
  }

  private static Document intent(
      String id,
      NotificationType type,
      String recipient,
      Optional<String> youthId,
      String resource,
      Instant now) {
    return NotificationIntent.keyed(id, type, recipient, youthId, resource, now).toDocument();
  }

  private static String derived(String seed, String what) {
    return Ids.derived(seed, what);
  }
}
