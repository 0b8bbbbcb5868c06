package nl.koers.insights;

import io.vertx.ext.web.RoutingContext;
import java.time.YearMonth;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Replies;
import nl.koers.platform.module.Operations;

/** The region's indicators, as JSON and as CSV. */
public final class InsightsRoutes {

  private final Insights insights;

  public InsightsRoutes(Insights insights) {
    this.insights = insights;
  }

  public void getIndicators(RoutingContext rc) {
    query(rc, "json").onComplete(Replies.ok(rc, report -> InsightsViews.json(report)));
  }

  public void getIndicatorsCsv(RoutingContext rc) {
    query(rc, "csv")
        .onSuccess(
            report ->
                rc.response()
                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"koers-" + report.regionId() + "-indicators.csv\"")
                    .end(InsightsViews.csv(report)))
        .onFailure(rc::fail);
  }

  private io.vertx.core.Future<Insights.Report> query(RoutingContext rc, String format) {
    return insights.query(
        Callers.of(rc), rc.pathParam("regionId"), month(rc, "from"), month(rc, "to"), format);
  }

  private static java.util.Optional<YearMonth> month(RoutingContext rc, String name) {
    return rc.queryParam(name).stream().findFirst().map(YearMonth::parse);
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getIndicators", this::getIndicators)
        .on("getIndicatorsCsv", this::getIndicatorsCsv);
  }
}
