package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.Activations;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Authorizations;
import nl.koers.platform.security.Caller;

/**
 * Warm handovers to adult services (Wmo, adult mental health, income support, housing): who, when
 * they meet, and three voices that make it complete - youth care (the case coordinator), the adult
 * service (the contact who accepted the invite, from the meeting date on) and the young person, who
 * says whether they met. A handover only counts as done when the people on both sides of it and the
 * young person in the middle said so; then the checklist item {@value #CHECKLIST_ITEM} is done.
 */
public final class Handovers {

  /** The transition checklist's item a complete handover ticks off. */
  static final String CHECKLIST_ITEM = "overdracht";

  /** The kind of the contact's own check, made again on a replay. */
  public static final String CONTACT_CHECK = "handover.contact";

  /** How long the adult service's invite code works. */
  static final Duration INVITE_VALIDITY = Duration.ofDays(30);

  public enum Side {
    YOUTH_CARE,
    ADULT_SERVICES
  }

  /** Whom the young adult meets at the adult service. */
  public record Contact(
      String name, String organisation, Optional<String> phone, Optional<String> email) {}

  /** What the case coordinator plans: the kind of service, the contact and the meeting date. */
  public record Plan(String kind, Contact contact, String meetingDate) {}

  /** The young person's word on the meeting. */
  public record YouthAnswer(boolean met, Instant at) {}

  /**
   * A handover, when each side confirmed it, who accepted for the adult service and what the young
   * person said.
   */
  public record Handover(
      String id,
      String youthId,
      String kind,
      Contact contact,
      String meetingDate,
      String createdBy,
      Instant createdAt,
      Instant inviteExpiresAt,
      Optional<Instant> youthCareConfirmedAt,
      Optional<Instant> adultServicesConfirmedAt,
      Optional<String> adultContactId,
      Optional<YouthAnswer> youthAnswer,
      Optional<Instant> completedAt) {

    /** Both sides confirmed and the young person said they met. */
    public boolean complete() {
      return youthCareConfirmedAt.isPresent()
          && adultServicesConfirmedAt.isPresent()
          && youthAnswer.map(YouthAnswer::met).orElse(false);
    }
  }

  /**
   * A recorded handover and its invite: the code, shown this once, and the link that carries it.
   */
  public record Recorded(Handover handover, String code, String link) {}

  private final HandoverStore store;
  private final CareCircle circle;
  private final YouthRecords records;
  private final Checklists checklists;
  private final Clock clock;

  Handovers(
      HandoverStore store,
      CareCircle circle,
      YouthRecords records,
      Checklists checklists,
      Clock clock) {
    this.store = store;
    this.circle = circle;
    this.records = records;
    this.checklists = checklists;
    this.clock = clock;
  }

  /** The case coordinator records a planned handover; the answer carries the invite code, once. */
  public Future<Recorded> record(Caller caller, String youthId, Plan plan, String seed) {
    Instant now = clock.instant();
    String id = Ids.derived(seed, "handover");
    String code = Activations.randomCode();
    return circle
        .authorize(caller, youthId, Permission.WRITE_PLAN, resource(youthId))
        .compose(
            grant -> {
              coordinatorOnly(grant);
              Handover handover =
                  new Handover(
                      id,
                      youthId,
                      plan.kind(),
                      plan.contact(),
                      plan.meetingDate(),
                      caller.personId(),
                      now,
                      now.plus(INVITE_VALIDITY),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty());
              NotificationIntent planned =
                  toYouth(youthId, id + "/planned", NotificationType.HANDOVER_PLANNED, now);
              return store.insertOnce(handover, Activations.hash(code), List.of(planned));
            })
        .map(stored -> new Recorded(stored, code, "koers://handover-invite/" + code));
  }

  public Future<List<Handover>> list(Caller caller, String youthId) {
    return circle
        .authorize(caller, youthId, Permission.READ_PLAN, resource(youthId))
        .compose(grant -> store.ofYouth(youthId));
  }

