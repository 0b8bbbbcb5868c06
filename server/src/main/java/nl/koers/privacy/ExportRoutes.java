package nl.koers.privacy;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import nl.koers.circle.Circles;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.security.Caller;

/** The young person's own copy of their data: ask, see where it stands, download it or read it. */
public final class ExportRoutes {

  private final Exports exports;

  public ExportRoutes(Exports exports) {
    this.exports = exports;
  }

  /** The texts of a language by its tag ({@code nl}, {@code en}), for a copy built later. */
  public static Circles.Texts texts(String tag) {
    return Language.valueOf(tag.toUpperCase(Locale.ROOT))::text;
  }

  public void requestDataExport(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    String youthId = Requests.youthId(rc);
    exports
        .request(
            caller,
            youthId,
            IdempotentRequests.resourceId(rc, caller.personId()),
            tag(Language.of(rc)))
        .onSuccess(
            export ->
                Replies.json(
                    rc, 202, Map.of("Location", path(export)), json(export, exports.now())))
        .onFailure(rc::fail);
  }

  public void getDataExport(RoutingContext rc) {
    exports
        .status(Callers.of(rc), Requests.youthId(rc), rc.pathParam("exportId"))
        .onComplete(Replies.ok(rc, export -> json(export, exports.now())));
  }

  public void getDataExportFile(RoutingContext rc) {
    exports
        .download(Callers.of(rc), Requests.youthId(rc), rc.pathParam("exportId"), "file")
        .onSuccess(built -> Replies.ok(rc, "application/json", built.json()))
        .onFailure(rc::fail);
  }

  public void getDataExportSummary(RoutingContext rc) {
    Language language = Language.of(rc);
    exports
        .download(Callers.of(rc), Requests.youthId(rc), rc.pathParam("exportId"), "summary")
        .onSuccess(
            built -> {
              String html =
                  SummaryPage.render(
                      new JsonObject(built.json()),
                      built.export().expiresAt().map(Instant::toString).orElse(""),
                      tag(language),
                      language::text);
              rc.response().putHeader("Content-Security-Policy", SummaryPage.POLICY);
              Replies.ok(rc, "text/html; charset=utf-8", html);
            })
        .onFailure(rc::fail);
  }

  private static String tag(Language language) {
    return language.locale().getLanguage();
  }

  private static String path(DataExport export) {
    return "/v1/youth/" + export.youthId() + "/exports/" + export.id();
  }

  /** The status resource; links only while the copy can be downloaded. */
  private static JsonObject json(DataExport export, Instant now) {
    DataExport.Status status = export.statusAt(now);
    boolean ready = status == DataExport.Status.READY;
    return new JsonObject()
        .put("id", export.id())
        .put("youthId", export.youthId())
        .put("status", status.name())
        .put("requestedAt", export.requestedAt().toString())
        .put("readyAt", export.readyAt().map(Instant::toString).orElse(null))
        .put("expiresAt", export.expiresAt().map(Instant::toString).orElse(null))
        .put(
            "links",
            new JsonObject()
                .put("file", ready ? path(export) + "/file" : null)
                .put("summary", ready ? path(export) + "/summary" : null));
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("requestDataExport", this::requestDataExport)
        .on("getDataExport", this::getDataExport)
        .on("getDataExportFile", this::getDataExportFile)
        .on("getDataExportSummary", this::getDataExportSummary);
  }
}
