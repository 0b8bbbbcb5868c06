package nl.koers.insights;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A report as JSON and as CSV; suppressed cells carry no n and no values, months not published yet
 * no cells at all (JSON lists them with the moment they will be).
 */
public final class InsightsViews {

  private InsightsViews() {}

  public static JsonObject json(Insights.Report report) {
    JsonArray indicators = new JsonArray();
    for (Indicator indicator : Indicator.values()) {
      indicators.add(
          new JsonObject()
              .put("id", indicator.id())
              .put("shape", indicator.shape().name())
              .put("title", new JsonObject(new java.util.HashMap<>(indicator.title()))));
    }
    return new JsonObject()
        .put("regionId", report.regionId())
        .put("from", report.from().toString())
        .put("to", report.to().toString())
        .put("publicationDay", PublishedIndicators.PUBLISHED_FROM_DAY)
        .put("months", months(report))
        .put("synthetic", report.synthetic())
        .put("suppressionThreshold", Publication.THRESHOLD)
        .put("purpose", Insights.PURPOSE)
        .put("indicators", indicators)
        .put("cells", cells(bands(report.region())))
        .put(
            "organisations",
            new JsonObject()
                .put("minProfessionals", Publication.MIN_PROFESSIONALS)
                .put("cells", cells(organisations(report.region()))))
        .put(
            "comparison",
            new JsonObject()
                .put("regions", report.regionsCompared())
                .put("minRegions", Publication.MIN_REGIONS)
                .put("cells", cells(report.allRegions())));
  }

  private static JsonArray months(Insights.Report report) {
    JsonArray months = new JsonArray();
    for (PublishedIndicators.MonthStatus month : report.months()) {
      months.add(
          new JsonObject()
              .put("month", month.month().toString())
              .put("published", month.published())
              .put("publishedFrom", month.publishedFrom().toString()));
    }
    return months;
  }

  private static List<Publication.Cell> bands(List<Publication.Cell> cells) {
    return cells.stream().filter(c -> c.organisation().isEmpty()).toList();
  }

  private static List<Publication.Cell> organisations(List<Publication.Cell> cells) {
    return cells.stream().filter(c -> c.organisation().isPresent()).toList();
  }

  private static JsonArray cells(List<Publication.Cell> cells) {
    JsonArray array = new JsonArray();
    for (Publication.Cell cell : cells) {
      JsonObject json =
          new JsonObject()
              .put("indicator", cell.indicator().id())
              .put("month", cell.month())
              .put("audience", cell.audience().name())
              .put("band", cell.band());
      cell.organisation().ifPresent(o -> json.put("organisation", o));
      array.add(
          json.put("suppressed", cell.suppressed())
              .put("n", cell.n().orElse(null))
              .put("value", cell.value().orElse(null))
              .put("detail", cell.detail().map(JsonObject::new).orElse(null)));
    }
    return array;
  }

  public static String csv(Insights.Report report) {
    StringBuilder csv =
        new StringBuilder(
            "scope,indicator,month,audience,band,organisation,n,suppressed,value\r\n");
    rows(csv, report.regionId(), report.region());
    rows(csv, "all-regions", report.allRegions());
    return csv.toString();
  }

  private static void rows(StringBuilder csv, String scope, List<Publication.Cell> cells) {
    for (Publication.Cell cell : cells) {
      csv.append(
              String.join(
                  ",",
                  scope,
                  cell.indicator().id(),
                  cell.month(),
                  cell.audience().name(),
                  cell.band(),
                  cell.organisation().orElse(""),
                  cell.n().map(String::valueOf).orElse(""),
                  Boolean.toString(cell.suppressed()),
                  cell.value().map(String::valueOf).orElse("")))
          .append("\r\n");
    }
  }
}
