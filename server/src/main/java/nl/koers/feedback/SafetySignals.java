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
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.People;
import nl.koers.identity.Role;
import nl.koers.insights.Facts;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * "Ik voel me niet veilig": a young person's signal goes, urgently and whatever the hour, to their
 * case coordinator and the region's safety contacts on duty - never to parents or foster parents
 * (also when they are professionals on the roster), nor to the JIM. The young person hears at once
 * that it arrived, and sees who picked it up (first name only). A signal nobody picked up within
 * the pick-up time escalates once to the whole roster and the region admins. After 48 hours the
 * young person is asked whether it is safer now. Nobody can delete a signal; a professional closes
 * it with a note.
 *
 * <p>Status: {@code RECEIVED} → {@code PICKED_UP} → {@code CLOSED}. Signals stored before there was
 * a pick-up say {@code OPEN}: they are read and treated as {@code RECEIVED} (and never escalate,
 * having no pick-up deadline).
 */
public final class SafetySignals {

  public static final Duration FOLLOW_UP_AFTER = Duration.ofHours(48);

  public static final String RECEIVED = "RECEIVED";
  public static final String PICKED_UP = "PICKED_UP";
  public static final String CLOSED = "CLOSED";

  /** How signals stored before the pick-up step say RECEIVED. */
  static final String LEGACY_OPEN = "OPEN";

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "safetySignals",
          Index.ascending("byYouth", "youthId", "raisedAt"),
          Index.ascending("followUpDue", "followUpSentAt", "followUpAt"),
          Index.ascending("pickUpDue", "escalationDueAt"),
          Index.ascending("outbox", "outbox.id"));

  private static final Document NOT_PICKED_UP = new Document("$in", List.of(RECEIVED, LEGACY_OPEN));

  private final Mongo mongo;
  private final CareCircle circle;
  private final YouthRecords records;
  private final SafetyContacts contacts;
  private final People people;
  private final Duration pickUpWithin;
  private final Clock clock;

  public SafetySignals(
      Mongo mongo,
      CareCircle circle,
      YouthRecords records,
      SafetyContacts contacts,
      People people,
      Duration pickUpWithin,
      Clock clock) {
    this.mongo = mongo;
    this.circle = circle;
    this.records = records;
    this.contacts = contacts;
    this.people = people;
    this.pickUpWithin = pickUpWithin;
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
            grant -> {
              Youth youth = grant.youth();
              // A case coordinator who is also this young person's (foster) parent is skipped.
              Optional<String> coordinator =
                  youth
                      .activeOfKind(RelationKind.CASE_COORDINATOR, now)
                      .map(r -> r.personId())
                      .filter(cc -> !CareCircle.isParentOrFosterParent(youth, cc));
              return contacts
                  .onDutyFor(youth, now)
                  .compose(
                      onDuty -> {
                        List<String> routedTo = new ArrayList<>();
                        List<Document> outbox = new ArrayList<>();
                        String resource = resource(youthId, id);
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
                        for (String contact : onDuty) {
                          if (routedTo.contains(contact)) {
                            continue;
                          }
                          routedTo.add(contact);
                          // Not in the circle: told about the signal, not the person.
                          outbox.add(
                              intent(
                                  id + "/contact/" + contact,
                                  NotificationType.SAFETY,
                                  contact,
                                  Optional.empty(),
                                  resource,
                                  now));
                        }
                        outbox.add(
                            intent(
                                id + "/received",
                                NotificationType.SAFETY_RECEIVED,
                                youthId,
                                Optional.of(youthId),
                                resource,
                                now));
                        InsightsCell cell =
                            FeedbackFacts.cell(
                                youth.regionId(),
                                now,
                                Facts.band(youth.dateOfBirth(), now),
                                Questionnaire.Audience.YOUTH_16_PLUS,
                                coordinator);
                        Document signal =
                            new Document("_id", id)
                                .append("youthId", youthId)
                                .append("regionId", youth.regionId())
                                .append("text", text.orElse(null))
                                .append("mayCallMe", mayCallMe)
                                .append("raisedAt", Date.from(now))
                                .append("status", RECEIVED)
                                // Who was told: the case coordinator and the contacts on duty.
                                .append("routedTo", routedTo)
                                .append("escalationDueAt", Date.from(now.plus(pickUpWithin)))
                                .append("escalatedAt", null)
                                .append("followUpAt", Date.from(now.plus(FOLLOW_UP_AFTER)))
                                .append("followUpSentAt", null)
                                .append("insightsCell", FeedbackStore.cellDocument(cell))
                                .append(
                                    Facts.OUTBOX,
                                    FeedbackStore.factDocuments(
                                        List.of(FeedbackFacts.signalRaised(id, cell))))
                                .append(NotificationIntent.OUTBOX, outbox);
                        return mongo.insertOnce(SPEC.name(), signal);
                      });
            })
        .map(FeedbackViews::signalJson);
  }

  /** The young person's signals, newest first: for whoever may read them now. */
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

  /** One signal: for the young person, the case coordinator and the safety contacts, now. */
  public Future<JsonObject> one(Caller caller, String youthId, String signalId) {
    return signalOf(youthId, signalId)
        .compose(
            signal ->
                circle
                    .authorize(
                        caller,
                        youthId,
                        Permission.READ_SAFETY_SIGNALS,
                        resource(youthId, signalId))
                    .map(grant -> FeedbackViews.signalJson(signal)));
  }

  /**
   * A professional with the duty takes the signal on: the young person is told (and sees the first
   * name), and it no longer escalates. Only a signal nobody picked up yet; otherwise 409.
   */
  public Future<JsonObject> pickUp(Caller caller, String youthId, String signalId) {
    Instant now = clock.instant();
    return signalOf(youthId, signalId)
        .compose(
            signal ->
                circle
                    .authorize(
                        caller,
                        youthId,
                        Permission.PICK_UP_SAFETY_SIGNAL,
                        resource(youthId, signalId))
                    .compose(grant -> pickedUpBy(caller.personId(), now))
                    .compose(
                        pickedUp -> {
                          if (!isReceived(signal)) {
                            return conflict(signal);
                          }
                          List<Bson> changes = new ArrayList<>(pickUpChanges(pickedUp));
                          changes.add(Updates.set("status", PICKED_UP));
                          changes.add(Facts.record(actedOn(signal, now)));
                          changes.add(
                              NotificationIntent.keyed(
                                      signalId + "/picked-up",
                                      NotificationType.SAFETY_PICKED_UP,
                                      youthId,
                                      Optional.of(youthId),
                                      resource(youthId, signalId),
                                      now)
                                  .push());
                          return mongo
                              .updateIf(
                                  SPEC.name(),
                                  signalId,
                                  new Document("status", NOT_PICKED_UP),
                                  Updates.combine(changes))
                              .compose(
                                  done ->
                                      done
                                          ? Future.succeededFuture()
                                          : find(signalId).compose(s -> conflict(s.orElseThrow())));
                        }))
        .compose(v -> find(signalId))
        .map(found -> FeedbackViews.signalJson(found.orElseThrow()));
  }

  /**
   * Closes the signal with a note: the case coordinator or a safety contact. Closing one that
   * nobody picked up yet picks it up at the same time (by whoever closes it). A second close: 409.
   */
  public Future<JsonObject> close(Caller caller, String youthId, String signalId, String note) {
    Instant now = clock.instant();
    return signalOf(youthId, signalId)
        .compose(
            signal ->
                circle
                    .authorize(
                        caller,
                        youthId,
                        Permission.CLOSE_SAFETY_SIGNAL,
                        resource(youthId, signalId))
                    .compose(grant -> pickedUpBy(caller.personId(), now))
                    .compose(pickedUp -> closeOnce(signal, caller, pickedUp, note, now, 3)))
        .compose(v -> find(signalId))
        .map(found -> FeedbackViews.signalJson(found.orElseThrow()));
  }

  /** One conditional write from the state just read; read again when another write came first. */
  private Future<Void> closeOnce(
      Document signal, Caller caller, Document pickedUp, String note, Instant now, int tries) {
    String id = signal.getString("_id");
    String status = signal.getString("status");
    if (CLOSED.equals(status)) {
      return conflict(signal);
    }
    List<Bson> changes = new ArrayList<>();
    changes.add(Updates.set("status", CLOSED));
    changes.add(Updates.set("closedAt", Date.from(now)));
    changes.add(Updates.set("closedBy", caller.personId()));
    changes.add(Updates.set("closingNote", note));
    Document condition;
    if (isReceived(signal)) {
      changes.addAll(pickUpChanges(pickedUp));
      changes.add(Facts.record(actedOn(signal, now)));
      condition = new Document("status", NOT_PICKED_UP);
    } else {
      condition = new Document("status", status);
    }
    return mongo
        .updateIf(SPEC.name(), id, condition, Updates.combine(changes))
        .compose(
            done -> {
              if (done) {
                return Future.succeededFuture();
              }
              return find(id)
                  .compose(
                      again ->
                          tries > 1
                              ? closeOnce(
                                  again.orElseThrow(), caller, pickedUp, note, now, tries - 1)
                              : conflict(again.orElseThrow()));
            });
  }

  private static List<Bson> pickUpChanges(Document pickedUp) {
    return List.of(
        Updates.set("pickedUp", pickedUp),
        // Picked up: it no longer escalates.
        Updates.set("escalationDueAt", null));
  }

  /** Who picks it up, as the young person will see them: their first name only. */
  private Future<Document> pickedUpBy(String personId, Instant now) {
    return people
        .find(personId)
        .map(
            person ->
                new Document("by", personId)
                    .append("firstName", person.map(p -> firstName(p.name())).orElse(""))
                    .append("at", Date.from(now)));
  }

  static String firstName(String name) {
    String trimmed = name == null ? "" : name.trim();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }

  /**
   * The young person's answer to "Is het nu veiliger?": only once Koers asked (48 hours on);
   * earlier, 409.
   */
  public Future<JsonObject> answerFollowUp(
      Caller caller, String youthId, String signalId, boolean safer) {
    Instant now = clock.instant();
    return signalOf(youthId, signalId)
        .compose(
            signal ->
                circle
                    .authorize(
                        caller,
                        youthId,
                        Permission.RAISE_SAFETY_SIGNAL,
                        resource(youthId, signalId))
                    .compose(
                        grant ->
                            mongo.write(
                                mongo
                                    .collection(SPEC.name())
                                    .updateOne(
                                        new Document("_id", signalId)
                                            .append("followUpSentAt", new Document("$ne", null)),
                                        Updates.combine(
                                            Updates.set("followUp.saferNow", safer),
                                            Updates.set("followUp.at", Date.from(now)))))))
        .compose(
            result ->
                result.getMatchedCount() == 1
                    ? find(signalId)
                    : Future.failedFuture(
                        Problem.of(CommonProblem.CONFLICT, "problem.conflict.follow-up-not-asked")))
        .map(found -> FeedbackViews.signalJson(found.orElseThrow()));
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
                                                        resource(youthId, id),
                                                        now)))))
                                .map(result -> n + (int) result.getModifiedCount()));
              }
              return sent;
            });
  }

  /**
   * Signals nobody picked up within the pick-up time: an urgent notification to the region's whole
   * roster (on duty or not; never the young person's parent or foster parent) and its admins, once
   * per signal. Safe on any number of instances: the escalation is one conditional write on the
   * signal, with its notifications in the same write.
   */
  public Future<Integer> escalateUnpicked() {
    Instant now = clock.instant();
    return mongo
        .list(
            mongo
                .collection(SPEC.name())
                .find(new Document("escalationDueAt", new Document("$lte", Date.from(now))))
                .limit(50))
        .compose(
            due -> {
              Future<Integer> escalated = Future.succeededFuture(0);
              for (Document signal : due) {
                escalated =
                    escalated.compose(n -> escalate(signal, now).map(done -> done ? n + 1 : n));
              }
              return escalated;
            });
  }

  private Future<Boolean> escalate(Document signal, Instant now) {
    String id = signal.getString("_id");
    String youthId = signal.getString("youthId");
    String regionId = signal.getString("regionId");
    return records
        .find(youthId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(List.<NotificationIntent>of());
              }
              Youth youth = found.get();
              return Future.all(
                      contacts.everyoneFor(youth),
                      people.withRegionRole(Role.REGION_ADMIN, regionId))
                  .map(
                      both -> {
                        List<String> roster = both.resultAt(0);
                        List<String> admins = both.resultAt(1);
                        List<NotificationIntent> told = new ArrayList<>();
                        List<String> recipients = new ArrayList<>();
                        for (String contact : roster) {
                          recipients.add(contact);
                          told.add(
                              NotificationIntent.keyed(
                                  id + "/escalated/" + contact,
                                  NotificationType.SAFETY_ESCALATED,
                                  contact,
                                  Optional.empty(),
                                  resource(youthId, id),
                                  now));
                        }
                        for (String admin : admins) {
                          if (recipients.contains(admin)
                              || CareCircle.isParentOrFosterParent(youth, admin)) {
                            continue;
                          }
                          recipients.add(admin);
                          // Admins never see the young person: pointed to the roster to act on.
                          told.add(
                              NotificationIntent.keyed(
                                  id + "/escalated/" + admin,
                                  NotificationType.SAFETY_ESCALATED,
                                  admin,
                                  Optional.empty(),
                                  "regions/" + regionId + "/safety-contacts",
                                  now));
                        }
                        return told;
                      });
            })
        .compose(
            told ->
                mongo.updateIf(
                    SPEC.name(),
                    id,
                    new Document("status", NOT_PICKED_UP).append("escalatedAt", null),
                    Updates.combine(
                        Updates.set("escalatedAt", Date.from(now)),
                        Updates.set(
                            "escalatedTo", told.stream().map(t -> t.recipientId()).toList()),
                        Updates.set("escalationDueAt", null),
                        NotificationIntent.pushAll(told))));
  }

  private static List<Document> actedOn(Document signal, Instant now) {
    return FeedbackStore.factDocuments(
        FeedbackFacts.signalActedOn(
            signal.getString("_id"),
            Optional.ofNullable(signal.get("insightsCell", Document.class))
                .map(FeedbackStore::cell),
            signal.getDate("raisedAt").toInstant(),
            now));
  }

  private static boolean isReceived(Document signal) {
    String status = signal.getString("status");
    return RECEIVED.equals(status) || LEGACY_OPEN.equals(status);
  }

  private static <T> Future<T> conflict(Document signal) {
    return Future.failedFuture(
        Problem.of(
            CommonProblem.CONFLICT,
            CLOSED.equals(signal.getString("status"))
                ? "problem.conflict.signal-closed"
                : "problem.conflict.signal-picked-up"));
  }

  /** The signal, if it is this young person's; else the same 404 as for none. */
  private Future<Document> signalOf(String youthId, String signalId) {
    return find(signalId)
        .map(
            found ->
                found
                    .filter(s -> youthId.equals(s.getString("youthId")))
                    .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
  }

  private Future<Optional<Document>> find(String id) {
    return mongo
        .first(mongo.collection(SPEC.name()).find(Filters.eq("_id", id)))
        .map(Optional::ofNullable);
  }

  private static String resource(String youthId, String signalId) {
    return "youth/" + youthId + "/safety-signals/" + signalId;
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
