package nl.koers.feedback;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.koers.circle.ReadingLevel;

/**
 * A published questionnaire version: immutable, identified as {@code <key>@<version>}. The same key
 * across versions is one questionnaire (a region may publish its own versions of a default). Each
 * is written for one reading level, so a young person who chose easy-read gets words they can read
 * alone, while the items (and so what the region counts) stay the same.
 */
public record Questionnaire(
    String key,
    int version,
    Kind kind,
    Audience audience,
    Optional<String> regionId,
    Map<String, String> title,
    List<Item> items,
    ReadingLevel readingLevel) {

  /** A version in standard wording (what every questionnaire was before reading levels). */
  public Questionnaire(
      String key,
      int version,
      Kind kind,
      Audience audience,
      Optional<String> regionId,
      Map<String, String> title,
      List<Item> items) {
    this(key, version, kind, audience, regionId, title, items, ReadingLevel.STANDARD);
  }

  /** What the questionnaire is for. */
  public enum Kind {
    /** Short, after a contact moment. */
    PULSE,
    /** The periodic experience survey. */
    SURVEY,
    /**
     * Not a questionnaire: a young person's own statement, kept as feedback so that its reply task
     * is the same ({@link Statements}); no questionnaire of this kind is ever published.
     */
    STATEMENT
  }

  /** Who answers it. */
  public enum Audience {
    YOUTH_12_15,
    YOUTH_16_PLUS,
    PARENT,
    /** A foster parent, about the support they get with the placement (not about the child). */
    FOSTER_PARENT
  }

  public enum ItemType {
    /** 1 (very unhappy) to 5 (very happy). */
    SMILEY_5,
    /** 0 to 10. */
    SCALE_0_10,
    YES_NO,
    SINGLE_CHOICE,
    /** At most {@value Questionnaire#FREE_TEXT_LIMIT} characters. */
    FREE_TEXT
  }

  public static final int FREE_TEXT_LIMIT = 1000;

  /**
   * The pictogram keys an item may carry: names the app maps to its own images (a key, never an
   * image), so the server never sends pictures and the app can draw them to fit.
   */
  public static final Set<String> PICTOGRAMS =
      Set.of(
          "heard",
          "goals",
          "way-of-working",
          "overall",
          "comment",
          "respect",
          "say",
          "fits",
          "time",
          "better",
          "future",
          "safe",
          "friend",
          "grade",
          "good",
          "improve");

  /**
   * One question. {@code options} only for single choice: value → text per language. {@code
   * pictogram}: one of {@link #PICTOGRAMS}. {@code maxLength}: for free text, a limit below {@link
   * #FREE_TEXT_LIMIT} (the pulse's comment: 500).
   */
  public record Item(
      String id,
      ItemType type,
      Map<String, String> text,
      boolean required,
      List<Option> options,
      Optional<String> pictogram,
      Optional<Integer> maxLength) {

    /** An item without a pictogram or a limit of its own. */
    public Item(
        String id,
        ItemType type,
        Map<String, String> text,
        boolean required,
        List<Option> options) {
      this(id, type, text, required, options, Optional.empty(), Optional.empty());
    }

    /** The most characters a free-text answer to this item may have. */
    public int textLimit() {
      return maxLength.orElse(FREE_TEXT_LIMIT);
    }
  }

  /** A choice of a single-choice item. */
  public record Option(String value, Map<String, String> text) {}

  public String id() {
    return key + "@" + version;
  }

  public Optional<Item> item(String itemId) {
    return items.stream().filter(i -> i.id().equals(itemId)).findFirst();
  }
}
