package nl.koers.platform.module;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import nl.koers.platform.clock.DevClock;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.mongo.Mongo;

/**
 * What every capability module is built from: the shared, small parts (Vert.x, settings, the clock,
 * the database, the key for text at rest, dev mode's clock) and the outboxes every module declares.
 * Loaded once by {@code KoersApp} before any module is made.
 */
public record Platform(
    Vertx vertx,
    KoersConfig config,
    Clock clock,
    Mongo mongo,
    FieldCipher cipher,
    Optional<DevClock> devClock,
    Outboxes outboxes) {

  /**
   * Loads the parts that need I/O: dev mode's clock (with the offset earlier runs left), and the
   * data key for text at rest (file I/O, off the event loop).
   */
  public static Future<Platform> load(Vertx vertx, KoersConfig config, Clock clock, Mongo mongo) {
    Future<Optional<DevClock>> devClock =
        config.devMode()
            ? DevClock.load(mongo, clock).map(Optional::of)
            : Future.succeededFuture(Optional.empty());
    Future<FieldCipher> cipher =
        vertx.executeBlocking(
            () -> FieldCipher.load(config.dataKeyFile(), config.embeddedMongo()), false);
    return Future.all(devClock, cipher)
        .map(
            loaded ->
                new Platform(
                    vertx,
                    config,
                    devClock.result().<Clock>map(dev -> dev).orElse(clock),
                    mongo,
                    cipher.result(),
                    devClock.result(),
                    new Outboxes()));
  }
}
