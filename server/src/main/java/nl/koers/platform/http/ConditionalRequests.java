package nl.koers.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;

/**
 * {@code ETag} on reads and {@code If-Match} on writes, for resources that carry a version number.
 * The tag is the version in quotes; clients treat it as opaque.
 */
public final class ConditionalRequests {

  private static final String EXPECTED_VERSION = "koers.expectedVersion";

  private ConditionalRequests() {}

  public static String etag(long version) {
    return "\"" + version + "\"";
  }

  public static void tag(RoutingContext rc, long version) {
    rc.response().putHeader(HttpHeaders.ETAG, etag(version));
  }

  /**
   * The version a write is based on, from {@code If-Match}. Missing: 428. Not a version this server
   * ever issued (or {@code *}, which cannot be checked against a version): 412.
   */
  public static long expectedVersion(RoutingContext rc) {
    Long checked = rc.get(EXPECTED_VERSION);
    return checked != null ? checked : parseIfMatch(rc);
  }

  /**
   * The router's handler on every operation whose contract declares {@code If-Match}: a write
   * without a readable version stops here, before anything is read or written.
   */
  static void requireIfMatch(RoutingContext rc) {
    rc.put(EXPECTED_VERSION, parseIfMatch(rc));
    rc.next();
  }

  private static long parseIfMatch(RoutingContext rc) {
    String ifMatch = rc.request().getHeader(HttpHeaders.IF_MATCH);
    if (ifMatch == null || ifMatch.isBlank()) {
      throw Problem.of(CommonProblem.PRECONDITION_REQUIRED);
    }
    String tag = ifMatch.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
      throw Problem.of(CommonProblem.PRECONDITION_FAILED);
    }
    try {
      return Long.parseLong(tag.substring(1, tag.length() - 1));
    } catch (NumberFormatException e) {
      throw Problem.of(CommonProblem.PRECONDITION_FAILED);
    }
  }

  /** True (and a 304 sent) when the client already has this version ({@code If-None-Match}). */
  public static boolean answeredNotModified(RoutingContext rc, long version) {
    String ifNoneMatch = rc.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && ifNoneMatch.contains(etag(version))) {
      tag(rc, version);
      rc.response().setStatusCode(304).end();
      return true;
    }
    return false;
  }
}
