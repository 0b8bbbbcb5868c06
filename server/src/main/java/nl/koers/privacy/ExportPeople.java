package nl.koers.privacy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import nl.koers.circle.AccessWords;

/**
 * The other people in a young person's copy, known only by first name and role: the copy is the
 * young person's, not a directory of the people around them. Every section names people through
 * here, and a last pass over the finished document hides any id of another person that a section
 * still carried inside a text (a link, a log line's resource): it reads {@value #HIDDEN}.
 */
final class ExportPeople {

  /** What an id of another person reads as, wherever it was inside a text. */
  static final String HIDDEN = "…";

  /** Someone seen nowhere in the circle (a former adult-service contact, a region admin). */
  static final String OTHER = "OTHER";

  private record Known(String firstName, String role) {}

  private final String youthId;
  private final String youthFirstName;
  private final Map<String, Known> known = new HashMap<>();

  ExportPeople(String youthId, String youthFirstName) {
    this.youthId = youthId;
    this.youthFirstName = youthFirstName;
  }

  /** Learns a person's first name and role; the first role learned for them stays. */
  void learn(String personId, String name, String role) {
    if (personId != null && !personId.equals(youthId)) {
      known.putIfAbsent(personId, new Known(AccessWords.firstName(name), role));
    }
  }

  /** An id of another person that must not appear, even without a name to show. */
  void hide(String personId) {
    learn(personId, null, OTHER);
  }

  /** The person as the copy shows them: {@code {firstName, role}}; the young person as SELF. */
  JsonObject person(String personId) {
    if (personId != null && personId.equals(youthId)) {
      return shown(youthFirstName, "SELF");
    }
    Known k = personId == null ? null : known.get(personId);
    return k == null ? shown(null, OTHER) : shown(k.firstName(), k.role());
  }

  /** The same, with the role the section knows them in (the JIM on the profile card). */
  JsonObject person(String personId, String name, String role) {
    learn(personId, name, role);
    return shown(AccessWords.firstName(name), role);
  }

  private static JsonObject shown(String firstName, String role) {
    return new JsonObject().put("firstName", firstName).put("role", role);
  }

  Set<String> otherIds() {
    return Set.copyOf(known.keySet());
  }

  /** The finished document with every other person's id, anywhere in a text, hidden. */
  JsonObject masked(JsonObject document) {
    return (JsonObject) mask(document);
  }

  private Object mask(Object value) {
    if (value instanceof JsonObject object) {
      JsonObject copy = new JsonObject();
      object.forEach(e -> copy.put(e.getKey(), mask(e.getValue())));
      return copy;
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(mask(item)));
      return copy;
    }
    if (value instanceof String text) {
      String masked = text;
      for (String id : known.keySet()) {
        masked = masked.replace(id, HIDDEN);
      }
      return masked;
    }
    return value;
  }
}
