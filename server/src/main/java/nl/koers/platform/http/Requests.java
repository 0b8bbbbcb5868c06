package nl.koers.platform.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** What every route reads from a request the contract has already validated. */
public final class Requests {

  private Requests() {}

  /** The JSON body, or an empty object for an operation without one. */
  public static JsonObject body(RoutingContext rc) {
    return Optional.ofNullable(rc.body().asJsonObject()).orElseGet(JsonObject::new);
  }

  /** The young person a {@code /v1/youth/{youthId}/...} path names. */
  public static String youthId(RoutingContext rc) {
    return rc.pathParam("youthId");
  }
}
