package nl.koers.region;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.koers.identity.Role;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import nl.koers.region.OrganisationStore.Organisation;

/**
 * The region's register of organisations, so a professional is registered into an organisation the
 * region knows instead of a free id typed at registration (a typo would be a new organisation in
 * the indicators). The region admin registers, renames and closes them; the analyst reads the
 * register to name the per-organisation indicators. A closed organisation stays in the register
 * with its history (its indicators keep counting what happened while it was open) but takes no new
 * professionals.
 */
public final class Organisations {

  /** At most this many organisations in one region's register. */
  public static final int MAX_ORGANISATIONS = 200;

  /** How often a create retries when another admin changed the register in between. */
  private static final int ATTEMPTS = 3;

  /** An organisation as the API shows it, and the register version it was read at. */
  public record Listed(List<Organisation> organisations, long version) {}

  /** One organisation after a change, and the register's new version (the next If-Match). */
  public record Changed(Organisation organisation, long version) {}

  /** What a change asks: each part only when given. */
  public record Change(Optional<String> name, Optional<String> agbCode, Optional<Boolean> closed) {}

  /** A new organisation. */
  public record New(String id, String name, Optional<String> agbCode) {}

  private final OrganisationStore store;
  private final Regions regions;
  private final Clock clock;

  Organisations(OrganisationStore store, Regions regions, Clock clock) {
    this.store = store;
    this.regions = regions;
    this.clock = clock;
  }

  /** The register, for the region's admin and analyst; anyone else: a region that is not there. */
  public Future<Listed> list(Caller caller, String regionId) {
    return regions
        .require(caller, List.of(Role.REGION_ADMIN, Role.REGION_ANALYST), regionId)
        .compose(role -> store.of(regionId))
        .map(register -> new Listed(register.organisations(), register.version()));
  }

  /** The region admin registers an organisation under an id not used in the region before. */
  public Future<Changed> create(Caller caller, String regionId, New organisation) {
    return regions
        .require(caller, Role.REGION_ADMIN, regionId)
        .compose(role -> add(regionId, organisation, caller.personId(), ATTEMPTS));
  }

  /**
   * The region admin renames an organisation, sets its AGB code, closes or reopens it; only on the
   * register version read ({@code expectedVersion}: else 412, and nothing changes).
   */
  public Future<Changed> change(
      Caller caller, String regionId, String organisationId, Change change, long expectedVersion) {
    Instant now = clock.instant();
    return regions
        .require(caller, Role.REGION_ADMIN, regionId)
        .compose(role -> store.of(regionId))
        .compose(
            register -> {
              Organisation current =
                  register
                      .find(organisationId)
                      .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
              Organisation changed =
                  new Organisation(
                      current.id(),
                      change.name().orElse(current.name()),
                      change.agbCode().or(current::agbCode),
                      current.registeredAt(),
                      change
                          .closed()
                          .map(
                              closed ->
                                  closed
                                      ? current.closedAt().or(() -> Optional.of(now))
                                      : Optional.<Instant>empty())
                          .orElse(current.closedAt()));
              List<Organisation> next = new ArrayList<>();
              for (Organisation o : register.organisations()) {
                next.add(o.id().equals(organisationId) ? changed : o);
              }
              return store
                  .replace(regionId, next, caller.personId(), now, expectedVersion)
                  .map(version -> new Changed(changed, version));
            });
  }

  /**
   * Whether a professional may be registered into this organisation of the region now: it is in the
   * region's register and not closed.
   */
  public Future<Boolean> isOpen(String regionId, String organisationId) {
    return store
        .of(regionId)
        .map(register -> register.find(organisationId).map(Organisation::open).orElse(false));
  }

  /**
   * The demo seed: registers each organisation the region does not have yet, leaving the admin's
   * changes (names, closures) as they are.
   */
  public Future<Void> seedUnlessRegistered(String regionId, List<New> organisations) {
    Future<Void> chain = Future.succeededFuture();
    for (New organisation : organisations) {
      chain =
          chain.compose(
              v ->
                  store
                      .of(regionId)
                      .compose(
                          register ->
                              register.find(organisation.id()).isPresent()
                                  ? Future.succeededFuture()
                                  : add(regionId, organisation, "seed", ATTEMPTS).mapEmpty()));
    }
    return chain;
  }

  private Future<Changed> add(String regionId, New organisation, String by, int attempts) {
    Instant now = clock.instant();
    return store
        .of(regionId)
        .compose(
            register -> {
              if (register.find(organisation.id()).isPresent()) {
                return Future.failedFuture(
                    Problem.of(CommonProblem.CONFLICT, "problem.conflict.organisation-exists"));
              }
              if (register.organisations().size() >= MAX_ORGANISATIONS) {
                return Future.failedFuture(
                    Problem.of(CommonProblem.CONFLICT, "problem.conflict.organisations-full"));
              }
              Organisation made =
                  new Organisation(
                      organisation.id(),
                      organisation.name(),
                      organisation.agbCode(),
                      now,
                      Optional.empty());
              List<Organisation> next = new ArrayList<>(register.organisations());
              next.add(made);
              return store
                  .replace(regionId, next, by, now, register.version())
                  .map(version -> new Changed(made, version));
            })
        .recover(
            failure ->
                failure instanceof StaleVersion && attempts > 1
                    ? add(regionId, organisation, by, attempts - 1)
                    : Future.failedFuture(failure));
  }
}
