package nl.koers.feedback;

import java.util.Optional;
import nl.koers.insights.Facts;

/**
 * Where a request or a signal counts in the region's indicators: region × month × audience × age
 * band, and the professional whose help it is about (only to find their organisation). Fixed when
 * the request or signal is made, and stored with it.
 */
public record InsightsCell(
    String regionId,
    String month,
    String band,
    Facts.Audience audience,
    Optional<String> aboutHelpOf) {

  /** The same cell, counted in another month. */
  InsightsCell inMonth(String otherMonth) {
    return new InsightsCell(regionId, otherMonth, band, audience, aboutHelpOf);
  }

  /** The same cell in another age band (a young adult's finer band, for the follow-ups). */
  InsightsCell inBand(String otherBand) {
    return new InsightsCell(regionId, month, otherBand, audience, aboutHelpOf);
  }
}
