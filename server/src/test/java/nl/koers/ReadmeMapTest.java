package nl.koers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's map is the code's map: README.md and docs/*.md name only packages, classes, folders
 * and files that exist, point to nothing outside the repository, and the README's module table
 * lists every capability folder and every module. What counts as a name:
 *
 * <ul>
 *   <li>a Java package {@code nl.koers.x.y} (optionally followed by a class), anywhere in the text;
 *   <li>a backticked class name: UpperCamel with a lower-case letter ({@code `CareCircle`}, not
 *       {@code `P30D`}; a library class only if listed in LIBRARY_CLASSES), optionally with a
 *       member ({@code `CareCircle.authorize`}, which must occur in that class's source) or a
 *       suffix ({@code `…Store`}, which some class must end with);
 *   <li>a backticked path ({@code `circle/AgeRules.java`}, {@code `platform/http/`}), found from
 *       the repository, from {@code server/src/main/java/nl/koers/} (and its {@code platform/}), or
 *       from {@code server/src/main/resources/}; build output ({@code target/}, {@code
 *       node_modules}) and runtime paths ({@code ./data}) are not checked;
 *   <li>a relative Markdown link, which must reach a file inside the repository.
 * </ul>
 *
 * Classes are looked up in every Java source tree of the repository (main and test: the README also
 * names test helpers and benchmarks).
 */
class ReadmeMapTest {

  /** Pointers that only work beside the project, never in a clone. */
  static final List<String> OUTSIDE_THE_REPOSITORY =
      List.of("../shared", "DESIGN.md", "seeds/", "/work/");

  /** Classes of the libraries Koers is built on that the README names as such. */
  static final Set<String> LIBRARY_CLASSES = Set.of("RoutingContext");

