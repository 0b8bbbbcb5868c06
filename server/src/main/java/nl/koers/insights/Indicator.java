package nl.koers.insights;

import java.util.List;
import java.util.Map;

/**
 * The one indicator set. Each is counted per region × month × audience × age band from counters
 * that add up (so the all-ages cell and the all-regions comparison are sums of the same counters);
 * {@code n} is always the number of people or events the cell is about.
 */
public enum Indicator {
  PULSE_SCORE("pulse-score", Shape.SCORES, "Score na contactmoment", "Pulse score after contact"),
  SURVEY_SCORE(
      "survey-score", Shape.SCORES, "Score ervaringsvragenlijst", "Experience survey score"),
  RESPONSE_RATE("response-rate", Shape.SHARE, "Respons op verzoeken", "Response rate to requests"),
  SHARED_WITH_PROFESSIONAL(
      "shared-with-professional",
      Shape.SHARE,
      "Gedeeld met de professional",
      "Shared with the professional"),
  REPLY_TIME(
      "reply-time",
      Shape.MEDIAN_HOURS,
      "Mediane tijd tot 'jij zei, wij deden' (uren)",
      "Median time to a 'you said, we did' answer (hours)"),
  JIM_COVERAGE("jim-coverage", Shape.SHARE, "Jongeren met een JIM", "Young people with a JIM"),
  PLAN_COVERAGE("plan-coverage", Shape.SHARE, "Toekomstplan bij 16-17", "Future plan at 16-17"),
  STEADY_CONTACT_CONFIRMED(
      "steady-contact-confirmed",
      Shape.SHARE,
      "Vast contact bevestigd op 17¾",
      "Steady contact confirmed at 17¾"),
  HANDOVERS_PER_YOUTH(
      "handovers-per-youth",
      Shape.MEAN,
      "Wisselingen van vast contact per jongere",
      "Changes of steady contact per young person"),
  SAFETY_SIGNALS(
      "safety-signals",
      Shape.COUNT_AND_MEDIAN_HOURS,
      "Veiligheidssignalen (en mediane uren tot eerste actie)",
      "Safety signals (and median hours to first professional action)"),
  /** Check-ins answered of those asked, in the young adult's band when asked. */
  FOLLOW_UP_RESPONSE(
      "follow-up-response",
      Shape.SHARE,
      true,
      "Respons op check-ins na 18",
      "Check-in response after 18"),
  /**
   * Check-in answers that were low or worried (the answers that ask the steady contact for a
   * reply), of those answered, in the young adult's band when answered.
   */
  FOLLOW_UP_LOW(
      "follow-up-low",
      Shape.SHARE,
      true,
      "Lage of zorgelijke check-ins na 18",
      "Low or worried check-ins after 18"),
  /** The foster-parent experience questionnaire: how supported foster parents feel. */
  FOSTER_PARENT_SUPPORT(
      "foster-parent-support", Shape.SCORES, "Steun aan pleegouders", "Foster-parent support");

  /** How the published value is made from the counters. */
  public enum Shape {
    /** Mean and distribution per questionnaire item; value: the mean of the items' means. */
    SCORES,
    /** {@code yes} of {@code n}. */
    SHARE,
    /** {@code sum} over {@code n}. */
    MEAN,
    /** Median of the {@code hist:<hours>} counters. */
    MEDIAN_HOURS,
    /** {@code n} itself, with the median hours to a first action as detail. */
    COUNT_AND_MEDIAN_HOURS
  }

  private final String id;
  private final Shape shape;
  private final Map<String, String> title;
  private final boolean youngAdults;

  Indicator(String id, Shape shape, String nl, String en) {
    this(id, shape, false, nl, en);
  }

  Indicator(String id, Shape shape, boolean youngAdults, String nl, String en) {
    this.id = id;
    this.shape = shape;
    this.youngAdults = youngAdults;
    this.title = Map.of("nl", nl, "en", en);
  }

  /**
   * The age bands this indicator is published in: the young adults' bands for the follow-up
   * check-ins (which only young adults get), else the youth bands.
   */
  public List<String> bands() {
    return youngAdults ? Publication.YOUNG_ADULT_BANDS : Publication.BANDS;
  }

  /**
   * Bands counted before this indicator had its own (the follow-up response was once counted in
   * 18+): part of the all-ages total, never published on their own.
   */
  List<String> formerBands() {
    return youngAdults ? List.of("18+") : List.of();
  }

  public String id() {
    return id;
  }

  public Shape shape() {
    return shape;
  }

  public Map<String, String> title() {
    return title;
  }

  public static Indicator of(String id) {
    for (Indicator indicator : values()) {
      if (indicator.id.equals(id)) {
        return indicator;
      }
    }
    throw new IllegalArgumentException(id);
  }
}
