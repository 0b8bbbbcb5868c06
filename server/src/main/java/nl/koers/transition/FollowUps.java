package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.CircleProblem;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Permission;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.circle.YouthRecords.FollowUpChoice;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * The follow-up check-ins after youth care, as the young adult sees and steers them: which ones
 * come, which were asked or skipped, and their own choice to pause, stop or restart them. Koers
 * keeps asking by default ("jongeren niet te vroeg loslaten"); saying no is the young adult's
 * right, so it is theirs alone and goes on the consent history like any other decision about them.
 */
public final class FollowUps {

  /** How far ahead a pause may reach: longer is a stop, which the young adult can also choose. */
  static final int LONGEST_PAUSE_MONTHS = 12;

  /** Where one check-in stands. */
  public enum CheckInState {
    PLANNED,
    ASKED,
    SKIPPED
  }

  /** One check-in: its name ({@code FOLLOW_UP_<n>_MONTHS}), its day, where it stands. */
  public record CheckIn(String name, LocalDate on, CheckInState state) {}

  /** The young adult's view: when care ends, the region's horizon, the choice, every check-in. */
  public record View(
      String youthId,
      LocalDate careEndsOn,
      int regionHorizonAge,
      FollowUpChoice choice,
      List<CheckIn> checkIns) {

    /** What a write names in {@code If-Match}: the moment of the choice (0: never chosen). */
    public long version() {
      return choice.version();
    }
  }

  private final ExtendedCare extendedCare;
  private final YouthRecords records;
  private final CareCircle circle;
  private final Clock clock;

  FollowUps(ExtendedCare extendedCare, YouthRecords records, CareCircle circle, Clock clock) {
    this.extendedCare = extendedCare;
    this.records = records;
    this.circle = circle;
    this.clock = clock;
  }

  public Future<View> read(Caller caller, String youthId) {
    return circle
        .authorize(caller, youthId, Permission.READ_FOLLOW_UP, resource(youthId))
        .compose(grant -> view(grant.youth()));
  }

  /**
   * The young adult's new choice, only over the choice they last saw ({@code expectedVersion}); a
   * pause needs a day after today, at most {@value #LONGEST_PAUSE_MONTHS} months ahead.
   */
  public Future<View> choose(
      Caller caller,
      String youthId,
      FollowUpChoice.Choice choice,
      Optional<LocalDate> pausedUntil,
      long expectedVersion) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.CHOOSE_FOLLOW_UP, resource(youthId))
        .compose(
            grant -> {
              Youth youth = grant.youth();
              requireAdult(youth, now);
              FollowUpChoice chosen =
                  new FollowUpChoice(
                      choice,
                      choice == FollowUpChoice.Choice.PAUSED
                          ? Optional.of(pauseEnd(pausedUntil, now))
                          : Optional.empty(),
                      now);
              return records
                  .followUpState(youthId)
                  .compose(
                      stored ->
                          records.setFollowUpChoice(
                              youthId,
                              chosen,
                              Instant.ofEpochMilli(expectedVersion),
                              consentLine(youth, caller, stored.choice(), chosen)))
                  .compose(
                      written ->
                          written
                              ? view(youth)
                              : Future.failedFuture(new StaleVersion(youthId, expectedVersion)));
            });
  }

  private static void requireAdult(Youth youth, Instant now) {
    if (AgeRules.age(youth.dateOfBirth(), now) < AgeRules.ADULT) {
      throw Problem.of(
          CircleProblem.NOT_ADULT_YET,
          "problem.not-adult-yet.detail",
          AgeRules.birthday(youth.dateOfBirth(), AgeRules.ADULT).toString());
    }
  }

  private static LocalDate pauseEnd(Optional<LocalDate> pausedUntil, Instant now) {
    LocalDate today = AgeRules.today(now);
    LocalDate until = pausedUntil.orElse(today);
    if (!until.isAfter(today) || until.isAfter(today.plusMonths(LONGEST_PAUSE_MONTHS))) {
      throw Problem.of(
          TransitionProblem.PAUSE_OUT_OF_RANGE,
          "problem.pause-out-of-range.detail",
          Integer.toString(LONGEST_PAUSE_MONTHS));
    }
    return until;
  }

  private static ConsentLog.Entry consentLine(
      Youth youth, Caller caller, FollowUpChoice before, FollowUpChoice after) {
    return ConsentLog.Entry.of(
        youth,
        after.at(),
        caller.personId(),
        CareCircle.SELF,
        ConsentLog.Decision.FOLLOW_UP_CHOICE,
        "follow-up",
        Optional.empty(),
        words(before),
        words(after));
  }

  /** A choice as the history shows it: {@code ACTIVE}, {@code STOPPED}, {@code PAUSED:<day>}. */
  private static List<String> words(FollowUpChoice choice) {
    return List.of(choice.choice().name() + choice.pausedUntil().map(day -> ":" + day).orElse(""));
  }

  private Future<View> view(Youth youth) {
    return Future.all(extendedCare.statusOf(youth), records.followUpState(youth.id()))
        .map(
            all -> {
              ExtendedCare.Status status = all.resultAt(0);
              YouthRecords.FollowUpState state = all.resultAt(1);
              List<CheckIn> checkIns =
                  Milestones.schedule(
                          youth.dateOfBirth(), status.careEndsAtAge(), status.regionHorizonAge())
                      .stream()
                      .filter(Milestones.Step::isFollowUp)
                      .map(step -> checkIn(step, state))
                      .toList();
              return new View(
                  youth.id(),
                  status.careEndsOn(),
                  status.regionHorizonAge(),
                  state.choice(),
                  checkIns);
            });
  }

  private static CheckIn checkIn(Milestones.Step step, YouthRecords.FollowUpState state) {
    CheckInState where =
        state.skipped().contains(step.name())
            ? CheckInState.SKIPPED
            : state.done().contains(step.name()) ? CheckInState.ASKED : CheckInState.PLANNED;
    return new CheckIn(step.name(), AgeRules.today(step.at()), where);
  }

  private static String resource(String youthId) {
    return "youth/" + youthId + "/follow-up";
  }
}
