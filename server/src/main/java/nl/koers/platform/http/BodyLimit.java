package nl.koers.platform.http;

import io.vertx.ext.web.handler.BodyHandler;

/** The cap on request bodies: every route, known or not, reads at most this much. */
public final class BodyLimit {

  public static final int MAX_BYTES = 64 * 1024;

  private BodyLimit() {}

  /** A body handler that answers 413 past the cap, before anything else reads the body. */
  public static BodyHandler handler() {
    return BodyHandler.create(false).setBodyLimit(MAX_BYTES);
  }
}
