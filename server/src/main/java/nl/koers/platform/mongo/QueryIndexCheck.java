package nl.koers.platform.mongo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether the indexes a collection declares ({@link CollectionSpec}) serve a {@link QueryShape}.
 *
 * <p>A set of filter fields is served when
 *
 * <ul>
 *   <li>it compares {@code _id} for equality ({@code $in} included): the built-in {@code _id} index
 *       finds the document(s), the other fields are checked on them; or
 *   <li>it compares every field of a unique index for equality: at most one document, likewise; or
 *   <li>its fields, in any order, are exactly the first fields of an index (the built-in {@code
 *       {_id}} included): {@code {youthId, createdAt}} serves {@code {youthId}} and {@code
 *       {youthId, createdAt}}, not {@code {createdAt}} nor {@code {youthId, status}}.
 * </ul>
 *
 * Operators do not matter ({@code $lt}, {@code $ne}, … bound the index as equality does), with one
 * exception: an index whose first field is only asked to exist ({@code $exists: true}) serves the
 * query only if it is sparse, since a regular index holds every document (missing as null) and a
 * real MongoDB then reads them all. Fields that are only sorted by do not count. An {@code $or} is
 * served when the fields beside it are, or when every branch, together with the fields beside it,
 * is. An empty filter reads the whole collection: a violation, except a {@code count} without a
 * query (answered from metadata) and a {@code distinct} without a query on the first field of an
 * index (read from the index). A query that is not served is a violation unless an {@link
 * Allowance} names it, with its reason.
 */
public final class QueryIndexCheck {

  /** The built-in index of every collection. */
  static final String ID_INDEX = "_id_";

  /**
   * A query shape that may run although no index serves it exactly, and why: a deliberate scan
   * ({@code index} null, e.g. a small settings collection), or a query that {@code index} narrows
   * (its first field is one of the query's) while the other fields are checked on the documents it
   * finds. {@code collection} null: the shape on every collection (e.g. a relay's poll); {@code
   * filter} as {@link QueryShape.Filter#describe()} writes it.
   */
  public record Allowance(
      String collection, String command, String filter, String index, String why) {

    /** A deliberate full scan of {@code collection}. */
    public static Allowance scan(String collection, String command, String why) {
      return new Allowance(collection, command, QueryShape.Filter.EMPTY.describe(), null, why);
    }

    /** A query {@code index} narrows but does not serve exactly. */
    public static Allowance narrowedBy(
        String collection, String command, String filter, String index, String why) {
      return new Allowance(collection, command, filter, index, why);
    }

    /** Like {@link #narrowedBy}, on every collection the shape is seen on. */
    public static Allowance everywhere(String command, String filter, String index, String why) {
      return new Allowance(null, command, filter, index, why);
    }

    boolean covers(QueryShape shape, CollectionSpec spec) {
      if ((collection != null && !collection.equals(shape.collection()))
          || !command.equals(shape.command())
          || !filter.equals(shape.filter().describe())) {
        return false;
      }
      if (index == null) {
        return true;
      }
      // The named index must exist and narrow the query: its first field is one the query asks.
      return spec != null
          && spec.indexes().stream()
              .anyMatch(
                  i ->
                      i.name().equals(index)
                          && shape.filter().keys().containsKey(fields(i).get(0)));
    }

    String describe() {
      return index == null ? "allowed: " + why : "narrowed by " + index + ", allowed: " + why;
    }
  }

  /**
   * What the check says of a shape: served (by which index, or allowed why) or not, and the
   * declared indexes it relies on.
   */
  public record Verdict(QueryShape shape, boolean served, String reason, List<String> indexes) {}

  /** What serves a shape: as the report says it, and the indexes it uses. */
  private record Served(String by, List<String> indexes) {
    static Served by(String index) {
      return new Served(index, List.of(index));
    }
  }

  private QueryIndexCheck() {}

