package nl.koers.platform.sync;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The change feed's cursor: the {@link Change.Position} of the last entry a reader got and when it
 * was given out, as opaque text. Only data (no server memory), so it survives restarts and works on
 * every instance. It needs no signature: the feed decides what the reader may see on every read,
 * wherever they continue.
 */
public final class ChangeCursor {

  private static final String VERSION = "c1";

  private ChangeCursor() {}

  /** A cursor as read: where to continue, and when it was given out. */
  public record Read(Change.Position position, Instant issuedAt) {}

  public static String encode(Change.Position position, Instant issuedAt) {
    String text =
        VERSION
            + "|"
            + issuedAt.toEpochMilli()
            + "|"
            + position.at().toEpochMilli()
            + "|"
            + position.kind().name()
            + "|"
            + position.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** What a cursor says; empty when it is not one this server wrote. */
  public static Optional<Read> decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.split("\\|", 5);
      if (parts.length != 5 || !parts[0].equals(VERSION)) {
        return Optional.empty();
      }
      return Optional.of(
          new Read(
              new Change.Position(
                  Instant.ofEpochMilli(Long.parseLong(parts[2])),
                  Change.Kind.valueOf(parts[3]),
                  parts[4]),
              Instant.ofEpochMilli(Long.parseLong(parts[1]))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
