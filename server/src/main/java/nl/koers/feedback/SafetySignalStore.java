package nl.koers.feedback;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.feedback.FeedbackFacts.Fact;
import nl.koers.feedback.SafetySignal.FollowUp;
import nl.koers.feedback.SafetySignal.PickedUp;
import nl.koers.feedback.SafetySignal.Status;
import nl.koers.insights.Facts;
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
 * Safety signals, one document each, with their notifications ({@code outbox}) and facts ({@code
 * insightsOutbox}) written in the same update as the change that causes them. Every change is one
 * conditional write, so any number of instances may try it at once. The young person's text and the
 * closing note are sealed at rest with the young person's own key, bound to the signal and the
 * field; only this store sees them sealed.
 */
public final class SafetySignalStore {

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "safetySignals",
          Index.ascending("byYouth", "youthId", "raisedAt"),
          Index.ascending("followUpDue", "followUpSentAt", "followUpAt"),
          Index.ascending("pickUpDue", "escalationDueAt"),
          Index.ascending("outbox", "outbox.id"),
          // The insights relay's poll ($exists: true): only documents with pending facts.
          Index.ascending(Facts.OUTBOX, Facts.OUTBOX + ".id").asSparse());

  /** How signals stored before the pick-up step say RECEIVED. */
  private static final String LEGACY_OPEN = "OPEN";

  private static final Document NOT_PICKED_UP =
      new Document("$in", List.of(Status.RECEIVED.name(), LEGACY_OPEN));

  /** Plain fields (older signals) and where each is kept sealed. */
  private static final String TEXT = "text";

  private static final String SEALED_TEXT = "sealedText";
  private static final String CLOSING_NOTE = "closingNote";
  private static final String SEALED_CLOSING_NOTE = "sealedClosingNote";

  private final Documents signals;
  private final DataKeys keys;

  public SafetySignalStore(Mongo mongo, DataKeys keys) {
    this.signals = mongo.documents(SPEC);
    this.keys = keys;
  }

  /**
   * Seals, with the young person's own key, the text and closing note of signals stored in plain or
   * sealed with the master key (once: only while the field is still as read); answers how many were
   * rewritten.
   */
  public Future<Integer> sealPlainTexts() {
    return SealAtRest.migrate(
        signals,
        keys,
        doc -> doc.getString("youthId"),
        doc -> List.of(TEXT, CLOSING_NOTE).stream().anyMatch(field -> legacy(doc, field)),
        this::sealedRewrite);
  }

  /** Plain, or sealed with the master key (before per-person keys). */
  private static boolean legacy(Document doc, String field) {
    Object sealed = doc.get(sealedName(field));
    return doc.get(field) instanceof String
        || (sealed != null && !SealedTexts.sealedWithYouthKey(sealed));
  }

  private Optional<SealAtRest.Rewrite> sealedRewrite(SealedTexts texts, Document doc) {
    String id = doc.getString("_id");
    Document condition = new Document();
    List<Bson> changes = new java.util.ArrayList<>();
    for (String field : List.of(TEXT, CLOSING_NOTE)) {
      if (!legacy(doc, field)) {
        continue;
      }
      condition.append(field, doc.get(field)).append(sealedName(field), doc.get(sealedName(field)));
      Optional<String> text = text(texts, doc, field);
      changes.add(
          Updates.set(
              sealedName(field), text.map(t -> texts.seal(t, binding(id, field))).orElse(null)));
      changes.add(Updates.unset(field));
    }
    return changes.isEmpty()
        ? Optional.empty()
        : Optional.of(new SealAtRest.Rewrite(condition, Updates.combine(changes)));
  }

  private static String sealedName(String field) {
    return field.equals(TEXT) ? SEALED_TEXT : SEALED_CLOSING_NOTE;
  }

  private static String binding(String id, String field) {
    return id + "/" + field;
  }

  /** A field's text: sealed, or plain as older signals have it; empty when there is none. */
  private static Optional<String> text(SealedTexts texts, Document doc, String field) {
    Document sealed = doc.get(sealedName(field), Document.class);
    if (sealed != null) {
      return Optional.of(texts.open(sealed, binding(doc.getString("_id"), field)));
    }
    return Optional.ofNullable(doc.getString(field));
  }

  /**
   * Stores a new signal with its facts and notifications, unless it exists (a retry); answers the
   * stored one.
   */
  public Future<SafetySignal> createOnce(
      SafetySignal signal, List<Fact> facts, List<NotificationIntent> tell) {
    return keys.toWrite(signal.youthId())
        .compose(texts -> signals.insertOnce(signalDocument(texts, signal, facts, tell)))
        .compose(stored -> keys.readOne(stored, this::from))
        .map(Optional::orElseThrow);
  }

  private static Document signalDocument(
      SealedTexts texts, SafetySignal signal, List<Fact> facts, List<NotificationIntent> tell) {
    return new Document("_id", signal.id())
        .append("youthId", signal.youthId())
        .append("regionId", signal.regionId())
        .append(
            SEALED_TEXT,
            signal.text().map(t -> texts.seal(t, binding(signal.id(), TEXT))).orElse(null))
        .append("mayCallMe", signal.mayCallMe())
        .append("raisedAt", Date.from(signal.raisedAt()))
        .append("status", signal.status().name())
        .append("routedTo", signal.routedTo())
        .append("escalationDueAt", date(signal.escalationDueAt()))
        .append("escalatedAt", date(signal.escalatedAt()))
        .append("followUpAt", Date.from(signal.followUpAt()))
        .append("followUpSentAt", date(signal.followUpSentAt()))
        .append("insightsCell", signal.insightsCell().map(FeedbackStore::cellDocument).orElse(null))
        .append(Facts.OUTBOX, FeedbackStore.factDocuments(facts))
        .append(
            NotificationIntent.OUTBOX, tell.stream().map(NotificationIntent::toDocument).toList());
  }

  public Future<Optional<SafetySignal>> find(String id) {
    return signals.byId(id).compose(doc -> keys.readOne(doc, this::from));
  }

  /**
   * The texts of the young person a signal is about, to seal a closing note with their key (one
   * round trip: the closing methods know only the signal's id); empty when there is no such signal.
   */
  private Future<Optional<SealedTexts>> textsToWrite(String id) {
    return signals
        .first(signals.find(new Document("_id", id)).projection(new Document("youthId", 1)))
        .compose(
            doc ->
                doc == null || doc.getString("youthId") == null
                    ? Future.succeededFuture(Optional.empty())
                    : keys.toWrite(doc.getString("youthId")).map(Optional::of));
  }

  /** The young person's signals, newest first. */
  public Future<List<SafetySignal>> byYouth(String youthId) {
    return signals
        .list(signals.find(Filters.eq("youthId", youthId)).sort(Sorts.descending("raisedAt")))
        .compose(found -> keys.read(found, this::from));
  }

  /**
   * Marks the signal picked up (it no longer escalates), with the facts (recorded also when there
   * are none) and the young person's notification; false when somebody picked it up first.
   */
  public Future<Boolean> markPickedUp(
      String id, PickedUp pickedUp, List<Fact> facts, NotificationIntent tell) {
    return signals.updateIf(
        id,
        new Document("status", NOT_PICKED_UP),
        Updates.combine(
            pickUp(pickedUp),
            Updates.set("status", Status.PICKED_UP.name()),
            Facts.record(FeedbackStore.factDocuments(facts)),
            tell.push()));
  }

  /** Closes a signal somebody picked up; false when it is not (or no longer) picked up. */
  public Future<Boolean> markClosed(String id, String closedBy, String note, Instant at) {
    return textsToWrite(id)
        .compose(
            texts ->
                texts.isEmpty()
                    ? Future.succeededFuture(false)
                    : signals.updateIf(
                        id,
                        new Document("status", Status.PICKED_UP.name()),
                        closing(texts.get(), id, closedBy, note, at)));
  }

  /**
   * Closes a signal nobody picked up yet, picking it up at the same time, with the facts of that
   * first action (recorded also when there are none); false when somebody picked it up first.
   */
  public Future<Boolean> markPickedUpAndClosed(
      String id, PickedUp pickedUp, String note, Instant at, List<Fact> facts) {
    return textsToWrite(id)
        .compose(
            texts ->
                texts.isEmpty()
                    ? Future.succeededFuture(false)
                    : signals.updateIf(
                        id,
                        new Document("status", NOT_PICKED_UP),
                        Updates.combine(
                            closing(texts.get(), id, pickedUp.by(), note, at),
                            pickUp(pickedUp),
                            Facts.record(FeedbackStore.factDocuments(facts)))));
  }

  /**
   * The young person's answer to the follow-up, and the signal then; empty when not asked (yet).
   */
  public Future<Optional<SafetySignal>> recordFollowUpAnswer(String id, FollowUp answer) {
    return signals
        .updateIfAndGet(
            id,
            new Document("followUpSentAt", new Document("$ne", null)),
            Updates.combine(
                Updates.set("followUp.saferNow", answer.saferNow()),
                Updates.set("followUp.at", Date.from(answer.at()))))
        .compose(doc -> keys.readOne(doc, this::from));
  }

  /** Signals whose follow-up is due and not asked yet. */
  public Future<List<SafetySignal>> followUpsDue(Instant now, int limit) {
    return signals
        .list(
            signals
                .find(
                    new Document("followUpSentAt", null)
                        .append("followUpAt", new Document("$lte", Date.from(now))))
                .limit(limit))
        .compose(found -> keys.read(found, this::from));
  }

  /** Marks the follow-up asked, with its notification; false when it was asked already. */
  public Future<Boolean> markFollowUpSent(String id, Instant at, NotificationIntent tell) {
    return signals.updateIf(
        id,
        new Document("followUpSentAt", null),
        Updates.combine(Updates.set("followUpSentAt", Date.from(at)), tell.push()));
  }

  /** Signals nobody picked up within the pick-up time, not escalated yet. */
  public Future<List<SafetySignal>> pickUpsOverdue(Instant now, int limit) {
    return signals
        .list(
            signals
                .find(new Document("escalationDueAt", new Document("$lte", Date.from(now))))
                .limit(limit))
        .compose(found -> keys.read(found, this::from));
  }

  /**
   * Marks a signal nobody picked up escalated, with who is told (in the same write); false when it
   * was picked up or escalated meanwhile.
   */
  public Future<Boolean> markEscalated(
      String id, Instant at, List<String> escalatedTo, List<NotificationIntent> tell) {
    return signals.updateIf(
        id,
        new Document("status", NOT_PICKED_UP).append("escalatedAt", null),
        Updates.combine(
            Updates.set("escalatedAt", Date.from(at)),
            Updates.set("escalatedTo", escalatedTo),
            Updates.set("escalationDueAt", null),
            NotificationIntent.pushAll(tell)));
  }

  private static Bson pickUp(PickedUp pickedUp) {
    return Updates.combine(
        Updates.set(
            "pickedUp",
            new Document("by", pickedUp.by())
                .append("firstName", pickedUp.firstName())
                .append("at", Date.from(pickedUp.at()))),
        // Picked up: it no longer escalates.
        Updates.set("escalationDueAt", null));
  }

  private static Bson closing(
      SealedTexts texts, String id, String closedBy, String note, Instant at) {
    return Updates.combine(
        Updates.set("status", Status.CLOSED.name()),
        Updates.set("closedAt", Date.from(at)),
        Updates.set("closedBy", closedBy),
        Updates.set(
            SEALED_CLOSING_NOTE,
            note == null ? null : texts.seal(note, binding(id, CLOSING_NOTE))));
  }

  private static Date date(Optional<Instant> at) {
    return at.map(Date::from).orElse(null);
  }

  private SafetySignal from(SealedTexts texts, Document doc) {
    Document pickedUp = doc.get("pickedUp", Document.class);
    Document followUp = doc.get("followUp", Document.class);
    Document cell = doc.get("insightsCell", Document.class);
    String status = doc.getString("status");
    return new SafetySignal(
        doc.getString("_id"),
        doc.getString("youthId"),
        doc.getString("regionId"),
        text(texts, doc, TEXT),
        Boolean.TRUE.equals(doc.getBoolean("mayCallMe")),
        FeedbackStore.instant(doc, "raisedAt"),
        LEGACY_OPEN.equals(status) ? Status.RECEIVED : Status.valueOf(status),
        doc.getList("routedTo", String.class, List.of()),
        FeedbackStore.optionalInstant(doc, "escalationDueAt"),
        FeedbackStore.optionalInstant(doc, "escalatedAt"),
        doc.getList("escalatedTo", String.class, List.of()),
        FeedbackStore.instant(doc, "followUpAt"),
        FeedbackStore.optionalInstant(doc, "followUpSentAt"),
        Optional.ofNullable(cell).map(FeedbackStore::cell),
        Optional.ofNullable(pickedUp)
            .map(
                p ->
                    new PickedUp(
                        p.getString("by"),
                        p.getString("firstName"),
                        FeedbackStore.instant(p, "at"))),
        FeedbackStore.optionalInstant(doc, "closedAt"),
        Optional.ofNullable(doc.getString("closedBy")),
        text(texts, doc, CLOSING_NOTE),
        Optional.ofNullable(followUp)
            .map(
                f ->
                    new FollowUp(
                        Boolean.TRUE.equals(f.getBoolean("saferNow")),
                        FeedbackStore.instant(f, "at"))));
  }

  /** Whether a signal of the young person is not closed yet (erasure waits for it). */
  public Future<Boolean> anyOpen(String youthId) {
    return signals
        .list(signals.find(Filters.eq("youthId", youthId)).projection(new Document("status", 1)))
        .map(
            docs ->
                docs.stream()
                    .anyMatch(doc -> !Status.CLOSED.name().equals(doc.getString("status"))));
  }

  /** The ids of the young person's signals (their facts' ids start with them). */
  public Future<List<String>> idsAbout(String youthId) {
    return signals
        .list(signals.find(Filters.eq("youthId", youthId)).projection(new Document("_id", 1)))
        .map(docs -> docs.stream().map(doc -> doc.getString("_id")).toList());
  }

  /** Erasure: every signal of the young person, texts and closing notes with it. */
  public Future<Void> eraseYouth(String youthId) {
    return signals.deleteMany(Filters.eq("youthId", youthId)).mapEmpty();
  }
}
