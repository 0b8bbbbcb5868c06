package nl.koers.transition;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.bson.Document;

/**
 * The messages of all conversations, one document each, with the notification of the other side in
 * its outbox. The text is sealed at rest with the young person's own key (bound to the message id);
 * only this store sees it sealed.
 */
final class ConversationStore {

  static final CollectionSpec SPEC =
      CollectionSpec.of(
          "messages",
          Index.ascending("byConversation", "youthId", "memberId", "sentAt", "_id"),
          // The young person's side of the change feed: all their conversations at once.
          Index.ascending("byYouth", "youthId", "sentAt"),
          Index.ascending("outbox", "outbox.id"));

  private final Documents messages;
  private final Paging paging;
  private final DataKeys keys;

  ConversationStore(Mongo mongo, DataKeys keys) {
    this.messages = mongo.documents(SPEC);
    this.paging = new Paging(mongo);
    this.keys = keys;
  }

  /**
   * Re-seals with the young person's own key the messages sealed with the master key before there
   * were such keys (once: only while the body is as read); answers how many were rewritten.
   */
  Future<Integer> sealWithYouthKeys() {
    return SealAtRest.migrate(
        messages,
        keys,
        doc -> doc.getString("youthId"),
        doc -> !SealedTexts.sealedWithYouthKey(doc.get("body")),
        this::youthSealed);
  }

  private Optional<SealAtRest.Rewrite> youthSealed(SealedTexts texts, Document doc) {
    String id = doc.getString("_id");
    Object body = doc.get("body");
    String text = body instanceof Document sealed ? texts.open(sealed, id) : (String) body;
    return Optional.of(
        new SealAtRest.Rewrite(
            new Document("body", body), Updates.set("body", texts.seal(text, id))));
  }

  /**
   * Stores the message and whom to tell, unless one with its id is there (a retry); answers the
   * stored one.
   */
  Future<Conversations.Message> insertOnce(Conversations.Message message, NotificationIntent tell) {
    return keys.toWrite(message.youthId())
        .compose(texts -> insertOnce(texts, message, tell))
        .compose(doc -> keys.readOne(doc, this::from))
        .map(Optional::orElseThrow);
  }

  private Future<Document> insertOnce(
      SealedTexts texts, Conversations.Message message, NotificationIntent tell) {
    Document doc =
        new Document("_id", message.id())
            .append("youthId", message.youthId())
            .append("memberId", message.memberId())
            .append("senderId", message.senderId())
            .append("sentAt", Date.from(message.sentAt()))
            .append("body", texts.seal(message.text(), message.id()))
            .append(NotificationIntent.OUTBOX, List.of(tell.toDocument()));
    return messages.insertOnce(doc);
  }

  /** A page of one conversation, newest first. */
  Future<Page<Conversations.Message>> page(String youthId, String memberId, PageRequest request) {
    return paging
        .page(
            SPEC.name(),
            new Document("youthId", youthId).append("memberId", memberId),
            Paging.Order.newestFirst("sentAt"),
            request)
        .compose(page -> keys.readPage(page, this::from));
  }

  /**
   * When each conversation last had a message, of those with one at or after {@code after}: the
   * young person's own ({@code youthId} only) or one member's with these young people. Keyed by
   * {@code youthId:memberId}; one query on {@code byConversation}.
   */
  Future<Map<String, Instant>> latest(
      List<String> youthIds, Optional<String> memberId, Instant after) {
    if (youthIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Document filter = new Document("youthId", new Document("$in", youthIds));
    memberId.ifPresent(m -> filter.append("memberId", m));
    filter.append("sentAt", new Document("$gte", Date.from(after)));
    return messages
        .list(
            messages
                .find(filter)
                .projection(new Document("youthId", 1).append("memberId", 1).append("sentAt", 1)))
        .map(
            docs -> {
              Map<String, Instant> latest = new HashMap<>();
              for (Document doc : docs) {
                latest.merge(
                    doc.getString("youthId") + ":" + doc.getString("memberId"),
                    doc.getDate("sentAt").toInstant(),
                    (a, b) -> a.isAfter(b) ? a : b);
              }
              return latest;
            });
  }

  private Conversations.Message from(SealedTexts texts, Document doc) {
    String id = doc.getString("_id");
    return new Conversations.Message(
        id,
        doc.getString("youthId"),
        doc.getString("memberId"),
        doc.getString("senderId"),
        doc.getDate("sentAt").toInstant(),
        texts.open(doc.get("body", Document.class), id));
  }

  /** Erasure: every message of the young person's conversations, either side's. */
  Future<Void> eraseYouth(String youthId) {
    return messages.deleteMany(Filters.eq("youthId", youthId)).mapEmpty();
  }
}
