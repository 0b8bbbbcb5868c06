package nl.koers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, held by the build rather than by memory. The same rules are also run
 * against deliberately wrong fixture classes, to show that each one bites.
 */
@AnalyzeClasses(packages = "nl.koers", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The capability packages; each owns its rules and its storage. */
  static final List<String> CAPABILITIES =
      List.of(
          "identity",
          "circle",
          "region",
          "feedback",
          "mentor",
          "plan",
          "transition",
          "notify",
          "insights",
          "privacy");

  private static final String ROOT = "nl.koers";

  @ArchTest
  static final ArchRule handlersNeverTouchTheMongoDbDriver = handlersNeverTouchTheDriver(ROOT);

  @ArchTest
  static final ArchRule platformNeverDependsOnACapabilityOrTheApi = platformStandsAlone(ROOT);

  // Empty until the first capability lands; the fixture test below shows the rule works.
  @ArchTest
  static final ArchRule capabilitiesMeetOnlyThroughServices =
      capabilitiesMeetThroughServices(ROOT).allowEmptyShould(true);

  @ArchTest
  static final ArchRule capabilitiesDoNotDependOnHandlers =
      capabilitiesBelowHandlers(ROOT).allowEmptyShould(true);

  @Test
  void everyRuleCatchesTheViolationPlantedInTheFixtures() {
    String fixtures = "nl.koers.archfixtures";
    JavaClasses planted = new ClassFileImporter().importPackages(fixtures);

    for (ArchRule rule :
        List.of(
            handlersNeverTouchTheDriver(fixtures),
            platformStandsAlone(fixtures),
            capabilitiesMeetThroughServices(fixtures),
            capabilitiesBelowHandlers(fixtures))) {
      assertThat(rule.evaluate(planted).hasViolation()).as(rule.getDescription()).isTrue();
    }
  }

  /**
   * Handlers parse and call; storage is a capability's business. A handler that queried MongoDB
   * itself would bypass the authorization and the access log that the services apply.
   */
  static ArchRule handlersNeverTouchTheDriver(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.mongodb..", "org.bson..", "de.bwaldvogel..")
        .because("handlers go through a capability's service, which owns its repository");
  }

  /**
   * The platform is shared plumbing that every capability builds on; if it knew a capability,
   * changing that capability could break all the others.
   */
  static ArchRule platformStandsAlone(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".platform..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(capabilityPackages(root))
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage(root + ".api..")
        .because("platform is reused by every capability and must stay independent of them");
  }

  /**
   * A capability reaches another only through its service: another's repository would skip that
   * capability's rules (consent, age rules, access log).
   */
  static ArchRule capabilitiesMeetThroughServices(String root) {
    return classes()
        .that()
        .resideInAnyPackage(capabilityPackages(root))
        .should(keepToTheirOwnRepositories(root))
        .because("each capability's rules live in its service, not in its storage");
  }

  /** The HTTP layer is built on top; nothing below may reach up into it. */
  static ArchRule capabilitiesBelowHandlers(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(capabilityPackages(root))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + ".api..")
        .because("data flows route → handler → service → repository, one way");
  }

  private static String[] capabilityPackages(String root) {
    return CAPABILITIES.stream().map(c -> root + "." + c + "..").toArray(String[]::new);
  }

  private static ArchCondition<JavaClass> keepToTheirOwnRepositories(String root) {
    return new ArchCondition<>("use no other capability's repository") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String own = capabilityOf(root, item.getPackageName());
        item.getDirectDependenciesFromSelf().stream()
            .map(dependency -> dependency.getTargetClass())
            .filter(target -> target.getSimpleName().endsWith("Repository"))
            .filter(target -> capabilityOf(root, target.getPackageName()) != null)
            .filter(target -> !capabilityOf(root, target.getPackageName()).equals(own))
            .forEach(
                target ->
                    events.add(
                        SimpleConditionEvent.violated(
                            item, item.getName() + " uses " + target.getName())));
      }
    };
  }

  private static String capabilityOf(String root, String packageName) {
    for (String capability : CAPABILITIES) {
      String base = root + "." + capability;
      if (packageName.equals(base) || packageName.startsWith(base + ".")) {
        return capability;
      }
    }
    return null;
  }
}
