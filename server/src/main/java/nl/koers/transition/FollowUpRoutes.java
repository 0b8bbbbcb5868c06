package nl.koers.transition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Optional;
import nl.koers.circle.YouthRecords.FollowUpChoice;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;

/** The young adult's follow-up check-ins and their choice about them. */
final class FollowUpRoutes {

  private final FollowUps followUps;

  FollowUpRoutes(FollowUps followUps) {
    this.followUps = followUps;
  }

  void getFollowUp(RoutingContext rc) {
    followUps
        .read(Callers.of(rc), Requests.youthId(rc))
        .onComplete(
            done -> {
              if (done.succeeded()
                  && ConditionalRequests.answeredNotModified(rc, done.result().version())) {
                return;
              }
              Replies.ok(rc, (FollowUps.View view) -> tagged(rc, view)).handle(done);
            });
  }

  void putFollowUp(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    followUps
        .choose(
            Callers.of(rc),
            Requests.youthId(rc),
            FollowUpChoice.Choice.valueOf(body.getString("choice")),
            Optional.ofNullable(body.getString("pausedUntil")).map(LocalDate::parse),
            ConditionalRequests.expectedVersion(rc))
        .onComplete(Replies.ok(rc, view -> tagged(rc, view)));
  }

  Operations operations() {
    return Operations.of()
        .on("getFollowUp", this::getFollowUp)
        .on("putFollowUp", this::putFollowUp);
  }

  private static JsonObject tagged(RoutingContext rc, FollowUps.View view) {
    ConditionalRequests.tag(rc, view.version());
    return json(view);
  }

  private static JsonObject json(FollowUps.View view) {
    JsonArray checkIns = new JsonArray();
    view.checkIns()
        .forEach(
            checkIn ->
                checkIns.add(
                    new JsonObject()
                        .put("name", checkIn.name())
                        .put("on", checkIn.on().toString())
                        .put("state", checkIn.state().name())));
    FollowUpChoice choice = view.choice();
    return new JsonObject()
        .put("youthId", view.youthId())
        .put("careEndsOn", view.careEndsOn().toString())
        .put("regionHorizonAge", view.regionHorizonAge())
        .put("choice", choice.choice().name())
        .put("pausedUntil", choice.pausedUntil().map(LocalDate::toString).orElse(null))
        .put("chosenAt", choice.equals(FollowUpChoice.DEFAULT) ? null : choice.at().toString())
        .put("checkIns", checkIns);
  }
}
