package nl.koers.circle;

/**
 * How the young person wants Koers's questions worded, chosen in their own profile: {@code EASY} is
 * easy-read (short sentences, one idea each, B1 or lower, a pictogram per item). Kept with the
 * young person, so whatever asks them something (a pulse, the survey) can word it their way.
 */
public enum ReadingLevel {
  STANDARD,
  EASY
}
