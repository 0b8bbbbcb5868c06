package nl.koers.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids derived from what identifies a thing (a request's idempotency seed, a key), so that a retry
 * of the same request or change finds the same document instead of making a second one.
 */
public final class Ids {

  private Ids() {}

  /** A name-based UUID of the parts joined with {@code /}. */
  public static String derived(String first, String... more) {
    String name = more.length == 0 ? first : first + "/" + String.join("/", more);
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
