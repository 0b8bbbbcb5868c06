package nl.koers.feedback;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;

/**
 * The young person's own say over their feedback: a pulse they start, and widening who sees an
 * answer. Apart from {@link FeedbackRoutes} so each stays about one thing.
 */
public final class PulseRoutes {

  private final YouthPulses pulses;
  private final SharingChoices sharing;

  public PulseRoutes(YouthPulses pulses, SharingChoices sharing) {
    this.pulses = pulses;
    this.sharing = sharing;
  }

  /** 201 with a new pulse; 200 with the open one already started for this contact and day. */
  public void startPulse(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    String youthId = Requests.youthId(rc);
    pulses
        .start(
            Callers.of(rc),
            youthId,
            body.getString("with"),
            LocalDate.parse(body.getString("day")),
            body.getString("kind", "CONVERSATION"))
        .onSuccess(
            started -> {
              JsonObject view = FeedbackViews.request(started.request(), started.questionnaire());
              if (started.made()) {
                Replies.created(rc, "/v1/youth/" + youthId + "/feedback/requests", view);
              } else {
                Replies.ok(rc, view);
              }
            })
        .onFailure(rc::fail);
  }

  public void widenFeedbackSharing(RoutingContext rc) {
    sharing
        .widen(
            Callers.of(rc),
            Requests.youthId(rc),
            rc.pathParam("feedbackId"),
            Feedback.Sharing.valueOf(Requests.body(rc).getString("sharing")))
        .onComplete(Replies.ok(rc, json -> json));
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("startPulse", this::startPulse)
        .on("widenFeedbackSharing", this::widenFeedbackSharing);
  }
}
