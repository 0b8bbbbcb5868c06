package nl.koers.region;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.mongo.VersionedWrites;
import org.bson.Document;

/**
 * Each region's register of organisations (youth care providers): one document per region, replaced
 * as a whole on its version, so a register read together is written together and two admins
 * changing it at once cannot both win. Who may change it is {@link Organisations}' rule.
 */
final class OrganisationStore {

  static final CollectionSpec SPEC = CollectionSpec.of("organisations");

  /** One organisation as registered; {@code closedAt} set once it takes no new professionals. */
  record Organisation(
      String id,
      String name,
      Optional<String> agbCode,
      Instant registeredAt,
      Optional<Instant> closedAt) {

    boolean open() {
      return closedAt.isEmpty();
    }

    Document toDocument() {
      Document doc =
          new Document("id", id)
              .append("name", name)
              .append("registeredAt", Date.from(registeredAt));
      agbCode.ifPresent(code -> doc.append("agbCode", code));
      closedAt.ifPresent(at -> doc.append("closedAt", Date.from(at)));
      return doc;
    }

    static Organisation from(Document doc) {
      return new Organisation(
          doc.getString("id"),
          doc.getString("name"),
          Optional.ofNullable(doc.getString("agbCode")),
          doc.getDate("registeredAt").toInstant(),
          Optional.ofNullable(doc.getDate("closedAt")).map(Date::toInstant));
    }
  }

  /** A region's register and the version it was read at (0 before anything was registered). */
  record Register(List<Organisation> organisations, long version) {

    Optional<Organisation> find(String organisationId) {
      return organisations.stream().filter(o -> o.id().equals(organisationId)).findFirst();
    }
  }

  private final Documents registers;

  OrganisationStore(Mongo mongo) {
    this.registers = mongo.documents(SPEC);
  }

  Future<Register> of(String regionId) {
    return registers
        .byId(regionId)
        .map(
            doc -> {
              if (doc == null) {
                return new Register(List.of(), 0L);
              }
              List<Organisation> organisations = new ArrayList<>();
              for (Document o : doc.getList("organisations", Document.class, List.of())) {
                organisations.add(Organisation.from(o));
              }
              Object version = doc.get(VersionedWrites.VERSION);
              return new Register(
                  List.copyOf(organisations), version instanceof Number n ? n.longValue() : 0L);
            });
  }

  /**
   * Puts the register in place only if it is still at {@code expectedVersion} (else {@link
   * StaleVersion}, nothing changed); answers the new version.
   */
  Future<Long> replace(
      String regionId,
      List<Organisation> organisations,
      String by,
      Instant at,
      long expectedVersion) {
    Document doc =
        new Document("_id", regionId)
            .append("organisations", organisations.stream().map(Organisation::toDocument).toList())
            .append("updatedBy", by)
            .append("updatedAt", Date.from(at));
    return registers.replaceAtVersion(regionId, expectedVersion, doc);
  }
}
