package nl.koers.support;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
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
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.paging.Paging;
import nl.koers.support.SupportRequest.Answer;
import nl.koers.support.SupportRequest.Member;
import nl.koers.support.SupportRequest.State;
import nl.koers.support.SupportRequest.Topic;
import nl.koers.support.SupportRequest.Urgency;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Support requests, one document each, with whom to tell in its outbox (written in the same update
 * as the change). The request's text and its answer are sealed at rest, each bound to the request
 * id and what it is, so a sealed text cannot be moved to another request or field. A carer's
 * request is about one young person (their care), so it is sealed with that young person's own key
 * and shredded with it.
 */
final class SupportRequestStore {

  static final CollectionSpec SPEC =
      CollectionSpec.of(
          "supportRequests",
          Index.ascending("byYouth", "youthId", "requestedAt", "_id"),
          // The escalation round: open and due.
          Index.ascending("toEscalate", "state", "dueAt"),
          // The region admin's lists, the longest due first.
          Index.ascending("regionRequests", "regionId", "state", "dueAt", "_id"),
          Index.ascending("outbox", "outbox.id"));

  private final Documents requests;
  private final Paging paging;
  private final DataKeys keys;

  SupportRequestStore(Mongo mongo, DataKeys keys) {
    this.requests = mongo.documents(SPEC);
    this.paging = new Paging(mongo);
    this.keys = keys;
  }

  /**
   * Re-seals with the young person's own key the texts and answers sealed with the master key
   * before there were such keys (once: only while they are as read); answers how many were
   * rewritten.
   */
  Future<Integer> sealWithYouthKeys() {
    return SealAtRest.migrate(
        requests,
        keys,
        doc -> doc.getString("youthId"),
        SupportRequestStore::legacy,
        this::youthSealed);
  }

  private static boolean legacy(Document doc) {
    Document answer = doc.get("answer", Document.class);
    return !SealedTexts.sealedWithYouthKey(doc.get("text"))
        || (answer != null && !SealedTexts.sealedWithYouthKey(answer.get("text")));
  }

  private Optional<SealAtRest.Rewrite> youthSealed(SealedTexts texts, Document doc) {
    String id = doc.getString("_id");
    Document answer = doc.get("answer", Document.class);
    List<Bson> changes = new ArrayList<>();
    changes.add(Updates.set("text", reseal(texts, doc.get("text"), id, "text")));
    if (answer != null) {
      changes.add(Updates.set("answer.text", reseal(texts, answer.get("text"), id, "answer")));
    }
    return Optional.of(
        new SealAtRest.Rewrite(
            new Document("text", doc.get("text")).append("answer", answer),
            Updates.combine(changes)));
  }

  /** A text as stored before (sealed with the master key, or plain) sealed with the youth's key. */
  private static Document reseal(SealedTexts texts, Object stored, String id, String field) {
    String text =
        stored instanceof Document sealed ? open(texts, sealed, id, field) : (String) stored;
    return seal(texts, text, id, field);
  }

  /** Stores the request unless one with its id is there (a retry); answers the stored one. */
  Future<SupportRequest> insertOnce(SupportRequest request, List<NotificationIntent> tell) {
    return keys.toWrite(request.youthId())
        .compose(texts -> requests.insertOnce(requestDocument(texts, request, tell)))
        .compose(stored -> keys.readOne(stored, this::from))
        .map(Optional::orElseThrow);
  }

  private static Document requestDocument(
      SealedTexts texts, SupportRequest request, List<NotificationIntent> tell) {
    return new Document("_id", request.id())
        .append("youthId", request.youthId())
        .append("regionId", request.regionId())
        .append("topic", request.topic().name())
        .append("urgency", request.urgency().name())
        .append("text", seal(texts, request.text(), request.id(), "text"))
        .append("requester", member(request.requester()))
        .append("holder", request.holder().map(SupportRequestStore::member).orElse(null))
        .append("requestedAt", Date.from(request.requestedAt()))
        .append("dueAt", Date.from(request.dueAt()))
        .append("escalatedAt", request.escalatedAt().map(Date::from).orElse(null))
        .append("state", request.state().name())
        .append("version", 0L)
        .append("answer", null)
        .append(
            NotificationIntent.OUTBOX, tell.stream().map(NotificationIntent::toDocument).toList());
  }

  Future<Optional<SupportRequest>> find(String id) {
    return requests.byId(id).compose(doc -> keys.readOne(doc, this::from));
  }

  /** Every request about one young person, newest first. */
  Future<List<SupportRequest>> ofYouth(String youthId) {
    return requests
        .list(requests.find(Filters.eq("youthId", youthId)).sort(Sorts.descending("requestedAt")))
        .compose(docs -> keys.read(docs, this::from));
  }

