package nl.koers.platform.http;

import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Which methods the contract allows on a path, for the {@code Allow} header of a 405. */
public final class AllowedMethods {

  private record PathMethods(Pattern pattern, Set<String> methods) {}

  private final List<PathMethods> paths = new ArrayList<>();

  public AllowedMethods(OpenAPIContract contract) {
    for (Path path : contract.getPaths()) {
      Set<String> methods = new TreeSet<>();
      for (Operation operation : path.getOperations()) {
        methods.add(operation.getHttpMethod().name());
      }
      paths.add(new PathMethods(toPattern(path.getName()), methods));
    }
  }

  /** Comma-separated methods for the path, as the {@code Allow} header wants them. */
  public String forPath(String requestPath) {
    Set<String> allowed = new TreeSet<>();
    for (PathMethods candidate : paths) {
      if (candidate.pattern().matcher(requestPath).matches()) {
        allowed.addAll(candidate.methods());
      }
    }
    return String.join(", ", allowed);
  }

  static Pattern toPattern(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
