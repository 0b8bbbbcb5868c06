package nl.koers.platform.module;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handlers of a module's operations, by the contract's operation id. Only the handler of the
 * operation itself: the router adds validation, authentication, rate limits, idempotency and
 * If-Match from what the contract declares, so no operation can forget them.
 */
public final class Operations {

  private final Map<String, Handler<RoutingContext>> handlers = new LinkedHashMap<>();

  public static Operations of() {
    return new Operations();
  }

  /** Routes this operation id to its handler; naming an id twice is a programming error. */
  public Operations on(String operationId, Handler<RoutingContext> handler) {
    if (handlers.putIfAbsent(operationId, handler) != null) {
      throw new IllegalStateException("operation routed twice: " + operationId);
    }
    return this;
  }

  /** An operation that exists only when {@code enabled} (dev mode); otherwise it answers 404. */
  public Operations onlyIf(boolean enabled, String operationId, Handler<RoutingContext> handler) {
    return enabled ? on(operationId, handler) : absent(operationId);
  }

  /** Operations this set-up does not offer (dev mode's, outside it): they answer 404. */
  public Operations absent(String... operationIds) {
    for (String id : operationIds) {
      on(id, rc -> rc.fail(404));
    }
    return this;
  }

  public Operations and(Operations more) {
    more.handlers.forEach(this::on);
    return this;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.copyOf(handlers);
  }
}