  /** The verdict on one shape of a collection that declares {@code spec} (null: not declared). */
  public static Verdict judge(QueryShape shape, CollectionSpec spec, List<Allowance> allowed) {
    Optional<Served> served = spec == null ? Optional.empty() : servedBy(shape, spec.indexes());
    if (served.isPresent()) {
      return new Verdict(shape, true, served.get().by(), served.get().indexes());
    }
    Optional<Allowance> allowance = allowed.stream().filter(a -> a.covers(shape, spec)).findFirst();
    if (allowance.isPresent()) {
      Allowance a = allowance.get();
      return new Verdict(
          shape, true, a.describe(), a.index() == null ? List.of() : List.of(a.index()));
    }
    return new Verdict(
        shape,
        false,
        spec == null
            ? "collection not declared in any CollectionSpec"
            : shape.filter().isEmpty()
                ? "reads the whole collection"
                : "no declared index has these fields as its first fields",
        List.of());
  }

  /** Every shape {@code recorded} that no index serves and no allowance names. */
  public static List<Verdict> violations(QueryShapes.Recorded recorded, List<Allowance> allowed) {
    return verdicts(recorded, allowed).stream().filter(v -> !v.served()).toList();
  }

  /** What serves {@code shape}, if anything does. */
  private static Optional<Served> servedBy(QueryShape shape, List<CollectionSpec.Index> indexes) {
    QueryShape.Filter filter = shape.filter();
    if (filter.isEmpty()) {
      if (shape.command().equals("count")) {
        return Optional.of(new Served("collection metadata (count without a query)", List.of()));
      }
      if (shape.distinctKey() != null) {
        return indexes.stream()
            .filter(index -> fields(index).get(0).equals(shape.distinctKey()))
            .map(index -> Served.by(index.name()))
            .findFirst();
      }
      return Optional.empty();
    }
    return servedBy(filter, Map.of(), indexes);
  }