  private static final Pattern PACKAGE =
      Pattern.compile("\\bnl\\.koers((?:\\.[a-z][a-z0-9]*)+)(?:\\.([A-Z][A-Za-z0-9]*))?");
  private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
  private static final Pattern CLASS =
      Pattern.compile(
          "(?=[A-Z][A-Za-z0-9]*[a-z])([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*)"
              + "(?:\\.([A-Za-z_][A-Za-z0-9_]*))?(?:\\(.*\\))?");
  private static final Pattern SUFFIX = Pattern.compile("…([A-Z][A-Za-z0-9]*)");
  private static final Pattern PATH =
      Pattern.compile("\\.?[a-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9._-]+)*/?");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)(?:#[^)]*)?\\)");

  private static Path repo;
  private static Map<String, List<Path>> classes;
  private static Set<String> packages;

  @BeforeAll
  static void indexTheSources() throws IOException {
    repo = findRepository();
    classes = new HashMap<>();
    packages = new TreeSet<>();
    for (Path root : sourceRoots()) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.toList()) {
          String relative = root.relativize(file).toString().replace('\\', '/');
          if (Files.isDirectory(file)) {
            packages.add(relative.replace('/', '.'));
          } else if (relative.endsWith(".java")) {
            String name = file.getFileName().toString().replaceFirst("\\.java$", "");
            classes.computeIfAbsent(name, n -> new ArrayList<>()).add(file);
          }
        }
      }
    }
  }

  @Test
  void theReadmeAndTheDocsNameOnlyWhatExists() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path doc : documents()) {
      for (String problem : problemsIn(Files.readString(doc), doc.getParent())) {
        problems.add(repo.relativize(doc) + ": " + problem);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theReadmeListsEveryCapabilityAndEveryModule() throws IOException {
    String readme = Files.readString(repo.resolve("README.md"));
    Path base = repo.resolve("server/src/main/java/nl/koers");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> folders = Files.list(base)) {
      folders
          .filter(Files::isDirectory)
          .map(f -> f.getFileName().toString())
          .filter(name -> !name.equals("platform"))
          .filter(name -> !readme.contains("`" + name + "/`"))
          .forEach(name -> missing.add("capability folder `" + name + "/`"));
    }
    try (Stream<Path> files = Files.walk(base)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith("Module.java") && !name.equals("KoersModule.java"))
          .map(name -> name.replaceFirst("\\.java$", ""))
          .filter(name -> !readme.contains("`" + name + "`"))
          .forEach(name -> missing.add("module `" + name + "`"));
    }
    assertThat(missing).as("the README's module map lacks").isEmpty();
  }

  @Test
  void aNameThatDoesNotExistIsCaught() {
    String planted =
        String.join(
            "\n",
            "The handlers live in nl.koers.api.FeedbackHandlers (package nl.koers.billing).",
            "`NotifyVerticle` runs the relay; `CareCircle.authorizeEverything` decides.",
            "Invoices are in `billing/`, the handlers in `circle/CircleHandlers.java`.",
            "Each capability has its `…Repository`.",
            "See the brief in [DESIGN](../../shared/DESIGN.md) and `../shared/seeds/`.",
            "Policy: [the table](POLICY-OLD.md).");

    List<String> problems = problemsIn(planted, repo.resolve("docs"));

    assertThat(String.join("\n", problems))
        .contains("nl.koers.api")
        .contains("nl.koers.billing")
        .contains("NotifyVerticle")
        .contains("authorizeEverything")
        .contains("billing/")
        .contains("circle/CircleHandlers.java")
        .contains("…Repository")
        .contains("../shared")
        .contains("DESIGN.md")
        .contains("seeds/")
        .contains("POLICY-OLD.md");
  }

  @Test
  void namesThatExistPass() {
    String fine =
        String.join(
            "\n",
            "Keys: nl.koers.identity.SigningKeysTool; benchmarks in nl.koers.bench.",
            "`CareCircle.authorize`, `SessionChecks.CACHE_WINDOW`, `Replies`, `…Store`, `Dockerfile`.",
            "`circle/AgeRules.java`, `platform/crypto/FieldCipher`, `platform/http/`, `identity/`,",
            "`openapi/koers.yaml`, `server/src/main/resources/region/`, `server/target/x.md`.",
            "```bash",
            "java -cp server/target/koers-server.jar nl.koers.platform.crypto.DataKeyTool `x`",
            "```",
            "[policy](POLICY.md), [the contract](../openapi/koers.yaml), [web](https://example.org).");

    assertThat(problemsIn(fine, repo.resolve("docs"))).isEmpty();
  }

  /**
   * What in {@code text} (a Markdown document in {@code dir}) names something that is not there.
   */
  static List<String> problemsIn(String text, Path dir) {
    List<String> problems = new ArrayList<>();
    for (String pointer : OUTSIDE_THE_REPOSITORY) {
      if (text.contains(pointer)) {
        problems.add("points outside the repository: " + pointer);
      }
    }
    Matcher pkg = PACKAGE.matcher(text);
    while (pkg.find()) {
      String name = "nl.koers" + pkg.group(1);
      if (!packages.contains(name)) {
        problems.add("no package " + name);
      } else if (pkg.group(2) != null && !classIn(name, pkg.group(2))) {
        problems.add("no class " + name + "." + pkg.group(2));
      }
    }
    Matcher code = CODE.matcher(FENCE.matcher(text).replaceAll(""));
    while (code.find()) {
      String token = code.group(1).trim();
      problemOf(token, dir).ifPresent(problems::add);
    }
    Matcher link = LINK.matcher(text);
    while (link.find()) {
      String target = link.group(1);
      if (target.matches("^[a-z]+:.*")) {
        continue;
      }
      Path resolved = dir.resolve(target).normalize();
      if (!resolved.startsWith(repo) || !Files.exists(resolved)) {
        problems.add("link to nothing in the repository: " + target);
      }
    }
    return problems;
  }

  private static Optional<String> problemOf(String token, Path dir) {
    Matcher cls = CLASS.matcher(token);
    if (cls.matches()) {
      String name = cls.group(1);
      List<Path> files = classes.getOrDefault(name, List.of());
      if (files.isEmpty() && LIBRARY_CLASSES.contains(name)) {
        return Optional.empty();
      }
      if (files.isEmpty()) {
        return Files.isRegularFile(repo.resolve(name))
            ? Optional.empty()
            : Optional.of("no class `" + token + "`");
      }
      String member = cls.group(2);
      if (member != null && files.stream().noneMatch(f -> mentions(f, member))) {
        return Optional.of("no member `" + token + "`");
      }
      return Optional.empty();
    }
    Matcher suffix = SUFFIX.matcher(token);
    if (suffix.matches()) {
      String end = suffix.group(1);
      return classes.keySet().stream().anyMatch(n -> n.endsWith(end) && !n.equals(end))
          ? Optional.empty()
          : Optional.of("no class named `" + token + "`");
    }
    if (PATH.matcher(token).matches() && token.contains("/") && isCheckedPath(token)) {
      return pathExists(token, dir)
          ? Optional.empty()
          : Optional.of("no file or folder `" + token + "`");
    }
    return Optional.empty();
  }

  private static boolean isCheckedPath(String token) {
    return !token.startsWith("./") && !token.contains("target/") && !token.contains("node_modules");
  }

  private static boolean pathExists(String token, Path dir) {
    boolean folder = token.endsWith("/");
    List<Path> bases =
        List.of(
            repo,
            dir,
            repo.resolve("server/src/main/java/nl/koers"),
            repo.resolve("server/src/main/java/nl/koers/platform"),
            repo.resolve("server/src/main/resources"));
    for (Path base : bases) {
      Path path = base.resolve(token).normalize();
      if (folder ? Files.isDirectory(path) : Files.exists(path)) {
        return true;
      }
      if (!folder && Files.isRegularFile(base.resolve(token + ".java"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean classIn(String pkg, String name) {
    String folder = pkg.replace('.', '/');
    return classes.getOrDefault(name, List.of()).stream()
        .anyMatch(f -> f.getParent().toString().replace('\\', '/').endsWith(folder));
  }

  private static boolean mentions(Path file, String member) {
    try {
      return Pattern.compile("\\b" + Pattern.quote(member) + "\\b")
          .matcher(Files.readString(file))
          .find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(repo.resolve("README.md")));
    try (Stream<Path> files = Files.list(repo.resolve("docs"))) {
      docs.addAll(files.filter(f -> f.toString().endsWith(".md")).sorted().toList());
    }
    return docs;
  }

  private static List<Path> sourceRoots() {
    return Stream.of(
            "server/src/main/java",
            "server/src/test/java",
            "openapi/src/main/java",
            "mobile-contract/src/test/java",
            "load/src/test/java")
        .map(repo::resolve)
        .filter(Files::isDirectory)
        .collect(Collectors.toList());
  }

  private static Path findRepository() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("openapi"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository above " + Path.of("").toAbsolutePath());
  }
}
