package nl.koers.transition;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/** Warm handovers, one document each, listed per young person in the order they were recorded. */
final class HandoverStore {

  static final CollectionSpec SPEC =
      CollectionSpec.of("handovers", Index.ascending("byYouth", "youthId", "createdAt"));

  private final Documents handovers;

  HandoverStore(Mongo mongo) {
    this.handovers = mongo.documents(SPEC);
  }

  /** Stores the handover unless one with its id is there (a retry); answers the stored one. */
  Future<Handovers.Handover> insertOnce(Handovers.Handover handover) {
    return handovers.insertOnce(toDocument(handover)).map(HandoverStore::from);
  }

  /** A young person's handovers, the first recorded first. */
  Future<List<Handovers.Handover>> ofYouth(String youthId) {
    return handovers
        .list(handovers.find(Filters.eq("youthId", youthId)).sort(Sorts.ascending("createdAt")))
        .map(docs -> docs.stream().map(HandoverStore::from).toList());
  }

  /** Of these young people, those with a handover recorded (one query, the byYouth index). */
  Future<java.util.Set<String>> youthWithHandover(java.util.Collection<String> youthIds) {
    if (youthIds.isEmpty()) {
      return Future.succeededFuture(java.util.Set.of());
    }
    return handovers
        .list(
            handovers
                .find(Filters.in("youthId", List.copyOf(youthIds)))
                .projection(new Document("youthId", 1)))
        .map(
            docs ->
                docs.stream()
                    .map(d -> d.getString("youthId"))
                    .collect(java.util.stream.Collectors.toSet()));
  }

  /** Confirms a side of the young person's handover at {@code at}, unless it was confirmed. */
  Future<Void> confirmUnlessConfirmed(
      String youthId, String handoverId, Handovers.Side side, Instant at) {
    String field = field(side);
    return handovers
        .update(
            new Document("_id", handoverId).append("youthId", youthId).append(field, null),
            Updates.set(field, Date.from(at)))
        .mapEmpty();
  }

  Future<Optional<Handovers.Handover>> find(String handoverId) {
    return handovers.byId(handoverId).map(doc -> Optional.ofNullable(doc).map(HandoverStore::from));
  }

  private static String field(Handovers.Side side) {
    return side == Handovers.Side.YOUTH_CARE ? "youthCareConfirmedAt" : "adultServicesConfirmedAt";
  }

  private static Document toDocument(Handovers.Handover handover) {
    Handovers.Contact contact = handover.contact();
    Document contactDoc =
        new Document("name", contact.name()).append("organisation", contact.organisation());
    contact.phone().ifPresent(phone -> contactDoc.append("phone", phone));
    contact.email().ifPresent(email -> contactDoc.append("email", email));
    return new Document("_id", handover.id())
        .append("youthId", handover.youthId())
        .append("kind", handover.kind())
        .append("contact", contactDoc)
        .append("meetingDate", handover.meetingDate())
        .append("createdBy", handover.createdBy())
        .append("createdAt", Date.from(handover.createdAt()))
        .append(
            "youthCareConfirmedAt", handover.youthCareConfirmedAt().map(Date::from).orElse(null))
        .append(
            "adultServicesConfirmedAt",
            handover.adultServicesConfirmedAt().map(Date::from).orElse(null));
  }

  private static Handovers.Handover from(Document doc) {
    Document contact = doc.get("contact", Document.class);
    return new Handovers.Handover(
        doc.getString("_id"),
        doc.getString("youthId"),
        doc.getString("kind"),
        new Handovers.Contact(
            contact.getString("name"),
            contact.getString("organisation"),
            Optional.ofNullable(contact.getString("phone")),
            Optional.ofNullable(contact.getString("email"))),
        doc.getString("meetingDate"),
        doc.getString("createdBy"),
        doc.getDate("createdAt").toInstant(),
        Optional.ofNullable(doc.getDate("youthCareConfirmedAt")).map(Date::toInstant),
        Optional.ofNullable(doc.getDate("adultServicesConfirmedAt")).map(Date::toInstant));
  }
}
