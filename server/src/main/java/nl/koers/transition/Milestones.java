package nl.koers.transition;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.AgeRules;

/**
 * The milestones from 16 until the region's horizon, each at local midnight of its day. Care ends
 * at 18 unless it was extended (to 21, or the region's horizon of 23 or 27); the follow-up
 * check-ins count from the day care ends: at 3, 6 and 12 months, then every 6 months while the
 * young adult is younger than the horizon ("jongeren niet te vroeg loslaten").
 */
public enum Milestones {
  PLAN_OPENS(16, 0),
  CHECKLIST_STARTS(17, 0),
  EXTENDED_CARE_DECISION_DUE(17, 6),
  STEADY_CONTACT_CHECK(17, 9),
  ADULT(18, 0),
  /**
   * The day youth care ends (the 18th birthday, or the end of extended care): the youth-law
   * relations end. It speaks to nobody; {@link #ADULT} and the check-ins do.
   */
  CARE_ENDS(0, 0),
  /** A check-in after youth care ended; its step is named {@code FOLLOW_UP_<n>_MONTHS}. */
  FOLLOW_UP(0, 0);

  /** The age the transition checklist opens at. */
  static final int CHECKLIST_OPENS_AT = 17;

  /** The first check-ins after care ends, always; then one every {@link #EVERY} months. */
  private static final List<Integer> FIRST_FOLLOW_UPS = List.of(3, 6, 12);

  private static final int EVERY = 6;

  private final int years;
  private final int months;

  Milestones(int years, int months) {
    this.years = years;
    this.months = months;
  }

  /** One step on a young person's schedule: what it is, its stored name, and when it comes. */
  public record Step(Milestones kind, String name, Instant at) {
    public boolean isFollowUp() {
      return kind == FOLLOW_UP;
    }
  }

  /** When this age milestone comes (not for {@link #FOLLOW_UP}, which counts from care's end). */
  public Instant at(LocalDate dateOfBirth) {
    if (this == FOLLOW_UP || this == CARE_ENDS) {
      throw new IllegalStateException("counts from the end of care");
    }
    return midnight(AgeRules.birthday(dateOfBirth, years).plusMonths(months));
  }

  /** The name a follow-up check-in this many months after care ends is stored and asked by. */
  public static String followUpName(int monthsAfterCare) {
    return "FOLLOW_UP_" + monthsAfterCare + "_MONTHS";
  }

  /**
   * Every step for someone born then whose youth care ends at {@code careEndsAtAge}, in a region
   * that follows young adults until {@code horizonAge} (never past {@link AgeRules#OLDEST}): the
   * age milestones, then the follow-up check-ins, in order.
   */
  public static List<Step> schedule(LocalDate dateOfBirth, int careEndsAtAge, int horizonAge) {
    List<Step> steps = new ArrayList<>();
    for (Milestones m : values()) {
      if (m != FOLLOW_UP && m != CARE_ENDS) {
        steps.add(new Step(m, m.name(), m.at(dateOfBirth)));
      }
    }
    LocalDate careEnds = AgeRules.birthday(dateOfBirth, careEndsAtAge);
    steps.add(new Step(CARE_ENDS, CARE_ENDS.name(), midnight(careEnds)));
    LocalDate horizon =
        AgeRules.birthday(dateOfBirth, Math.min(Math.max(horizonAge, 0), AgeRules.OLDEST));
    List<Integer> followUps = new ArrayList<>(FIRST_FOLLOW_UPS);
    for (int m = FIRST_FOLLOW_UPS.get(FIRST_FOLLOW_UPS.size() - 1) + EVERY;
        careEnds.plusMonths(m).isBefore(horizon);
        m += EVERY) {
      followUps.add(m);
    }
    for (int m : followUps) {
      steps.add(new Step(FOLLOW_UP, followUpName(m), midnight(careEnds.plusMonths(m))));
    }
    return steps;
  }

  /** The steps that tell the young person something (all but {@link #CARE_ENDS}). */
  public boolean speaks() {
    return this != CARE_ENDS;
  }

  /** Those due by {@code now} and not done yet, in order. */
  public static List<Step> due(
      LocalDate dateOfBirth, int careEndsAtAge, int horizonAge, List<String> done, Instant now) {
    return schedule(dateOfBirth, careEndsAtAge, horizonAge).stream()
        .filter(s -> !done.contains(s.name()))
        .filter(s -> !s.at().isAfter(now))
        .toList();
  }

  /** The next one still ahead and not done, if any. */
  public static Optional<Instant> next(
      LocalDate dateOfBirth, int careEndsAtAge, int horizonAge, List<String> done, Instant now) {
    return schedule(dateOfBirth, careEndsAtAge, horizonAge).stream()
        .filter(s -> !done.contains(s.name()))
        .map(Step::at)
        .filter(at -> at.isAfter(now))
        .min(Instant::compareTo);
  }

  private static Instant midnight(LocalDate day) {
    return day.atStartOfDay(AgeRules.ZONE).toInstant();
  }
}
