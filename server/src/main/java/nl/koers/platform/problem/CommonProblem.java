package nl.koers.platform.problem;

/**
 * The problems every part of the API can answer with (bad input, not found, conflicts, the router's
 * own failures). A capability's own problems are its own {@link ProblemKind} enum, next to its
 * rules.
 */
public enum CommonProblem implements ProblemKind {
  BAD_REQUEST(400, "bad-request"),
  VALIDATION(400, "validation"),
  UNAUTHORIZED(401, "unauthorized"),
  FORBIDDEN(403, "forbidden"),
  NOT_FOUND(404, "not-found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable"),
  CONFLICT(409, "conflict"),
  IDEMPOTENCY_IN_PROGRESS(409, "idempotency-in-progress"),
  PRECONDITION_FAILED(412, "precondition-failed"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large"),
  URI_TOO_LONG(414, "uri-too-long"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
  IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused"),
  APP_UPDATE_REQUIRED(426, "app-update-required"),
  PRECONDITION_REQUIRED(428, "precondition-required"),
  TOO_MANY_REQUESTS(429, "too-many-requests"),
  HEADERS_TOO_LARGE(431, "headers-too-large"),
  INTERNAL(500, "internal"),
  NOT_IMPLEMENTED(501, "not-implemented"),
  UNAVAILABLE(503, "unavailable");

  private final int status;
  private final String slug;

  CommonProblem(int status, String slug) {
    this.status = status;
    this.slug = slug;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String slug() {
    return slug;
  }

  /** The kind the framework means by a bare status code (router errors, {@code rc.fail(code)}). */
  public static CommonProblem forStatus(int status) {
    for (CommonProblem kind : values()) {
      if (kind.status == status && kind != VALIDATION && kind != IDEMPOTENCY_IN_PROGRESS) {
        return kind;
      }
    }
    return status >= 500 ? INTERNAL : BAD_REQUEST;
  }
}
