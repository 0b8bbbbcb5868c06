package nl.koers.notify;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which words a milestone notification says, and to whom. A notification carries only a type and a
 * link; at the steps on the way to adulthood (the plan at 16, the checklist at 17, the decision at
 * 17½, who stays at 17¾, the 18th birthday, the check-ins after care ends) the young person is told
 * what it means for them, in words for their age. The texts themselves are in the {@code messages}
 * bundles under {@code milestone.*} (so the HTTP edge says them in the caller's language); this
 * class only knows the names, the keys and the numbers, and keeps the words to the young person
 * themselves: the texts say "you", so a circle member told of the same step gets the milestone's
 * name without them.
 */
public final class MilestoneWords {

  /**
   * The milestone names a notification may carry (the contract's {@code NotificationMilestone}).
   */
  public static final Pattern NAME =
      Pattern.compile(
          "PLAN_OPENS|CHECKLIST_STARTS|EXTENDED_CARE_DECISION_DUE|STEADY_CONTACT_CHECK|ADULT"
              + "|FOLLOW_UP_([1-9][0-9]{0,2})_MONTHS");

  private static final String PREFIX = "milestone.";

  /** The bundle keys of a title and a text, and the arguments they are formatted with. */
  public record Words(String titleKey, String textKey, List<Object> args) {}

  private MilestoneWords() {}

  /** Refuses a name there are no words for: a mistake of the code that names it. */
  static void requireKnown(String milestone) {
    if (!NAME.matcher(milestone).matches()) {
      throw new IllegalArgumentException("no words for milestone " + milestone);
    }
  }

  /** The words for a milestone; empty for a name that is none. */
  public static Optional<Words> of(String milestone) {
    Matcher name = NAME.matcher(milestone);
    if (!name.matches()) {
      return Optional.empty();
    }
    if (name.group(1) == null) {
      return Optional.of(
          new Words(PREFIX + milestone + ".title", PREFIX + milestone + ".text", List.of()));
    }
    int months = Integer.parseInt(name.group(1));
    // A whole number of years reads easier as years ("2 jaar" rather than "24 maanden").
    return Optional.of(
        months % 12 == 0
            ? new Words(
                PREFIX + "FOLLOW_UP.years.title",
                PREFIX + "FOLLOW_UP.years.text",
                List.of(months / 12))
            : new Words(
                PREFIX + "FOLLOW_UP.months.title",
                PREFIX + "FOLLOW_UP.months.text",
                List.of(months)));
  }

  /**
   * The words {@code recipientId} is told for a notification about {@code milestone}: only when
   * they are the young person it is about, for the words are addressed to them.
   */
  public static Optional<Words> forRecipient(
      Optional<String> milestone, String recipientId, Optional<String> youthId) {
    if (milestone.isEmpty() || !youthId.filter(recipientId::equals).isPresent()) {
      return Optional.empty();
    }
    return of(milestone.get());
  }
}
