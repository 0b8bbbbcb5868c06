package nl.koers.feedback;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.vertx.core.Future;
import java.util.Optional;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * Each region's safety contact: the person (an out-of-hours service) who gets every safety signal
 * of the region's young people besides their case coordinator.
 */
public final class SafetyContacts {

  public static final CollectionSpec SPEC = CollectionSpec.of("safetyContacts");

  private final Mongo mongo;

  public SafetyContacts(Mongo mongo) {
    this.mongo = mongo;
  }

  public Future<Optional<String>> of(String regionId) {
    return mongo
        .first(mongo.collection(SPEC.name()).find(Filters.eq("_id", regionId)))
        .map(doc -> Optional.ofNullable(doc).map(d -> d.getString("personId")));
  }

  public Future<Void> set(String regionId, String personId) {
    return mongo
        .write(
            mongo
                .collection(SPEC.name())
                .replaceOne(
                    Filters.eq("_id", regionId),
                    new Document("_id", regionId).append("personId", personId),
                    new ReplaceOptions().upsert(true)))
        .mapEmpty();
  }
}
