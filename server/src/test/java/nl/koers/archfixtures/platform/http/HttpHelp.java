package nl.koers.archfixtures.platform.http;

import io.vertx.ext.web.RoutingContext;

/** Fixture, allowed: the platform's HTTP edge reads the request. */
public final class HttpHelp {
  private HttpHelp() {}

  public static String language(RoutingContext rc) {
    return rc.request().getHeader("Accept-Language");
  }

  public static String defaultLanguage() {
    return "nl";
  }
}
