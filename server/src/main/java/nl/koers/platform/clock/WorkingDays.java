package nl.koers.platform.clock;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Deadlines counted in working days (Monday to Friday), shared by every promise to answer in time
 * (feedback replies, carers' support requests), so they all count the same way.
 */
public final class WorkingDays {

  private WorkingDays() {}

  /** The same local time, {@code days} working days later, counted in {@code zone}. */
  public static Instant after(Instant from, int days, ZoneId zone) {
    ZonedDateTime at = from.atZone(zone);
    int left = days;
    while (left > 0) {
      at = at.plusDays(1);
      if (at.getDayOfWeek() != DayOfWeek.SATURDAY && at.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return at.toInstant();
  }
}
