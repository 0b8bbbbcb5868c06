package nl.koers.feedback;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.feedback.FeedbackRecord.Answer;
import nl.koers.insights.Facts;
import nl.koers.insights.Indicator;

/**
 * What feedback and safety signals add to the region's indicators. The cell (month, audience, age
 * band) of a request is fixed when it is made and stored with it, so its answer counts in the same
 * cell as the request.
 */
final class FeedbackFacts {

  /** Hours beyond this land in the last bucket of a duration histogram (30 days). */
  static final long LONGEST_HOURS = 720;

  /**
   * A fact: counters to add to one cell of one indicator; {@code id} makes counting it twice
   * impossible. Recorded in the same write as the change it describes.
   */
  record Fact(String id, InsightsCell cell, Indicator indicator, Map<String, Long> counters) {}

  private FeedbackFacts() {}

  /** Where a request counts: stored on the request. */
  static InsightsCell cell(
      String regionId,
      Instant at,
      String band,
      Questionnaire.Audience audience,
      Optional<String> aboutHelpOf) {
    return new InsightsCell(
        regionId,
        Facts.month(at),
        band,
        switch (audience) {
          case PARENT -> Facts.Audience.PARENT;
          case FOSTER_PARENT -> Facts.Audience.FOSTER_PARENT;
          default -> Facts.Audience.YOUTH;
        },
        aboutHelpOf);
  }

