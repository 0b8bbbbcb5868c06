package nl.koers.circle;

import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * One member of a young person's care circle. A relation with an end ({@code until}) grants nothing
 * from that moment on; {@code renewedAsAdultAt} records that a young adult granted a parent access
 * again after turning 18.
 */
public record Relation(
    String id,
    RelationKind kind,
    String personId,
    Set<Scope> scopes,
    Instant since,
    Optional<Instant> until,
    Optional<Instant> renewedAsAdultAt) {

  public boolean activeAt(Instant now) {
    return !since.isAfter(now) && until.map(now::isBefore).orElse(true);
  }

  Document toDocument() {
    Document doc =
        new Document("id", id)
            .append("kind", kind.name())
            .append("personId", personId)
            .append("scopes", scopes.stream().map(Scope::wire).sorted().toList())
            .append("since", Date.from(since))
            .append("until", until.map(Date::from).orElse(null));
    renewedAsAdultAt.ifPresent(at -> doc.append("renewedAsAdultAt", Date.from(at)));
    return doc;
  }

  /**
   * The relations of a stored young person's record, for readers that work on records (snapshots,
   * schedulers) rather than on a {@link Youth}.
   */
  public static List<Relation> allOf(Document youthRecord) {
    return youthRecord.getList("relations", Document.class, List.of()).stream()
        .map(Relation::from)
        .toList();
  }

  static Relation from(Document doc) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String scope : doc.getList("scopes", String.class, List.of())) {
      scopes.add(Scope.fromWire(scope));
    }
    return new Relation(
        doc.getString("id"),
        RelationKind.valueOf(doc.getString("kind")),
        doc.getString("personId"),
        scopes,
        doc.getDate("since").toInstant(),
        Optional.ofNullable(doc.getDate("until")).map(Date::toInstant),
        Optional.ofNullable(doc.getDate("renewedAsAdultAt")).map(Date::toInstant));
  }
}