  /** Records the answer of a request not answered yet; false when it was answered first. */
  Future<Boolean> answer(String id, Answer answer, NotificationIntent tell) {
    return requests
        .first(requests.find(new Document("_id", id)).projection(new Document("youthId", 1)))
        .compose(
            doc ->
                doc == null
                    ? Future.succeededFuture(false)
                    : keys.toWrite(doc.getString("youthId"))
                        .compose(texts -> answer(texts, id, answer, tell)));
  }

  /** The answer sealed with the young person's key (looked up above: one round trip). */
  private Future<Boolean> answer(
      SealedTexts texts, String id, Answer answer, NotificationIntent tell) {
    return requests.updateIf(
        id,
        new Document("state", new Document("$ne", State.ANSWERED.name())),
        Updates.combine(
            Updates.set("state", State.ANSWERED.name()),
            Updates.set(
                "answer",
                new Document("text", seal(texts, answer.text(), id, "answer"))
                    .append("at", Date.from(answer.at()))
                    .append("by", member(answer.by()))),
            tell.push()));
  }

  /**
   * Gives a request not answered yet to another holder, at the version the admin read: due again at
   * {@code dueAt}, open again (a late one may escalate again), the version one up, the new holder
   * told. False when it was answered or changed first.
   */
  Future<Boolean> reassign(
      String id, long expectedVersion, Member holder, Instant dueAt, NotificationIntent tell) {
    return requests.updateIf(
        id,
        new Document("state", new Document("$ne", State.ANSWERED.name()))
            .append("version", expectedVersion),
        Updates.combine(
            Updates.set("holder", member(holder)),
            Updates.set("dueAt", Date.from(dueAt)),
            Updates.set("state", State.OPEN.name()),
            Updates.set("escalatedAt", null),
            Updates.inc("version", 1L),
            tell.push()));
  }

  /** Open requests past their due time, the longest due first. */
  Future<List<SupportRequest>> overdue(Instant now, int limit) {
    return requests
        .list(
            requests
                .find(
                    Filters.and(
                        Filters.eq("state", State.OPEN.name()),
                        Filters.lte("dueAt", Date.from(now))))
                .sort(Sorts.ascending("dueAt"))
                .limit(limit))
        .compose(docs -> keys.read(docs, this::from));
  }

  /** Marks an open request escalated, with whom to tell; false when answered or escalated first. */
  Future<Boolean> markEscalated(String id, Instant at, List<NotificationIntent> tell) {
    return requests.updateIf(
        id,
        new Document("state", State.OPEN.name()),
        Updates.combine(
            Updates.set("state", State.ESCALATED.name()),
            Updates.set("escalatedAt", Date.from(at)),
            NotificationIntent.pushAll(tell)));
  }

  /** A page of one region's requests in one state, the longest due first. */
  Future<Page<SupportRequest>> ofRegion(String regionId, State state, PageRequest request) {
    return paging
        .page(
            SPEC.name(),
            new Document("regionId", regionId).append("state", state.name()),
            Paging.Order.ascending("dueAt"),
            request)
        .compose(page -> keys.readPage(page, this::from));
  }

  private static Document seal(SealedTexts texts, String text, String id, String field) {
    return texts.seal(text, id + "/" + field);
  }

  private static String open(SealedTexts texts, Document sealed, String id, String field) {
    return texts.open(sealed, id + "/" + field);
  }

  private static Document member(Member member) {
    return new Document("personId", member.personId()).append("kind", member.kind());
  }

  private static Member member(Document doc) {
    return new Member(doc.getString("personId"), doc.getString("kind"));
  }

  private SupportRequest from(SealedTexts texts, Document doc) {
    String id = doc.getString("_id");
    Document answer = doc.get("answer", Document.class);
    return new SupportRequest(
        id,
        doc.getString("youthId"),
        doc.getString("regionId"),
        Topic.valueOf(doc.getString("topic")),
        Urgency.valueOf(doc.getString("urgency")),
        open(texts, doc.get("text", Document.class), id, "text"),
        member(doc.get("requester", Document.class)),
        Optional.ofNullable(doc.get("holder", Document.class)).map(SupportRequestStore::member),
        doc.getDate("requestedAt").toInstant(),
        doc.getDate("dueAt").toInstant(),
        Optional.ofNullable(doc.getDate("escalatedAt")).map(Date::toInstant),
        ((Number) doc.get("version", 0L)).longValue(),
        Optional.ofNullable(answer)
            .map(
                a ->
                    new Answer(
                        open(texts, a.get("text", Document.class), id, "answer"),
                        a.getDate("at").toInstant(),
                        member(a.get("by", Document.class)))));
  }

  /** Erasure: every support request about the young person, texts and answers with it. */
  Future<Void> eraseYouth(String youthId) {
    return requests.deleteMany(Filters.eq("youthId", youthId)).mapEmpty();
  }
}
