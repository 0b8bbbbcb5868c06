package nl.koers.transition;

import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.util.Optional;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;

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

  /** The age up to which the region follows young adults, if it set one. */
  Future<Optional<Integer>> horizonOf(String regionId) {
    return regions
        .byId(regionId)
        .map(doc -> Optional.ofNullable(doc).map(d -> d.getInteger("horizonAge")));
  }
}
