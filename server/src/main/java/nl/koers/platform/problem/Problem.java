package nl.koers.platform.problem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem to answer with (RFC 9457). Routes and services fail with one of these; the HTTP edge
 * ({@code platform.http.ProblemResponder}) turns it into an {@code application/problem+json} answer
 * in the request's language. {@code kind} picks the stable type and the localized title; {@code
 * detail} is a message key with arguments, so the detail is localized too.
 */
public final class Problem extends RuntimeException {

  private final ProblemKind kind;
  private final String detailKey;
  private final Object[] detailArgs;
  private final List<FieldError> fieldErrors;
  private final Map<String, String> headers;
  private final Map<String, Object> extensions;

  /** One offending field; {@code detail} is a message key ({@code field.*}). */
  public record FieldError(String in, String name, String pointer, String detail) {}

  private Problem(
      ProblemKind kind,
      String detailKey,
      Object[] detailArgs,
      List<FieldError> fieldErrors,
      Map<String, String> headers,
      Map<String, Object> extensions) {
    super(kind.slug(), null, false, false);
    this.kind = kind;
    this.detailKey = detailKey;
    this.detailArgs = detailArgs;
    this.fieldErrors = List.copyOf(fieldErrors);
    this.headers = Map.copyOf(headers);
    this.extensions = Map.copyOf(extensions);
  }

  /** A problem whose detail is the kind's own default text. */
  public static Problem of(ProblemKind kind) {
    return new Problem(kind, null, new Object[0], List.of(), Map.of(), Map.of());
  }

  /**
   * A problem with a localized detail: {@code detailKey} names a message in problems.properties.
   */
  public static Problem of(ProblemKind kind, String detailKey, Object... args) {
    return new Problem(kind, detailKey, args, List.of(), Map.of(), Map.of());
  }

  public static Problem invalid(List<FieldError> errors) {
    return new Problem(CommonProblem.VALIDATION, null, new Object[0], errors, Map.of(), Map.of());
  }

  /** The same problem, naming the offending fields (e.g. which entries of a list were refused). */
  public Problem withErrors(List<FieldError> errors) {
    return new Problem(kind, detailKey, detailArgs, errors, headers, extensions);
  }

  public Problem withHeader(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new Problem(kind, detailKey, detailArgs, fieldErrors, more, extensions);
  }

  /**
   * The same problem with an extension member (RFC 9457 section 3.2) in its body, e.g. the {@code
   * update} of an outdated app; {@code value} is JSON-shaped (maps, lists, strings, numbers).
   */
  public Problem withExtension(String name, Object value) {
    Map<String, Object> more = new HashMap<>(extensions);
    more.put(name, value);
    return new Problem(kind, detailKey, detailArgs, fieldErrors, headers, more);
  }

  public ProblemKind kind() {
    return kind;
  }

  public int status() {
    return kind.status();
  }

  public String detailKey() {
    return detailKey;
  }

  public Object[] detailArgs() {
    return detailArgs.clone();
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
