package nl.koers.identity;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import nl.koers.platform.module.SharedStore;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Storage of persons: one document each, found by id. */
@SharedStore(
    why =
        "Every capability names people (a circle member, a mentor, a sender); a person "
            + "document holds no care data, only who someone is and their region roles")
public final class People {

  /** The outbox index lets the notification relay find pending intents without a scan. */
  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "persons",
          CollectionSpec.Index.ascending("outbox", "outbox.id"),
          CollectionSpec.Index.ascending(
              "byRegionRole", "regionRoles.regionId", "regionRoles.role"));

  private final Documents persons;

  public People(Mongo mongo) {
    this.persons = mongo.documents(SPEC);
  }

  public Future<Optional<Person>> find(String id) {
    return persons.byId(id).map(doc -> Optional.ofNullable(doc).map(Person::from));
  }

  /**
   * The person, with what another store joins onto their document in the same read (a {@code
   * $lookup} stage), so a request that needs both costs one round trip.
   */
  public <T> Future<Optional<T>> findJoined(
      String id, Bson lookup, BiFunction<Person, Document, T> combine) {
    return persons
        .first(
            persons
                .collection()
                .aggregate(List.of(new Document("$match", new Document("_id", id)), lookup)))
        .map(
            doc -> Optional.ofNullable(doc).map(found -> combine.apply(Person.from(found), found)));
  }

  public Future<List<Person>> findAll(Collection<String> ids) {
    return persons
        .list(Filters.in("_id", ids))
        .map(docs -> docs.stream().map(Person::from).toList());
  }

  /**
   * Creates the person unless one with that id exists (then it stays as it is), so a retried
   * registration never makes a second person.
   */
  public Future<Person> create(Person person) {
    return persons.insertOnce(person.toDocument()).map(Person::from);
  }

  public Future<Void> grant(String personId, Person.RegionRole role) {
    return persons
        .updateById(personId, Updates.addToSet("regionRoles", role.toDocument()))
        .mapEmpty();
  }

  /** The ids of everyone holding a role in a region (e.g. its admins). */
  public Future<java.util.List<String>> withRegionRole(Role role, String regionId) {
    return persons
        .list(
            Filters.elemMatch(
                "regionRoles", new Document("role", role.name()).append("regionId", regionId)))
        .map(docs -> docs.stream().map(d -> d.getString("_id")).toList());
  }

  /** Records a side effect of a change to this person (e.g. a notification intent) on them. */
  public Future<Boolean> record(String personId, org.bson.conversions.Bson update) {
    return persons.updateById(personId, update).map(result -> result.getMatchedCount() == 1);
  }

  /** Records the first time someone signed in as this person. */
  public Future<Void> markActivated(String personId, Instant at) {
    return persons
        .update(
            new Document("_id", personId).append("activatedAt", new Document("$exists", false)),
            Updates.set("activatedAt", Date.from(at)))
        .mapEmpty();
  }

  /**
   * Erasure: the person's document goes, name, handle and pending intents with it. Without it no
   * session opens for them ({@link Sessions}).
   */
  public Future<Void> erase(String personId) {
    return persons.delete(Filters.eq("_id", personId)).mapEmpty();
  }
}
