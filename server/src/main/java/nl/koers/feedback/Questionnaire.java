package nl.koers.feedback;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A published questionnaire version: immutable, identified as {@code <key>@<version>}. The same key
 * across versions is one questionnaire (a region may publish its own versions of a default).
 */
public record Questionnaire(
    String key,
    int version,
    Kind kind,
    Audience audience,
    Optional<String> regionId,
    Map<String, String> title,
    List<Item> items) {

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

  /** One question. {@code options} only for single choice: value → text per language. */
  public record Item(
      String id, ItemType type, Map<String, String> text, boolean required, List<Option> options) {}

  /** A choice of a single-choice item. */
  public record Option(String value, Map<String, String> text) {}

  public String id() {
    return key + "@" + version;
  }

  public Optional<Item> item(String itemId) {
    return items.stream().filter(i -> i.id().equals(itemId)).findFirst();
  }
}
