package nl.koers.platform.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What a query asks of its collection, without the values: the fields it filters on (and how), its
 * {@code $or} branches, and the fields it sorts by (which the index check does not count).
 *
 * @param command the server command ({@code find}, {@code update}, {@code aggregate}, …)
 * @param distinctKey the field a {@code distinct} asks for, else {@code null}
 */
public record QueryShape(
    String collection, String command, Filter filter, List<String> sort, String distinctKey) {

  public QueryShape {
    sort = List.copyOf(sort);
  }

  public static QueryShape of(String collection, String command, Filter filter) {
    return new QueryShape(collection, command, filter, List.of(), null);
  }

  /** E.g. {@code find {youthId, status: $in} sort [answeredAt, _id]}. */
  public String describe() {
    String what = distinctKey == null ? command : command + "(" + distinctKey + ")";
    return what + " " + filter.describe() + (sort.isEmpty() ? "" : " sort " + sort);
  }

  /** Equality: a plain value, {@code $eq}, or {@code $in} (point bounds on an index). */
  public static final String EQUALS = "=";

  /** {@code $exists: true} ({@code $exists: false} is {@code $exists:false}). */
  public static final String EXISTS = "$exists";

  /**
   * A filter: each field with its predicates ({@link #EQUALS} or the operators, e.g. {@code $lt});
   * {@code $and} is flattened into it; each {@code $or} is one group of alternative branches.
   */
  public record Filter(Map<String, SortedSet<String>> keys, List<List<Filter>> anyOf) {

    public static final Filter EMPTY = new Filter(Map.of(), List.of());

    public Filter {
      TreeMap<String, SortedSet<String>> sorted = new TreeMap<>();
      keys.forEach((key, ops) -> sorted.put(key, new TreeSet<>(ops)));
      keys = java.util.Collections.unmodifiableMap(sorted);
      anyOf = anyOf.stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
      return keys.isEmpty() && anyOf.isEmpty();
    }

    /** Whether {@code key} is only compared for equality. */
    public boolean isEquality(String key) {
      SortedSet<String> ops = keys.get(key);
      return ops != null && ops.equals(new TreeSet<>(List.of(EQUALS)));
    }

    /** E.g. {@code {youthId} or[{at: $lt} | {_id: $lt, at}]}; keys sorted, values left out. */
    public String describe() {
      String fields =
          keys.entrySet().stream()
              .map(
                  e ->
                      e.getValue().equals(new TreeSet<>(List.of(EQUALS)))
                          ? e.getKey()
                          : e.getKey()
                              + ": "
                              + e.getValue().stream()
                                  .filter(op -> !op.equals(EQUALS))
                                  .collect(Collectors.joining(" ")))
              .collect(Collectors.joining(", ", "{", "}"));
      StringBuilder out = new StringBuilder(fields);
      for (List<Filter> group : anyOf) {
        out.append(
            group.stream().map(Filter::describe).collect(Collectors.joining(" | ", " or[", "]")));
      }
      return out.toString();
    }

    /**
     * The shape of a query filter. {@code $and} is flattened, {@code $or} kept as branches, {@code
     * $elemMatch} on sub-documents names the sub-fields ({@code relations.personId}), {@code
     * $comment} is ignored; anything else at the top ({@code $nor}, {@code $expr}, {@code $text},
     * {@code $where}, …) cannot be checked against an index prefix.
     */
    public static Filter parse(BsonDocument filter) {
      Map<String, SortedSet<String>> keys = new TreeMap<>();
      List<List<Filter>> anyOf = new ArrayList<>();
      collect("", filter, keys, anyOf);
      return new Filter(keys, anyOf);
    }

    private static void collect(
        String prefix,
        BsonDocument filter,
        Map<String, SortedSet<String>> keys,
        List<List<Filter>> anyOf) {
      for (Map.Entry<String, BsonValue> entry : filter.entrySet()) {
        String key = entry.getKey();
        BsonValue value = entry.getValue();
        switch (key) {
          case "$and" -> {
            for (BsonValue part : value.asArray()) {
              collect(prefix, part.asDocument(), keys, anyOf);
            }
          }
          case "$or" -> {
            List<Filter> branches = new ArrayList<>();
            for (BsonValue branch : value.asArray()) {
              branches.add(prefixed(prefix, parse(branch.asDocument())));
            }
            anyOf.add(branches);
          }
          case "$comment" -> {}
          default -> {
            if (key.startsWith("$")) {
              throw new Unparseable(key);
            }
            predicate(prefix + key, value, keys, anyOf);
          }
        }
      }
    }

    private static void predicate(
        String key,
        BsonValue value,
        Map<String, SortedSet<String>> keys,
        List<List<Filter>> anyOf) {
      if (!value.isDocument() || !isOperators(value.asDocument())) {
        keys.computeIfAbsent(key, k -> new TreeSet<>()).add(EQUALS);
        return;
      }
      for (Map.Entry<String, BsonValue> op : value.asDocument().entrySet()) {
        String name = op.getKey();
        if (name.equals("$elemMatch")
            && op.getValue().isDocument()
            && !isOperators(op.getValue().asDocument())) {
          // An element matching sub-fields: an index on key.sub serves it.
          collect(key + ".", op.getValue().asDocument(), keys, anyOf);
        } else {
          keys.computeIfAbsent(key, k -> new TreeSet<>()).add(operator(name, op.getValue()));
        }
      }
    }

    private static String operator(String name, BsonValue operand) {
      if (name.equals("$eq") || name.equals("$in")) {
        return EQUALS;
      }
      if (name.equals("$exists")) {
        boolean exists =
            operand.isBoolean()
                ? operand.asBoolean().getValue()
                : !operand.isNumber() || operand.asNumber().doubleValue() != 0;
        return exists ? EXISTS : "$exists:false";
      }
      return name;
    }

    private static boolean isOperators(BsonDocument document) {
      return !document.isEmpty() && document.getFirstKey().startsWith("$");
    }

    private static Filter prefixed(String prefix, Filter filter) {
      if (prefix.isEmpty()) {
        return filter;
      }
      Map<String, SortedSet<String>> keys = new TreeMap<>();
      filter.keys().forEach((key, ops) -> keys.put(prefix + key, ops));
      return new Filter(
          keys,
          filter.anyOf().stream()
              .map(group -> group.stream().map(b -> prefixed(prefix, b)).toList())
              .toList());
    }
  }

  /** A filter the index check cannot judge (e.g. {@code $expr}); it is noted, not checked. */
  public static final class Unparseable extends RuntimeException {
    public Unparseable(String what) {
      super(what, null, false, false);
    }
  }
}
