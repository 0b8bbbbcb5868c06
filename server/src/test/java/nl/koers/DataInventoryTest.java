package nl.koers;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.koers.platform.mongo.QueryShapes;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/data-inventory.md} is what Koers tells a young person, a region and a privacy officer
 * about the data it keeps; it is only worth something while it names exactly what the code keeps.
 * So the running server is held to it: every collection the assembled modules declare, and every
 * collection the database holds once dev mode has seeded and a background round has run (some are
 * made on first write), must have a row under its "Collections" heading, and every row there must
 * be a collection that exists. Each row must also say how long the data is kept and how it is kept
 * at rest: an inventory that leaves those open has not answered the question.
 */
class DataInventoryTest extends KoersApiTest {

  static final String INVENTORY = "docs/data-inventory.md";

  private static final Pattern ROW_NAME = Pattern.compile("^`([A-Za-z][A-Za-z0-9_]*)`$");

  /** A collection's row: the collection and the cells under each column heading (lower case). */
  record Row(String collection, Map<String, String> cells) {}

  @Test
  void everyCollectionKoersKeepsHasARowAndEveryRowIsACollectionKoersKeeps() throws IOException {
    koers.runBackgroundNow();

    List<String> mismatches =
        mismatches(declaredCollections(), collectionsInTheDatabase(), rowsOf(inventory()));

    assertThat(mismatches).as("the data inventory and the database disagree").isEmpty();
  }

  @Test
  void everyRowSaysHowLongTheDataIsKeptAndHowItIsKeptAtRest() throws IOException {
    List<Row> rows = rowsOf(inventory());

    assertThat(rows).as("rows under the Collections heading of " + INVENTORY).isNotEmpty();
    assertThat(unanswered(rows)).as("rows that leave retention or encryption open").isEmpty();
  }

  @Test
  void aCollectionMissingFromEitherSideIsNamedWithTheSideItIsMissingFrom() {
    String planted =
        String.join(
            "\n",
            "# Inventory",
            "## Collections",
            "### identity",
            "| collection | holds | retention | at rest |",
            "|---|---|---|---|",
            "| `persons` | names | not enforced yet | plain |",
            "| `pagers` | an old idea | 30 days | plain |",
            "| `accounts` | uids |  | plain |",
            "## Retention table",
            "| `messages` | not a row of the inventory | forever | sealed |");

    List<Row> rows = rowsOf(planted);
    List<String> mismatches =
        mismatches(
            Set.of("persons", "accounts", "devices"), Set.of("persons", "accounts", "lazy"), rows);

    assertThat(rows).extracting(Row::collection).containsExactly("persons", "pagers", "accounts");
    assertThat(mismatches)
        .containsExactlyInAnyOrder(
            "`devices` is declared by a module but has no row in " + INVENTORY,
            "`lazy` is in the database but has no row in " + INVENTORY,
            INVENTORY
                + " has a row for `pagers`, which no module declares and the database"
                + " does not hold");
    assertThat(unanswered(rows)).containsExactly("`accounts` has no retention");
  }

  /** What is on one side and not on the other, each saying which side it is missing from. */
  static List<String> mismatches(Set<String> declared, Set<String> present, List<Row> rows) {
    Set<String> named = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (Row row : rows) {
      if (!named.add(row.collection())) {
        problems.add(INVENTORY + " has two rows for `" + row.collection() + "`");
      }
    }
    new TreeSet<>(declared)
        .stream()
            .filter(name -> !named.contains(name))
            .forEach(
                name ->
                    problems.add(
                        "`" + name + "` is declared by a module but has no row in " + INVENTORY));
    new TreeSet<>(present)
        .stream()
            .filter(name -> !named.contains(name) && !declared.contains(name))
            .forEach(
                name ->
                    problems.add(
                        "`" + name + "` is in the database but has no row in " + INVENTORY));
    named.stream()
        .filter(name -> !declared.contains(name) && !present.contains(name))
        .forEach(
            name ->
                problems.add(
                    INVENTORY
                        + " has a row for `"
                        + name
                        + "`, which no module declares"
                        + " and the database does not hold"));
    return problems;
  }

  /** The rows whose retention or encryption-at-rest cell is missing or empty. */
  static List<String> unanswered(List<Row> rows) {
    List<String> problems = new ArrayList<>();
    for (Row row : rows) {
      for (String column : List.of("retention", "at rest")) {
        if (row.cells().getOrDefault(column, "").isBlank()) {
          problems.add("`" + row.collection() + "` has no " + column);
        }
      }
    }
    return problems;
  }

  /**
   * The rows of the tables under the "Collections" heading (up to the next heading of its level):
   * each row whose first cell is a backticked collection name, with its cells by column heading.
   */
  static List<Row> rowsOf(String markdown) {
    List<Row> rows = new ArrayList<>();
    List<String> headings = List.of();
    boolean inCollections = false;
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("## ")) {
        inCollections = line.equals("## Collections");
      } else if (inCollections && line.startsWith("|")) {
        List<String> cells = cells(line);
        if (i + 1 < lines.length && lines[i + 1].strip().startsWith("|---")) {
          headings = cells.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList();
          continue;
        }
        Matcher name = ROW_NAME.matcher(cells.isEmpty() ? "" : cells.get(0));
        if (name.matches()) {
          rows.add(new Row(name.group(1), byHeading(headings, cells)));
        }
      }
    }
    return rows;
  }

  private static Map<String, String> byHeading(List<String> headings, List<String> cells) {
    Map<String, String> byHeading = new LinkedHashMap<>();
    for (int i = 0; i < headings.size() && i < cells.size(); i++) {
      byHeading.put(headings.get(i), cells.get(i));
    }
    return byHeading;
  }

  /** The cells of a table row (no escaped pipes in this document). */
  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  private Set<String> declaredCollections() {
    QueryShapes recording =
        QueryShapes.recording()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "run with -D" + QueryShapes.ENABLED_PROPERTY + "=true (the build does)"));
    Set<String> declared = recording.declared(database).keySet();
    assertThat(declared).as("collections the modules declared").isNotEmpty();
    return declared;
  }

  private Set<String> collectionsInTheDatabase() {
    try (MongoClient client = MongoClients.create(backend.uri())) {
      return new TreeSet<>(await(mongo.list(client.getDatabase(database).listCollectionNames())));
    }
  }

  private static String inventory() throws IOException {
    return Files.readString(repository().resolve(INVENTORY));
  }

  private static Path repository() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository above " + Path.of("").toAbsolutePath());
  }
}
