package nl.koers.transition;

import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.mongo.VersionedWrites;
import org.bson.Document;

/** A region's transition settings ({@code _id} the region): how far it follows young adults. */
final class ExtendedCareStore {

  static final CollectionSpec REGIONS = CollectionSpec.of("regionTransition");

  private final Documents regions;

  ExtendedCareStore(Mongo mongo) {
    this.regions = mongo.documents(REGIONS);
  }

  /** Sets a region's horizon unless it has one. */
  Future<Void> seedHorizon(String regionId, int horizonAge) {
    return regions.upsertById(regionId, Updates.setOnInsert("horizonAge", horizonAge)).mapEmpty();
  }

  /** The region's horizon as set (empty: never) and the version of its settings. */
  record Horizon(Optional<Integer> age, long version) {}

  Future<Horizon> versionedHorizon(String regionId) {
    return regions
        .byId(regionId)
        .map(
            doc ->
                doc == null
                    ? new Horizon(Optional.empty(), 0L)
                    : new Horizon(
                        Optional.ofNullable(doc.getInteger("horizonAge")),
                        doc.get(VersionedWrites.VERSION) instanceof Number n ? n.longValue() : 0L));
  }

  /**
   * Sets the horizon only if the settings are still at {@code expectedVersion} (else {@link
   * StaleVersion}); answers the new version.
   */
  Future<Long> replaceHorizon(
      String regionId, int horizonAge, String by, Instant at, long expectedVersion) {
    return regions.replaceAtVersion(
        regionId,
        expectedVersion,
        new Document("_id", regionId)
            .append("horizonAge", horizonAge)
            .append("updatedBy", by)
            .append("updatedAt", Date.from(at)));
  }

  /** The age up to which the region follows young adults, if it set one. */
  Future<Optional<Integer>> horizonOf(String regionId) {
    return regions
        .byId(regionId)
        .map(doc -> Optional.ofNullable(doc).map(d -> d.getInteger("horizonAge")));
  }
}