  private static Optional<Served> servedBy(
      QueryShape.Filter filter,
      Map<String, SortedSet<String>> beside,
      List<CollectionSpec.Index> indexes) {
    Map<String, SortedSet<String>> keys = new TreeMap<>(beside);
    filter.keys().forEach((key, ops) -> keys.merge(key, ops, QueryIndexCheck::union));
    Optional<String> direct = keysServedBy(keys, indexes);
    if (direct.isPresent()) {
      return direct.map(Served::by);
    }
    for (List<QueryShape.Filter> branches : filter.anyOf()) {
      List<Served> each = new ArrayList<>();
      for (QueryShape.Filter branch : branches) {
        servedBy(branch, keys, indexes).ifPresent(each::add);
      }
      if (each.size() == branches.size()) {
        return Optional.of(
            new Served(
                each.stream().map(Served::by).collect(Collectors.joining(" | ", "or[", "]")),
                each.stream().flatMap(b -> b.indexes().stream()).distinct().toList()));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> keysServedBy(
      Map<String, SortedSet<String>> keys, List<CollectionSpec.Index> indexes) {
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    if (isEquality(keys.get("_id"))) {
      return Optional.of(ID_INDEX);
    }
    for (CollectionSpec.Index index : indexes) {
      if (index.unique() && fields(index).stream().allMatch(f -> isEquality(keys.get(f)))) {
        return Optional.of(index.name());
      }
    }
    if (keys.keySet().equals(Set.of("_id"))) {
      return Optional.of(ID_INDEX);
    }
    for (CollectionSpec.Index index : indexes) {
      List<String> fields = fields(index);
      if (keys.size() <= fields.size()
          && new TreeSet<>(fields.subList(0, keys.size())).equals(keys.keySet())
          && (index.sparse() || !onlyExists(keys.get(fields.get(0))))) {
        return Optional.of(index.name());
      }
    }
    return Optional.empty();
  }

  private static boolean onlyExists(SortedSet<String> ops) {
    return ops.equals(new TreeSet<>(List.of(QueryShape.EXISTS)));
  }

  private static boolean isEquality(SortedSet<String> ops) {
    return ops != null && ops.size() == 1 && ops.contains(QueryShape.EQUALS);
  }

  private static SortedSet<String> union(SortedSet<String> a, SortedSet<String> b) {
    SortedSet<String> both = new TreeSet<>(a);
    both.addAll(b);
    return both;
  }

  private static String describe(CollectionSpec.Index index) {
    return "`"
        + index.name()
        + "` "
        + fields(index)
        + (index.unique() ? " unique" : "")
        + (index.sparse() ? " sparse" : "");
  }

  static List<String> fields(CollectionSpec.Index index) {
    return List.copyOf(index.keys().toBsonDocument().keySet());
  }

  private static List<Verdict> verdicts(QueryShapes.Recorded recorded, List<Allowance> allowed) {
    return recorded.shapes().keySet().stream()
        .sorted(Comparator.comparing(QueryShape::collection).thenComparing(QueryShape::describe))
        .map(shape -> judge(shape, recorded.declared().get(shape.collection()), allowed))
        .toList();
  }

  /** A report of every shape, per collection, with what serves it (Markdown). */
  public static String markdown(QueryShapes.Recorded recorded, List<Allowance> allowed) {
    List<Verdict> verdicts = verdicts(recorded, allowed);
    Map<String, List<Verdict>> byCollection =
        verdicts.stream()
            .collect(
                Collectors.groupingBy(
                    v -> v.shape().collection(), TreeMap::new, Collectors.toList()));
    recorded.declared().keySet().forEach(name -> byCollection.putIfAbsent(name, List.of()));
    StringBuilder out = new StringBuilder();
    out.append("# Query shapes the tests ran\n\n")
        .append("Every query command of the servers the tests started (")
        .append(QueryShapes.ENABLED_PROPERTY)
        .append("), per collection, with the declared index that serves it; see ")
        .append("`QueryIndexCheck` for the rule. ")
        .append(verdicts.size())
        .append(" shapes, ")
        .append(verdicts.stream().filter(v -> !v.served()).count())
        .append(" without an index.\n");
    byCollection.forEach(
        (name, shapes) -> {
          CollectionSpec spec = recorded.declared().get(name);
          out.append("\n## ").append(name).append("\n\n");
          out.append(
                  spec == null
                      ? "Not declared."
                      : spec.indexes().isEmpty()
                          ? "Indexes: only `_id`."
                          : spec.indexes().stream()
                              .map(QueryIndexCheck::describe)
                              .collect(Collectors.joining("; ", "Indexes: ", ".")))
              .append("\n\n");
          if (shapes.isEmpty()) {
            out.append("No query seen.\n");
            return;
          }
          if (spec != null) {
            Set<String> used =
                shapes.stream().flatMap(v -> v.indexes().stream()).collect(Collectors.toSet());
            List<String> unused =
                spec.indexes().stream()
                    .map(CollectionSpec.Index::name)
                    .filter(n -> !used.contains(n))
                    .toList();
            if (!unused.isEmpty()) {
              out.append("No query seen uses: ").append(unused).append(".\n\n");
            }
          }
          out.append("| query | times | served by |\n|---|---:|---|\n");
          for (Verdict v : shapes) {
            out.append("| `")
                .append(v.shape().describe())
                .append("` | ")
                .append(recorded.shapes().get(v.shape()))
                .append(" | ")
                .append(v.served() ? v.reason() : "**NONE: " + v.reason() + "**")
                .append(" |\n");
          }
        });
    if (!recorded.unchecked().isEmpty()) {
      out.append("\n## Not checked\n\n| command | times |\n|---|---:|\n");
      recorded
          .unchecked()
          .forEach(
              (what, n) -> out.append("| ").append(what).append(" | ").append(n).append(" |\n"));
    }
    return out.toString();
  }
}
