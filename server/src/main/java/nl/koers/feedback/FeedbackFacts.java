package nl.koers.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.insights.Facts;
import nl.koers.insights.Indicator;
import org.bson.Document;

/**
 * What feedback and safety signals add to the region's indicators. The cell (month, audience, age
 * band) of a request is fixed when it is made and stored with it, so its answer counts in the same
 * cell as the request.
 */
final class FeedbackFacts {

  /** Hours beyond this land in the last bucket of a duration histogram (30 days). */
  static final long LONGEST_HOURS = 720;

  private FeedbackFacts() {}

  /** Where a request counts: stored on the request. */
  static Document cell(
      String regionId,
      Instant at,
      String band,
      Questionnaire.Audience audience,
      Optional<String> aboutHelpOf) {
    return new Document("regionId", regionId)
        .append("month", Facts.month(at))
        .append("band", band)
        .append(
            "audience",
            audience == Questionnaire.Audience.PARENT
                ? Facts.Audience.PARENT.name()
                : Facts.Audience.YOUTH.name())
        .append(Facts.ABOUT_HELP_OF, aboutHelpOf.orElse(null));
  }

  static List<Document> requested(String requestId, Document cell, boolean followUp) {
    List<Document> facts = new ArrayList<>();
    facts.add(fact(requestId + "/requested", cell, Indicator.RESPONSE_RATE, Map.of("n", 1L)));
    if (followUp) {
      facts.add(
          fact(requestId + "/follow-up", cell, Indicator.FOLLOW_UP_RESPONSE, Map.of("n", 1L)));
    }
    return facts;
  }

  static List<Document> answered(
      Document request,
      Questionnaire questionnaire,
      List<Document> answers,
      Feedback.Sharing sharing,
      Instant now) {
    String id = request.getString("_id");
    Document cell = request.get("insightsCell", Document.class);
    if (cell == null) {
      return List.of(); // made before Koers counted indicators
    }
    List<Document> facts = new ArrayList<>();
    facts.add(fact(id + "/answered", cell, Indicator.RESPONSE_RATE, Map.of("yes", 1L)));
    if (request.getString("followUp") != null) {
      facts.add(
          fact(id + "/follow-up-answered", cell, Indicator.FOLLOW_UP_RESPONSE, Map.of("yes", 1L)));
    }
    Document answeredCell = new Document(cell).append("month", Facts.month(now));
    facts.add(
        fact(
            id + "/shared",
            answeredCell,
            Indicator.SHARED_WITH_PROFESSIONAL,
            Map.of("n", 1L, "yes", sharing == Feedback.Sharing.SHARE_WITH_PROFESSIONAL ? 1L : 0L)));
    Map<String, Long> scores = new LinkedHashMap<>();
    scores.put("n", 1L);
    for (Document answer : answers) {
      Object value = answer.get("value");
      if (value instanceof Integer || value instanceof Long) {
        long score = ((Number) value).longValue();
        String item = answer.getString("itemId");
        scores.put("count:" + item, 1L);
        scores.put("sum:" + item, score);
        scores.put("dist:" + item + ":" + score, 1L);
      }
    }
    Indicator scored =
        questionnaire.kind() == Questionnaire.Kind.PULSE
            ? Indicator.PULSE_SCORE
            : Indicator.SURVEY_SCORE;
    facts.add(fact(id + "/scores", answeredCell, scored, scores));
    return facts;
  }

  /** The first "you said, we did" answer: how long it took. */
  static List<Document> replied(Document feedback, Instant now) {
    Document stored = feedback.get("insightsCell", Document.class);
    if (stored == null) {
      return List.of();
    }
    Document cell = new Document(stored).append("month", Facts.month(now));
    long hours = hoursBetween(feedback.getDate("answeredAt").toInstant(), now);
    return List.of(
        fact(
            feedback.getString("_id") + "/replied",
            cell,
            Indicator.REPLY_TIME,
            Map.of("n", 1L, "hist:" + hours, 1L)));
  }

  static Document signalRaised(String signalId, Document cell) {
    return fact(signalId + "/raised", cell, Indicator.SAFETY_SIGNALS, Map.of("n", 1L));
  }

  /** The first professional action on a signal (picking it up, or closing it), in its cell. */
  static List<Document> signalActedOn(Document signal, Instant now) {
    Document cell = signal.get("insightsCell", Document.class);
    if (cell == null) {
      return List.of();
    }
    long hours = hoursBetween(signal.getDate("raisedAt").toInstant(), now);
    return List.of(
        fact(
            signal.getString("_id") + "/acted",
            cell,
            Indicator.SAFETY_SIGNALS,
            Map.of("acted", 1L, "hist:" + hours, 1L)));
  }

  private static long hoursBetween(Instant from, Instant to) {
    return Math.min(LONGEST_HOURS, Math.max(0, Duration.between(from, to).toHours()));
  }

  private static Document fact(
      String id, Document cell, Indicator indicator, Map<String, Long> counters) {
    return Facts.fact(
        id,
        cell.getString("regionId"),
        cell.getString("month"),
        Facts.Audience.valueOf(cell.getString("audience")),
        cell.getString("band"),
        indicator.id(),
        counters,
        Optional.ofNullable(cell.getString(Facts.ABOUT_HELP_OF)));
  }
}
