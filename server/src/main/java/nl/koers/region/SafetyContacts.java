package nl.koers.region;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Youth;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * Each region's roster of safety contacts (an out-of-hours service's professionals), who get the
 * region's safety signals besides the case coordinator: kept by the region admin, and only ever
 * holding professionals of the region. Who may read a signal because of the roster is the care
 * circle's decision; this service keeps the roster and says who is on duty. Whether someone is a
 * professional of the region is {@link Regions}' rule.
 */
public final class SafetyContacts {

  /** At most this many people on one region's roster. */
  public static final int MAX_CONTACTS = 50;

  /** One person on the roster, as the region admin sees it. */
  public record Listed(SafetyRoster.Member member, String name, boolean onDutyNow) {}

  /** The roster as listed, and the version it was read at (what a replace names in If-Match). */
  public record Roster(List<Listed> listed, long version) {}

  private final SafetyRoster roster;
  private final Regions regions;
  private final People people;
  private final Clock clock;

  public SafetyContacts(SafetyRoster roster, Regions regions, People people, Clock clock) {
    this.roster = roster;
    this.regions = regions;
    this.people = people;
    this.clock = clock;
  }

  /** The roster, for the region's admin; anyone else gets the 404 of a region that is not there. */
  public Future<Roster> list(Caller caller, String regionId) {
    return regions.require(caller, Role.REGION_ADMIN, regionId).compose(v -> listed(regionId));
  }

  /**
   * Replaces the roster as a whole. Every entry must be a person holding the PROFESSIONAL role in
   * the region; when one is not, nothing changes (422, naming each refused entry). Only if the
   * roster is still at {@code expectedVersion} (else 412, and nothing changes).
   */
  public Future<Roster> replace(
      Caller caller, String regionId, List<SafetyRoster.Member> members, long expectedVersion) {
    return regions
        .require(caller, Role.REGION_ADMIN, regionId)
        .compose(v -> refuseDuplicates(members))
        .compose(
            v ->
                notEligible(regionId, members.stream().map(SafetyRoster.Member::personId).toList()))
        .compose(
            refused -> {
              if (!refused.isEmpty()) {
                List<Problem.FieldError> errors = new ArrayList<>();
                for (int index : refused) {
                  errors.add(
                      new Problem.FieldError(
                          "body",
                          null,
                          "/contacts/" + index + "/personId",
                          "field.not-eligible-safety-contact"));
                }
                return Future.failedFuture(
                    Problem.of(RegionProblem.NOT_ELIGIBLE_SAFETY_CONTACT).withErrors(errors));
              }
              return roster.replace(
                  regionId, members, caller.personId(), clock.instant(), expectedVersion);
            })
        .compose(v -> listed(regionId));
  }

  /**
   * Who on the roster gets a new signal of this young person now: the professionals on duty now;
   * when nobody is, everyone on the roster. Never the young person's parent or foster parent.
   */
  public Future<List<String>> onDutyFor(Youth youth, Instant now) {
    return roster
        .of(youth.regionId())
        .compose(
            members ->
                mayHoldSafetyDuty(
                        youth, members.stream().map(SafetyRoster.Member::personId).toList())
                    .map(
                        eligible -> {
                          List<String> onDuty =
                              members.stream()
                                  .filter(m -> eligible.contains(m.personId()))
                                  .filter(m -> m.onDutyAt(now))
                                  .map(SafetyRoster.Member::personId)
                                  .distinct()
                                  .toList();
                          return onDuty.isEmpty() ? eligible : onDuty;
                        }));
  }

  /** Everyone on the roster who may hold the duty for this young person, on duty or not. */
  public Future<List<String>> everyoneFor(Youth youth) {
    return roster
        .of(youth.regionId())
        .compose(
            members ->
                mayHoldSafetyDuty(
                    youth, members.stream().map(SafetyRoster.Member::personId).toList()));
  }

  /**
   * Of these people, those who may hold the safety duty for this young person: professionals of the
   * young person's region who are not their parent or foster parent. In the order given.
   */
  private Future<List<String>> mayHoldSafetyDuty(Youth youth, List<String> personIds) {
    List<String> candidates =
        personIds.stream()
            .filter(id -> !CareCircle.isParentOrFosterParent(youth, id))
            .distinct()
            .toList();
    if (candidates.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return regions
        .holders(Role.PROFESSIONAL, youth.regionId(), candidates)
        .map(professionals -> candidates.stream().filter(professionals::contains).toList());
  }

  /**
   * Of the people proposed for a region's roster, the positions of those who may not be on it:
   * everyone but a person who holds the PROFESSIONAL role in that region (a young person, a parent
   * or foster parent only, a mentor, an analyst, an admin without that role, an unknown id).
   */
  private Future<List<Integer>> notEligible(String regionId, List<String> personIds) {
    if (personIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return regions
        .holders(Role.PROFESSIONAL, regionId, personIds)
        .map(
            professionals -> {
              List<Integer> refused = new ArrayList<>();
              for (int i = 0; i < personIds.size(); i++) {
                if (!professionals.contains(personIds.get(i))) {
                  refused.add(i);
                }
              }
              return refused;
            });
  }

  private static Future<Void> refuseDuplicates(List<SafetyRoster.Member> members) {
    Set<String> seen = new HashSet<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      if (!seen.add(members.get(i).personId())) {
        errors.add(
            new Problem.FieldError(
                "body", null, "/contacts/" + i + "/personId", "field.duplicate-contact"));
      }
    }
    return errors.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture(Problem.invalid(errors));
  }

  private Future<Roster> listed(String regionId) {
    Instant now = clock.instant();
    return roster
        .versioned(regionId)
        .compose(
            versioned -> {
              List<SafetyRoster.Member> members = versioned.members();
              return people
                  .findAll(members.stream().map(SafetyRoster.Member::personId).toList())
                  .map(
                      found -> {
                        Map<String, String> names = new HashMap<>();
                        for (Person person : found) {
                          names.put(person.id(), person.name());
                        }
                        return members.stream()
                            .map(
                                m ->
                                    new Listed(
                                        m, names.getOrDefault(m.personId(), ""), m.onDutyAt(now)))
                            .toList();
                      })
                  .map(listed -> new Roster(listed, versioned.version()));
            });
  }
}
