package nl.koers.platform.mongo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A collection and the indexes its queries rely on. Every repository query must be served by one of
 * these on a real MongoDB (the embedded stand-in ignores most indexes, so tests cannot notice a
 * missing one; declaring them here is how we keep that promise).
 */
public record CollectionSpec(String name, List<Index> indexes) {

  /**
   * An index. {@code expireAfter} makes it a TTL index: a real MongoDB removes old documents, the
   * embedded stand-in never does, so queries must still filter on the expiry time themselves. A
   * {@code sparse} index holds only documents that have its field: what a {@code $exists: true}
   * query needs (on a regular index it reads every document). The stand-in ignores both.
   */
  public record Index(
      String name, Bson keys, boolean unique, boolean sparse, Duration expireAfter) {

    public static Index ascending(String name, String... fields) {
      Document keys = new Document();
      for (String field : fields) {
        keys.append(field, 1);
      }
      return new Index(name, keys, false, false, null);
    }

    public Index asUnique() {
      return new Index(name, keys, true, sparse, expireAfter);
    }

    /** Only documents that have the field, e.g. a pending outbox ({@code $exists: true}). */
    public Index asSparse() {
      return new Index(name, keys, unique, true, expireAfter);
    }

    public Index expiringAfter(Duration ttl) {
      // A constant declared below the spec that uses it is still null here: fail, never no TTL.
      Objects.requireNonNull(ttl, () -> "index " + name + ": time to live not set yet");
      return new Index(name, keys, unique, sparse, ttl);
    }
  }

  public static CollectionSpec of(String name, Index... indexes) {
    return new CollectionSpec(name, List.of(indexes));
  }
}
