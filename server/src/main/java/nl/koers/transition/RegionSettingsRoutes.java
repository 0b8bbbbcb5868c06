package nl.koers.transition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;

/** The region admin's checklist template and horizon. */
public final class RegionSettingsRoutes {

  private final RegionSettings settings;

  RegionSettingsRoutes(RegionSettings settings) {
    this.settings = settings;
  }

  public void getChecklistTemplate(RoutingContext rc) {
    String regionId = rc.pathParam("regionId");
    settings
        .template(Callers.of(rc), regionId)
        .onComplete(Replies.ok(rc, template -> template(rc, regionId, template)));
  }

  public void putChecklistTemplate(RoutingContext rc) {
    String regionId = rc.pathParam("regionId");
    List<Checklists.Item> items = new ArrayList<>();
    for (Object entry : Requests.body(rc).getJsonArray("items")) {
      JsonObject item = (JsonObject) entry;
      Map<String, String> title = new LinkedHashMap<>();
      item.getJsonObject("title").forEach(e -> title.put(e.getKey(), (String) e.getValue()));
      items.add(new Checklists.Item(item.getString("id"), title, item.getInteger("monthsFrom18")));
    }
    settings
        .replaceTemplate(Callers.of(rc), regionId, items, ConditionalRequests.expectedVersion(rc))
        .onComplete(Replies.ok(rc, template -> template(rc, regionId, template)));
  }

  public void getRegionHorizon(RoutingContext rc) {
    String regionId = rc.pathParam("regionId");
    settings
        .horizon(Callers.of(rc), regionId)
        .onComplete(Replies.ok(rc, horizon -> horizon(rc, regionId, horizon)));
  }

  public void putRegionHorizon(RoutingContext rc) {
    String regionId = rc.pathParam("regionId");
    settings
        .setHorizon(
            Callers.of(rc),
            regionId,
            Requests.body(rc).getInteger("horizonAge"),
            ConditionalRequests.expectedVersion(rc))
        .onComplete(Replies.ok(rc, horizon -> horizon(rc, regionId, horizon)));
  }

  private static JsonObject template(
      RoutingContext rc, String regionId, RegionSettings.Template template) {
    ConditionalRequests.tag(rc, template.version());
    JsonArray items = new JsonArray();
    for (Checklists.Item item : template.items()) {
      items.add(
          new JsonObject()
              .put("id", item.id())
              .put("title", new JsonObject(new LinkedHashMap<>(item.title())))
              .put("monthsFrom18", item.monthsFrom18()));
    }
    return new JsonObject().put("regionId", regionId).put("items", items);
  }

  private static JsonObject horizon(
      RoutingContext rc, String regionId, RegionSettings.Horizon horizon) {
    ConditionalRequests.tag(rc, horizon.version());
    return new JsonObject().put("regionId", regionId).put("horizonAge", horizon.age());
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getChecklistTemplate", this::getChecklistTemplate)
        .on("putChecklistTemplate", this::putChecklistTemplate)
        .on("getRegionHorizon", this::getRegionHorizon)
        .on("putRegionHorizon", this::putRegionHorizon);
  }
}
