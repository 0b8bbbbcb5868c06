package nl.koers.platform.problem;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A list shown item by item, each item decided on its own (a region admin's list of tasks about
 * many young people): an item the caller is refused (404, as for none) is left out, while any other
 * failure (the database) fails the whole list rather than silently shortening it.
 */
public final class Refusals {

  private Refusals() {}

  /** What {@code each} answers for the items it does not refuse, in the items' order. */
  public static <T, R> Future<List<R>> keepAllowed(List<T> items, Function<T, Future<R>> each) {
    List<Future<Optional<R>>> decided = new ArrayList<>();
    for (T item : items) {
      decided.add(
          each.apply(item)
              .map(Optional::of)
              .recover(
                  failure ->
                      failure instanceof Problem problem && problem.status() == 404
                          ? Future.succeededFuture(Optional.empty())
                          : Future.failedFuture(failure)));
    }
    return Future.all(decided)
        .map(all -> all.<Optional<R>>list().stream().flatMap(Optional::stream).toList());
  }
}
