package nl.koers.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

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
    SURVEY
  }

  /** Who answers it. */
  public enum Audience {
    YOUTH_12_15,
    YOUTH_16_PLUS,
    PARENT
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
      String id, ItemType type, Map<String, String> text, boolean required, List<Option> options) {

    Document toDocument() {
      return new Document("id", id)
          .append("type", type.name())
          .append("text", new Document(text))
          .append("required", required)
          .append("options", options.stream().map(Option::toDocument).toList());
    }

    static Item from(Document doc) {
      List<Option> options = new ArrayList<>();
      for (Document option : doc.getList("options", Document.class, List.of())) {
        options.add(Option.from(option));
      }
      return new Item(
          doc.getString("id"),
          ItemType.valueOf(doc.getString("type")),
          texts(doc.get("text", Document.class)),
          doc.getBoolean("required", false),
          List.copyOf(options));
    }
  }

  /** A choice of a single-choice item. */
  public record Option(String value, Map<String, String> text) {
    Document toDocument() {
      return new Document("value", value).append("text", new Document(text));
    }

    static Option from(Document doc) {
      return new Option(doc.getString("value"), texts(doc.get("text", Document.class)));
    }
  }

  public String id() {
    return key + "@" + version;
  }

  public Optional<Item> item(String itemId) {
    return items.stream().filter(i -> i.id().equals(itemId)).findFirst();
  }

  Document toDocument() {
    Document doc =
        new Document("_id", id())
            .append("key", key)
            .append("version", version)
            .append("kind", kind.name())
            .append("audience", audience.name())
            .append("regionId", regionId.orElse(null))
            .append("title", new Document(title))
            .append("items", items.stream().map(Item::toDocument).toList());
    return doc;
  }

  static Questionnaire from(Document doc) {
    List<Item> items = new ArrayList<>();
    for (Document item : doc.getList("items", Document.class, List.of())) {
      items.add(Item.from(item));
    }
    return new Questionnaire(
        doc.getString("key"),
        doc.getInteger("version"),
        Kind.valueOf(doc.getString("kind")),
        Audience.valueOf(doc.getString("audience")),
        Optional.ofNullable(doc.getString("regionId")),
        texts(doc.get("title", Document.class)),
        List.copyOf(items));
  }

  private static Map<String, String> texts(Document doc) {
    java.util.LinkedHashMap<String, String> texts = new java.util.LinkedHashMap<>();
    if (doc != null) {
      doc.forEach((language, text) -> texts.put(language, String.valueOf(text)));
    }
    return texts;
  }
}
