package nl.koers.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads the contract for the validator. vertx-openapi 5.0 refuses media types outside a short list,
 * among them {@code application/problem+json} (RFC 9457) and {@code application/yaml}. The
 * published contract keeps the true types; only the copy handed to the validator names them by a
 * type it accepts with the same parsing rules (JSON for problem details, text for YAML), and a text
 * body's schema is left out of it. Requests never carry these types, so request validation is
 * unchanged. The copy also leaves out {@code servers}: they tell clients where Koers runs (one of
 * them relative, which vertx-openapi refuses), while the server itself answers every path at its
 * root.
 */
public final class ContractDocument {

  public static final Map<String, String> VALIDATOR_MEDIA_TYPES =
      Map.of(
          "application/problem+json", "application/json",
          "application/fhir+json", "application/json",
          "application/yaml", "text/plain",
          "text/csv", "text/plain",
          "text/html", "text/plain",
          "text/javascript", "text/plain",
          "text/css", "text/plain");

  private ContractDocument() {}

  /** Reads a YAML contract from the classpath (or a file) and builds the validator's contract. */
  public static Future<OpenAPIContract> load(Vertx vertx, String path) {
    return vertx
        .fileSystem()
        .readFile(path)
        .map(buffer -> parse(buffer.toString()))
        .compose(json -> OpenAPIContract.from(vertx, forValidator(json)));
  }

  /**
   * The same, keeping only the operations whose tags {@code keep} accepts (a path left without
   * operations is dropped): so one listener's router does not even know another's routes.
   */
  public static Future<OpenAPIContract> load(
      Vertx vertx, String path, Predicate<List<String>> keep) {
    return vertx
        .fileSystem()
        .readFile(path)
        .map(buffer -> onlyOperations(parse(buffer.toString()), keep))
        .compose(json -> OpenAPIContract.from(vertx, forValidator(json)));
  }

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static JsonObject onlyOperations(JsonObject contract, Predicate<List<String>> keep) {
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : Set.copyOf(paths.fieldNames())) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : Set.copyOf(item.fieldNames())) {
        if (METHODS.contains(method)) {
          JsonArray tags = item.getJsonObject(method).getJsonArray("tags", new JsonArray());
          if (!keep.test(tags.stream().map(String::valueOf).toList())) {
            item.remove(method);
          }
        }
      }
      if (item.fieldNames().stream().noneMatch(METHODS::contains)) {
        paths.remove(path);
      }
    }
    return contract;
  }

  /** The YAML text as JSON (safe loading: plain data only). */
  public static JsonObject parse(String yaml) {
    Map<String, Object> data = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return new JsonObject(data);
  }

  /** A copy of the contract whose media types the validator accepts. */
  public static JsonObject forValidator(JsonObject contract) {
    JsonObject copy = contract.copy();
    copy.remove("servers");
    return (JsonObject) rewrite(copy);
  }

  /** The media type under which the validator's copy describes a published media type. */
  public static String validatorMediaType(String published) {
    String bare = published.split(";")[0].trim().toLowerCase();
    return VALIDATOR_MEDIA_TYPES.getOrDefault(bare, bare);
  }

  private static Object rewrite(Object node) {
    if (node instanceof JsonObject object) {
      for (String field : object.fieldNames().toArray(String[]::new)) {
        Object value = rewrite(object.getValue(field));
        if (field.equals("content") && value instanceof JsonObject content) {
          value = renamed(content);
        }
        object.put(field, value);
      }
      return object;
    }
    if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, rewrite(array.getValue(i)));
      }
      return array;
    }
    return node;
  }

  private static JsonObject renamed(JsonObject content) {
    JsonObject result = new JsonObject();
    content.forEach(
        entry -> {
          String type = validatorMediaType(entry.getKey());
          Object media = entry.getValue();
          if (type.startsWith("text/") && media instanceof JsonObject described) {
            // A text body's schema ({type: string}, for generated clients) is one the validator
            // cannot apply to a text body: it checks the media type only.
            media = described.copy();
            ((JsonObject) media).remove("schema");
          }
          result.put(type, media);
        });
    return result;
  }
}
