package nl.koers.api;

import io.vertx.ext.web.RoutingContext;
import java.time.YearMonth;
import nl.koers.insights.Insights;
import nl.koers.insights.InsightsViews;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Replies;

/** The region's indicators, as JSON and as CSV. */
public final class InsightsHandlers {

  private final Insights insights;

  public InsightsHandlers(Insights insights) {
    this.insights = insights;
  }

  public void getIndicators(RoutingContext rc) {
    query(rc, "json")
        .onSuccess(report -> Replies.ok(rc, InsightsViews.json(report)))
        .onFailure(rc::fail);
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
        Caller.of(rc), rc.pathParam("regionId"), month(rc, "from"), month(rc, "to"), format);
  }

  private static java.util.Optional<YearMonth> month(RoutingContext rc, String name) {
    return rc.queryParam(name).stream().findFirst().map(YearMonth::parse);
  }
}
