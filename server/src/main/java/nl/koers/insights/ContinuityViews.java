package nl.koers.insights;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** The continuity monitor as JSON ({@code ContinuityReport}); a suppressed cell has no n. */
public final class ContinuityViews {

  private ContinuityViews() {}

  public static JsonObject json(Continuity.Report report) {
    JsonArray organisations = new JsonArray();
    for (Map.Entry<String, List<ContinuityCells.Cells>> entry : report.organisations().entrySet()) {
      organisations.add(
          new JsonObject()
              .put("organisation", entry.getKey())
              .put("months", months(entry.getValue())));
    }
    return new JsonObject()
        .put("regionId", report.regionId())
        .put("asOf", report.asOf().toString())
        .put("suppressionThreshold", Publication.THRESHOLD)
        .put("months", months(report.months()))
        .put("organisations", organisations);
  }

  private static JsonArray months(List<ContinuityCells.Cells> months) {
    JsonArray list = new JsonArray();
    for (ContinuityCells.Cells month : months) {
      JsonObject view = new JsonObject().put("month", month.month().toString());
      month
          .byMeasure()
          .forEach(
              (measure, n) ->
                  view.put(
                      measure.field,
                      new JsonObject().put("suppressed", n.isEmpty()).put("n", n.orElse(null))));
      list.add(view);
    }
    return list;
  }
}
