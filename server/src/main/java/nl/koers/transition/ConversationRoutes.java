package nl.koers.transition;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.security.Caller;

/** Messages between the young person and one member of their circle. */
public final class ConversationRoutes {

  private final Conversations conversations;

  public ConversationRoutes(Conversations conversations) {
    this.conversations = conversations;
  }

  public void getMessages(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    conversations
        .read(Callers.of(rc), Requests.youthId(rc), rc.pathParam("personId"), page)
        .onComplete(Replies.ok(rc, found -> found.toJson(ConversationRoutes::json)));
  }

  public void sendMessage(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    conversations
        .send(
            caller,
            Requests.youthId(rc),
            rc.pathParam("personId"),
            Requests.body(rc).getString("text"),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(message -> Replies.created(rc, rc.request().path(), json(message)))
        .onFailure(rc::fail);
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getMessages", this::getMessages)
        .on("sendMessage", this::sendMessage);
  }

  private static JsonObject json(Conversations.Message message) {
    return new JsonObject()
        .put("id", message.id())
        .put("senderId", message.senderId())
        .put("sentAt", message.sentAt().toString())
        .put("text", message.text());
  }
}
