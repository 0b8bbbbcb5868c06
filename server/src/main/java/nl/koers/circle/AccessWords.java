package nl.koers.circle;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an access-log line was about, in words a young person understands ("je plan", "berichten met
 * Eva"): the resource path of the line, matched against the kinds of resource the capabilities log.
 * A person named in the path (the other side of a conversation, the member of a relation) is named
 * by first name when the log is read. An unknown path reads as "je gegevens" (your data).
 */
public final class AccessWords {

  /** The message key ({@code access.what.<key>}) and whom it names, if anyone. */
  public record Words(String key, Optional<String> personId, Optional<String> relationId) {
    static Words of(String key) {
      return new Words(key, Optional.empty(), Optional.empty());
    }
  }

  private record Rule(Pattern pattern, String key, Naming naming) {}

  private enum Naming {
    NOBODY,
    PERSON,
    RELATION
  }

  private static final String ID = "([^/]+)";

  /** Most specific first; each pattern is the path after {@code youth/<youthId>}. */
  private static final List<Rule> RULES =
      List.of(
          rule("", "profile", Naming.NOBODY),
          rule("/circle", "circle", Naming.NOBODY),
          rule("/circle/confirmation", "circle-confirmation", Naming.NOBODY),
          rule("/circle/" + ID + "(/.*)?", "circle-member", Naming.RELATION),
          rule("/access-log", "access-log", Naming.NOBODY),
          rule("/case-coordinator", "case-coordinator", Naming.NOBODY),
          rule("/consents(/.*)?", "consents", Naming.NOBODY),
          rule("/safety-signals", "safety-signals", Naming.NOBODY),
          rule("/safety-signals/.+", "safety-signal", Naming.NOBODY),
          rule("/contact-moments(/.*)?", "contact-moment", Naming.NOBODY),
          rule("/feedback/requests(/.*)?", "feedback-requests", Naming.NOBODY),
          rule("/feedback/" + ID + "/responses(/.*)?", "feedback-response", Naming.NOBODY),
          rule("/feedback(/.*)?", "feedback", Naming.NOBODY),
          rule("/mentor/nominations(/.*)?", "mentor-nominations", Naming.NOBODY),
          rule("/mentor/scopes", "mentor-scopes", Naming.NOBODY),
          rule("/mentor/check-ins(/.*)?", "mentor-check-ins", Naming.NOBODY),
          rule("/mentor(/.*)?", "mentor", Naming.NOBODY),
          rule("/plan(/.*)?", "plan", Naming.NOBODY),
          rule("/transition/checklist(/.*)?", "checklist", Naming.NOBODY),
          rule("/transition/extended-care(/.*)?", "extended-care", Naming.NOBODY),
          rule("/transition/handovers(/.*)?", "handovers", Naming.NOBODY),
          rule("/steady-contact(/.*)?", "steady-contact", Naming.NOBODY),
          rule("/caseload", "caseload", Naming.NOBODY),
          rule("/placement", "placement", Naming.NOBODY),
          rule("/tasks(/.*)?", "tasks", Naming.NOBODY),
          rule("/conversations/" + ID + "(/.*)?", "messages", Naming.PERSON),
          rule("/exports(/.*)?", "exports", Naming.NOBODY),
          rule("/statements(/.*)?", "statements", Naming.NOBODY));

  /** The key for a path no rule knows. */
  public static final String UNKNOWN = "data";

  private AccessWords() {}

  private static Rule rule(String rest, String key, Naming naming) {
    return new Rule(Pattern.compile(rest), key, naming);
  }

  public static Words of(String youthId, String resource) {
    String prefix = "youth/" + youthId;
    if (resource == null || !resource.startsWith(prefix)) {
      return Words.of(UNKNOWN);
    }
    String rest = resource.substring(prefix.length());
    for (Rule rule : RULES) {
      Matcher matcher = rule.pattern().matcher(rest);
      if (matcher.matches()) {
        return switch (rule.naming()) {
          case NOBODY -> Words.of(rule.key());
          case PERSON -> new Words(rule.key(), Optional.of(matcher.group(1)), Optional.empty());
          case RELATION -> new Words(rule.key(), Optional.empty(), Optional.of(matcher.group(1)));
        };
      }
    }
    return Words.of(UNKNOWN);
  }

  /** The message key of the words, named or not. */
  public static String messageKey(String key, boolean named) {
    return "access.what." + key + (named ? ".named" : "");
  }

  /** A first name: the first word of a name. */
  public static String firstName(String name) {
    String trimmed = name == null ? "" : name.trim();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }
}
