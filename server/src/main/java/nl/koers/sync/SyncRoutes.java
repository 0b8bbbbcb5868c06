package nl.koers.sync;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import nl.koers.platform.http.Callers;
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
    changes
        .read(Callers.of(rc).personId(), since, limit)
        .onComplete(Replies.ok(rc, SyncRoutes::json));
  }

  private static JsonObject json(Changes.Page page) {
    return new JsonObject()
        .put("items", new JsonArray(page.items().stream().map(SyncRoutes::json).toList()))
        .put("next", page.next())
        .put("more", page.more());
  }

  private static JsonObject json(Change change) {
    JsonObject json = new JsonObject().put("kind", change.kind().name()).put("id", change.id());
    change.youthId().ifPresent(y -> json.put("youthId", y));
    json.put("changedAt", change.at().toString()).put("deleted", change.deleted());
    change.reason().ifPresent(r -> json.put("reason", r.name()));
    return json.put("resource", change.resource());
  }
}
