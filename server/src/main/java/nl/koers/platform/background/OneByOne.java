package nl.koers.platform.background;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * How a background round works through what is due: one item after another, so a long list never
 * floods the database with parallel writes, counting the items it changed (an item another instance
 * handled first answers false and is not counted).
 */
public final class OneByOne {

  private OneByOne() {}

  public static <T> Future<Integer> countChanged(List<T> items, Function<T, Future<Boolean>> each) {
    Future<Integer> changed = Future.succeededFuture(0);
    for (T item : items) {
      changed = changed.compose(n -> each.apply(item).map(done -> done ? n + 1 : n));
    }
    return changed;
  }
}
