package nl.koers.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.koers.platform.config.AppVersion;
import nl.koers.platform.config.AppVersions;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;

/**
 * Refuses outdated apps: a request with an {@value #HEADER} below the minimum answers 426 {@code
 * app-update-required} with the versions and store links in {@code update}, on every operation
 * whose contract declares a 426 answer (so an operation the contract leaves out, such as {@code GET
 * /v1/app-config}, health and metrics, is never refused). It runs before authentication: an old app
 * with a stale token learns to update first. Requests without the header pass (browsers, the
 * dashboard, curl); a header that is not a semantic version is a 400.
 */
public final class AppVersionGate implements Handler<RoutingContext> {

  public static final String HEADER = "X-App-Version";

  private record Checked(Pattern path, String method) {}

  private final List<Checked> checked = new ArrayList<>();
  private final AppVersions versions;

  public AppVersionGate(OpenAPIContract contract, AppVersions versions) {
    this.versions = versions;
    for (Path path : contract.getPaths()) {
      for (Operation operation : path.getOperations()) {
        if (operation.getResponse(426) != null) {
          checked.add(
              new Checked(
                  AllowedMethods.toPattern(path.getName()), operation.getHttpMethod().name()));
        }
      }
    }
  }

  @Override
  public void handle(RoutingContext rc) {
    String sent = rc.request().getHeader(HEADER);
    if (sent == null || !isChecked(rc)) {
      rc.next();
      return;
    }
    Optional<AppVersion> version = AppVersion.parse(sent.trim());
    if (version.isEmpty()) {
      rc.fail(
          Problem.invalid(
              List.of(new Problem.FieldError("header", HEADER, null, "field.pattern"))));
    } else if (versions.refuses(version.get())) {
      rc.fail(updateRequired(versions, sent.trim()));
    } else {
      rc.next();
    }
  }

  private boolean isChecked(RoutingContext rc) {
    String method = rc.request().method().name();
    String path = rc.request().path();
    return checked.stream()
        .anyMatch(c -> c.method().equals(method) && c.path().matcher(path).matches());
  }

  /**
   * The 426 for an app that says it is {@code appVersion}: the request's header, or a device
   * registration's {@code appVersion}.
   */
  public static Problem updateRequired(AppVersions versions, String appVersion) {
    return Problem.of(
            CommonProblem.APP_UPDATE_REQUIRED,
            "problem.app-update-required.detail",
            appVersion,
            versions.minimum().toString())
        .withExtension(
            "update",
            new JsonObject()
                .put("appVersion", appVersion)
                .put("minimumVersion", versions.minimum().toString())
                .put("currentVersion", versions.current().toString())
                .put("stores", stores(versions))
                .getMap());
  }

  /** What {@code GET /v1/app-config} answers. */
  public static JsonObject appConfig(AppVersions versions, Instant now) {
    return new JsonObject()
        .put("minimumVersion", versions.minimum().toString())
        .put("currentVersion", versions.current().toString())
        .put("serverTime", now.toString())
        .put("stores", stores(versions));
  }

  private static JsonArray stores(AppVersions versions) {
    JsonArray stores = new JsonArray();
    versions
        .stores()
        .forEach(
            (platform, url) ->
                stores.add(new JsonObject().put("platform", platform).put("url", url.toString())));
    return stores;
  }
}
