package nl.koers.transition;

import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import nl.koers.notify.NotificationIntent;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.paging.Paging;
import org.bson.Document;

/**
 * The messages of all conversations, one document each, with the notification of the other side in
 * its outbox. The text is sealed at rest (bound to the message id); only this store sees it sealed.
 */
final class ConversationStore {

  static final CollectionSpec SPEC =
      CollectionSpec.of(
          "messages",
          Index.ascending("byConversation", "youthId", "memberId", "sentAt", "_id"),
          Index.ascending("outbox", "outbox.id"));

  private final Documents messages;
  private final Paging paging;
  private final FieldCipher cipher;

  ConversationStore(Mongo mongo, FieldCipher cipher) {
    this.messages = mongo.documents(SPEC);
    this.paging = new Paging(mongo);
    this.cipher = cipher;
  }

  /**
   * Stores the message and whom to tell, unless one with its id is there (a retry); answers the
   * stored one.
   */
  Future<Conversations.Message> insertOnce(Conversations.Message message, NotificationIntent tell) {
    FieldCipher.Sealed sealed = cipher.seal(message.text(), message.id());
    Document doc =
        new Document("_id", message.id())
            .append("youthId", message.youthId())
            .append("memberId", message.memberId())
            .append("senderId", message.senderId())
            .append("sentAt", Date.from(message.sentAt()))
            .append(
                "body",
                new Document("nonce", sealed.nonce()).append("ciphertext", sealed.ciphertext()))
            .append(NotificationIntent.OUTBOX, List.of(tell.toDocument()));
    return messages.insertOnce(doc).map(this::from);
  }

  /** A page of one conversation, newest first. */
  Future<Page<Conversations.Message>> page(String youthId, String memberId, PageRequest request) {
    return paging
        .page(
            SPEC.name(),
            new Document("youthId", youthId).append("memberId", memberId),
            Paging.Order.newestFirst("sentAt"),
            request)
        .map(page -> page.map(this::from));
  }

  private Conversations.Message from(Document doc) {
    Document body = doc.get("body", Document.class);
    String id = doc.getString("_id");
    return new Conversations.Message(
        id,
        doc.getString("youthId"),
        doc.getString("memberId"),
        doc.getString("senderId"),
        doc.getDate("sentAt").toInstant(),
        cipher.open(
            new FieldCipher.Sealed(body.getString("nonce"), body.getString("ciphertext")), id));
  }
}
