package nl.koers.platform.module;

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
    Outboxes outboxes) {}
