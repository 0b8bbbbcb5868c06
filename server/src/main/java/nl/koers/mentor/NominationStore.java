package nl.koers.mentor;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.ConsentLog;
import nl.koers.mentor.Nomination.CheckIn;
import nl.koers.mentor.Nomination.DecidedBy;
import nl.koers.mentor.Nomination.ParentAgreement;
import nl.koers.mentor.Nomination.Status;
import nl.koers.notify.NotificationIntent;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.DataKeys;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.SealAtRest;
import nl.koers.platform.mongo.SealedTexts;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code mentorNominations} collection: one document per {@link Nomination}, from invite to
 * end, with the invite code (hashed), its notification intents ({@code outbox}) and its consent
 * lines ({@code consentOutbox}) until the relays move them. Each change is one conditional write to
 * one document: it applies only while the nomination is still in the status the caller expects, and
 * answers whether it did. A check-in's text and its reply are sealed at rest with the young
 * person's own key, bound to the nomination and the check-in; only this store sees them sealed.
 */
public final class NominationStore {

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "mentorNominations",
          Index.ascending("byYouth", "youthId", "createdAt"),
          Index.ascending("byCode", "codeHash").asUnique(),
          Index.ascending("checkInDue", "status", "nextCheckInAt"),
          Index.ascending("outbox", "outbox.id"),
          ConsentLog.outboxIndex());

  /** Where a check-in's text and a reply's text are kept sealed. */
  private static final String SEALED_TEXT = "sealedText";

  private final Documents nominations;
  private final DataKeys keys;

  public NominationStore(Mongo mongo, DataKeys keys) {
    this.nominations = mongo.documents(SPEC);
    this.keys = keys;
  }

  /**
   * Seals, with the young person's own key, the check-in texts and replies stored in plain or
   * sealed with the master key (once: the rewrite holds only while the check-ins are as read);
   * answers how many nominations were rewritten.
   */
  public Future<Integer> sealPlainTexts() {
    return SealAtRest.migrate(
        nominations,
        keys,
        doc -> doc.getString("youthId"),
        NominationStore::legacy,
        this::sealedRewrite);
  }

  private static boolean legacy(Document doc) {
    return doc.getList("checkIns", Document.class, List.of()).stream()
        .anyMatch(c -> legacyText(c) || (c.get("reply") instanceof Document r && legacyText(r)));
  }

  /** Plain, or sealed with the master key (before per-person keys). */
  private static boolean legacyText(Document holder) {
    return holder.get("text") instanceof String
        || (holder.get(SEALED_TEXT) != null
            && !SealedTexts.sealedWithYouthKey(holder.get(SEALED_TEXT)));
  }

  private Optional<SealAtRest.Rewrite> sealedRewrite(SealedTexts texts, Document doc) {
    String id = doc.getString("_id");
    List<Document> checkIns = doc.getList("checkIns", Document.class, List.of());
    return Optional.of(
        new SealAtRest.Rewrite(
            new Document("checkIns", checkIns),
            Updates.set(
                "checkIns",
                checkIns.stream()
                    .map(c -> toDocument(texts, id, checkInFrom(texts, id, c)))
                    .toList())));
  }

  private static String binding(String id, String checkInId, String part) {
    return id + "/checkIns/" + checkInId + "/" + part;
  }

  private static Optional<String> open(SealedTexts texts, Document doc, String binding) {
    Document sealed = doc.get(SEALED_TEXT, Document.class);
    return sealed == null
        ? Optional.ofNullable(doc.getString("text"))
        : Optional.of(texts.open(sealed, binding));
  }

  /**
   * Stores a new invite, unless one with its id is there already (a retry); answers the nomination
   * as stored.
   */
  public Future<Nomination> createOnce(Nomination invite, String codeHash) {
    return keys.toWrite(invite.youthId())
        .compose(texts -> nominations.insertOnce(nominationDocument(texts, invite, codeHash)))
        .compose(stored -> keys.readOne(stored, this::from))
        .map(Optional::orElseThrow);
  }

  private static Document nominationDocument(
      SealedTexts texts, Nomination invite, String codeHash) {
    return new Document("_id", invite.id())
        .append("youthId", invite.youthId())
        .append("regionId", invite.regionId())
        .append("firstName", invite.firstName())
        .append("relation", invite.relation())
        .append("codeHash", codeHash)
        .append("createdAt", Date.from(invite.createdAt()))
        .append("expiresAt", Date.from(invite.expiresAt()))
        .append("status", invite.status().name())
        .append(
            "checkIns",
            invite.checkIns().stream().map(c -> toDocument(texts, invite.id(), c)).toList())
        .append(NotificationIntent.OUTBOX, List.of());
  }

  /**
   * The texts of the young person a nomination is about, to seal with (one round trip: the check-in
   * methods know only the nomination's id); empty when there is no such nomination.
   */
  private Future<Optional<SealedTexts>> textsToWrite(String id) {
    return nominations
        .first(nominations.find(new Document("_id", id)).projection(new Document("youthId", 1)))
        .compose(
            doc ->
                doc == null || doc.getString("youthId") == null
                    ? Future.succeededFuture(Optional.empty())
                    : keys.toWrite(doc.getString("youthId")).map(Optional::of));
  }

  /** Replaces the invite code, while the nomination is still {@code expected}. */
  public Future<Boolean> replaceCode(String id, Status expected, String codeHash) {
    return updateIf(id, expected, Updates.set("codeHash", codeHash));
  }

  public Future<Optional<Nomination>> find(String id) {
    return nominations.byId(id).compose(found -> keys.readOne(found, this::from));
  }

  /** The nomination whose invite code hashes to {@code codeHash}. */
  public Future<Optional<Nomination>> byCode(String codeHash) {
    return nominations
        .first(Filters.eq("codeHash", codeHash))
        .compose(found -> keys.readOne(found, this::from));
  }

  /** A young person's nominations, newest first. */
  public Future<List<Nomination>> ofYouth(String youthId) {
    return nominations
        .list(nominations.find(Filters.eq("youthId", youthId)).sort(Sorts.descending("createdAt")))
        .compose(this::fromAll);
  }

  /** Active JIMs whose next check-in is due. */
  public Future<List<Nomination>> checkInsDue(Instant now, int limit) {
    return nominations
        .list(
            nominations
                .find(
                    new Document("status", Status.ACTIVE.name())
                        .append("nextCheckInAt", new Document("$lte", Date.from(now))))
                .limit(limit))
        .compose(this::fromAll);
  }

  /** The young person takes the invite back, while the nomination is in one of {@code expected}. */
  public Future<Boolean> withdraw(String id, List<Status> expected) {
    return nominations.updateIf(
        id,
        new Document("status", new Document("$in", expected.stream().map(Status::name).toList())),
        Updates.set("status", Status.WITHDRAWN.name()));
  }

  /**
   * {@code mentorId} accepted the invite at {@code at}: the nomination waits for confirmation, and
   * {@code told} are told.
   */
  public Future<Boolean> accept(
      String id, Status expected, String mentorId, Instant at, List<NotificationIntent> told) {
    List<Bson> changes = new ArrayList<>();
    changes.add(Updates.set("status", Status.PENDING_CONFIRMATION.name()));
    changes.add(Updates.set("mentorId", mentorId));
    changes.add(Updates.set("acceptedAt", Date.from(at)));
    changes.add(NotificationIntent.pushAll(told));
    return updateIf(id, expected, Updates.combine(changes));
  }

  /** The parents (or the guardian) agreed: recorded with its consent lines; {@code told} told. */
  public Future<Boolean> recordAgreement(
      String id,
      Status expected,
      ParentAgreement agreement,
      List<ConsentLog.Entry> lines,
      List<NotificationIntent> told) {
    return updateIf(
        id,
        expected,
        Updates.combine(
            Updates.set("parentAgreement", toDocument(agreement)),
            ConsentLog.record(lines),
            NotificationIntent.pushAll(told)));
  }

  /**
   * The parents (or the guardian) refused: recorded with its consent lines, and the nomination ends
   * as {@link Status#PARENT_REFUSED} at {@code endedAt}; {@code told} are told.
   */
  public Future<Boolean> recordRefusal(
      String id,
      Status expected,
      ParentAgreement refusal,
      Instant endedAt,
      List<ConsentLog.Entry> lines,
      List<NotificationIntent> told) {
    return updateIf(
        id,
        expected,
        Updates.combine(
            Updates.set("parentAgreement", toDocument(refusal)),
            Updates.set("status", Status.PARENT_REFUSED.name()),
            Updates.set("endedAt", Date.from(endedAt)),
            ConsentLog.record(lines),
            NotificationIntent.pushAll(told)));
  }

  /**
   * Confirmed at {@code at}: the nomination is active, its JIM is relation {@code relationId}, and
   * the first check-in is due at {@code firstCheckInAt}.
   */
  public Future<Boolean> activate(
      String id, Status expected, String relationId, Instant at, Instant firstCheckInAt) {
    return updateIf(
        id,
        expected,
        Updates.combine(
            Updates.set("status", Status.ACTIVE.name()),
            Updates.set("relationId", relationId),
            Updates.set("confirmedAt", Date.from(at)),
            Updates.set("nextCheckInAt", Date.from(firstCheckInAt))));
  }

  /** The JIM ended at {@code at}. */
  public Future<Boolean> end(String id, Status expected, Instant at) {
    return updateIf(
        id,
        expected,
        Updates.combine(
            Updates.set("status", Status.ENDED.name()), Updates.set("endedAt", Date.from(at))));
  }

  /**
   * Adds the JIM's check-in, whatever the nomination's status, and tells {@code told} if anyone;
   * answers the check-in as stored (to the millisecond).
   */
  public Future<CheckIn> addCheckIn(String id, CheckIn checkIn, Optional<NotificationIntent> told) {
    return textsToWrite(id)
        .compose(
            texts ->
                texts.isPresent()
                    ? addCheckIn(texts.get(), id, checkIn, told)
                    // No such nomination: the update below would match nothing either.
                    : Future.succeededFuture(checkIn));
  }

  private Future<CheckIn> addCheckIn(
      SealedTexts texts, String id, CheckIn checkIn, Optional<NotificationIntent> told) {
    Document stored = toDocument(texts, id, checkIn);
    List<Bson> changes = new ArrayList<>();
    changes.add(Updates.push("checkIns", stored));
    told.ifPresent(intent -> changes.add(intent.push()));
    return nominations
        .updateIf(id, new Document(), Updates.combine(changes))
        .map(v -> checkInFrom(texts, id, stored));
  }

  /**
   * Sets the case coordinator's reply on one check-in and tells {@code told} if anyone; answers the
   * check-in as it is now.
   */
  public Future<CheckIn> replyToCheckIn(
      String id, String checkInId, Nomination.Reply reply, Optional<NotificationIntent> told) {
    return textsToWrite(id)
        .compose(
            texts ->
                texts.isPresent()
                    ? replyToCheckIn(texts.get(), id, checkInId, reply, told)
                    : Future.failedFuture(new java.util.NoSuchElementException(id)));
  }

  private Future<CheckIn> replyToCheckIn(
      SealedTexts texts,
      String id,
      String checkInId,
      Nomination.Reply reply,
      Optional<NotificationIntent> told) {
    List<Bson> changes = new ArrayList<>();
    changes.add(
        Updates.set(
            "checkIns.$.reply",
            new Document(SEALED_TEXT, texts.seal(reply.text(), binding(id, checkInId, "reply")))
                .append("at", Date.from(reply.at()))));
    told.ifPresent(intent -> changes.add(intent.push()));
    return nominations
        .update(
            Filters.and(Filters.eq("_id", id), Filters.eq("checkIns.id", checkInId)),
            Updates.combine(changes))
        .compose(v -> nominations.byId(id))
        .map(
            doc ->
                doc.getList("checkIns", Document.class).stream()
                    .filter(c -> checkInId.equals(c.getString("id")))
                    .map(c -> checkInFrom(texts, id, c))
                    .findFirst()
                    .orElseThrow());
  }

  /**
   * Asks the JIM how it goes: once for the check-in due at {@code dueAt} (only while that is still
   * the next one), the next then due at {@code nextDueAt}.
   */
  public Future<Boolean> askCheckIn(
      String id, Instant dueAt, Instant nextDueAt, NotificationIntent asked) {
    return nominations.updateIf(
        id,
        new Document("nextCheckInAt", Date.from(dueAt)),
        Updates.combine(Updates.set("nextCheckInAt", Date.from(nextDueAt)), asked.push()));
  }

  private Future<Boolean> updateIf(String id, Status expected, Bson update) {
    return nominations.updateIf(id, new Document("status", expected.name()), update);
  }

  private Future<List<Nomination>> fromAll(List<Document> found) {
    return keys.read(found, this::from);
  }

  private Nomination from(SealedTexts texts, Document doc) {
    return new Nomination(
        doc.getString("_id"),
        doc.getString("youthId"),
        doc.getString("regionId"),
        doc.getString("firstName"),
        doc.getString("relation"),
        doc.getDate("createdAt").toInstant(),
        doc.getDate("expiresAt").toInstant(),
        Status.valueOf(doc.getString("status")),
        Optional.ofNullable(doc.getString("mentorId")),
        instant(doc, "acceptedAt"),
        Optional.ofNullable(doc.get("parentAgreement", Document.class))
            .map(NominationStore::agreementFrom),
        Optional.ofNullable(doc.getString("relationId")),
        instant(doc, "confirmedAt"),
        instant(doc, "nextCheckInAt"),
        instant(doc, "endedAt"),
        doc.getList("checkIns", Document.class, List.of()).stream()
            .map(c -> checkInFrom(texts, doc.getString("_id"), c))
            .toList());
  }

  private static Optional<Instant> instant(Document doc, String field) {
    return Optional.ofNullable(doc.getDate(field)).map(Date::toInstant);
  }

  private static Document toDocument(ParentAgreement agreement) {
    Document doc =
        new Document("agreed", agreement.agreed())
            .append("by", agreement.by())
            .append("as", agreement.decidedBy().name())
            .append("at", Date.from(agreement.at()));
    agreement
        .guardian()
        .ifPresent(g -> doc.append("guardianName", g.name()).append("reason", g.reason()));
    return doc;
  }

  private static ParentAgreement agreementFrom(Document doc) {
    String guardianName = doc.getString("guardianName");
    return new ParentAgreement(
        doc.getBoolean("agreed", false),
        doc.getString("by"),
        "GUARDIAN".equals(doc.getString("as")) ? DecidedBy.GUARDIAN : DecidedBy.PARENT,
        doc.getDate("at").toInstant(),
        guardianName == null
            ? Optional.empty()
            : Optional.of(new ConsentLog.Guardian(guardianName, doc.getString("reason"))));
  }

  private static Document toDocument(SealedTexts texts, String id, CheckIn checkIn) {
    String checkInId = checkIn.id();
    return new Document("id", checkInId)
        .append("at", Date.from(checkIn.at()))
        .append("score", checkIn.score())
        .append(
            SEALED_TEXT,
            checkIn.text().map(t -> texts.seal(t, binding(id, checkInId, "text"))).orElse(null))
        .append(
            "reply",
            checkIn
                .reply()
                .map(
                    r ->
                        new Document(
                                SEALED_TEXT, texts.seal(r.text(), binding(id, checkInId, "reply")))
                            .append("at", Date.from(r.at())))
                .orElse(null));
  }

  private static CheckIn checkInFrom(SealedTexts texts, String id, Document doc) {
    String checkInId = doc.getString("id");
    return new CheckIn(
        checkInId,
        doc.getDate("at").toInstant(),
        doc.getInteger("score"),
        open(texts, doc, binding(id, checkInId, "text")),
        Optional.ofNullable(doc.get("reply", Document.class))
            .map(
                r ->
                    new Nomination.Reply(
                        open(texts, r, binding(id, checkInId, "reply")).orElseThrow(),
                        r.getDate("at").toInstant())));
  }

  /** Erasure: every nomination of the young person, check-ins and replies with it. */
  public Future<Void> eraseYouth(String youthId) {
    return nominations.deleteMany(Filters.eq("youthId", youthId)).mapEmpty();
  }
}
