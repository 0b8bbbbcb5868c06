package nl.koers.contract;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The contract with every example of {@code examples/} placed on its operation's response, so a
 * mock server (Prism) answers app developers with the same real-looking data the example checks
 * hold to the contract. The examples stay the one place they are written; this copy is built by
 * {@code mvn verify} into {@code target/koers-mock.json} and never edited by hand.
 */
public final class MockContract {

  static final Path CONTRACT = Path.of("..", "openapi", "koers.yaml");
  static final Path EXAMPLES = Path.of("examples");
  static final Path OUTPUT = Path.of("target", "koers-mock.json");

  private MockContract() {}

  /** Writes the mock contract; the one argument is the module's folder (Maven's basedir). */
  public static void main(String[] args) throws IOException {
    Path base = Path.of(args.length > 0 ? args[0] : ".");
    Path output = base.resolve(OUTPUT);
    Files.createDirectories(output.getParent());
    Files.writeString(
        output, build(base.resolve(CONTRACT), base.resolve(EXAMPLES)).encodePrettily());
  }

  /** The contract with the examples added; the operation's main example first (Prism's pick). */
  static JsonObject build(Path contractFile, Path examplesDir) throws IOException {
    JsonObject contract = ContractDocument.parse(Files.readString(contractFile));
    for (Path file : exampleFiles(examplesDir)) {
      JsonObject example = new JsonObject(Files.readString(file));
      String name = file.getFileName().toString().replaceFirst("\\.json$", "");
      JsonObject response = example.getJsonObject("response");
      JsonObject operation = operation(contract, example.getString("operationId"));
      if (operation == null || response.getString("contentType") == null) {
        continue; // no operation: ExamplesMatchContractTest says so; no body: nothing to mock
      }
      JsonObject declared = declaredResponse(contract, operation, response.getInteger("status"));
      JsonObject media =
          declared
              .getJsonObject("content", new JsonObject())
              .getJsonObject(response.getString("contentType").split(";")[0].trim());
      if (media == null) {
        continue;
      }
      Object value =
          response.containsKey("body") ? response.getValue("body") : response.getValue("text");
      JsonObject examples = media.getJsonObject("examples");
      if (examples == null) {
        examples = new JsonObject();
        media.put("examples", examples);
      }
      examples.put(
          name, new JsonObject().put("summary", example.getString("summary")).put("value", value));
    }
    return contract;
  }

  /** Sorted so that {@code op.json} comes before {@code op.situation.json}. */
  private static List<Path> exampleFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.toString().endsWith(".json"))
          .sorted(
              (a, b) ->
                  a.getFileName()
                      .toString()
                      .replaceFirst("\\.json$", "")
                      .compareTo(b.getFileName().toString().replaceFirst("\\.json$", "")))
          .toList();
    }
  }

  private static JsonObject operation(JsonObject contract, String operationId) {
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation
            && operationId.equals(operation.getString("operationId"))) {
          return operation;
        }
      }
    }
    return null;
  }

  /**
   * The response the operation declares for this status (or its default), made local: a shared
   * {@code $ref} response is copied in, since examples differ per operation.
   */
  private static JsonObject declaredResponse(
      JsonObject contract, JsonObject operation, int status) {
    JsonObject responses = operation.getJsonObject("responses");
    String key = responses.containsKey(String.valueOf(status)) ? String.valueOf(status) : "default";
    JsonObject response = responses.getJsonObject(key);
    if (response == null) {
      response = new JsonObject();
      responses.put(key, response);
    }
    String ref = response.getString("$ref");
    if (ref != null) {
      String[] parts = ref.replaceFirst("^#/", "").split("/");
      JsonObject target = contract;
      for (String part : parts) {
        target = target.getJsonObject(part);
      }
      response = target.copy();
      responses.put(key, response);
    }
    return response;
  }
}
