package nl.koers.api;

import io.vertx.ext.web.RoutingContext;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Replies;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.paging.PageRequest;
import nl.koers.transition.Conversations;

/** Messages between the young person and one member of their circle. */
public final class ConversationHandlers {

  private final Conversations conversations;

  public ConversationHandlers(Conversations conversations) {
    this.conversations = conversations;
  }

  public void getMessages(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    conversations
        .read(Caller.of(rc), CircleHandlers.youthId(rc), rc.pathParam("personId"), page)
        .onSuccess(found -> Replies.ok(rc, found.toJson(json -> json)))
        .onFailure(rc::fail);
  }

  public void sendMessage(RoutingContext rc) {
    Caller caller = Caller.of(rc);
    conversations
        .send(
            caller,
            CircleHandlers.youthId(rc),
            rc.pathParam("personId"),
            SessionHandlers.body(rc).getString("text"),
            IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(message -> Replies.created(rc, rc.request().path(), message))
        .onFailure(rc::fail);
  }
}
