package nl.koers.circle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ages change at local midnight in Amsterdam, and with them what parents may see. */
class AgeRulesTest {

  private static Instant at(String utc) {
    return Instant.parse(utc);
  }

  @Test
  void someoneTurnsTwelveAtMidnightInAmsterdamInWinter() {
    LocalDate born = LocalDate.of(2014, 1, 10);
    // CET is UTC+1: local midnight of 10 January 2026 is 23:00 UTC on the 9th.
    assertThat(AgeRules.age(born, at("2026-01-09T22:59:59Z"))).isEqualTo(11);
    assertThat(AgeRules.age(born, at("2026-01-09T23:00:00Z"))).isEqualTo(12);
  }

  @Test
  void someoneTurnsSixteenAtMidnightInAmsterdamInSummer() {
    LocalDate born = LocalDate.of(2010, 6, 15);
    // CEST is UTC+2.
    assertThat(AgeRules.age(born, at("2026-06-14T21:59:59Z"))).isEqualTo(15);
    assertThat(AgeRules.age(born, at("2026-06-14T22:00:00Z"))).isEqualTo(16);
    assertThat(AgeRules.turns(born, 16)).isEqualTo(at("2026-06-14T22:00:00Z"));
  }

  @Test
  void someoneTurnsEighteenAtMidnightNotAtUtcMidnight() {
    LocalDate born = LocalDate.of(2008, 11, 24);
    assertThat(AgeRules.age(born, at("2026-11-23T22:59:59Z"))).isEqualTo(17);
    assertThat(AgeRules.age(born, at("2026-11-23T23:00:00Z"))).isEqualTo(18);
  }

  @Test
  void aTwentyNinthOfFebruaryBirthdayIsTheFirstOfMarchInOtherYears() {
    LocalDate born = LocalDate.of(2008, 2, 29);
    assertThat(AgeRules.birthday(born, 18)).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(AgeRules.age(born, at("2026-02-28T22:59:59Z"))).isEqualTo(17);
    assertThat(AgeRules.age(born, at("2026-02-28T23:00:00Z"))).isEqualTo(18);
    // In a leap year it is the day itself.
    assertThat(AgeRules.birthday(born, 16)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(AgeRules.age(born, at("2024-02-28T23:00:00Z"))).isEqualTo(16);
    assertThat(AgeRules.age(born, at("2024-02-28T22:59:59Z"))).isEqualTo(15);
  }

  @Test
  void beforeSixteenAParentNeverSeesFeedbackOrMessagesEvenIfGranted() {
    LocalDate born = LocalDate.of(2010, 6, 15);
    Relation parent = parent(Optional.empty());

    assertThat(AgeRules.effectiveScopes(parent, born, at("2026-06-14T21:59:59Z")))
        .containsExactlyInAnyOrder(Scope.PROFILE, Scope.HELP);
    assertThat(AgeRules.effectiveScopes(parent, born, at("2026-06-14T22:00:00Z")))
        .containsExactlyInAnyOrder(Scope.PROFILE, Scope.HELP, Scope.FEEDBACK, Scope.MESSAGES);
  }

  @Test
  void atEighteenAParentSeesNothingUntilTheYoungAdultGrantsItAgain() {
    LocalDate born = LocalDate.of(2008, 11, 24);
    Instant eighteen = at("2026-11-23T23:00:00Z");

    assertThat(AgeRules.effectiveScopes(parent(Optional.empty()), born, eighteen.minusSeconds(1)))
        .isNotEmpty();
    assertThat(AgeRules.effectiveScopes(parent(Optional.empty()), born, eighteen)).isEmpty();
    // A grant made while still 17 does not count: it must come from the adult.
    assertThat(
            AgeRules.effectiveScopes(
                parent(Optional.of(eighteen.minusSeconds(60))), born, eighteen.plusSeconds(60)))
        .isEmpty();
    assertThat(
            AgeRules.effectiveScopes(
                parent(Optional.of(eighteen.plusSeconds(30))), born, eighteen.plusSeconds(60)))
        .contains(Scope.PROFILE);
  }

  @Test
  void aFosterParentKeepsAccessPastEighteen() {
    LocalDate born = LocalDate.of(2008, 11, 24);
    Relation foster =
        new Relation(
            "r",
            RelationKind.FOSTER_PARENT,
            "p",
            RelationKind.FOSTER_PARENT.defaultScopes(),
            at("2020-01-01T00:00:00Z"),
            Optional.empty(),
            Optional.empty());

    assertThat(AgeRules.effectiveScopes(foster, born, at("2026-11-24T12:00:00Z")))
        .contains(Scope.PROFILE, Scope.CIRCLE);
  }

  private static Relation parent(Optional<Instant> renewedAsAdult) {
    return new Relation(
        "r",
        RelationKind.PARENT,
        "p",
        EnumSet.of(Scope.PROFILE, Scope.HELP, Scope.FEEDBACK, Scope.MESSAGES),
        at("2020-01-01T00:00:00Z"),
        Optional.empty(),
        renewedAsAdult);
  }
}
