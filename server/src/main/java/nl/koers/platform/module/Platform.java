package nl.koers.platform.module;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import nl.koers.platform.clock.DevClock;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.mongo.DataKeys;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.MongoConnection;

/**
 * What every capability module is built from: the shared, small parts (Vert.x, settings, the clock,
 * the database, the key for text at rest, dev mode's clock), the outboxes every module declares,
 * and the young people's own data keys (one store, one cache, so erasure's destroy reaches all).
 * Loaded once by {@code KoersApp} before any module is made.
 */
public record Platform(
    Vertx vertx,
    KoersConfig config,
    Clock clock,
    MongoConnection connection,
    FieldCipher cipher,
    Optional<DevClock> devClock,
    Outboxes outboxes,
    DataKeys dataKeys) {

  /**
   * Loads the parts that need I/O: dev mode's clock (with the offset earlier runs left), and the
   * data key for text at rest (file I/O, off the event loop).
   */
  /** Opens the database (real or embedded) and loads the rest; on failure nothing stays open. */
  public static Future<Platform> open(Vertx vertx, KoersConfig config, Clock clock) {
    return MongoConnection.open(vertx, config)
        .compose(
            connection ->
                load(vertx, config, clock, connection).onFailure(e -> connection.close()));
  }

  public Mongo mongo() {
    return connection.mongo();
  }

  private static Future<Platform> load(
      Vertx vertx, KoersConfig config, Clock clock, MongoConnection connection) {
    Mongo mongo = connection.mongo();
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
                    connection,
                    cipher.result(),
                    devClock.result(),
                    new Outboxes(),
                    new DataKeys(mongo, cipher.result())));
  }
}