  /**
   * The case coordinator confirms youth care's side. The adult service's side is the adult
   * service's own: she is told so (403), since she may know the handover exists.
   */
  public Future<Handover> confirm(Caller caller, String youthId, String handoverId, Side side) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.WRITE_PLAN, resource(youthId) + "/" + handoverId)
        .compose(
            grant -> {
              coordinatorOnly(grant);
              if (side != Side.YOUTH_CARE) {
                throw Problem.of(TransitionProblem.HANDOVER_SIDE_NOT_YOURS);
              }
              return ofYouth(youthId, handoverId);
            })
        .compose(handover -> confirmSide(handover, Side.YOUTH_CARE, now));
  }

  /** The adult service's contact accepts the invite, signed in with their own account. */
  public Future<Handover> accept(Caller caller, String code) {
    Instant now = clock.instant();
    return store
        .byCode(Activations.hash(Activations.normalise(code)))
        .compose(
            found -> {
              Handover handover =
                  found.orElseThrow(
                      () -> Problem.of(CommonProblem.NOT_FOUND, "problem.not-found.invite"));
              if (handover.adultContactId().isPresent()) {
                throw Problem.of(TransitionProblem.INVITE_USED, "problem.invite-used.handover");
              }
              if (!handover.inviteExpiresAt().isAfter(now)) {
                throw Problem.of(
                    TransitionProblem.INVITE_EXPIRED, "problem.invite-expired.handover");
              }
              return records
                  .find(handover.youthId())
                  .compose(youth -> acceptAs(caller, handover, youth.orElseThrow(), now));
            });
  }

  private Future<Handover> acceptAs(Caller caller, Handover handover, Youth youth, Instant now) {
    if (!CareCircle.mayActForAdultService(youth, caller.personId())) {
      return Future.failedFuture(Problem.of(TransitionProblem.HANDOVER_CONTACT_NOT_ALLOWED));
    }
    return store
        .accept(handover.id(), caller.personId(), now)
        .compose(
            accepted ->
                accepted
                    ? store.find(handover.id()).map(Optional::orElseThrow)
                    : Future.failedFuture(
                        Problem.of(TransitionProblem.INVITE_USED, "problem.invite-used.handover")));
  }

  /** The adult service's contact reads the one handover they accepted. */
  public Future<Handover> readAsContact(Caller caller, String handoverId) {
    return asContact(caller, handoverId, Permission.READ_HANDOVER_AS_CONTACT);
  }

  /** The adult service's contact confirms their side, from the meeting date on. */
  public Future<Handover> confirmAsContact(Caller caller, String handoverId) {
    Instant now = clock.instant();
    return asContact(caller, handoverId, Permission.CONFIRM_HANDOVER_AS_CONTACT)
        .compose(
            handover -> {
              metOrRefuse(handover, now);
              return confirmSide(handover, Side.ADULT_SERVICES, now);
            });
  }

  /**
   * The young person says whether they met (from the meeting date on); "no" tells the case
   * coordinator. Once the handover is complete the answer stays.
   */
  public Future<Handover> answer(Caller caller, String youthId, String handoverId, boolean met) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller, youthId, Permission.ANSWER_HANDOVER, resource(youthId) + "/" + handoverId)
        .compose(
            grant ->
                ofYouth(youthId, handoverId)
                    .compose(
                        handover -> {
                          metOrRefuse(handover, now);
                          return store
                              .answer(
                                  handoverId,
                                  new YouthAnswer(met, now),
                                  met ? List.of() : missed(grant.youth(), handover, now))
                              .compose(v -> completeIfDone(handoverId, now));
                        }));
  }

  /**
   * Of these young people, those with a handover recorded: for overviews that count or list them
   * (the continuity monitor, a caseload), which decide access themselves. One query.
   */
  public Future<java.util.Set<String>> recordedFor(java.util.Collection<String> youthIds) {
    return store.youthWithHandover(youthIds);
  }

  private Future<Handover> asContact(Caller caller, String handoverId, Permission permission) {
    return store
        .find(handoverId)
        .compose(
            found -> {
              // An unknown handover answers as a refused one: the same 404 as for no young person.
              Handover handover = found.orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
              String youthId = handover.youthId();
              return circle
                  .authorizeHandoverContact(
                      caller,
                      youthId,
                      permission,
                      resource(youthId) + "/" + handoverId,
                      handover.adultContactId())
                  .map(
                      grant -> {
                        // Made again on a replay (see Replays): is the caller still the contact?
                        caller
                            .authorizations()
                            .passed(
                                new Authorizations.Check(
                                    CONTACT_CHECK, Map.of("handoverId", handoverId)));
                        return handover;
                      });
            });
  }

  /** A replayed request of the adult service's contact: still that handover's contact? */
  public Future<Void> allowAgain(
      Caller caller, Authorizations.Check check, Optional<Youth> youthNow) {
    return store
        .find(check.fact("handoverId"))
        .compose(
            found ->
                found
                        .flatMap(Handover::adultContactId)
                        .filter(caller.personId()::equals)
                        .isPresent()
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND)));
  }

  private Future<Handover> confirmSide(Handover handover, Side side, Instant now) {
    NotificationIntent told =
        toYouth(
            handover.youthId(),
            handover.id() + "/confirmed/" + side,
            NotificationType.HANDOVER_CONFIRMED,
            now);
    return store
        .confirmUnlessConfirmed(handover.id(), side, now, told)
        .compose(v -> completeIfDone(handover.id(), now));
  }

  /** Marks the handover complete and ticks off the checklist item, once, when all three said so. */
  private Future<Handover> completeIfDone(String handoverId, Instant now) {
    return store
        .find(handoverId)
        .map(Optional::orElseThrow)
        .compose(
            handover -> {
              if (!handover.complete() || handover.completedAt().isPresent()) {
                return Future.succeededFuture(handover);
              }
              return store
                  .markCompleted(handoverId, now)
                  .compose(
                      first ->
                          first
                              ? checklists.markDone(handover.youthId(), CHECKLIST_ITEM, now)
                              : Future.<Void>succeededFuture())
                  .compose(v -> store.find(handoverId).map(Optional::orElseThrow));
            });
  }

  private Future<Handover> ofYouth(String youthId, String handoverId) {
    return store
        .find(handoverId)
        .map(
            found ->
                found
                    .filter(handover -> youthId.equals(handover.youthId()))
                    .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
  }

  /** Nobody can say how a meeting went before its day (Europe/Amsterdam). */
  private static void metOrRefuse(Handover handover, Instant now) {
    if (AgeRules.today(now).isBefore(LocalDate.parse(handover.meetingDate()))) {
      throw Problem.of(
          TransitionProblem.HANDOVER_NOT_MET_YET,
          "problem.handover-not-met-yet.detail",
          handover.meetingDate());
    }
  }

  /** The case coordinator hears that the young person did not meet the adult service. */
  private static List<NotificationIntent> missed(Youth youth, Handover handover, Instant now) {
    List<NotificationIntent> told = new ArrayList<>();
    youth
        .activeOfKind(RelationKind.CASE_COORDINATOR, now)
        .ifPresent(
            coordinator ->
                told.add(
                    NotificationIntent.keyed(
                        handover.id() + "/missed/" + now.toEpochMilli(),
                        NotificationType.HANDOVER_MISSED,
                        coordinator.personId(),
                        Optional.of(youth.id()),
                        resource(youth.id()),
                        now)));
    return told;
  }

  private static NotificationIntent toYouth(
      String youthId, String key, NotificationType type, Instant now) {
    return NotificationIntent.keyed(
        key, type, youthId, Optional.of(youthId), resource(youthId), now);
  }

  /** The young person's handovers: what news about one links to, and the access log's resource. */
  static String resource(String youthId) {
    return "youth/" + youthId + "/transition/handovers";
  }

  /** Handovers are the case coordinator's work; the young person sees them. */
  private static void coordinatorOnly(CareCircle.Grant grant) {
    if (!grant.capacity().equals(RelationKind.CASE_COORDINATOR.name())) {
      throw Problem.of(CommonProblem.FORBIDDEN);
    }
  }

  /** Erasure: every handover of the young person. */
  public Future<Void> eraseYouth(String youthId) {
    return store.eraseYouth(youthId);
  }
}
