package nl.koers.circle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * A young person's record: what the profile card shows and their care circle, stored together
 * because every request about them reads both (authorization first). Their reading level rides
 * along, so whatever asks them something words it their way without another read.
 */
public record Youth(
    String id,
    String firstName,
    LocalDate dateOfBirth,
    String regionId,
    List<Relation> relations,
    ReadingLevel readingLevel) {

  /** A young person who has not chosen a reading level: standard wording. */
  public Youth(
      String id,
      String firstName,
      LocalDate dateOfBirth,
      String regionId,
      List<Relation> relations) {
    this(id, firstName, dateOfBirth, regionId, relations, ReadingLevel.STANDARD);
  }

  /** The relations of this person that grant something now. */
  public List<Relation> activeRelationsOf(String personId, Instant now) {
    return relations.stream()
        .filter(r -> r.personId().equals(personId) && r.activeAt(now))
        .toList();
  }

  /** The young person themselves, or someone in their circle now. */
  public boolean includes(String personId, Instant now) {
    return id.equals(personId) || !activeRelationsOf(personId, now).isEmpty();
  }

  public Optional<Relation> activeOfKind(RelationKind kind, Instant now) {
    return relations.stream().filter(r -> r.kind() == kind && r.activeAt(now)).findFirst();
  }

  public Optional<Relation> relation(String relationId) {
    return relations.stream().filter(r -> r.id().equals(relationId)).findFirst();
  }

  Document toDocument() {
    return new Document("_id", id)
        .append("firstName", firstName)
        .append("dateOfBirth", dateOfBirth.toString())
        .append("regionId", regionId)
        .append(READING_LEVEL, readingLevel.name())
        .append("relations", relations.stream().map(Relation::toDocument).toList());
  }

  static Youth from(Document doc) {
    List<Relation> relations = new ArrayList<>();
    for (Document relation : doc.getList("relations", Document.class, List.of())) {
      relations.add(Relation.from(relation));
    }
    return new Youth(
        doc.getString("_id"),
        doc.getString("firstName"),
        LocalDate.parse(doc.getString("dateOfBirth")),
        doc.getString("regionId"),
        List.copyOf(relations),
        ReadingLevel.valueOf(doc.get(READING_LEVEL, ReadingLevel.STANDARD.name())));
  }

  /** The field of the youth document that holds the reading level (absent: standard). */
  static final String READING_LEVEL = "readingLevel";
}
