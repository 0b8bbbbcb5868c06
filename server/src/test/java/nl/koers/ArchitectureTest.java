package nl.koers;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.koers.platform.module.SharedStore;
import org.junit.jupiter.api.Test;

/**
 * The map of docs/ARCHITECTURE.md, held by the build rather than by memory. Every package {@code
 * nl.koers.<name>} other than {@code platform} and {@code contract} is a capability (derived, so a
 * new one is covered without editing this test); {@code platform} is shared plumbing; {@code
 * KoersApp} assembles the modules. Each rule is also run against {@code nl.koers.archfixtures}, a
 * miniature of the application with one planted violation per rule, to show that it flags exactly
 * that class.
 */
@AnalyzeClasses(packages = "nl.koers", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ROOT = "nl.koers";
  private static final String FIXTURES = "nl.koers.archfixtures";

  private static final String[] DRIVER = {"org.bson..", "com.mongodb..", "de.bwaldvogel.."};

  /**
   * The packages under the root that are no capability: the platform, and {@code contract} (the
   * openapi module's loader of openapi/koers.yaml, which the platform's router reads).
   */
  static final Set<String> NOT_CAPABILITIES = Set.of("platform", "contract");

  /**
   * The platform's HTTP edge: the router and its helpers, the modules that name each operation's
   * handler, the idempotency handler the router attaches, and the page request a list reads from
   * the query. Everything else in the platform works without a request.
   */
  static final List<String> PLATFORM_WEB_EDGE =
      List.of("platform.http", "platform.module", "platform.idempotency", "platform.paging");

  /**
   * The platform's storage plumbing: the connection and its helpers, the stores of idempotency
   * replays, background leases and the dev clock, and keyset paging (which builds the query).
   */
  static final List<String> PLATFORM_STORAGE =
      List.of(
          "platform.mongo",
          "platform.idempotency",
          "platform.background",
          "platform.clock",
          "platform.paging");

  /**
   * LEGACY: capability classes that still build BSON or call the driver although they are no {@code
   * …Store}. This list only shrinks: a class leaves it when its capability gets its stores (a test
   * below fails when an entry no longer needs to be here), and no class is ever added - a new class
   * that needs the driver is a store. Exactly the violators of {@link #onlyStoresSeeTheDriver} on
   * main at 96006e3 outside feedback, mentor and transition, whose stores land on their own
   * branches (until those are merged, the rule names their classes).
   */
  static final Set<String> LEGACY_DRIVER_USERS =
      Set.of(
          "nl.koers.circle.AccessLog",
          "nl.koers.circle.Circles",
          "nl.koers.circle.ConsentLog",
          "nl.koers.circle.Consents",
          "nl.koers.circle.Relation",
          "nl.koers.circle.SecurityLog",
          "nl.koers.circle.Youth",
          "nl.koers.circle.YouthRecords",
          "nl.koers.identity.Accounts",
          "nl.koers.identity.Activations",
          "nl.koers.identity.People",
          "nl.koers.identity.Person",
          "nl.koers.identity.RefreshTokens",
          "nl.koers.insights.Facts",
          "nl.koers.insights.Insights",
          "nl.koers.insights.PublishedIndicators",
          "nl.koers.insights.Rollups",
          "nl.koers.insights.SyntheticRegions",
          "nl.koers.notify.Devices",
          "nl.koers.notify.Dispatcher",
          "nl.koers.notify.Inbox",
          "nl.koers.notify.NotificationIntent",
          "nl.koers.notify.Notifications",
          "nl.koers.notify.Preferences",
          "nl.koers.plan.Plans",
          // Moved from circle to region in issue 15, not yet a store.
          "nl.koers.region.SafetyRoster");

  @ArchTest static final ArchRule onlyRoutesSeeTheWebLayer = onlyRoutesSeeTheWeb(ROOT);

  @ArchTest static final ArchRule onlyStoresSeeTheMongoDbDriver = onlyStoresSeeTheDriver(ROOT);

  @ArchTest
  static final ArchRule capabilitiesUsePlatformHttpOnlyInRoutes = onlyRoutesUsePlatformHttp(ROOT);

  @ArchTest static final ArchRule aStoreServesOnlyItsCapability = storesStayInTheirCapability(ROOT);

  @ArchTest static final ArchRule nothingButTheAppReachesTheDemo = demoStaysAside(ROOT);

  @ArchTest static final ArchRule platformNeverDependsOnACapability = platformStandsAlone(ROOT);

  @Test
  void everyRuleFlagsExactlyTheViolationPlantedForIt() {
    JavaClasses planted = new ClassFileImporter().importPackages(FIXTURES);
    Map<ArchRule, String> expected = new LinkedHashMap<>();
    expected.put(onlyRoutesSeeTheWeb(FIXTURES), "feedback.HandlerInTheRules");
    expected.put(onlyStoresSeeTheDriver(FIXTURES), "feedback.QueryInTheRules");
    expected.put(onlyRoutesUsePlatformHttp(FIXTURES), "feedback.HttpInTheRules");
    expected.put(storesStayInTheirCapability(FIXTURES), "feedback.ReadsAnotherCapabilitysStore");
    expected.put(demoStaysAside(FIXTURES), "feedback.ReachesTheDemoSeed");
    expected.put(platformStandsAlone(FIXTURES), "platform.PlatformKnowingACapability");

    expected.forEach(
        (rule, violator) ->
            assertThat(violators(rule.evaluate(planted)))
                .as(rule.getDescription())
                .containsExactly(FIXTURES + "." + violator));
  }

  /** The legacy list only shrinks: an entry that no longer needs the driver must go. */
  @ArchTest
  static void theLegacyDriverListNamesOnlyClassesThatStillNeedIt(JavaClasses main) {
    Set<String> stillUsingTheDriver =
        main.stream()
            .filter(c -> LEGACY_DRIVER_USERS.contains(topLevelName(c)))
            .filter(
                c ->
                    c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> isDriver(d.getTargetClass())))
            .map(ArchitectureTest::topLevelName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(new TreeSet<>(LEGACY_DRIVER_USERS))
        .as("converted to stores: remove them from LEGACY_DRIVER_USERS")
        .containsExactlyElementsOf(stillUsingTheDriver);
  }

  /**
   * Only a capability's routes read the HTTP request (and the platform's HTTP edge, and the
   * application that builds the router). Rules that took a {@code RoutingContext} could not be
   * called by a background job or a replay, and would hide what they depend on.
   */
  static ArchRule onlyRoutesSeeTheWeb(String root) {
    return noClasses()
        .that(not(routes(root).or(inPlatform(root, PLATFORM_WEB_EDGE)).or(theApplication(root))))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.vertx.ext.web..")
        .because("routes turn a request into a call of the rules; the rules know no HTTP");
  }

  /**
   * Only stores (and the platform's storage plumbing) see BSON and the MongoDB driver: services
   * work with typed records, routes shape JSON, and a document's field names are written in one
   * place. {@link #LEGACY_DRIVER_USERS} names the classes not converted yet.
   */
  static ArchRule onlyStoresSeeTheDriver(String root) {
    return noClasses()
        .that(not(stores(root).or(inPlatform(root, PLATFORM_STORAGE)).or(legacyDriverUsers())))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(DRIVER)
        .because("a store owns its documents; nobody else builds them or queries them");
  }

  /** In a capability, only the routes use the platform's HTTP layer (requests, replies, texts). */
  static ArchRule onlyRoutesUsePlatformHttp(String root) {
    return noClasses()
        .that(capabilities(root).and(not(routes(root))))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + ".platform.http..")
        .because("the HTTP edge maps domain results (problems, stale versions) to answers");
  }

  /**
   * A store serves its own capability: another capability asks that capability's service, which
   * applies its rules (consent, age rules, the access log). A store may be declared {@link
   * SharedStore}, saying why. Today: {@code identity.People}, {@code circle.YouthRecords}, {@code
   * circle.ConsentLog} and {@code insights.Facts} (declared in place, though not named {@code
   * …Store} yet).
   */
  static ArchRule storesStayInTheirCapability(String root) {
    return classes()
        .should(useNoStoreOfAnotherCapability(root))
        .because("a capability's rules live in its service, not in its storage");
  }

  /**
   * Dev mode's demo (its seed, its dev-only operations) is reached only by the application, which
   * adds the demo module in dev mode; no capability or platform code may depend on demo data.
   */
  static ArchRule demoStaysAside(String root) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(root + ".demo..")
        .and()
        .doNotHaveFullyQualifiedName(root + ".KoersApp")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + ".demo..")
        .because("the demo exists only in dev mode; production code must not need it");
  }

  /**
   * The platform is shared plumbing that every capability builds on; if it knew a capability (or
   * the application), changing that capability could break all the others.
   */
  static ArchRule platformStandsAlone(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".platform..")
        .should()
        .dependOnClassesThat(capabilitiesOrTheApplication(root))
        .because("platform is reused by every capability and must stay independent of them");
  }

  // --- what the rules talk about ---

  /** A class of a capability: in {@code root.<name>..}, {@code name} not in NOT_CAPABILITIES. */
  private static DescribedPredicate<JavaClass> capabilities(String root) {
    return DescribedPredicate.describe(
        "are in a capability of " + root, c -> capabilityOf(root, c) != null);
  }

  private static DescribedPredicate<JavaClass> routes(String root) {
    return DescribedPredicate.describe(
        "are a capability's …Routes", c -> capabilityOf(root, c) != null && named(c, "Routes"));
  }

  private static DescribedPredicate<JavaClass> stores(String root) {
    return DescribedPredicate.describe(
        "are a capability's …Store", c -> capabilityOf(root, c) != null && named(c, "Store"));
  }

  private static DescribedPredicate<JavaClass> legacyDriverUsers() {
    return DescribedPredicate.describe(
        "are listed in LEGACY_DRIVER_USERS", c -> LEGACY_DRIVER_USERS.contains(topLevelName(c)));
  }

  private static DescribedPredicate<JavaClass> inPlatform(String root, List<String> packages) {
    return DescribedPredicate.describe(
        "are in " + packages,
        c ->
            packages.stream()
                .map(p -> root + "." + p)
                .anyMatch(
                    p -> c.getPackageName().equals(p) || c.getPackageName().startsWith(p + ".")));
  }

  private static DescribedPredicate<JavaClass> theApplication(String root) {
    return DescribedPredicate.describe(
        "are the application", c -> topLevelName(c).equals(root + ".KoersApp"));
  }

  private static DescribedPredicate<JavaClass> capabilitiesOrTheApplication(String root) {
    return DescribedPredicate.describe(
        "are in a capability of " + root + " or in " + root + " itself",
        c -> capabilityOf(root, c) != null || c.getPackageName().equals(root));
  }

  private static ArchCondition<JavaClass> useNoStoreOfAnotherCapability(String root) {
    return new ArchCondition<>("use no store of another capability unless it is shared") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String own = capabilityOf(root, item);
        item.getDirectDependenciesFromSelf().stream()
            .map(dependency -> dependency.getTargetClass())
            .filter(target -> !target.getName().contains("$"))
            .filter(target -> stores(root).test(target))
            .filter(target -> !target.isAnnotatedWith(SharedStore.class))
            .filter(target -> !capabilityOf(root, target).equals(own))
            .map(JavaClass::getName)
            .distinct()
            .forEach(
                target ->
                    events.add(
                        SimpleConditionEvent.violated(
                            item, item.getName() + " uses " + target + " of another capability")));
      }
    };
  }

  private static String capabilityOf(String root, JavaClass c) {
    String pkg = c.getPackageName();
    if (!pkg.startsWith(root + ".")) {
      return null;
    }
    String name = pkg.substring(root.length() + 1).split("\\.")[0];
    return NOT_CAPABILITIES.contains(name) ? null : name;
  }

  /** Whether the class (or the class it is nested in) is named {@code …suffix}. */
  private static boolean named(JavaClass c, String suffix) {
    return topLevelName(c).endsWith(suffix);
  }

  private static String topLevelName(JavaClass c) {
    String name = c.getName();
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }

  private static boolean isDriver(JavaClass c) {
    return c.getPackageName().startsWith("org.bson")
        || c.getPackageName().startsWith("com.mongodb")
        || c.getPackageName().startsWith("de.bwaldvogel");
  }

  private static final Pattern FIXTURE_CLASS =
      Pattern.compile(Pattern.quote(FIXTURES) + "(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*");

  /** The classes a rule flags: the first fixture class each violation names is its origin. */
  private static Set<String> violators(EvaluationResult result) {
    Set<String> found = new TreeSet<>();
    for (String detail : result.getFailureReport().getDetails()) {
      Matcher m = FIXTURE_CLASS.matcher(detail);
      found.add(m.find() ? m.group() : detail);
    }
    return found;
  }
}
