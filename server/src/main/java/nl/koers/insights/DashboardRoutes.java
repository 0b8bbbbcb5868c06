package nl.koers.insights;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import nl.koers.platform.module.Operations;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;

/**
 * The region dashboard's static files, from the server's own classpath: its page, script and style
 * sheet, and Chart.js with its licences (copied into the jar by the build from npm, pinned).
 */
public final class DashboardRoutes {

  private static final String ROOT = "region/";
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "txt", "text/plain; charset=utf-8");

  private final Vertx vertx;

  public DashboardRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  public void page(RoutingContext rc) {
    serve(rc, "index.html");
  }

  public void asset(RoutingContext rc) {
    serve(rc, rc.pathParam("asset"));
  }

  public void licence(RoutingContext rc) {
    serve(rc, "licences/" + rc.pathParam("licence"));
  }

  private void serve(RoutingContext rc, String name) {
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    vertx
        .fileSystem()
        .readFile(ROOT + name)
        .onSuccess(file -> rc.response().putHeader("Content-Type", type).end(file))
        .onFailure(e -> rc.fail(Problem.of(CommonProblem.NOT_FOUND)));
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getDashboard", this::page)
        .on("getDashboardAsset", this::asset)
        .on("getDashboardLicence", this::licence);
  }
}
