package nl.koers.feedback;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.koers.feedback.FeedbackRecord.Answer;
import nl.koers.feedback.Questionnaire.Item;

/**
 * Questionnaires and answers as FHIR R4 resources ({@code Questionnaire}, {@code
 * QuestionnaireResponse}), so care systems can take them without knowing Koers. Canonical URLs are
 * {@code urn:koers:questionnaire:<key>} with the version separate, as FHIR does.
 */
public final class Fhir {

  public static final String MEDIA_TYPE = "application/fhir+json";

  private Fhir() {}

  public static JsonObject questionnaire(Questionnaire questionnaire) {
    JsonArray items = new JsonArray();
    for (Item item : questionnaire.items()) {
      JsonObject fhirItem =
          new JsonObject()
              .put("linkId", item.id())
              .put("text", item.text().get("nl"))
              .put("_text", translations(item.text()))
              .put("type", type(item))
              .put("required", item.required());
      switch (item.type()) {
        case SMILEY_5 -> fhirItem.put("answerOption", integerOptions(1, 5));
        case SCALE_0_10 -> fhirItem.put("answerOption", integerOptions(0, 10));
        case SINGLE_CHOICE ->
            fhirItem.put(
                "answerOption",
                new JsonArray(
                    item.options().stream()
                        .map(
                            o ->
                                new JsonObject()
                                    .put(
                                        "valueCoding",
                                        new JsonObject()
                                            .put("code", o.value())
                                            .put("display", o.text().get("nl"))))
                        .toList()));
        case FREE_TEXT -> fhirItem.put("maxLength", item.textLimit());
        default -> {}
      }
      items.add(fhirItem);
    }
    return new JsonObject()
        .put("resourceType", "Questionnaire")
        .put("id", questionnaire.id().replace('@', '-'))
        .put("url", "urn:koers:questionnaire:" + questionnaire.key())
        .put("version", Integer.toString(questionnaire.version()))
        .put("status", "active")
        .put("language", "nl")
        .put("title", questionnaire.title().get("nl"))
        .put("subjectType", new JsonArray().add("Patient"))
        .put("item", items);
  }

  /** The answer, without names: the subject is the young person's Koers id only. */
  public static JsonObject questionnaireResponse(
      FeedbackRecord feedback, Questionnaire questionnaire) {
    JsonArray items = new JsonArray();
    for (Answer answer : feedback.answers()) {
      Item item = questionnaire.item(answer.itemId()).orElseThrow();
      items.add(
          new JsonObject()
              .put("linkId", item.id())
              .put("answer", new JsonArray().add(value(item, answer.value()))));
    }
    return new JsonObject()
        .put("resourceType", "QuestionnaireResponse")
        .put("id", feedback.id())
        .put(
            "questionnaire",
            "urn:koers:questionnaire:" + questionnaire.key() + "|" + questionnaire.version())
        .put("status", "completed")
        .put(
            "subject",
            new JsonObject()
                .put(
                    "identifier",
                    new JsonObject()
                        .put("system", "urn:koers:person")
                        .put("value", feedback.youthId())))
        .put("authored", FeedbackViews.instant(feedback.answeredAt().orElseThrow()))
        .put("item", items);
  }

  private static String type(Item item) {
    return switch (item.type()) {
      case SMILEY_5, SCALE_0_10 -> "integer";
      case YES_NO -> "boolean";
      case SINGLE_CHOICE -> "choice";
      case FREE_TEXT -> "text";
    };
  }

  private static JsonObject value(Item item, Object value) {
    return switch (item.type()) {
      case SMILEY_5, SCALE_0_10 ->
          new JsonObject().put("valueInteger", ((Number) value).intValue());
      case YES_NO -> new JsonObject().put("valueBoolean", value);
      case SINGLE_CHOICE ->
          new JsonObject().put("valueCoding", new JsonObject().put("code", value));
      case FREE_TEXT -> new JsonObject().put("valueString", value);
    };
  }

  private static JsonArray integerOptions(int from, int to) {
    JsonArray options = new JsonArray();
    for (int i = from; i <= to; i++) {
      options.add(new JsonObject().put("valueInteger", i));
    }
    return options;
  }

  private static JsonObject translations(java.util.Map<String, String> texts) {
    JsonArray extensions = new JsonArray();
    texts.forEach(
        (language, text) ->
            extensions.add(
                new JsonObject()
                    .put("url", "http://hl7.org/fhir/StructureDefinition/translation")
                    .put(
                        "extension",
                        new JsonArray()
                            .add(new JsonObject().put("url", "lang").put("valueCode", language))
                            .add(
                                new JsonObject().put("url", "content").put("valueString", text)))));
    return new JsonObject().put("extension", extensions);
  }
}
