package nl.koers.feedback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.CareCircle;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Permission;
import nl.koers.circle.Youth;
import nl.koers.feedback.Feedback.Sharing;
import nl.koers.feedback.FeedbackFacts.Fact;
import nl.koers.feedback.FeedbackRecord.Task;
import nl.koers.notify.NotificationIntent;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * The young person may later widen who sees one of their own answers (nobody → the region's counts
 * → the professional too), never narrow it: what a professional may have read cannot be taken back
 * without them knowing, so a narrower choice is refused rather than done quietly. Each change is a
 * line on the consent history. Widening does what answering with that choice would have done: from
 * "nobody" the answer now counts for the region (in the month it was widened); shared with the
 * professional, an answer that asks for a reply opens the reply task now, due from now - the young
 * person now wants an answer, however long ago they answered. It works on any answered feedback
 * record of theirs, questionnaire or not (one without a questionnaire always asks for a reply).
 */
public final class SharingChoices {

  private final CareCircle circle;
  private final Questionnaires questionnaires;
  private final FeedbackStore store;
  private final int replyWorkingDays;
  private final Clock clock;

  public SharingChoices(
      CareCircle circle,
      Questionnaires questionnaires,
      FeedbackStore store,
      int replyWorkingDays,
      Clock clock) {
    this.circle = circle;
    this.questionnaires = questionnaires;
    this.store = store;
    this.replyWorkingDays = replyWorkingDays;
    this.clock = clock;
  }

  /** The young person's new choice for one of their own answers; the feedback as it is now. */
  public Future<JsonObject> widen(Caller caller, String youthId, String feedbackId, Sharing to) {
    Instant now = clock.instant();
    String resource = "youth/" + youthId + "/feedback/" + feedbackId + "/sharing";
    return circle
        .authorize(caller, youthId, Permission.WIDEN_FEEDBACK_SHARING, resource)
        .compose(
            grant ->
                store
                    .find(feedbackId)
                    .compose(
                        found -> {
                          FeedbackRecord feedback =
                              found
                                  .filter(f -> youthId.equals(f.youthId()))
                                  .filter(f -> caller.personId().equals(f.respondentId()))
                                  .filter(f -> f.sharing().isPresent())
                                  .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
                          return questionnaires
                              .find(feedback.questionnaireId())
                              .compose(q -> change(grant.youth(), feedback, q, to, now));
                        }));
  }

  private Future<JsonObject> change(
      Youth youth,
      FeedbackRecord feedback,
      Optional<Questionnaire> questionnaire,
      Sharing to,
      Instant now) {
    Sharing from = feedback.sharing().orElseThrow();
    if (to == from) {
      return Future.succeededFuture(
          FeedbackViews.feedbackJson(feedback, questionnaire.orElse(null)));
    }
    if (to.reach() < from.reach()
        || from == Sharing.ADDRESSEE_ONLY
        || to == Sharing.ADDRESSEE_ONLY) {
      return Future.failedFuture(Problem.of(PulseProblem.SHARING_NOT_WIDER));
    }
    ConsentLog.Entry consent =
        ConsentLog.Entry.of(
            youth,
            now,
            youth.id(),
            CareCircle.SELF,
            ConsentLog.Decision.FEEDBACK_SHARING,
            feedback.id(),
            Optional.empty(),
            List.of(from.name()),
            List.of(to.name()));
    List<NotificationIntent> tell = new ArrayList<>();
    Optional<Task> task =
        to == Sharing.SHARE_WITH_PROFESSIONAL
                && feedback.task().isEmpty()
                && asksForAReply(feedback, questionnaire)
            ? Feedback.replyTask(youth, feedback, replyWorkingDays, now, tell)
            : Optional.empty();
    return store
        .widenSharing(
            feedback.id(),
            from,
            to,
            consent,
            facts(youth, feedback, questionnaire, from, to, now),
            task,
            tell)
        .map(widened -> widened.orElseThrow(() -> Problem.of(CommonProblem.CONFLICT)))
        .map(widened -> FeedbackViews.feedbackJson(widened, questionnaire.orElse(null)));
  }

  /**
   * What the region now counts: the whole answer when it counted nowhere, else that it is shared.
   */
  private static List<Fact> facts(
      Youth youth,
      FeedbackRecord feedback,
      Optional<Questionnaire> questionnaire,
      Sharing from,
      Sharing to,
      Instant now) {
    if (from == Sharing.NOBODY) {
      return questionnaire
          .map(
              q ->
                  FeedbackFacts.countable(
                      feedback,
                      to,
                      FeedbackFacts.answered(
                          feedback, q, feedback.answers(), to, youth.dateOfBirth(), now)))
          .orElse(List.of());
    }
    return to == Sharing.SHARE_WITH_PROFESSIONAL ? FeedbackFacts.sharedLater(feedback) : List.of();
  }

  private static boolean asksForAReply(
      FeedbackRecord feedback, Optional<Questionnaire> questionnaire) {
    return questionnaire.map(q -> Answers.asksForAReply(q, feedback.answers())).orElse(true);
  }
}
