package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * The decision on extended care (verlengde jeugdhulp or pleegzorg): youth care then ends later than
 * the 18th birthday, at most at the region's horizon (21, 23 or 27), and the follow-up check-ins
 * move with it.
 */
public final class ExtendedCare {

  /** The law's extension reaches 21; a region may follow young adults further. */
  public static final int DEFAULT_HORIZON = 21;

  static final String CHECKLIST_ITEM = "verlengde-jeugdhulp";

  /** What the case coordinator records. */
  public record Decision(boolean extended, Optional<String> kind, Optional<Integer> untilAge) {}

  /**
   * Where a young person stands: the region's horizon, the day youth care ends, the follow-up
   * check-ins after it, and the decision if one was recorded.
   */
  public record Status(
      String youthId,
      int regionHorizonAge,
      LocalDate careEndsOn,
      List<LocalDate> followUps,
      Optional<YouthRecords.ExtendedCareDecision> decision) {

    /**
     * What a write names in {@code If-Match}: the moment of the decision recorded (0: none yet).
     */
    public long version() {
      return decision.map(d -> d.decidedAt().toEpochMilli()).orElse(0L);
    }

    /** The age youth care ends at: 18, or the age extended care runs to. */
    public int careEndsAtAge() {
      return decision.map(YouthRecords.ExtendedCareDecision::untilAge).orElse(AgeRules.ADULT);
    }
  }

  private final ExtendedCareStore store;
  private final Checklists checklists;
  private final YouthRecords records;
  private final CareCircle circle;
  private final Clock clock;

  ExtendedCare(
      ExtendedCareStore store,
      Checklists checklists,
      YouthRecords records,
      CareCircle circle,
      Clock clock) {
    this.store = store;
    this.checklists = checklists;
    this.records = records;
    this.circle = circle;
    this.clock = clock;
  }

  /** Sets a region's horizon unless it has one. */
  public Future<Void> seedHorizon(String regionId, int horizonAge) {
    return store.seedHorizon(regionId, horizonAge);
  }

  public Future<Status> read(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_PLAN, "youth/" + youthId + "/transition/extended-care")
        .compose(grant -> status(grant.youth().id()));
  }

  /** The case coordinator records the decision; the milestones are worked out again. */
  public Future<Status> decide(
      Caller caller, String youthId, Decision decision, long expectedVersion) {
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
                          YouthRecords.ExtendedCareDecision recorded =
                              new YouthRecords.ExtendedCareDecision(
                                  decision.extended(),
                                  decision.kind(),
                                  until,
                                  now,
                                  caller.personId());
                          Optional<Instant> replaces =
                              expectedVersion == 0
                                  ? Optional.empty()
                                  : Optional.of(Instant.ofEpochMilli(expectedVersion));
                          return records
                              .setExtendedCare(
                                  youthId, recorded, replaces, decidedIntents(grant.youth(), now))
                              .compose(
                                  written ->
                                      written
                                          ? checklists.markDone(youthId, CHECKLIST_ITEM, now)
                                          : Future.failedFuture(
                                              new StaleVersion(youthId, expectedVersion)));
                        }))
        .compose(v -> status(youthId));
  }

  /** The foster parents hear the outcome (what it is, they read on the placement). */
  private static List<NotificationIntent> decidedIntents(Youth youth, Instant now) {
    return CareCircle.fosterParentsSeeingPlacement(youth, now).stream()
        .map(
            fosterParent ->
                NotificationIntent.keyed(
                    youth.id()
                        + "/extended-care-decided/"
                        + now.toEpochMilli()
                        + "/"
                        + fosterParent,
                    NotificationType.EXTENDED_CARE_DECIDED,
                    fosterParent,
                    Optional.of(youth.id()),
                    placement(youth.id()),
                    now))
        .toList();
  }

  /** What a foster parent's news about extended care links to: the placement. */
  static String placement(String youthId) {
    return "youth/" + youthId + "/placement";
  }

  /** How far the region follows its young adults (its horizon age, 21 unless set). */
  public Future<Integer> horizonOf(String regionId) {
    return horizon(regionId);
  }

  Future<Integer> horizon(String regionId) {
    return store.horizonOf(regionId).map(horizon -> horizon.orElse(DEFAULT_HORIZON));
  }

  private Future<Status> status(String youthId) {
    return records.find(youthId).map(Optional::orElseThrow).compose(this::statusOf);
  }

  Future<Status> statusOf(Youth youth) {
    return Future.all(records.extendedCare(youth.id()), horizon(youth.regionId()))
        .map(
            all -> {
              Optional<YouthRecords.ExtendedCareDecision> decided = all.resultAt(0);
              int horizon = all.resultAt(1);
              int until =
                  decided.map(YouthRecords.ExtendedCareDecision::untilAge).orElse(AgeRules.ADULT);
              LocalDate born = youth.dateOfBirth();
              List<LocalDate> followUps =
                  Milestones.schedule(born, until, horizon).stream()
                      .filter(Milestones.Step::isFollowUp)
                      .map(step -> AgeRules.today(step.at()))
                      .toList();
              return new Status(
                  youth.id(), horizon, AgeRules.birthday(born, until), followUps, decided);
            });
  }
}
