package nl.koers.platform.http;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.koers.platform.problem.Problem;

/**
 * Turns the validator's verdict into the offending fields of a problem answer. The validator's own
 * messages are technical and its error list is noisy (wrapper errors, duplicates), so this keeps
 * one entry per field with a short, localizable reason.
 */
final class ValidationErrors {

  /** The validator names parameters only in its message: "... header parameter Idempotency-Key". */
  private static final Pattern PARAMETER =
      Pattern.compile("\\b(query|path|header|cookie) parameter ([^\\s.]+)");

  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"|'([^']+)'");

  private ValidationErrors() {}

  static List<Problem.FieldError> fieldsOf(ValidatorException e) {
    Matcher parameter = PARAMETER.matcher(String.valueOf(e.getMessage()));
    String in = "body";
    String name = null;
    if (parameter.find()) {
      in = parameter.group(1);
      name = parameter.group(2);
    }
    if (!(e instanceof SchemaValidationException schema) || schema.getOutputUnit() == null) {
      return List.of(new Problem.FieldError(in, name, null, reasonWithoutSchema(e, in)));
    }
    return fromOutput(in, name, schema.getOutputUnit());
  }

  private static String reasonWithoutSchema(ValidatorException e, String in) {
    return switch (e.type()) {
      case MISSING_REQUIRED_PARAMETER ->
          in.equals("body") ? "field.body-missing" : "field.required";
      case ILLEGAL_VALUE -> in.equals("body") ? "field.malformed" : "field.invalid";
      default -> "field.invalid";
    };
  }

  private static List<Problem.FieldError> fromOutput(String in, String name, OutputUnit output) {
    Map<String, Problem.FieldError> byPointer = new LinkedHashMap<>();
    List<OutputUnit> units = output.getErrors() == null ? List.of(output) : output.getErrors();
    List<OutputUnit> unknownFields = new ArrayList<>();
    for (OutputUnit unit : units) {
      String keyword = lastSegment(unit.getKeywordLocation());
      if (keyword.equals("additionalProperties")) {
        unknownFields.add(unit);
        continue;
      }
      String reason = reasonFor(keyword);
      if (reason == null) {
        continue;
      }
      String pointer = pointerOf(unit.getInstanceLocation());
      if (keyword.equals("required")) {
        // Reported at the parent object, naming the missing property in the message.
        String property = quoted(unit.getError());
        pointer = property == null ? pointer : pointer + "/" + property;
      }
      byPointer.putIfAbsent(pointer, field(in, name, pointer, reason));
    }
    // The validator also flags declared fields that failed as "additional"; only a field with no
    // other complaint is really unknown.
    for (OutputUnit unit : unknownFields) {
      String pointer = pointerOf(unit.getInstanceLocation());
      byPointer.putIfAbsent(pointer, field(in, name, pointer, "field.unknown"));
    }
    if (byPointer.isEmpty()) {
      return List.of(field(in, name, "", "field.invalid"));
    }
    return new ArrayList<>(byPointer.values());
  }

  private static Problem.FieldError field(String in, String name, String pointer, String reason) {
    return new Problem.FieldError(in, name, in.equals("body") ? pointer : null, reason);
  }

  private static String reasonFor(String keyword) {
    return switch (keyword) {
      case "required" -> "field.required";
      case "unevaluatedProperties" -> "field.unknown";
      case "type" -> "field.type";
      case "format" -> "field.format";
      case "enum", "const" -> "field.enum";
      case "maxLength" -> "field.too-long";
      case "minLength" -> "field.too-short";
      case "maximum", "exclusiveMaximum" -> "field.too-large";
      case "minimum", "exclusiveMinimum" -> "field.too-small";
      case "pattern" -> "field.pattern";
      case "maxItems" -> "field.too-many";
      case "minItems" -> "field.too-few";
      // Wrappers ("properties", "items", "$ref", "allOf", ...) only repeat what their parts said.
      default -> null;
    };
  }

  private static String lastSegment(String location) {
    if (location == null) {
      return "";
    }
    int slash = location.lastIndexOf('/');
    return slash < 0 ? location : location.substring(slash + 1);
  }

  private static String pointerOf(String instanceLocation) {
    if (instanceLocation == null || instanceLocation.equals("#")) {
      return "";
    }
    return instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
  }

  private static String quoted(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = QUOTED.matcher(text);
    if (!m.find()) {
      return null;
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }
}
