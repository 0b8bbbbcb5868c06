package nl.koers.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.netty.util.Version;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The libraries that face the network or every log line run at least the version whose published
 * fixes Koers relies on (request smuggling and denial of service in Netty before 4.2.18, the CVEs
 * of logback before 1.5.38). A transitive upgrade of Vert.x or a BOM reordered could quietly pull
 * an older one back onto the classpath; this fails the build then. Versions are read from what is
 * loaded, not from the POM.
 */
class DependencyFloorTest {

  @Test
  void everyNettyPartOnTheClasspathIsAtLeast4218() {
    Map<String, Version> loaded = Version.identify();

    assertThat(loaded).containsKeys("netty-codec-http", "netty-handler", "netty-transport");
    loaded.forEach(
        (artifact, version) ->
            assertThat(atLeast(version.artifactVersion(), 4, 2, 18))
                .as("%s %s", artifact, version.artifactVersion())
                .isTrue());
  }

  @Test
  void logbackIsAtLeast1538() {
    String version = LoggerContext.class.getPackage().getImplementationVersion();

    assertThat(version).isNotNull();
    assertThat(atLeast(version, 1, 5, 38)).as("logback %s", version).isTrue();
  }

  private static boolean atLeast(String version, int... floor) {
    String[] parts = version.split("[.-]");
    for (int i = 0; i < floor.length; i++) {
      int part = Integer.parseInt(parts[i]);
      if (part != floor[i]) {
        return part > floor[i];
      }
    }
    return true;
  }
}
