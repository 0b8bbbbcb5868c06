package nl.koers.transition;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.AgeRules;

/** The milestones from 16 to a year after 18, each at local midnight of its day. */
public enum Milestones {
  PLAN_OPENS(16, 0),
  CHECKLIST_STARTS(17, 0),
  EXTENDED_CARE_DECISION_DUE(17, 6),
  STEADY_CONTACT_CHECK(17, 9),
  ADULT(18, 0),
  FOLLOW_UP_3_MONTHS(18, 3),
  FOLLOW_UP_6_MONTHS(18, 6),
  FOLLOW_UP_12_MONTHS(19, 0);

  private final int years;
  private final int months;

  Milestones(int years, int months) {
    this.years = years;
    this.months = months;
  }

  public Instant at(LocalDate dateOfBirth) {
    LocalDate day = AgeRules.birthday(dateOfBirth, years).plusMonths(months);
    return day.atStartOfDay(AgeRules.ZONE).toInstant();
  }

  /** Those due by {@code now} and not done yet. */
  public static List<Milestones> due(LocalDate dateOfBirth, List<String> done, Instant now) {
    return java.util.Arrays.stream(values())
        .filter(m -> !done.contains(m.name()))
        .filter(m -> !m.at(dateOfBirth).isAfter(now))
        .toList();
  }

  /** The next one still ahead, if any. */
  public static Optional<Instant> next(LocalDate dateOfBirth, Instant now) {
    return java.util.Arrays.stream(values())
        .map(m -> m.at(dateOfBirth))
        .filter(at -> at.isAfter(now))
        .findFirst();
  }
}
