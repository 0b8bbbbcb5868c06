package nl.koers.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Tells the background, once a write has been answered, that there may be work: an outbox entry to
 * relay, a push to send. One place for every capability, so no store has to remember it; the
 * background then relays within its short period instead of polling every outbox every second.
 * Refused and failed requests changed nothing and wake nobody.
 */
public final class AfterWrites implements Handler<RoutingContext> {

  private static final Set<HttpMethod> READS =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final Runnable wrote;

  public AfterWrites(Runnable wrote) {
    this.wrote = wrote;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (!READS.contains(rc.request().method())) {
      rc.addBodyEndHandler(
          v -> {
            if (rc.response().getStatusCode() < 400) {
              wrote.run();
            }
          });
    }
    rc.next();
  }
}
