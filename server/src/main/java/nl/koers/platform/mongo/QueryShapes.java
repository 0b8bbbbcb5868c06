package nl.koers.platform.mongo;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Records, per database, the {@link QueryShape} of every query command a client sends (and the
 * collections {@link Mongo#ensure} declared there), so a test can check each against the declared
 * indexes ({@link QueryIndexCheck}). Off unless the system property {@value #ENABLED_PROPERTY} is
 * {@code true}; then {@link MongoConnection} registers {@link #recording()} with its client.
 *
 * <p>Query commands: {@code find} (filter), {@code update} and {@code delete} (each statement's
 * {@code q}), {@code findAndModify} (query), {@code count} and {@code distinct} (query), {@code
 * aggregate} (the {@code $match} it starts with; none is a scan). Commands that are no query
 * ({@link #NOT_QUERIES}) are ignored; any other command, a filter the check cannot read (e.g.
 * {@code $expr}) and pipeline stages that read other collections ({@code $lookup}) are noted as
 * unchecked. Commands on {@code admin}, {@code config}, {@code local} and {@code system.*} are
 * skipped.
 */
public final class QueryShapes implements CommandListener {

  public static final String ENABLED_PROPERTY = "koers.checkQueryIndexes";

  private static final QueryShapes RECORDING = new QueryShapes();

  /** Commands that filter nothing: writes of new documents, cursors, metadata, handshakes. */
  static final Set<String> NOT_QUERIES =
      Set.of(
          "insert",
          "getMore",
          "killCursors",
          "create",
          "createIndexes",
          "listIndexes",
          "listCollections",
          "listDatabases",
          "drop",
          "dropDatabase",
          "dropIndexes",
          "ping",
          "hello",
          "isMaster",
          "ismaster",
          "buildInfo",
          "buildinfo",
          "endSessions",
          "saslStart",
          "saslContinue",
          "serverStatus");

  private static final Set<String> SKIPPED_DATABASES = Set.of("admin", "config", "local");
  private static final Set<String> OTHER_COLLECTION_STAGES =
      Set.of("$lookup", "$graphLookup", "$unionWith", "$out", "$merge");

  /** What one database saw: its declared collections, each shape (with how often) and the rest. */
  public record Recorded(
      Map<String, CollectionSpec> declared,
      Map<QueryShape, Long> shapes,
      Map<String, Long> unchecked) {

    public static final Recorded NONE = new Recorded(Map.of(), Map.of(), Map.of());

    public Recorded {
      declared = Map.copyOf(declared);
      shapes = Map.copyOf(shapes);
      unchecked = Map.copyOf(unchecked);
    }

    /** Both together (e.g. every server of a test run). */
    public Recorded plus(Recorded other) {
      Map<String, CollectionSpec> specs = new TreeMap<>(declared);
      specs.putAll(other.declared);
      Map<QueryShape, Long> seen = new java.util.HashMap<>(shapes);
      other.shapes.forEach((shape, n) -> seen.merge(shape, n, Long::sum));
      Map<String, Long> rest = new TreeMap<>(unchecked);
      other.unchecked.forEach((what, n) -> rest.merge(what, n, Long::sum));
      return new Recorded(specs, seen, rest);
    }
  }

  private static final class Database {
    final ConcurrentMap<String, CollectionSpec> declared = new ConcurrentHashMap<>();
    final ConcurrentMap<QueryShape, LongAdder> shapes = new ConcurrentHashMap<>();
    final ConcurrentMap<String, LongAdder> unchecked = new ConcurrentHashMap<>();

    Recorded take() {
      Map<QueryShape, Long> seen = new java.util.HashMap<>();
      for (QueryShape shape : List.copyOf(shapes.keySet())) {
        LongAdder n = shapes.remove(shape);
        if (n != null) {
          seen.put(shape, n.sum());
        }
      }
      Map<String, Long> rest = new TreeMap<>();
      for (String what : List.copyOf(unchecked.keySet())) {
        LongAdder n = unchecked.remove(what);
        if (n != null) {
          rest.put(what, n.sum());
        }
      }
      return new Recorded(declared, seen, rest);
    }
  }

  private final ConcurrentMap<String, Database> databases = new ConcurrentHashMap<>();

  public static boolean enabled() {
    return Boolean.getBoolean(ENABLED_PROPERTY);
  }

  /** The recorder every client of this JVM reports to, when {@link #enabled()}. */
  public static Optional<QueryShapes> recording() {
    return enabled() ? Optional.of(RECORDING) : Optional.empty();
  }

  /** The collections (and their indexes) {@code database} declares. */
  public void declare(String database, List<CollectionSpec> specs) {
    Database seen = of(database);
    for (CollectionSpec spec : specs) {
      seen.declared.put(spec.name(), spec);
    }
  }

  /**
   * The collections {@code database} declared so far, its shapes left for {@link #take}: for a test
   * that holds a list of the collections (the data inventory) to what the modules declare.
   */
  public Map<String, CollectionSpec> declared(String database) {
    Database seen = databases.get(database);
    return seen == null ? Map.of() : Map.copyOf(seen.declared);
  }

  /**
   * What {@code database} saw so far; its shapes are forgotten here, its declarations kept (another
   * server may still run on the same database).
   */
  public Recorded take(String database) {
    Database seen = databases.get(database);
    return seen == null ? Recorded.NONE : seen.take();
  }

  @Override
  public void commandStarted(CommandStartedEvent event) {
    String database = event.getDatabaseName();
    if (SKIPPED_DATABASES.contains(database)) {
      return;
    }
    String command = event.getCommandName();
    if (NOT_QUERIES.contains(command)) {
      return;
    }
    BsonDocument body = event.getCommand();
    BsonValue target = body.get(command);
    if (target == null || !target.isString()) {
      note(database, command + " (not on one collection)");
      return;
    }
    String collection = target.asString().getValue();
    if (collection.startsWith("system.")) {
      return;
    }
    try {
      switch (command) {
        case "find" ->
            record(
                database,
                new QueryShape(collection, command, filter(body, "filter"), sortKeys(body), null));
        case "update" -> statements(database, collection, command, body, "updates");
        case "delete" -> statements(database, collection, command, body, "deletes");
        case "findAndModify", "findandmodify" ->
            record(
                database,
                new QueryShape(
                    collection, "findAndModify", filter(body, "query"), sortKeys(body), null));
        case "count" -> record(database, QueryShape.of(collection, command, filter(body, "query")));
        case "distinct" ->
            record(
                database,
                new QueryShape(
                    collection,
                    command,
                    filter(body, "query"),
                    List.of(),
                    body.getString("key").getValue()));
        case "aggregate" -> aggregate(database, collection, body);
        default -> note(database, command + " on " + collection);
      }
    } catch (QueryShape.Unparseable e) {
      note(database, command + " on " + collection + " with " + e.getMessage());
    }
  }

  private void statements(
      String database, String collection, String command, BsonDocument body, String field) {
    BsonValue statements = body.get(field);
    if (statements == null || !statements.isArray()) {
      note(database, command + " on " + collection + " without " + field);
      return;
    }
    for (BsonValue statement : statements.asArray()) {
      record(database, QueryShape.of(collection, command, filter(statement.asDocument(), "q")));
    }
  }

  private void aggregate(String database, String collection, BsonDocument body) {
    List<BsonValue> pipeline = body.getArray("pipeline").getValues();
    QueryShape.Filter match = QueryShape.Filter.EMPTY;
    if (!pipeline.isEmpty() && pipeline.get(0).asDocument().containsKey("$match")) {
      match = QueryShape.Filter.parse(pipeline.get(0).asDocument().getDocument("$match"));
    }
    record(database, QueryShape.of(collection, "aggregate", match));
    for (BsonValue stage : pipeline) {
      String name = stage.asDocument().getFirstKey();
      if (OTHER_COLLECTION_STAGES.contains(name)) {
        note(database, "aggregate on " + collection + ": stage " + name);
      }
    }
  }

  private static QueryShape.Filter filter(BsonDocument body, String field) {
    BsonValue filter = body.get(field);
    return filter == null || !filter.isDocument()
        ? QueryShape.Filter.EMPTY
        : QueryShape.Filter.parse(filter.asDocument());
  }

  private static List<String> sortKeys(BsonDocument body) {
    BsonValue sort = body.get("sort");
    return sort == null || !sort.isDocument() ? List.of() : List.copyOf(sort.asDocument().keySet());
  }

  private void record(String database, QueryShape shape) {
    of(database).shapes.computeIfAbsent(shape, s -> new LongAdder()).increment();
  }

  private void note(String database, String what) {
    of(database).unchecked.computeIfAbsent(what, s -> new LongAdder()).increment();
  }

  private Database of(String database) {
    return databases.computeIfAbsent(database, d -> new Database());
  }
}
