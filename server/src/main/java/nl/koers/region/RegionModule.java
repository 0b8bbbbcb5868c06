package nl.koers.region;

import java.util.List;
import nl.koers.identity.IdentityModule;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;

/**
 * A region's settings and the roles people hold in it: the one check of a region role ({@link
 * Regions}), the region's roster of safety contacts and its register of organisations. Built before
 * the care circle, which reads both (handed to it as method references: region builds on circle,
 * never the other way). A region's horizon and checklist template are kept (and edited by its
 * admin) by transition, its questionnaires by feedback; both check the admin role here.
 */
public final class RegionModule implements KoersModule {

  private final Regions regions;
  private final SafetyRoster safetyRoster;
  private final SafetyContacts safetyContacts;
  private final Organisations organisations;
  private final Operations operations;

  public RegionModule(Platform platform, IdentityModule identity) {
    this.regions = new Regions(identity.people());
    this.safetyRoster = new SafetyRoster(platform.mongo());
    this.safetyContacts =
        new SafetyContacts(safetyRoster, regions, identity.people(), platform.clock());
    this.organisations =
        new Organisations(new OrganisationStore(platform.mongo()), regions, platform.clock());
    this.operations =
        new RegionRoutes(safetyContacts)
            .operations()
            .and(new OrganisationRoutes(organisations).operations());
  }

  /** The check of a region role, for every capability that has one. */
  public Regions regions() {
    return regions;
  }

  /** The roster as kept (the care circle asks who is on it; the demo seeds it). */
  public SafetyRoster safetyRoster() {
    return safetyRoster;
  }

  /** Who on the roster gets a young person's safety signal (for safety signals). */
  public SafetyContacts safetyContacts() {
    return safetyContacts;
  }

  /** The register of organisations (registration asks it; the demo seeds it). */
  public Organisations organisations() {
    return organisations;
  }

  @Override
  public Operations operations() {
    return operations;
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(SafetyRoster.SPEC, OrganisationStore.SPEC);
  }
}
