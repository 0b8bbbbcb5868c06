package nl.koers.testing;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.bson.BsonValue;

/**
 * Counts the MongoDB commands (round trips) Koers's client sends to one database, per command and
 * collection, so a benchmark or a test can say what one request costs. Handshakes and
 * authentication are not counted: they are per connection, not per request.
 */
public final class CommandCount implements CommandListener {

  private static final Set<String> PER_CONNECTION =
      Set.of("hello", "isMaster", "ismaster", "saslStart", "saslContinue", "buildInfo");

  private final Predicate<String> database;
  private final ConcurrentMap<String, LongAdder> seen = new ConcurrentHashMap<>();

  /** Counts the commands to this database. */
  public CommandCount(String database) {
    this(database::equals);
  }

  /** Counts the commands to the databases this accepts (asked per command). */
  public CommandCount(Predicate<String> database) {
    this.database = database;
  }

  @Override
  public void commandStarted(CommandStartedEvent event) {
    if (!database.test(event.getDatabaseName())
        || PER_CONNECTION.contains(event.getCommandName())) {
      return;
    }
    seen.computeIfAbsent(describe(event), k -> new LongAdder()).increment();
  }

  private static String describe(CommandStartedEvent event) {
    String name = event.getCommandName();
    BsonValue target = event.getCommand().get(name);
    return target != null && target.isString() ? name + " " + target.asString().getValue() : name;
  }

  /** What was counted so far, per "command collection". */
  public Map<String, Long> snapshot() {
    Map<String, Long> now = new TreeMap<>();
    seen.forEach((what, n) -> now.put(what, n.sum()));
    return now;
  }

  /** All commands counted so far. */
  public long total() {
    return seen.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** What was counted since {@code before} (a {@link #snapshot()}), per command. */
  public Map<String, Long> since(Map<String, Long> before) {
    Map<String, Long> delta = new TreeMap<>();
    snapshot()
        .forEach(
            (what, n) -> {
              long d = n - before.getOrDefault(what, 0L);
              if (d != 0) {
                delta.put(what, d);
              }
            });
    return delta;
  }

  public static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
