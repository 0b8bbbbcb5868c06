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
  private static final String TAG_BY_CONTENT = "koers.tagByContent";
  private static final String VERSION_OF_CONTENT = "koers.versionOfContent";

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
    String inside = tag.substring(1, tag.length() - 1);
    int content = inside.indexOf(".c");
    try {
      return Long.parseLong(content < 0 ? inside : inside.substring(0, content));
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

  /**
   * A read tagged by its content that is also a version a write names in {@code If-Match}: the tag
   * is {@code "<version>.c<digest>"} - 304 only while the answer is the same (it may change with
   * time alone), and a write based on it counts only the version.
   */
  public static void contentOfVersion(RoutingContext rc, long version) {
    rc.put(VERSION_OF_CONTENT, version);
  }

  /** The router's handler on reads whose contract declares an ETag (see {@link Replies}). */
  static void tagByContent(RoutingContext rc) {
    rc.put(TAG_BY_CONTENT, Boolean.TRUE);
    rc.next();
  }

  /**
   * The tag of an answer tagged by its content: the same body gives the same tag on every instance
   * and after a restart. Null when this read is not tagged so, or a handler tagged a version.
   */
  static String contentTag(RoutingContext rc, int status, String body) {
    if (status != 200
        || body == null
        || !Boolean.TRUE.equals(rc.get(TAG_BY_CONTENT))
        || rc.response().headers().contains(HttpHeaders.ETAG)) {
      return null;
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Long version = rc.get(VERSION_OF_CONTENT);
      String prefix = version == null ? "c" : version + ".c";
      return "\"" + prefix + java.util.HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code If-None-Match} names this tag (or is {@code *}). */
  static boolean clientHas(RoutingContext rc, String etag) {
    String ifNoneMatch = rc.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals(etag) || t.equals("*")) {
        return true;
      }
    }
    return false;
  }
}
