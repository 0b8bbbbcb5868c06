package nl.koers.privacy;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nl.koers.circle.CircleModule;
import nl.koers.feedback.FeedbackModule;
import nl.koers.identity.IdentityModule;
import nl.koers.insights.InsightsModule;
import nl.koers.mentor.MentorModule;
import nl.koers.notify.NotifyModule;
import nl.koers.plan.PlanModule;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.mongo.DataKeys;
import nl.koers.support.SupportModule;
import nl.koers.transition.TransitionModule;

/**
 * What erasing a young person does, as one ordered list: each step is one capability's own part,
 * done by that capability (its store is the only code that knows its documents). Every step may run
 * again after a crash and then finishes what it began (deleting what is deleted changes nothing),
 * so a run broken off anywhere is finished by the next one from the step it reached.
 *
 * <p>The order matters: first the key (once it is gone, sealed texts in backups cannot be opened),
 * then sign-in (nothing new can be written as the person), then the record (nobody's circle shows
 * them; every request about them answers as for nobody), then the facts behind the region's counts
 * (before the feedback they are found by), then everything else.
 */
final class ErasureSteps {

  /** One step: its name (in logs and tests) and what it does to one young person. */
  record Step(String name, Function<ErasureStore.Running, Future<?>> erase) {}

  private final List<Step> steps = new ArrayList<>();

  ErasureSteps(
      IdentityModule identity,
      CircleModule circle,
      NotifyModule notify,
      FeedbackModule feedback,
      PlanModule plan,
      TransitionModule transition,
      MentorModule mentor,
      SupportModule support,
      InsightsModule insights,
      IdempotencyStore retries,
      DataKeys dataKeys,
      ExportStore exports) {
    // The key first: from here on every copy of the young person's texts, in backups and
    // replicas too, is unreadable, whatever the later steps still have to delete.
    step("destroyDataKey", y -> dataKeys.destroy(y.youthId()));
    step("exports", y -> exports.eraseYouth(y.youthId()));
    step(
        "sign-in",
        y ->
            identity
                .accounts()
                .firstSignInsOf(y.youthId())
                .compose(firstSignIns -> forgetFirstSignIns(identity, firstSignIns))
                .compose(v -> identity.accounts().erase(y.youthId()))
                .compose(v -> identity.people().erase(y.youthId()))
                .compose(v -> identity.sessions().forget(y.youthId()))
                .compose(v -> identity.activations().forget(y.youthId())));
    step(
        "devices",
        y ->
            notify
                .devices()
                .forgetPerson(y.youthId())
                .compose(v -> notify.preferences().forget(y.youthId())));
    step("record", y -> circle.records().erase(y.youthId()));
    step("region facts", y -> forgetFacts(feedback, insights, y));
    step("feedback", y -> feedback.feedback().eraseYouth(y.youthId()));
    step("safety signals", y -> feedback.safetySignals().eraseYouth(y.youthId()));
    step("plan", y -> plan.plans().eraseYouth(y.youthId()));
    step("checklist", y -> transition.checklists().eraseYouth(y.youthId()));
    step("conversations", y -> transition.conversations().eraseYouth(y.youthId()));
    step("handovers", y -> transition.handovers().eraseYouth(y.youthId()));
    step("mentor", y -> mentor.mentors().eraseYouth(y.youthId()));
    step("support requests", y -> support.support().eraseYouth(y.youthId()));
    step("consents", y -> circle.consentLog().eraseYouth(y.youthId()));
    step("notifications", y -> notify.notifications().forgetPerson(y.youthId()));
    step("retries", y -> retries.forgetYouth(y.youthId()));
    step(
        "access log",
        y ->
            circle
                .accessLog()
                .pseudonymise(y.youthId(), y.pseudonym())
                .compose(v -> circle.securityLog().pseudonymise(y.youthId(), y.pseudonym())));
  }

  List<Step> all() {
    return List.copyOf(steps);
  }

  private void step(String name, Function<ErasureStore.Running, Future<?>> erase) {
    steps.add(new Step(name, erase));
  }

  /**
   * The young person's own data key, destroyed first: what is sealed with it (in the database and
   * in every backup) can then never be opened again.
   */
  /**
   * The people a Firebase sign-in made before its account was linked to the young person (the blank
   * person of a first sign-in, named as in Firebase), with their sessions; only while they hold no
   * role, so nobody else's person is ever touched.
   */
  private static Future<Void> forgetFirstSignIns(IdentityModule identity, List<String> people) {
    Future<Void> chain = Future.succeededFuture();
    for (String personId : people) {
      chain =
          chain.compose(
              v ->
                  identity
                      .people()
                      .find(personId)
                      .compose(
                          found ->
                              found.isPresent() && found.get().regionRoles().isEmpty()
                                  ? identity
                                      .people()
                                      .erase(personId)
                                      .compose(w -> identity.sessions().forget(personId))
                                  : Future.succeededFuture()));
    }
    return chain;
  }

  /** The region's counts stay; which facts were the young person's is forgotten. */
  private static Future<Void> forgetFacts(
      FeedbackModule feedback, InsightsModule insights, ErasureStore.Running youth) {
    if (youth.regionId() == null) {
      return Future.succeededFuture();
    }
    return Future.all(
            feedback.feedback().idsAbout(youth.youthId()),
            feedback.safetySignals().idsAbout(youth.youthId()))
        .compose(
            ids -> {
              List<String> sources = new ArrayList<>(ids.<List<String>>resultAt(0));
              sources.addAll(ids.<List<String>>resultAt(1));
              return insights.insights().forgetFactsOf(youth.regionId(), sources);
            });
  }
}
