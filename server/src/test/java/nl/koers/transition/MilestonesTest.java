package nl.koers.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.koers.circle.AgeRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schedule from 16 to the region's horizon, worked out without a server. */
class MilestonesTest {

  private static final LocalDate BORN = LocalDate.of(2008, 5, 14);

  private static List<Milestones.Step> followUps(LocalDate born, int careEndsAt, int horizon) {
    return Milestones.schedule(born, careEndsAt, horizon).stream()
        .filter(Milestones.Step::isFollowUp)
        .toList();
  }

  private static LocalDate dayOf(Milestones.Step step) {
    return AgeRules.today(step.at());
  }

  @ParameterizedTest(name = "care ends at 18, horizon {0}: {1} check-ins, the last {2} months on")
  @CsvSource({"21, 6, 30", "23, 10, 54", "27, 18, 102"})
  void theCheckInsGoOnEverySixMonthsUntilTheRegionsHorizon(int horizon, int count, int lastMonths) {
    List<Milestones.Step> steps = followUps(BORN, AgeRules.ADULT, horizon);

    assertThat(steps).hasSize(count);
    assertThat(steps.subList(0, 4))
        .extracting(Milestones.Step::name)
        .containsExactly(
            "FOLLOW_UP_3_MONTHS",
            "FOLLOW_UP_6_MONTHS",
            "FOLLOW_UP_12_MONTHS",
            "FOLLOW_UP_18_MONTHS");
    Milestones.Step last = steps.get(steps.size() - 1);
    assertThat(last.name()).isEqualTo(Milestones.followUpName(lastMonths));
    assertThat(dayOf(last)).isBefore(AgeRules.birthday(BORN, horizon));
    assertThat(dayOf(last).plusMonths(6))
        .as("the next one would fall on or after the horizon birthday")
        .isAfterOrEqualTo(AgeRules.birthday(BORN, horizon));
    for (int i = 3; i < steps.size(); i++) {
      assertThat(dayOf(steps.get(i))).isEqualTo(dayOf(steps.get(i - 1)).plusMonths(6));
    }
  }

  @Test
  void everyStepComesAtMidnightInAmsterdamOnItsDay() {
    for (Milestones.Step step : Milestones.schedule(BORN, AgeRules.ADULT, 27)) {
      assertThat(step.at().atZone(AgeRules.ZONE).toLocalTime().toSecondOfDay())
          .as(step.name())
          .isZero();
    }
    assertThat(Milestones.ADULT.at(BORN)).isEqualTo(AgeRules.turns(BORN, 18));
    assertThat(AgeRules.today(Milestones.EXTENDED_CARE_DECISION_DUE.at(BORN)))
        .isEqualTo(LocalDate.of(2025, 11, 14));
    assertThat(AgeRules.today(Milestones.STEADY_CONTACT_CHECK.at(BORN)))
        .isEqualTo(LocalDate.of(2026, 2, 14));
  }

  @Test
  void extendedCareMovesTheEndOfCareAndTheCheckInsWithIt() {
    List<Milestones.Step> steps = Milestones.schedule(BORN, 21, 23);
    Milestones.Step careEnds =
        steps.stream().filter(s -> s.kind() == Milestones.CARE_ENDS).findFirst().orElseThrow();

    assertThat(AgeRules.today(careEnds.at())).isEqualTo(LocalDate.of(2029, 5, 14));
    assertThat(followUps(BORN, 21, 23))
        .extracting(MilestonesTest::dayOf)
        .containsExactly(
            LocalDate.of(2029, 8, 14),
            LocalDate.of(2029, 11, 14),
            LocalDate.of(2030, 5, 14),
            LocalDate.of(2030, 11, 14));
    assertThat(followUps(BORN, 23, 23))
        .as("care extended to the horizon still gets the first three check-ins after it")
        .extracting(Milestones.Step::name)
        .containsExactly("FOLLOW_UP_3_MONTHS", "FOLLOW_UP_6_MONTHS", "FOLLOW_UP_12_MONTHS");
  }

  @Test
  void someoneBornOnTheTwentyNinthOfFebruaryHasEveryStepOnARealDay() {
    LocalDate leap = LocalDate.of(2008, 2, 29);

    // As AgeRules counts it: in a year without 29 February the birthday is 1 March.
    assertThat(AgeRules.today(Milestones.ADULT.at(leap))).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(followUps(leap, AgeRules.ADULT, 21))
        .extracting(MilestonesTest::dayOf)
        .containsExactly(
            LocalDate.of(2026, 6, 1),
            LocalDate.of(2026, 9, 1),
            LocalDate.of(2027, 3, 1),
            LocalDate.of(2027, 9, 1),
            LocalDate.of(2028, 3, 1),
            LocalDate.of(2028, 9, 1));
  }

  @Test
  void whatIsDueIsWhatCameByNowAndWasNotDoneAndTheNextIsTheFirstAhead() {
    Instant adult = AgeRules.turns(BORN, AgeRules.ADULT);
    List<String> doneBefore18 =
        List.of(
            "PLAN_OPENS", "CHECKLIST_STARTS", "EXTENDED_CARE_DECISION_DUE", "STEADY_CONTACT_CHECK");

    assertThat(Milestones.due(BORN, 18, 23, doneBefore18, adult.minusMillis(1))).isEmpty();
    assertThat(Milestones.due(BORN, 18, 23, doneBefore18, adult))
        .extracting(Milestones.Step::name)
        .containsExactly("ADULT", "CARE_ENDS");
    List<String> doneAt18 = new java.util.ArrayList<>(doneBefore18);
    doneAt18.addAll(List.of("ADULT", "CARE_ENDS"));
    assertThat(Milestones.next(BORN, 18, 23, doneAt18, adult))
        .hasValue(
            AgeRules.birthday(BORN, 18).plusMonths(3).atStartOfDay(AgeRules.ZONE).toInstant());
    assertThat(Milestones.next(BORN, 18, 23, List.of("PLAN_OPENS"), adult))
        .as("steps past but not done are due, not next")
        .hasValue(
            AgeRules.birthday(BORN, 18).plusMonths(3).atStartOfDay(AgeRules.ZONE).toInstant());
  }
}
