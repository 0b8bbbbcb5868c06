package nl.koers.transition;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.notify.NotificationIntent;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.DataKeys;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.SealAtRest;
import nl.koers.platform.mongo.SealedTexts;
import org.bson.Document;

/**
 * Warm handovers, one document each, listed per young person in the order they were recorded. A
 * document keeps its invite code hashed ({@code codeHash}) and its notification intents ({@code
 * outbox}) until the relay moves them, so each step and whom it tells are one write. The adult
 * contact's name, phone and e-mail are sealed at rest with the young person's own key, bound to the
 * handover and the field.
 */
final class HandoverStore {

  static final CollectionSpec SPEC =
      CollectionSpec.of(
          "handovers",
          Index.ascending("byYouth", "youthId", "createdAt"),
          Index.ascending("byCode", "codeHash"),
          Index.ascending("outbox", "outbox.id"));

  /** The contact's fields kept sealed, each under {@code sealed} + its name capitalised. */
  private static final List<String> SEALED = List.of("name", "phone", "email");

  private final Documents handovers;
  private final DataKeys keys;

  HandoverStore(Mongo mongo, DataKeys keys) {
    this.handovers = mongo.documents(SPEC);
    this.keys = keys;
  }

  /**
   * Seals, with the young person's own key, the contacts stored in plain or sealed with the master
   * key (once: only while the contact is as read); answers how many were rewritten.
   */
  Future<Integer> sealPlainTexts() {
    return SealAtRest.migrate(
        handovers,
        keys,
        doc -> doc.getString("youthId"),
        HandoverStore::legacy,
        this::sealedRewrite);
  }

  private static boolean legacy(Document doc) {
    Document contact = doc.get("contact", Document.class);
    return contact != null
        && SEALED.stream()
            .anyMatch(
                f ->
                    contact.get(f) instanceof String
                        || (contact.containsKey(sealedName(f))
                            && !SealedTexts.sealedWithYouthKey(contact.get(sealedName(f)))));
  }

  private Optional<SealAtRest.Rewrite> sealedRewrite(SealedTexts texts, Document doc) {
    Document contact = doc.get("contact", Document.class);
    String id = doc.getString("_id");
    return Optional.of(
        new SealAtRest.Rewrite(
            new Document("contact", contact),
            Updates.set("contact", sealed(texts, id, opened(texts, id, contact)))));
  }

  private static String sealedName(String field) {
    return "sealed" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
  }

  /** The contact as stored: its name, phone and e-mail sealed (a copy). */
  private static Document sealed(SealedTexts texts, String id, Document contact) {
    Document sealed = new Document(contact);
    for (String field : SEALED) {
      if (sealed.remove(field) instanceof String plain) {
        sealed.put(sealedName(field), texts.seal(plain, id + "/contact/" + field));
      }
    }
    return sealed;
  }

  /** The contact as read: its sealed fields opened (a copy). */
  private static Document opened(SealedTexts texts, String id, Document contact) {
    Document opened = new Document(contact);
    for (String field : SEALED) {
      if (opened.remove(sealedName(field)) instanceof Document sealed) {
        opened.put(field, texts.open(sealed, id + "/contact/" + field));
      }
    }
    return opened;
  }

  /**
   * Stores the handover with its invite code's hash and {@code told}, unless one with its id is
   * there (a retry: then its code becomes this one, while nobody accepted); answers the stored one.
   */
  Future<Handovers.Handover> insertOnce(
      Handovers.Handover handover, String codeHash, List<NotificationIntent> told) {
    return keys.toWrite(handover.youthId())
        .compose(texts -> insertOnce(texts, handover, codeHash, told));
  }

  private Future<Handovers.Handover> insertOnce(
      SealedTexts texts,
      Handovers.Handover handover,
      String codeHash,
      List<NotificationIntent> told) {
    Document doc =
        toDocument(texts, handover)
            .append("codeHash", codeHash)
            .append(
                NotificationIntent.OUTBOX,
                told.stream().map(NotificationIntent::toDocument).toList());
    return handovers
        .insertOnce(doc)
        .compose(
            stored ->
                codeHash.equals(stored.getString("codeHash"))
                    ? Future.succeededFuture(from(texts, stored))
                    // A retry after a crash: the first code never reached anyone, this one will.
                    : replaceCode(handover.id(), codeHash).map(v -> from(texts, stored)));
  }

  /** A new code for a retried recording (the first never reached anyone), while unaccepted. */
  private Future<Boolean> replaceCode(String handoverId, String codeHash) {
    return handovers.updateIf(
        handoverId, new Document("adultContactId", null), Updates.set("codeHash", codeHash));
  }

