package nl.koers.region;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.problem.ProblemKind;
import nl.koers.platform.security.Caller;

/**
 * The one rule for region roles (professional, analyst, admin): a person holds a role in a region
 * only when it was given for exactly that region. The same role in another region counts for
 * nothing, and a region nobody holds a role in (one that does not exist) is refused the same way,
 * so a refusal never tells whether the region exists. Read from the person's record on every
 * request.
 */
public final class Regions {

  private final People people;

  public Regions(People people) {
    this.people = people;
  }

  /**
   * The check: succeeds with the role when the caller holds it in the region; otherwise fails with
   * the 404 of a region that does not exist.
   */
  public Future<Role> require(Caller caller, Role role, String regionId) {
    return require(caller, List.of(role), regionId, CommonProblem.NOT_FOUND);
  }

  /**
   * As {@link #require(Caller, Role, String)}, refused with {@code refusal} instead (an operation
   * whose contract answers a refusal other than 404, such as 403).
   */
  public Future<Role> require(Caller caller, Role role, String regionId, ProblemKind refusal) {
    return require(caller, List.of(role), regionId, refusal);
  }

  /**
   * As {@link #require(Caller, Role, String)} for an operation open to any of {@code roles}: the
   * first of them (in the order given) that the caller holds in the region.
   */
  public Future<Role> require(Caller caller, List<Role> roles, String regionId) {
    return require(caller, roles, regionId, CommonProblem.NOT_FOUND);
  }

  /**
   * Whether the person holds the role in the region: the same rule, for a decision that is more
   * than a refusal (the care circle's grants, which log their refusals themselves).
   */
  public Future<Boolean> holds(String personId, Role role, String regionId) {
    return people
        .find(personId)
        .map(person -> person.filter(p -> holds(p, role, regionId)).isPresent());
  }

  /** Of these people, the ids of those who hold the role in the region (one read for all). */
  public Future<Set<String>> holders(Role role, String regionId, Collection<String> personIds) {
    return people
        .findAll(personIds)
        .map(
            found ->
                found.stream()
                    .filter(p -> holds(p, role, regionId))
                    .map(Person::id)
                    .collect(Collectors.toSet()));
  }

  private Future<Role> require(
      Caller caller, List<Role> roles, String regionId, ProblemKind refusal) {
    return people
        .find(caller.personId())
        .compose(
            person ->
                person
                    .flatMap(p -> firstHeld(p, roles, regionId))
                    .map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(Problem.of(refusal))));
  }

  private static Optional<Role> firstHeld(Person person, List<Role> roles, String regionId) {
    return roles.stream().filter(role -> holds(person, role, regionId)).findFirst();
  }

  private static boolean holds(Person person, Role role, String regionId) {
    return person.has(role, regionId);
  }
}
