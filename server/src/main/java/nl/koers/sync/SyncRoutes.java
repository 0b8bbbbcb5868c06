package nl.koers.sync;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import nl.koers.notify.MilestoneWords;
import nl.koers.notify.NotifyRoutes;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Replies;
import nl.koers.platform.module.Operations;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.sync.Change;

/** The change feed over HTTP. */
final class SyncRoutes {

  private final Changes changes;

  SyncRoutes(Changes changes) {
    this.changes = changes;
  }

  Operations operations() {
    return Operations.of().on("getChanges", this::getChanges);
  }

  void getChanges(RoutingContext rc) {
    int limit = PageRequest.from(rc).limit();
    Optional<String> since =
        Optional.ofNullable(rc.request().getParam("since")).filter(s -> !s.isEmpty());
    String personId = Callers.of(rc).personId();
    Language language = Language.of(rc);
    changes
        .read(personId, since, limit)
        .onComplete(Replies.ok(rc, page -> json(page, personId, language)));
  }

  private static JsonObject json(Changes.Page page, String readerId, Language language) {
    return new JsonObject()
        .put(
            "items",
            new JsonArray(
                page.items().stream().map(change -> json(change, readerId, language)).toList()))
        .put("next", page.next())
        .put("more", page.more());
  }

  private static JsonObject json(Change change, String readerId, Language language) {
    JsonObject json = new JsonObject().put("kind", change.kind().name()).put("id", change.id());
    change.youthId().ifPresent(y -> json.put("youthId", y));
    json.put("changedAt", change.at().toString()).put("deleted", change.deleted());
    change.reason().ifPresent(r -> json.put("reason", r.name()));
    json.put("resource", change.resource());
    // A notification's entries are the reader's own notifications: the inbox's words.
    change.milestone().ifPresent(m -> json.put("milestone", m));
    MilestoneWords.forRecipient(change.milestone(), readerId, change.youthId())
        .ifPresent(words -> json.put("message", NotifyRoutes.message(words, language)));
    return json;
  }
}
