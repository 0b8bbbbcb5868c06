package nl.koers.feedback;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.koers.feedback.FeedbackRecord.Answer;
import nl.koers.feedback.Questionnaire.Item;
import nl.koers.platform.problem.Problem;

/**
 * Answers checked against the exact questionnaire version they answer: known items, each once, the
 * right type and range (free text within its item's own limit), every required item present. What
 * is wrong is named per item.
 */
public final class Answers {

  private Answers() {}

  /** The answers as stored, or a 400 problem naming every offending item. */
  public static List<Answer> validated(Questionnaire questionnaire, JsonArray answers) {
    List<Problem.FieldError> errors = new ArrayList<>();
    List<Answer> accepted = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < answers.size(); i++) {
      JsonObject answer = answers.getJsonObject(i);
      String itemId = answer.getString("itemId");
      String pointer = "/answers/" + i;
      var item = questionnaire.item(itemId);
      if (item.isEmpty()) {
        errors.add(new Problem.FieldError("body", itemId, pointer + "/itemId", "field.unknown"));
        continue;
      }
      if (!seen.add(itemId)) {
        errors.add(new Problem.FieldError("body", itemId, pointer, "field.duplicate"));
        continue;
      }
      String field = field(item.get());
      long given = VALUE_FIELDS.stream().filter(answer::containsKey).count();
      if (given != 1 || !answer.containsKey(field)) {
        String reason = given == 0 ? "field.required" : "field.type";
        errors.add(new Problem.FieldError("body", itemId, pointer + "/" + field, reason));
        continue;
      }
      Object value = value(item.get(), answer.getValue(field));
      String problem = check(item.get(), value);
      if (problem != null) {
        errors.add(new Problem.FieldError("body", itemId, pointer + "/" + field, problem));
        continue;
      }
      accepted.add(new Answer(itemId, value));
    }
    for (Item item : questionnaire.items()) {
      if (item.required() && !seen.contains(item.id())) {
        errors.add(new Problem.FieldError("body", item.id(), "/answers", "field.required"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    return accepted;
  }

  /** The fields an answer may carry its value in; exactly one is set (as FHIR's value[x]). */
  public static final List<String> VALUE_FIELDS =
      List.of("valueInteger", "valueBoolean", "valueText", "valueChoices");

  /** The field that carries the answer to an item of this type. */
  public static String field(Item item) {
    return switch (item.type()) {
      case SMILEY_5, SCALE_0_10 -> "valueInteger";
      case YES_NO -> "valueBoolean";
      case SINGLE_CHOICE -> "valueChoices";
      case FREE_TEXT -> "valueText";
    };
  }

  /**
   * The value as stored (a number, a boolean or a string): a single choice is stored as the chosen
   * option's value; more than one choice stays a list, which {@link #check} refuses.
   */
  private static Object value(Item item, Object given) {
    if (item.type() == Questionnaire.ItemType.SINGLE_CHOICE
        && given instanceof JsonArray choices
        && choices.size() == 1) {
      return choices.getValue(0);
    }
    return given;
  }

  /** The message key of what is wrong with this value, or null when it fits the item. */
  private static String check(Item item, Object value) {
    return switch (item.type()) {
      case SMILEY_5 -> range(value, 1, 5);
      case SCALE_0_10 -> range(value, 0, 10);
      case YES_NO -> value instanceof Boolean ? null : "field.type";
      case SINGLE_CHOICE ->
          value instanceof JsonArray
              ? "field.too-many"
              : !(value instanceof String choice)
                  ? "field.type"
                  : item.options().stream().anyMatch(o -> o.value().equals(choice))
                      ? null
                      : "field.enum";
      case FREE_TEXT ->
          !(value instanceof String text)
              ? "field.type"
              : text.length() > item.textLimit() ? "field.too-long" : null;
    };
  }

  private static String range(Object value, int low, int high) {
    if (!(value instanceof Integer || value instanceof Long)) {
      return "field.type";
    }
    long number = ((Number) value).longValue();
    if (number < low) {
      return "field.too-small";
    }
    return number > high ? "field.too-large" : null;
  }

  /**
   * Whether an answer asks for a reply ("you said, we did"): a low smiley (1–2) or mark (0–4), or
   * anything written.
   */
  public static boolean asksForAReply(Questionnaire questionnaire, List<Answer> answers) {
    for (Answer answer : answers) {
      Item item = questionnaire.item(answer.itemId()).orElseThrow();
      Object value = answer.value();
      boolean low =
          switch (item.type()) {
            case SMILEY_5 -> ((Number) value).intValue() <= 2;
            case SCALE_0_10 -> ((Number) value).intValue() <= 4;
            case FREE_TEXT -> !((String) value).isBlank();
            default -> false;
          };
      if (low) {
        return true;
      }
    }
    return false;
  }
}
