package nl.koers.platform.paging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/** One page of a list, and the cursor of the next page ({@code null} on the last one). */
public record Page<T>(List<T> items, String next) {

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), next);
  }

  /** The list answer of the API: {@code {items, next}}. */
  public JsonObject toJson(Function<T, JsonObject> itemToJson) {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(itemToJson.apply(item)));
    return new JsonObject().put("items", array).put("next", next);
  }
}
