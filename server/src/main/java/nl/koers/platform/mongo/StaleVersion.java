package nl.koers.platform.mongo;

/**
 * A write based on a version that is no longer the stored one: somebody else wrote in between. A
 * storage result, not an HTTP answer; the HTTP edge answers it with 412 Precondition Failed.
 */
public final class StaleVersion extends RuntimeException {

  private final Object id;
  private final long expectedVersion;

  public StaleVersion(Object id, long expectedVersion) {
    super("stale version " + expectedVersion + " of " + id, null, false, false);
    this.id = id;
    this.expectedVersion = expectedVersion;
  }

  /** The document the write was meant for. */
  public Object id() {
    return id;
  }

  /** The version the write was based on. */
  public long expectedVersion() {
    return expectedVersion;
  }
}
