package nl.koers.transition;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.AgeRules;

/**
 * The milestones from 16 to a year after youth care ends, each at local midnight of its day. Care
 * ends at 18 unless it was extended (to 21, or the region's horizon of 23 or 27); the follow-up
 * check-ins count from the day care ends.
 */
public enum Milestones {
  PLAN_OPENS(16, 0, false),
  CHECKLIST_STARTS(17, 0, false),
  EXTENDED_CARE_DECISION_DUE(17, 6, false),
  STEADY_CONTACT_CHECK(17, 9, false),
  ADULT(18, 0, false),
  FOLLOW_UP_3_MONTHS(0, 3, true),
  FOLLOW_UP_6_MONTHS(0, 6, true),
  FOLLOW_UP_12_MONTHS(0, 12, true);

  /** The age the transition checklist opens at. */
  static final int CHECKLIST_OPENS_AT = 17;

  private final int years;
  private final int months;
  private final boolean afterCareEnds;

  Milestones(int years, int months, boolean afterCareEnds) {
    this.years = years;
    this.months = months;
    this.afterCareEnds = afterCareEnds;
  }

  public boolean isFollowUp() {
    return afterCareEnds;
  }

  /** When it comes for someone whose youth care ends at 18. */
  public Instant at(LocalDate dateOfBirth) {
    return at(dateOfBirth, AgeRules.ADULT);
  }

  /** When it comes for someone whose youth care ends at {@code careEndsAtAge}. */
  public Instant at(LocalDate dateOfBirth, int careEndsAtAge) {
    int age = afterCareEnds ? careEndsAtAge : years;
    LocalDate day = AgeRules.birthday(dateOfBirth, age).plusMonths(months);
    return day.atStartOfDay(AgeRules.ZONE).toInstant();
  }

  /** Those due by {@code now} and not done yet, in order. */
  public static List<Milestones> due(
      LocalDate dateOfBirth, int careEndsAtAge, List<String> done, Instant now) {
    return Arrays.stream(values())
        .filter(m -> !done.contains(m.name()))
        .filter(m -> !m.at(dateOfBirth, careEndsAtAge).isAfter(now))
        .toList();
  }

  /** The next one still ahead and not done, if any. */
  public static Optional<Instant> next(
      LocalDate dateOfBirth, int careEndsAtAge, List<String> done, Instant now) {
    return Arrays.stream(values())
        .filter(m -> !done.contains(m.name()))
        .map(m -> m.at(dateOfBirth, careEndsAtAge))
        .filter(at -> at.isAfter(now))
        .min(Instant::compareTo);
  }
}
