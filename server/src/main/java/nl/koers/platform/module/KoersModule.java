package nl.koers.platform.module;

import io.vertx.core.Future;
import java.util.List;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.mongo.CollectionSpec;

/**
 * One capability, wired by itself: its operations (by the contract's operation id), its collections
 * with the indexes its queries need, its background jobs, the outboxes its documents keep, the
 * problem kinds it answers with, and the data it needs in every deployment. The application only
 * assembles modules; every list it needs is derived from them.
 */
public interface KoersModule {

  default Operations operations() {
    return Operations.of();
  }

  default List<CollectionSpec> collections() {
    return List.of();
  }

  default List<PeriodicRounds.Job> jobs() {
    return List.of();
  }

  default List<OutboxSource> outboxSources() {
    return List.of();
  }

  /** Data every deployment needs (not the demo: that is dev mode's own module); idempotent. */
  default Future<Void> seed() {
    return Future.succeededFuture();
  }

  /**
   * The database was changed behind Koers's back (a restore from a backup): whatever the module
   * keeps in memory of what it read is dropped, so the next read asks the database again.
   */
  default void forgetCachedReads() {}
}