  /**
   * A request made; {@code followUpBand}: it is a follow-up check-in, asked of a young adult in
   * that band ({@link Facts#youngAdultBand}).
   */
  static List<Fact> requested(String requestId, InsightsCell cell, Optional<String> followUpBand) {
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact(requestId + "/requested", cell, Indicator.RESPONSE_RATE, Map.of("n", 1L)));
    followUpBand.ifPresent(
        band ->
            facts.add(
                new Fact(
                    requestId + "/follow-up",
                    cell.inBand(band),
                    Indicator.FOLLOW_UP_RESPONSE,
                    Map.of("n", 1L))));
    return facts;
  }

  static List<Fact> answered(
      FeedbackRecord request,
      Questionnaire questionnaire,
      List<Answer> answers,
      Feedback.Sharing sharing,
      LocalDate bornOn,
      Instant now) {
    String id = request.id();
    if (request.insightsCell().isEmpty()) {
      return List.of(); // made before Koers counted indicators
    }
    InsightsCell cell = request.insightsCell().get();
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact(id + "/answered", cell, Indicator.RESPONSE_RATE, Map.of("yes", 1L)));
    InsightsCell answeredCell = cell.inMonth(Facts.month(now));
    if (request.followUp().isPresent()) {
      facts.addAll(followUpAnswered(request, questionnaire, answers, answeredCell, bornOn, now));
    }
    facts.add(
        new Fact(
            id + "/shared",
            answeredCell,
            Indicator.SHARED_WITH_PROFESSIONAL,
            Map.of("n", 1L, "yes", sharing == Feedback.Sharing.SHARE_WITH_PROFESSIONAL ? 1L : 0L)));
    Map<String, Long> scores = new LinkedHashMap<>();
    scores.put("n", 1L);
    for (Answer answer : answers) {
      Object value = answer.value();
      if (value instanceof Integer || value instanceof Long) {
        long score = ((Number) value).longValue();
        String item = answer.itemId();
        scores.put("count:" + item, 1L);
        scores.put("sum:" + item, score);
        scores.put("dist:" + item + ":" + score, 1L);
      }
    }
    facts.add(new Fact(id + "/scores", answeredCell, scored(questionnaire), scores));
    return facts;
  }

  /**
   * What of an answer's facts may count: nothing at all when the young person chose {@link
   * Feedback.Sharing#NOBODY} (just for them); without the response rate for a pulse the young
   * person started themself (nobody asked it, so it would only flatter the rate).
   */
  static List<Fact> countable(FeedbackRecord request, Feedback.Sharing sharing, List<Fact> facts) {
    if (sharing == Feedback.Sharing.NOBODY) {
      return List.of();
    }
    if (request.contactMoment().map(FeedbackRecord.ContactMoment::startedByYouth).orElse(false)) {
      return facts.stream().filter(f -> f.indicator() != Indicator.RESPONSE_RATE).toList();
    }
    return facts;
  }

  /**
   * An answer kept for the region only, later shared with the professional too: the share counts it
   * as shared, in the month it was answered (frozen once that month is published).
   */
  static List<Fact> sharedLater(FeedbackRecord feedback) {
    if (feedback.insightsCell().isEmpty() || feedback.answeredAt().isEmpty()) {
      return List.of();
    }
    InsightsCell cell =
        feedback.insightsCell().get().inMonth(Facts.month(feedback.answeredAt().get()));
    return List.of(
        new Fact(
            feedback.id() + "/shared-later",
            cell,
            Indicator.SHARED_WITH_PROFESSIONAL,
            Map.of("yes", 1L)));
  }

  /**
   * A check-in answered: it counts as a response where it was asked (month and band of the request,
   * so the share never passes 1), and as low or not in the band the young adult is in now. Low is
   * what asks the steady contact for a reply, whoever may see the answer.
   */
  private static List<Fact> followUpAnswered(
      FeedbackRecord request,
      Questionnaire questionnaire,
      List<Answer> answers,
      InsightsCell answeredCell,
      LocalDate bornOn,
      Instant now) {
    String id = request.id();
    InsightsCell asked =
        request
            .insightsCell()
            .orElseThrow()
            .inBand(Facts.youngAdultBand(bornOn, request.requestedAt()));
    boolean low = Answers.asksForAReply(questionnaire, answers);
    return List.of(
        new Fact(
            id + "/follow-up-answered", asked, Indicator.FOLLOW_UP_RESPONSE, Map.of("yes", 1L)),
        new Fact(
            id + "/follow-up-low",
            answeredCell.inBand(Facts.youngAdultBand(bornOn, now)),
            Indicator.FOLLOW_UP_LOW,
            Map.of("n", 1L, "yes", low ? 1L : 0L)));
  }

  /**
   * Which indicator an answer's scores count for: the pulse, the experience survey, or - answered
   * by foster parents about the support they get - foster-parent support.
   */
  private static Indicator scored(Questionnaire questionnaire) {
    if (questionnaire.kind() == Questionnaire.Kind.PULSE) {
      return Indicator.PULSE_SCORE;
    }
    return questionnaire.audience() == Questionnaire.Audience.FOSTER_PARENT
        ? Indicator.FOSTER_PARENT_SUPPORT
        : Indicator.SURVEY_SCORE;
  }

  /** The first "you said, we did" answer: how long it took. */
  static List<Fact> replied(FeedbackRecord feedback, Instant now) {
    if (feedback.insightsCell().isEmpty()) {
      return List.of();
    }
    InsightsCell cell = feedback.insightsCell().get().inMonth(Facts.month(now));
    long hours = hoursBetween(feedback.answeredAt().orElseThrow(), now);
    return List.of(
        new Fact(
            feedback.id() + "/replied",
            cell,
            Indicator.REPLY_TIME,
            Map.of("n", 1L, "hist:" + hours, 1L)));
  }

  static Fact signalRaised(String signalId, InsightsCell cell) {
    return new Fact(signalId + "/raised", cell, Indicator.SAFETY_SIGNALS, Map.of("n", 1L));
  }

  /** The first professional action on a signal (picking it up, or closing it), in its cell. */
  static List<Fact> signalActedOn(SafetySignal signal, Instant now) {
    if (signal.insightsCell().isEmpty()) {
      return List.of();
    }
    long hours = hoursBetween(signal.raisedAt(), now);
    return List.of(
        new Fact(
            signal.id() + "/acted",
            signal.insightsCell().get(),
            Indicator.SAFETY_SIGNALS,
            Map.of("acted", 1L, "hist:" + hours, 1L)));
  }

  private static long hoursBetween(Instant from, Instant to) {
    return Math.min(LONGEST_HOURS, Math.max(0, Duration.between(from, to).toHours()));
  }
}