  /** The handover whose invite code hashes to {@code codeHash}. */
  Future<Optional<Handovers.Handover>> byCode(String codeHash) {
    return handovers
        .first(Filters.eq("codeHash", codeHash))
        .compose(doc -> keys.readOne(doc, this::from));
  }

  /** {@code contactId} accepted the invite, unless someone did before; answers whether it did. */
  Future<Boolean> accept(String handoverId, String contactId, Instant at) {
    return handovers.updateIf(
        handoverId,
        new Document("adultContactId", null),
        Updates.combine(
            Updates.set("adultContactId", contactId), Updates.set("acceptedAt", Date.from(at))));
  }

  /** A young person's handovers, the first recorded first. */
  Future<List<Handovers.Handover>> ofYouth(String youthId) {
    return handovers
        .list(handovers.find(Filters.eq("youthId", youthId)).sort(Sorts.ascending("createdAt")))
        .compose(docs -> keys.read(docs, this::from));
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

  /**
   * Confirms a side of the handover at {@code at} and tells {@code told}, unless that side was
   * confirmed (then nobody is told again).
   */
  Future<Boolean> confirmUnlessConfirmed(
      String handoverId, Handovers.Side side, Instant at, NotificationIntent told) {
    String field = field(side);
    return handovers.updateIf(
        handoverId,
        new Document(field, null),
        Updates.combine(Updates.set(field, Date.from(at)), told.push()));
  }

  /** The young person's answer, while the handover is not complete; {@code told} are told. */
  Future<Boolean> answer(
      String handoverId, Handovers.YouthAnswer answer, List<NotificationIntent> told) {
    return handovers.updateIf(
        handoverId,
        new Document("completedAt", null),
        Updates.combine(
            Updates.set(
                "youthAnswer",
                new Document("met", answer.met()).append("at", Date.from(answer.at()))),
            NotificationIntent.pushAll(told)));
  }

  /** Marks the handover complete at {@code at}, once; answers whether this call did. */
  Future<Boolean> markCompleted(String handoverId, Instant at) {
    return handovers.updateIf(
        handoverId, new Document("completedAt", null), Updates.set("completedAt", Date.from(at)));
  }

  Future<Optional<Handovers.Handover>> find(String handoverId) {
    return handovers.byId(handoverId).compose(doc -> keys.readOne(doc, this::from));
  }

  private static String field(Handovers.Side side) {
    return side == Handovers.Side.YOUTH_CARE ? "youthCareConfirmedAt" : "adultServicesConfirmedAt";
  }

  private static Document toDocument(SealedTexts texts, Handovers.Handover handover) {
    Handovers.Contact contact = handover.contact();
    Document contactDoc =
        new Document("name", contact.name()).append("organisation", contact.organisation());
    contact.phone().ifPresent(phone -> contactDoc.append("phone", phone));
    contact.email().ifPresent(email -> contactDoc.append("email", email));
    return new Document("_id", handover.id())
        .append("youthId", handover.youthId())
        .append("kind", handover.kind())
        .append("contact", sealed(texts, handover.id(), contactDoc))
        .append("meetingDate", handover.meetingDate())
        .append("createdBy", handover.createdBy())
        .append("createdAt", Date.from(handover.createdAt()))
        .append("inviteExpiresAt", Date.from(handover.inviteExpiresAt()))
        .append("youthCareConfirmedAt", null)
        .append("adultServicesConfirmedAt", null)
        .append("adultContactId", null)
        .append("youthAnswer", null)
        .append("completedAt", null);
  }

  private Handovers.Handover from(SealedTexts texts, Document doc) {
    Document contact = opened(texts, doc.getString("_id"), doc.get("contact", Document.class));
    Date expires = doc.getDate("inviteExpiresAt");
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
        // Recorded before invites: that handover's invite never was.
        expires == null ? doc.getDate("createdAt").toInstant() : expires.toInstant(),
        instant(doc, "youthCareConfirmedAt"),
        instant(doc, "adultServicesConfirmedAt"),
        Optional.ofNullable(doc.getString("adultContactId")),
        Optional.ofNullable(doc.get("youthAnswer", Document.class))
            .map(
                a ->
                    new Handovers.YouthAnswer(
                        a.getBoolean("met", false), a.getDate("at").toInstant())),
        instant(doc, "completedAt"));
  }

  private static Optional<Instant> instant(Document doc, String field) {
    return Optional.ofNullable(doc.getDate(field)).map(Date::toInstant);
  }

  /** Erasure: every handover of the young person, the adult contact's details with it. */
  Future<Void> eraseYouth(String youthId) {
    return handovers.deleteMany(Filters.eq("youthId", youthId)).mapEmpty();
  }
}
