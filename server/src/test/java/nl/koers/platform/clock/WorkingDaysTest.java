package nl.koers.platform.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Replies are due after working days in Amsterdam: weekends do not count, local time is kept. */
class WorkingDaysTest {

  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

  @Test
  void fiveWorkingDaysFromAFridayAfternoonIsTheNextFriday() {
    // Friday 27 November 2026, 16:00 in Amsterdam.
    assertThat(WorkingDays.after(Instant.parse("2026-11-27T15:00:00Z"), 5, AMSTERDAM))
        .isEqualTo(Instant.parse("2026-12-04T15:00:00Z"));
  }

  @Test
  void aSaturdayAnswerIsDueTheFridayAfter() {
    assertThat(WorkingDays.after(Instant.parse("2026-11-28T10:00:00Z"), 5, AMSTERDAM))
        .isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
  }

  @Test
  void theLocalTimeIsKeptAcrossTheSwitchToSummerTime() {
    // Thursday 26 March 2026, 09:00 CET; summer time starts on Sunday the 29th.
    assertThat(WorkingDays.after(Instant.parse("2026-03-26T08:00:00Z"), 5, AMSTERDAM))
        .isEqualTo(Instant.parse("2026-04-02T07:00:00Z"));
  }
}
