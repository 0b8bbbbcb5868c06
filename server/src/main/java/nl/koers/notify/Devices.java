package nl.koers.notify;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * The phones a person receives pushes on: one document per FCM token (its id derived from the
 * token, so registering the same token again updates it, also when the phone changed hands). Tokens
 * not refreshed for {@link #STALE_AFTER} are dropped; logging out drops the session's device.
 */
public final class Devices {

  public static final Duration STALE_AFTER = Duration.ofDays(60);

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "devices",
          Index.ascending("byPerson", "personId"),
          Index.ascending("bySession", "sessionId"),
          Index.ascending("stale", "refreshedAt").expiringAfter(STALE_AFTER));

  /** A registered phone. */
  public record Device(
      String id,
      String personId,
      String token,
      String platform,
      String appVersion,
      String locale,
      Instant refreshedAt) {

    static Device from(Document doc) {
      return new Device(
          doc.getString("_id"),
          doc.getString("personId"),
          doc.getString("token"),
          doc.getString("platform"),
          doc.getString("appVersion"),
          doc.getString("locale"),
          doc.getDate("refreshedAt").toInstant());
    }
  }

  private final Documents devices;
  private final Clock clock;

  public Devices(Mongo mongo, Clock clock) {
    this.devices = mongo.documents(SPEC);
    this.clock = clock;
  }

  public static String idOf(String token) {
    return Ids.derived("fcm:" + token);
  }

  public Future<Device> register(
      String personId,
      String sessionId,
      String token,
      String platform,
      String appVersion,
      String locale) {
    String id = idOf(token);
    Instant now = clock.instant();
    return devices
        .upsertById(
            id,
            Updates.combine(
                Updates.set("personId", personId),
                Updates.set("sessionId", sessionId),
                Updates.set("token", token),
                Updates.set("platform", platform),
                Updates.set("appVersion", appVersion),
                Updates.set("locale", locale),
                Updates.set("refreshedAt", Date.from(now)),
                Updates.setOnInsert("registeredAt", Date.from(now))))
        .map(done -> new Device(id, personId, token, platform, appVersion, locale, now));
  }

  /** Removes one of the person's devices; false when they have no such device. */
  public Future<Boolean> remove(String personId, String deviceId) {
    return devices
        .delete(new Document("_id", deviceId).append("personId", personId))
        .map(result -> result.getDeletedCount() == 1);
  }

  /** Logging out: the device registered in that session stops receiving pushes. */
  public Future<Void> forgetSession(String sessionId) {
    return devices.deleteMany(Filters.eq("sessionId", sessionId)).mapEmpty();
  }

  /** FCM says the token is dead. */
  public Future<Void> drop(String deviceId) {
    return devices.delete(Filters.eq("_id", deviceId)).mapEmpty();
  }

  /** The person's devices that are still fresh. */
  public Future<List<Device>> freshOf(String personId) {
    Instant cutoff = clock.instant().minus(STALE_AFTER);
    return devices
        .list(Filters.eq("personId", personId))
        .map(
            docs ->
                docs.stream()
                    .map(Device::from)
                    .filter(d -> d.refreshedAt().isAfter(cutoff))
                    .toList());
  }

  /** Erasure: every phone of the person, whatever session registered it. */
  public Future<Void> forgetPerson(String personId) {
    return devices.deleteMany(Filters.eq("personId", personId)).mapEmpty();
  }
}
