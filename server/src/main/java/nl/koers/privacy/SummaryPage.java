package nl.koers.privacy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import nl.koers.circle.Circles;

/**
 * The copy as a page a young person can read on a phone: plain semantic HTML (headings, lists,
 * definition lists), one section per part of the copy with its count, every text escaped, no
 * script, no style sheet or image to fetch. It is rendered from the stored document itself, so the
 * page and the file never tell different things.
 */
final class SummaryPage {

  /** The sections in the order the page shows them (the document's own names). */
  static final List<String> SECTIONS =
      List.of(
          "profile",
          "circle",
          "consents",
          "feedback",
          "safetySignals",
          "plan",
          "checklist",
          "steadyContact",
          "handovers",
          "conversations",
          "notifications",
          "devices",
          "mentor",
          "accessLog");

  /** No scripts, no other resources: the page is only what is in it. */
  static final String POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'";

  private SummaryPage() {}

  static String render(JsonObject document, String expiresAt, String lang, Circles.Texts texts) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"")
        .append(escape(lang))
        .append("\">\n<head>\n")
        .append("<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(texts.text("export.title")))
        .append("</title>\n")
        .append("</head>\n<body>\n<main>\n<h1>")
        .append(escape(texts.text("export.title")))
        .append("</h1>\n<p>")
        .append(escape(texts.text("export.intro", document.getString("generatedAt"), expiresAt)))
        .append("</p>\n");
    for (String section : SECTIONS) {
      section(html, section, document.getValue(section), lang, texts);
    }
    return html.append("</main>\n</body>\n</html>\n").toString();
  }

  private static void section(
      StringBuilder html, String name, Object value, String lang, Circles.Texts texts) {
    html.append("<section id=\"")
        .append(name)
        .append("\">\n<h2>")
        .append(escape(texts.text("export.section." + name)))
        .append("</h2>\n");
    if (count(value) == 0) {
      html.append("<p>").append(escape(texts.text("export.empty"))).append("</p>\n");
    } else {
      html.append("<p>").append(escape(texts.text("export.count", count(value)))).append("</p>\n");
      value(html, value, lang);
    }
    html.append("</section>\n");
  }

  /** A list counts its items; an object its items where it has lists (the JIM), else one. */
  static int count(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof JsonArray array) {
      return array.size();
    }
    if (value instanceof JsonObject object) {
      int lists = 0;
      boolean any = false;
      for (String key : object.fieldNames()) {
        if (object.getValue(key) instanceof JsonArray array) {
          lists += array.size();
          any = true;
        }
      }
      return any && !object.containsKey("current") ? lists : 1;
    }
    return 1;
  }

  private static void value(StringBuilder html, Object value, String lang) {
    if (value instanceof JsonArray array) {
      html.append("<ol>\n");
      for (Object item : array) {
        html.append("<li>");
        value(html, item, lang);
        html.append("</li>\n");
      }
      html.append("</ol>\n");
    } else if (value instanceof JsonObject object && isPerson(object)) {
      // Someone else, as the copy names them: "Marco (FOSTER_PARENT)".
      html.append(escape(object.getString("firstName", "?")))
          .append(" (")
          .append(escape(object.getString("role")))
          .append(")");
    } else if (value instanceof JsonObject object
        && object.containsKey(lang)
        && object.size() <= 2) {
      // A text in both languages (a checklist item's title): the page's own.
      html.append(escape(String.valueOf(object.getValue(lang))));
    } else if (value instanceof JsonObject object) {
      html.append("<dl>\n");
      for (String key : object.fieldNames()) {
        Object inner = object.getValue(key);
        if (inner == null) {
          continue;
        }
        html.append("<dt>").append(escape(key)).append("</dt><dd>");
        value(html, inner, lang);
        html.append("</dd>\n");
      }
      html.append("</dl>\n");
    } else {
      html.append(escape(String.valueOf(value)));
    }
  }

  private static boolean isPerson(JsonObject object) {
    return object.size() == 2 && object.containsKey("firstName") && object.containsKey("role");
  }

  /** Text as text: nothing in the data can become markup. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
