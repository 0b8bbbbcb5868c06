package nl.koers.transition;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.util.Optional;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Mongo;

/** A region's transition settings ({@code _id} the region): how far it follows young adults. */
final class ExtendedCareStore {

  static final CollectionSpec REGIONS = CollectionSpec.of("regionTransition");

  private final Mongo mongo;

  ExtendedCareStore(Mongo mongo) {
    this.mongo = mongo;
  }

  /** Sets a region's horizon unless it has one. */
  Future<Void> seedHorizon(String regionId, int horizonAge) {
    return mongo
        .write(
            mongo
                .collection(REGIONS.name())
                .updateOne(
                    Filters.eq("_id", regionId),
                    Updates.setOnInsert("horizonAge", horizonAge),
                    new UpdateOptions().upsert(true)))
        .mapEmpty();
  }

  /** The age up to which the region follows young adults, if it set one. */
  Future<Optional<Integer>> horizonOf(String regionId) {
    return mongo
        .first(mongo.collection(REGIONS.name()).find(Filters.eq("_id", regionId)))
        .map(doc -> Optional.ofNullable(doc).map(d -> d.getInteger("horizonAge")));
  }
}
