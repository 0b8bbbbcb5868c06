package nl.koers.privacy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;

/**
 * The young person's erasure request: ask (202, it runs later), look, withdraw. Every answer names
 * what stays after the erasure, in the caller's language, so nobody is told "everything" when it is
 * not.
 */
final class ErasureRoutes {

  private final Erasures erasures;

  ErasureRoutes(Erasures erasures) {
    this.erasures = erasures;
  }

  void requestErasure(RoutingContext rc) {
    erasures
        .request(Callers.of(rc), Requests.youthId(rc))
        .onSuccess(erasure -> Replies.json(rc, 202, Map.of(), view(rc, erasure)))
        .onFailure(rc::fail);
  }

  void getErasure(RoutingContext rc) {
    erasures
        .status(Callers.of(rc), Requests.youthId(rc))
        .onComplete(Replies.ok(rc, erasure -> view(rc, erasure)));
  }

  void withdrawErasure(RoutingContext rc) {
    erasures
        .withdraw(Callers.of(rc), Requests.youthId(rc))
        .onSuccess(v -> Replies.noContent(rc))
        .onFailure(rc::fail);
  }

  static JsonObject view(RoutingContext rc, Erasure erasure) {
    JsonObject json =
        new JsonObject()
            .put("requestedAt", erasure.requestedAt().toString())
            .put("eraseAfter", erasure.eraseAfter().toString())
            .put("status", erasure.status().name())
            .put("reason", erasure.reason().name())
            .put("exceptions", exceptions(rc, erasure));
    erasure.doneAt().ifPresent(at -> json.put("doneAt", at.toString()));
    return json;
  }

  private static JsonArray exceptions(RoutingContext rc, Erasure erasure) {
    List<Erasure.Exception> named = new ArrayList<>();
    if (erasure.status() == Erasure.Status.WAITING) {
      named.add(Erasure.Exception.OPEN_SAFETY_SIGNAL);
    }
    named.add(Erasure.Exception.REGION_COUNTS);
    named.add(Erasure.Exception.ACCESS_LOG);
    named.add(Erasure.Exception.ERASURE_RECORD);
    Language language = Language.of(rc);
    JsonArray items = new JsonArray();
    for (Erasure.Exception exception : named) {
      items.add(
          new JsonObject()
              .put("code", exception.name())
              .put("text", language.text("erasure.exception." + exception.name())));
    }
    return items;
  }

  Operations operations() {
    return Operations.of()
        .on("requestErasure", this::requestErasure)
        .on("getErasure", this::getErasure)
        .on("withdrawErasure", this::withdrawErasure);
  }
}
