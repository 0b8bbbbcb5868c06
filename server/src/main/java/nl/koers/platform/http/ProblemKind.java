package nl.koers.platform.http;

/**
 * Every kind of problem the API answers with: its status and its stable {@code type}. Clients
 * branch on {@code type}, never on text. Titles and default details are in problems*.properties.
 */
public enum ProblemKind {
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
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
  IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused"),
  AGE_OUT_OF_RANGE(422, "age-out-of-range"),
  NOT_OPEN_YET(403, "not-open-yet"),
  BEYOND_HORIZON(422, "beyond-horizon"),
  NOT_ADULT_YET(403, "not-adult-yet"),
  ACCOUNT_IN_USE(409, "account-in-use"),
  INVITE_USED(409, "invite-used"),
  INVITE_EXPIRED(410, "invite-expired"),
  INVITE_WITHDRAWN(410, "invite-withdrawn"),
  OWN_INVITE(422, "invite-own"),
  MENTOR_IS_PARENT(422, "mentor-is-parent"),
  MENTOR_TOO_YOUNG(422, "mentor-too-young"),
  TOO_MANY_NOMINATIONS(422, "too-many-nominations"),
  PARENT_AGREEMENT_NEEDED(409, "parent-agreement-needed"),
  PRECONDITION_REQUIRED(428, "precondition-required"),
  TOO_MANY_REQUESTS(429, "too-many-requests"),
  DECIDES_ALONE(422, "decides-alone"),
  PARENT_REFUSED(409, "parent-refused"),
  SCOPE_NOT_ALLOWED(422, "scope-not-allowed"),
  NOT_ELIGIBLE_SAFETY_CONTACT(422, "not-eligible-safety-contact"),
  INTERNAL(500, "internal"),
  NOT_IMPLEMENTED(501, "not-implemented"),
  UNAVAILABLE(503, "unavailable");

  private static final String TYPE_PREFIX = "urn:koers:problem:";

  private final int status;
  private final String slug;

  ProblemKind(int status, String slug) {
    this.status = status;
    this.slug = slug;
  }

  public int status() {
    return status;
  }

  public String type() {
    return TYPE_PREFIX + slug;
  }

  String slug() {
    return slug;
  }

  /** The kind the framework means by a bare status code (router errors, {@code rc.fail(code)}). */
  public static ProblemKind forStatus(int status) {
    for (ProblemKind kind : values()) {
      if (kind.status == status && kind != VALIDATION && kind != IDEMPOTENCY_IN_PROGRESS) {
        return kind;
      }
    }
    return status >= 500 ? INTERNAL : BAD_REQUEST;
  }
}
