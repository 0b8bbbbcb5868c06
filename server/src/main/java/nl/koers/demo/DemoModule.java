package nl.koers.demo;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CircleModule;
import nl.koers.circle.RelationKind;
import nl.koers.identity.IdentityModule;
import nl.koers.insights.SyntheticRegions;
import nl.koers.mentor.MentorModule;
import nl.koers.notify.NotifyModule;
import nl.koers.plan.PlanModule;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.Mongo;
import nl.koers.region.Organisations;
import nl.koers.region.RegionModule;
import nl.koers.region.SafetyRoster;
import nl.koers.transition.TransitionModule;

/**
 * Dev mode, and only dev mode: the demo region and its people, a synthetic cohort for its
 * continuity monitor, synthetic regions for the dashboard, sessions without Firebase, test pushes,
 * the dev outbox and the movable clock. Outside dev mode it seeds nothing and its operations answer
 * 404. Nothing else reaches the demo seed.
 */
public final class DemoModule implements KoersModule {

  private final Platform platform;
  private final IdentityModule identity;
  private final CircleModule circle;
  private final TransitionModule transition;
  private final PlanModule plan;
  private final MentorModule mentor;
  private final RegionModule region;
  private final Operations operations;
  private final Function<Collection<String>, Future<Set<String>>> erased;

  public DemoModule(
      Platform platform,
      IdentityModule identity,
      CircleModule circle,
      RegionModule region,
      NotifyModule notify,
      PlanModule plan,
      TransitionModule transition,
      MentorModule mentor,
      Function<Collection<String>, Future<Set<String>>> erased,
      Supplier<Future<Void>> backgroundRound) {
    this.mentor = mentor;
    this.erased = erased;
    this.platform = platform;
    this.plan = plan;
    this.identity = identity;
    this.circle = circle;
    this.transition = transition;
    this.region = region;
    boolean devMode = platform.config().devMode();
    this.operations =
        new DemoRoutes(
                identity.sessions(),
                circle.circles(),
                identity.people(),
                notify.devOutbox(),
                platform.clock())
            .operations(devMode)
            .and(
                platform
                    .devClock()
                    .map(clock -> new DevClockRoutes(clock, backgroundRound).operations())
                    .orElseGet(() -> Operations.of().absent("getDevClock", "advanceDevClock")));
  }

  @Override
  public Operations operations() {
    return operations;
  }

  /**
   * pro-eva gave marco, sam's foster parent, a plan action (due in 10 days) and a checklist item,
   * so that he has tasks on a fresh start; made once, then left as people change them.
   */
  private Future<Void> marcosTasks(Clock clock) {
    String sam = DemoRegion.idOf("sam");
    String marco = DemoRegion.idOf("marco");
    String eva = DemoRegion.idOf("pro-eva");
    return plan.plans()
        .seedAction(
            sam,
            "school-en-werk",
            "bijbaan-zoeken",
            "Samen met Sam een bijbaan zoeken",
            marco,
            AgeRules.today(clock.instant()).plusDays(10),
            eva)
        .compose(v -> transition.checklists().seedOwner(sam, "woningzoekende", marco));
  }

  /**
   * The demo region, its safety roster, checklist template, horizon and organisations, the
   * synthetic cohort of its continuity monitor, and synthetic regions.
   */
  @Override
  public Future<Void> seed() {
    if (!platform.config().devMode()) {
      return Future.succeededFuture();
    }
    List<String> youth = DemoRegion.YOUTH.stream().map(DemoRegion::idOf).toList();
    // A demo young person erased at their own request stays erased, also after a restart.
    return erased.apply(youth).compose(this::seedAllBut);
  }

  private Future<Void> seedAllBut(Set<String> erasedYouth) {
    Mongo mongo = platform.mongo();
    Clock clock = platform.clock();
    boolean samErased = erasedYouth.contains(DemoRegion.idOf("sam"));
    return new DemoRegion(identity.people(), circle.records(), clock, erasedYouth)
        .seed()
        // jim-sam is a real confirmed JIM: a nomination behind his relation, so check-ins work.
        .compose(
            v ->
                samErased
                    ? Future.succeededFuture()
                    : mentor
                        .mentors()
                        .recordConfirmed(
                            DemoRegion.JIM_SAM_NOMINATION,
                            DemoRegion.idOf("sam"),
                            DemoRegion.REGION,
                            DemoRegion.idOf("jim-sam"),
                            "Jesse",
                            "my football coach",
                            DemoRegion.relationId("sam", "jim-sam", RelationKind.JIM)))
        // pro-joris, a professional of the region with no circle, is its safety-contact roster.
        .compose(
            v ->
                region
                    .safetyRoster()
                    .seedUnlessSet(
                        DemoRegion.REGION,
                        List.of(new SafetyRoster.Member(DemoRegion.idOf("pro-joris"), List.of())),
                        clock.instant()))
        .compose(v -> transition.checklists().seedTemplate(DemoRegion.REGION))
        .compose(v -> samErased ? Future.succeededFuture() : marcosTasks(clock))
        // The demo region follows its young adults up to 23.
        .compose(v -> transition.extendedCare().seedHorizon(DemoRegion.REGION, 23))
        .compose(v -> seedOrganisations())
        .compose(
            v ->
                new SyntheticCohort(
                        identity.people(),
                        circle.records(),
                        plan.plans(),
                        transition.handovers(),
                        clock)
                    .seed())
        .compose(v -> new SyntheticRegions(mongo, clock).seed());
  }

  /**
   * The organisations the demo's professionals and the synthetic indicators name, in each synthetic
   * region's register (so registering into them works, and the dashboard can name them).
   */
  private Future<Void> seedOrganisations() {
    List<Organisations.New> organisations =
        SyntheticRegions.ORGANISATIONS.stream()
            .map(id -> new Organisations.New(id, SyntheticRegions.nameOf(id), Optional.empty()))
            .toList();
    return Future.all(
            SyntheticRegions.REGIONS.stream()
                .map(
                    regionId ->
                        region.organisations().seedUnlessRegistered(regionId, organisations))
                .toList())
        .mapEmpty();
  }
}
