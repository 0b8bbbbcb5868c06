package nl.koers.platform.config;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class KoersConfigTest {

  @TempDir Path dir;

  @Test
  void withoutSettingsItListensOnLoopback8080OnTheEmbeddedDatabase() {
    KoersConfig config = KoersConfig.from(new JsonObject());

    assertThat(config.httpHost()).isEqualTo("127.0.0.1");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.management()).isEqualTo(new KoersConfig.Management("127.0.0.1", 9464));
    assertThat(config.embeddedMongo()).isTrue();
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
  }

  @Test
  void aYamlFileSetsValuesAndExplicitSettingsWin(Vertx vertx) throws Exception {
    Path file = dir.resolve("koers.yml");
    Files.writeString(
        file,
        "KOERS_HTTP_PORT: 9090\nMONGODB_URI: mongodb://127.0.0.1:27017\nKOERS_DATA_DIR: /srv/koers\n");

    KoersConfig config =
        await(
            KoersConfig.load(
                vertx,
                new JsonObject()
                    .put(KoersConfig.CONFIG_FILE, file.toString())
                    .put(KoersConfig.DATA_DIR, dir.toString())));

    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.mongoUri()).contains("mongodb://127.0.0.1:27017");
    assertThat(config.embeddedMongo()).isFalse();
    assertThat(config.dataDir()).isEqualTo(dir);
  }

  @Test
  void aPortThatIsNotANumberStopsTheStartWithAClearMessage() {
    assertThatThrownBy(
            () -> KoersConfig.from(new JsonObject().put(KoersConfig.HTTP_PORT, "eighty")))
        .hasMessageContaining("KOERS_HTTP_PORT");
  }

  @Test
  void backgroundPeriodsHaveRealDefaults() {
    KoersConfig config = KoersConfig.from(new JsonObject());

    assertThat(config.milestonePeriod()).isEqualTo(Duration.ofHours(1));
    assertThat(config.notifyIntervalMillis()).isEqualTo(1000);
  }

  @Test
  void theMilestonePeriodIsAnIsoDurationAndZeroTurnsItOff() {
    assertThat(
            KoersConfig.from(new JsonObject().put(KoersConfig.MILESTONE_PERIOD, "PT0.05S"))
                .milestonePeriod())
        .isEqualTo(Duration.ofMillis(50));
    assertThat(
            KoersConfig.from(new JsonObject().put(KoersConfig.MILESTONE_PERIOD, "PT0S"))
                .milestonePeriod())
        .isZero();
  }

  @Test
  void aPeriodInRoundsANegativePeriodOrAZeroIntervalStopsTheStart() {
    assertThatThrownBy(
            () -> KoersConfig.from(new JsonObject().put(KoersConfig.MILESTONE_PERIOD, "3600")))
        .hasMessageContaining("KOERS_MILESTONE_PERIOD");
    assertThatThrownBy(
            () -> KoersConfig.from(new JsonObject().put(KoersConfig.MILESTONE_PERIOD, "-PT1H")))
        .hasMessageContaining("KOERS_MILESTONE_PERIOD");
    assertThatThrownBy(
            () -> KoersConfig.from(new JsonObject().put(KoersConfig.NOTIFY_INTERVAL_MILLIS, 0)))
        .hasMessageContaining("KOERS_NOTIFY_INTERVAL_MILLIS");
  }

  @Test
  void httpInstancesAreOnePerCoreByDefaultAndAtLeastOne() {
    assertThat(KoersConfig.from(new JsonObject()).httpInstances())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(
            KoersConfig.from(new JsonObject().put(KoersConfig.HTTP_INSTANCES, "3")).httpInstances())
        .isEqualTo(3);
    assertThatThrownBy(() -> KoersConfig.from(new JsonObject().put(KoersConfig.HTTP_INSTANCES, 0)))
        .hasMessageContaining("KOERS_HTTP_INSTANCES");
  }

  @Test
  void todaysAppsPassTheDefaultMinimumAndTheCurrentVersionIsNeverBelowIt() {
    AppVersions defaults = KoersConfig.from(new JsonObject()).appVersions();
    assertThat(defaults.minimum().toString()).isEqualTo("1.0.0");
    assertThat(defaults.current().toString()).isEqualTo("1.0.0");
    assertThat(defaults.refuses(AppVersion.parse("1.0.0").orElseThrow())).isFalse();
    assertThat(defaults.refuses(AppVersion.parse("0.0.1").orElseThrow())).isTrue();
    assertThat(defaults.stores()).isEmpty();

    assertThatThrownBy(
            () ->
                KoersConfig.from(
                    new JsonObject()
                        .put(KoersConfig.MIN_APP_VERSION, "2.0.0")
                        .put(KoersConfig.CURRENT_APP_VERSION, "1.9.9")))
        .hasMessageContaining("KOERS_CURRENT_APP_VERSION");
    assertThatThrownBy(
            () -> KoersConfig.from(new JsonObject().put(KoersConfig.MIN_APP_VERSION, "2.0")))
        .hasMessageContaining("KOERS_MIN_APP_VERSION");
    assertThatThrownBy(
            () ->
                KoersConfig.from(
                    new JsonObject().put(KoersConfig.APP_STORE_URL_IOS, "itms://nowhere")))
        .hasMessageContaining("KOERS_APP_STORE_URL_IOS");
  }

  @Test
  void devModeIsOnByDefaultOnlyForTheEmbeddedDatabaseOnLoopback() {
    assertThat(KoersConfig.from(new JsonObject()).devMode()).isTrue();
    assertThat(
            KoersConfig.from(new JsonObject().put(KoersConfig.MONGODB_URI, "mongodb://127.0.0.1"))
                .devMode())
        .isFalse();
    assertThat(KoersConfig.from(new JsonObject().put(KoersConfig.HTTP_HOST, "0.0.0.0")).devMode())
        .isFalse();
    assertThat(KoersConfig.from(new JsonObject().put(KoersConfig.DEV_MODE, "false")).devMode())
        .isFalse();
  }

  @Test
  void devModeOrTheAuthEmulatorOffLoopbackStopsTheStart() {
    KoersConfig devOnAllInterfaces =
        KoersConfig.from(
            new JsonObject().put(KoersConfig.HTTP_HOST, "0.0.0.0").put(KoersConfig.DEV_MODE, true));
    KoersConfig remoteEmulator =
        KoersConfig.from(
            new JsonObject().put(KoersConfig.FIREBASE_AUTH_EMULATOR_HOST, "10.0.0.5:9099"));
    KoersConfig emulatorForAPublicServer =
        KoersConfig.from(
            new JsonObject()
                .put(KoersConfig.HTTP_HOST, "0.0.0.0")
                .put(KoersConfig.FIREBASE_AUTH_EMULATOR_HOST, "127.0.0.1:9099"));

    assertThatThrownBy(devOnAllInterfaces::devMode).hasMessageContaining("KOERS_DEV_MODE");
    assertThatThrownBy(remoteEmulator::authEmulatorHost)
        .hasMessageContaining("FIREBASE_AUTH_EMULATOR_HOST");
    assertThatThrownBy(emulatorForAPublicServer::authEmulatorHost)
        .hasMessageContaining("FIREBASE_AUTH_EMULATOR_HOST");
    assertThat(
            KoersConfig.from(
                    new JsonObject().put(KoersConfig.FIREBASE_AUTH_EMULATOR_HOST, "127.0.0.1:9099"))
                .authEmulatorHost())
        .contains("127.0.0.1:9099");
  }
}
