package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.Role;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import nl.koers.region.Regions;

/**
 * The region admin's side of the move to adulthood: the checklist template and the horizon, read
 * and changed on the version read (If-Match). What a change reaches is chosen so nobody's care
 * moves under them: a new template applies to checklists that open (at 17) after it, a new horizon
 * to extended-care decisions made after it. Only the region's admin; anyone else gets the 404 of a
 * region that does not exist.
 */
public final class RegionSettings {

  /** A template as the admin sees it, with its version. */
  public record Template(List<Checklists.Item> items, long version) {}

  /** The horizon as the admin sees it, with its version. */
  public record Horizon(int age, long version) {}

  private final ChecklistStore checklists;
  private final ExtendedCareStore extendedCare;
  private final Regions regions;
  private final YouthRecords youth;
  private final Clock clock;

  RegionSettings(
      ChecklistStore checklists,
      ExtendedCareStore extendedCare,
      Regions regions,
      YouthRecords youth,
      Clock clock) {
    this.checklists = checklists;
    this.extendedCare = extendedCare;
    this.regions = regions;
    this.youth = youth;
    this.clock = clock;
  }

  public Future<Template> template(Caller caller, String regionId) {
    return requireAdmin(caller, regionId)
        .compose(v -> stored(regionId))
        .map(t -> new Template(t.current(), t.version()));
  }

  /** Replaces the template for checklists that open from now on; item ids are unique. */
  public Future<Template> replaceTemplate(
      Caller caller, String regionId, List<Checklists.Item> items, long expectedVersion) {
    Instant now = clock.instant();
    return requireAdmin(caller, regionId)
        .compose(v -> uniqueIds(items))
        .compose(v -> stored(regionId))
        .compose(
            before ->
                checklists.replaceTemplate(
                    regionId, before, items, caller.personId(), now, expectedVersion))
        .map(version -> new Template(items, version));
  }

  public Future<Horizon> horizon(Caller caller, String regionId) {
    return requireAdmin(caller, regionId)
        .compose(v -> extendedCare.versionedHorizon(regionId))
        .map(h -> new Horizon(h.age().orElse(ExtendedCare.DEFAULT_HORIZON), h.version()));
  }

  /**
   * Sets the horizon for extended-care decisions made from now on. The follow-up check-ins reach it
   * at once: young adults whose check-ins had run out are looked at again, so a raised horizon
   * brings them more (decisions already made keep the age they were made for).
   */
  public Future<Horizon> setHorizon(
      Caller caller, String regionId, int horizonAge, long expectedVersion) {
    return requireAdmin(caller, regionId)
        .compose(
            v ->
                extendedCare.replaceHorizon(
                    regionId, horizonAge, caller.personId(), clock.instant(), expectedVersion))
        .compose(version -> youth.lookAgainAtMilestones(regionId).map(version))
        .map(version -> new Horizon(horizonAge, version));
  }

  private Future<ChecklistStore.Template> stored(String regionId) {
    return checklists
        .templateOf(regionId)
        .map(
            t -> t.orElseGet(() -> new ChecklistStore.Template(Checklists.DEFAULT, 0L, List.of())));
  }

  private Future<Void> requireAdmin(Caller caller, String regionId) {
    return regions.require(caller, Role.REGION_ADMIN, regionId).mapEmpty();
  }

  private static Future<Void> uniqueIds(List<Checklists.Item> items) {
    Set<String> seen = new HashSet<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!seen.add(items.get(i).id())) {
        errors.add(
            new Problem.FieldError("body", null, "/items/" + i + "/id", "field.duplicate-item"));
      }
    }
    return errors.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture(Problem.invalid(errors));
  }
}
