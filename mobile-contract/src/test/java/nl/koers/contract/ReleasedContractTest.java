package nl.koers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * The breaking-change gate. Apps in young people's pockets are not updated the day the server is: a
 * change that breaks a client generated from a released contract must not ship under the same major
 * version. Released contracts live in {@code released/koers-<version>.yaml}; the working contract
 * may differ from the newest release of its major only compatibly. A breaking change needs a raised
 * major in {@code info.version} and its own released file beside the older ones.
 */
class ReleasedContractTest {

  private static final Path WORKING = Path.of("..", "openapi", "koers.yaml");
  private static final Path RELEASED = Path.of("released");
  private static final Pattern VERSION =
      Pattern.compile("(?m)^  version: ['\"]?(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final Pattern RELEASED_NAME =
      Pattern.compile("koers-(\\d+)\\.(\\d+)\\.(\\d+)\\.yaml");

  record Version(int major, int minor, int patch) implements Comparable<Version> {
    @Override
    public int compareTo(Version other) {
      return Comparator.comparingInt(Version::major)
          .thenComparingInt(Version::minor)
          .thenComparingInt(Version::patch)
          .compare(this, other);
    }

    @Override
    public String toString() {
      return major + "." + minor + "." + patch;
    }
  }

  record Release(Version version, Path file) {}

  @Test
  void theWorkingContractBreaksNoClientOfTheNewestReleaseOfItsMajor() throws IOException {
    Version working = versionOf(Files.readString(WORKING));
    List<Release> releases = releases();
    assertThat(releases).as("released contracts in %s", RELEASED.toAbsolutePath()).isNotEmpty();
    Release newest = releases.get(releases.size() - 1);
    assertThat(working)
        .as("info.version may not go below the newest release (%s)", newest.version())
        .isGreaterThanOrEqualTo(newest.version());

    Release base =
        releases.stream()
            .filter(release -> release.version().major() == working.major())
            .reduce((older, newer) -> newer)
            .orElse(null);
    if (base == null) {
      assertThat(RELEASED.resolve("koers-" + working + ".yaml"))
          .as("a new major version (%s) is released with its own file", working)
          .exists();
      return;
    }
    ChangedOpenApi diff = compare(base.file(), WORKING);
    assertThat(diff.isIncompatible())
        .as(
            "the working contract (%s) breaks clients of %s; keep the change compatible, or raise"
                + " info.version's major and add released/koers-<new version>.yaml:%n%s",
            working, base.file().getFileName(), describe(diff))
        .isFalse();
  }

  @Test
  void theGateSeesARemovedOperationAndARemovedResponseFieldAsBreaking() throws IOException {
    Path released = releases().get(0).file();
    String contract = Files.readString(released);
    Path withoutHealth = Files.createTempFile("koers-broken", ".yaml");
    // Planted violations: an operation gone, and a field a client reads no longer answered.
    Files.writeString(
        withoutHealth,
        contract
            .replaceFirst("(?m)^  /v1/me:\\n", "  /v1/me-renamed:\n")
            .replaceFirst("required: \\[type, title, status\\]", "required: [type, title]"));

    assertThat(compare(released, withoutHealth).isIncompatible()).isTrue();
    assertThat(compare(released, released).isUnchanged()).isTrue();
  }

  /**
   * A new value in a response enum does not break a client: the contract tells every client to
   * tolerate unknown values, and the generated clients are built to (see the README's "Enums
   * grow"). openapi-diff calls that growth breaking by default, so the gate says otherwise here,
   * and only here. A request enum that loses a value still breaks.
   */
  private static final OpenApiDiffOptions ENUMS_GROW =
      OpenApiDiffOptions.builder()
          .configProperty("incompatible.response.enum.increased", "false")
          .build();

  private static ChangedOpenApi compare(Path older, Path newer) {
    return OpenApiCompare.fromLocations(
        older.toUri().toString(), newer.toUri().toString(), null, ENUMS_GROW);
  }

  @Test
  void aNewResponseEnumValueIsCompatibleButARequestEnumLosingOneBreaks() throws IOException {
    Path released = releases().get(releases().size() - 1).file();
    String contract = Files.readString(released);
    // NotificationType, as the inbox answers it: a new kind of notification.
    Path grown = Files.createTempFile("koers-grown", ".yaml");
    Files.writeString(
        grown, contract.replaceFirst("enum: \\[TEST, ", "enum: [TEST, A_TYPE_FROM_THE_FUTURE, "));
    assertThat(contract).contains("enum: [TEST, ");
    ChangedOpenApi growth = compare(released, grown);
    assertThat(growth.isIncompatible()).as(describe(growth)).isFalse();
    assertThat(growth.isUnchanged()).isFalse();

    // HandoverKind, as a case coordinator sends it in recordHandover: a value taken away.
    Path shrunk = Files.createTempFile("koers-shrunk", ".yaml");
    Files.writeString(
        shrunk,
        contract.replaceFirst(
            "enum: \\[WMO, ADULT_MENTAL_HEALTH, INCOME_SUPPORT, HOUSING\\]",
            "enum: [WMO, ADULT_MENTAL_HEALTH, INCOME_SUPPORT]"));
    assertThat(contract).contains("enum: [WMO, ADULT_MENTAL_HEALTH, INCOME_SUPPORT, HOUSING]");
    assertThat(compare(released, shrunk).isIncompatible()).isTrue();
  }

  private static String describe(ChangedOpenApi diff) {
    return new MarkdownRender().render(diff);
  }

  static Version versionOf(String contract) {
    Matcher matcher = VERSION.matcher(contract);
    assertThat(matcher.find()).as("info.version is MAJOR.MINOR.PATCH").isTrue();
    return new Version(
        Integer.parseInt(matcher.group(1)),
        Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)));
  }

  private static List<Release> releases() throws IOException {
    try (Stream<Path> files = Files.list(RELEASED)) {
      return files
          .map(
              file -> {
                Matcher name = RELEASED_NAME.matcher(file.getFileName().toString());
                return name.matches()
                    ? new Release(
                        new Version(
                            Integer.parseInt(name.group(1)),
                            Integer.parseInt(name.group(2)),
                            Integer.parseInt(name.group(3))),
                        file)
                    : null;
              })
          .filter(release -> release != null)
          .sorted(Comparator.comparing(Release::version))
          .toList();
    }
  }
}
