package nl.koers.feedback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.feedback.SafetySignal.FollowUp;
import nl.koers.feedback.SafetySignal.PickedUp;
import nl.koers.feedback.SafetySignal.Status;
import nl.koers.identity.People;
import nl.koers.identity.Role;
import nl.koers.insights.Facts;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.background.OneByOne;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import nl.koers.region.SafetyContacts;

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

  private final SafetySignalStore store;
  private final CareCircle circle;
  private final YouthRecords records;
  private final SafetyContacts contacts;
  private final People people;
  private final Duration pickUpWithin;
  private final Clock clock;

  public SafetySignals(
      SafetySignalStore store,
      CareCircle circle,
      YouthRecords records,
      SafetyContacts contacts,
      People people,
      Duration pickUpWithin,
      Clock clock) {
    this.store = store;
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
                        List<NotificationIntent> outbox = new ArrayList<>();
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
                        SafetySignal signal =
                            SafetySignal.raised(
                                id,
                                youthId,
                                youth.regionId(),
                                text,
                                mayCallMe,
                                now,
                                routedTo,
                                now.plus(pickUpWithin),
                                now.plus(FOLLOW_UP_AFTER),
                                cell);
                        return store.createOnce(
                            signal, List.of(FeedbackFacts.signalRaised(id, cell)), outbox);
                      });
            })
        .map(FeedbackViews::signalJson);
  }

  /** The young person's signals, newest first: for whoever may read them now. */
  public Future<List<JsonObject>> list(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_SAFETY_SIGNALS, "youth/" + youthId + "/safety-signals")
        .compose(grant -> store.byYouth(youthId))
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
    return actOn(
        caller,
        youthId,
        signalId,
        Permission.PICK_UP_SAFETY_SIGNAL,
        now,
        (signal, pickedUp) -> {
          if (signal.status() != Status.RECEIVED) {
            return conflict(signal);
          }
          return store
              .markPickedUp(
                  signalId,
                  pickedUp,
                  FeedbackFacts.signalActedOn(signal, now),
                  NotificationIntent.keyed(
                      signalId + "/picked-up",
                      NotificationType.SAFETY_PICKED_UP,
                      youthId,
                      Optional.of(youthId),
                      resource(youthId, signalId),
                      now))
              .compose(
                  done ->
                      done
                          ? Future.succeededFuture()
                          : store.find(signalId).compose(s -> conflict(s.orElseThrow())));
        });
  }

  /**
   * Closes the signal with a note: the case coordinator or a safety contact. Closing one that
   * nobody picked up yet picks it up at the same time (by whoever closes it). A second close: 409.
   */
  public Future<JsonObject> close(Caller caller, String youthId, String signalId, String note) {
    Instant now = clock.instant();
    return actOn(
        caller,
        youthId,
        signalId,
        Permission.CLOSE_SAFETY_SIGNAL,
        now,
        (signal, pickedUp) -> closeOnce(signal, caller, pickedUp, note, now, 3));
  }

  /**
   * What a duty holder does to a signal: find it, authorize now, name who acts, write once, and
   * answer the signal as it then stands.
   */
  private Future<JsonObject> actOn(
      Caller caller,
      String youthId,
      String signalId,
      Permission permission,
      Instant now,
      BiFunction<SafetySignal, PickedUp, Future<Void>> write) {
    return signalOf(youthId, signalId)
        .compose(
            signal ->
                circle
                    .authorize(caller, youthId, permission, resource(youthId, signalId))
                    .compose(grant -> pickedUpBy(caller.personId(), now))
                    .compose(pickedUp -> write.apply(signal, pickedUp)))
        .compose(v -> store.find(signalId))
        .map(found -> FeedbackViews.signalJson(found.orElseThrow()));
  }

  /** One conditional write from the state just read; read again when another write came first. */
  private Future<Void> closeOnce(
      SafetySignal signal, Caller caller, PickedUp pickedUp, String note, Instant now, int tries) {
    String id = signal.id();
    if (signal.status() == Status.CLOSED) {
      return conflict(signal);
    }
    Future<Boolean> closed =
        signal.status() == Status.RECEIVED
            ? store.markPickedUpAndClosed(
                id, pickedUp, note, now, FeedbackFacts.signalActedOn(signal, now))
            : store.markClosed(id, caller.personId(), note, now);
    return closed.compose(
        done -> {
          if (done) {
            return Future.succeededFuture();
          }
          return store
              .find(id)
              .compose(
                  again ->
                      tries > 1
                          ? closeOnce(again.orElseThrow(), caller, pickedUp, note, now, tries - 1)
                          : conflict(again.orElseThrow()));
        });
  }

  /** Who picks it up, as the young person will see them: their first name only. */
  private Future<PickedUp> pickedUpBy(String personId, Instant now) {
    return people
        .find(personId)
        .map(
            person -> new PickedUp(personId, person.map(p -> firstName(p.name())).orElse(""), now));
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
                        grant -> store.recordFollowUpAnswer(signalId, new FollowUp(safer, now))))
        .map(
            answered ->
                answered.orElseThrow(
                    () ->
                        Problem.of(CommonProblem.CONFLICT, "problem.conflict.follow-up-not-asked")))
        .map(FeedbackViews::signalJson);
  }

  /** Two days on, asks each young person whether it is safer now; each signal once. */
  public Future<Integer> followUpDue() {
    Instant now = clock.instant();
    return store
        .followUpsDue(now, 50)
        .compose(due -> OneByOne.countChanged(due, signal -> askFollowUp(signal, now)));
  }

  private Future<Boolean> askFollowUp(SafetySignal signal, Instant now) {
    String id = signal.id();
    String youthId = signal.youthId();
    return store.markFollowUpSent(
        id,
        now,
        NotificationIntent.keyed(
            id + "/follow-up",
            NotificationType.SAFETY_FOLLOW_UP,
            youthId,
            Optional.of(youthId),
            resource(youthId, id),
            now));
  }

  /**
   * Signals nobody picked up within the pick-up time: an urgent notification to the region's whole
   * roster (on duty or not; never the young person's parent or foster parent) and its admins, once
   * per signal. Safe on any number of instances: the escalation is one conditional write on the
   * signal, with its notifications in the same write.
   */
  public Future<Integer> escalateUnpicked() {
    Instant now = clock.instant();
    return store
        .pickUpsOverdue(now, 50)
        .compose(due -> OneByOne.countChanged(due, signal -> escalate(signal, now)));
  }

  private Future<Boolean> escalate(SafetySignal signal, Instant now) {
    String id = signal.id();
    String youthId = signal.youthId();
    String regionId = signal.regionId();
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
                store.markEscalated(
                    id, now, told.stream().map(t -> t.recipientId()).toList(), told));
  }

  private static <T> Future<T> conflict(SafetySignal signal) {
    return Future.failedFuture(
        Problem.of(
            CommonProblem.CONFLICT,
            signal.status() == Status.CLOSED
                ? "problem.conflict.signal-closed"
                : "problem.conflict.signal-picked-up"));
  }

  /** The signal, if it is this young person's; else the same 404 as for none. */
  private Future<SafetySignal> signalOf(String youthId, String signalId) {
    return store
        .find(signalId)
        .map(
            found ->
                found
                    .filter(s -> youthId.equals(s.youthId()))
                    .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
  }

  private static String resource(String youthId, String signalId) {
    return "youth/" + youthId + "/safety-signals/" + signalId;
  }

  private static NotificationIntent intent(
      String id,
      NotificationType type,
      String recipient,
      Optional<String> youthId,
      String resource,
      Instant now) {
    return NotificationIntent.keyed(id, type, recipient, youthId, resource, now);
  }

  private static String derived(String seed, String what) {
    return Ids.derived(seed, what);
  }

  /** Whether a signal of the young person is still open: their erasure waits until it is closed. */
  public Future<Boolean> anyOpen(String youthId) {
    return store.anyOpen(youthId);
  }

  /** The ids of the young person's signals (erasure: their facts). */
  public Future<List<String>> idsAbout(String youthId) {
    return store.idsAbout(youthId);
  }

  /** Erasure: every signal of the young person (only once none is open). */
  public Future<Void> eraseYouth(String youthId) {
    return store.eraseYouth(youthId);
  }
}
