package nl.koers.privacy;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.koers.circle.AgeRules;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.transition.ExtendedCare;

/**
 * Which young adults Koers no longer keeps: past their region's horizon (the end of its follow-up,
 * {@link ExtendedCare#horizonOf}) plus a grace period ({@code KOERS_RETENTION_GRACE}). They are
 * erased by the same routine as on their own request, after notice.
 */
final class Retention {

  /** How far back birth dates are looked for: no young adult in Koers is older than this. */
  private static final int OLDEST = 60;

  private final YouthRecords records;
  private final ExtendedCare extendedCare;
  private final Duration grace;

  Retention(YouthRecords records, ExtendedCare extendedCare, Duration grace) {
    this.records = records;
    this.extendedCare = extendedCare;
    this.grace = grace;
  }

  /** Every young person, in every region, whose horizon plus grace lies before {@code now}. */
  Future<List<Youth>> pastHorizon(Instant now) {
    return records
        .regions()
        .compose(
            regions -> {
              Future<List<Youth>> all = Future.succeededFuture(new ArrayList<>());
              for (String regionId : regions) {
                all = all.compose(found -> inRegion(regionId, now).map(more -> add(found, more)));
              }
              return all;
            });
  }

  private Future<List<Youth>> inRegion(String regionId, Instant now) {
    LocalDate today = AgeRules.today(now);
    return extendedCare
        .horizonOf(regionId)
        .compose(
            horizon -> {
              // Born before this day: their birthday at the horizon age was more than grace ago.
              LocalDate bornBefore = today.minusDays(grace.toDays()).minusYears(horizon);
              return records.bornBetween(regionId, bornBefore.minusYears(OLDEST), bornBefore);
            })
        .map(facts -> facts.stream().map(YouthRecords.TransitionFacts::youth).toList());
  }

  private static List<Youth> add(List<Youth> found, List<Youth> more) {
    found.addAll(more);
    return found;
  }
}
