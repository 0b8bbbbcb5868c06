package nl.koers.circle;

import java.util.Locale;

/** What a member of the care circle may see of the young person. */
public enum Scope {
  /** The profile card: first name, age band, who their JIM and steady contact are. */
  PROFILE,
  /** Who else is in the circle. */
  CIRCLE,
  /** What the help is (the care being given). */
  HELP,
  /** The young person's feedback. */
  FEEDBACK,
  /** Conversations with the young person. */
  MESSAGES,
  /** The future plan. */
  PLAN,
  /** Milestones on the way to adulthood (16, 17, 18 and after). */
  MILESTONES;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Scope fromWire(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
