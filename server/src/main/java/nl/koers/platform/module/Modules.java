package nl.koers.platform.module;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.mongo.CollectionSpec;

/** The assembled modules, and every list the application derives from what they declare. */
public record Modules(List<KoersModule> all) {

  public Modules {
    all = List.copyOf(all);
  }

  public List<CollectionSpec> collections() {
    return each(KoersModule::collections);
  }

  public List<PeriodicRounds.Job> jobs() {
    return each(KoersModule::jobs);
  }

  public List<OutboxSource> outboxSources() {
    return each(KoersModule::outboxSources);
  }

  /** Every operation of every module; an operation routed by two modules stops the start. */
  public Operations operations() {
    Operations operations = Operations.of();
    all.forEach(module -> operations.and(module.operations()));
    return operations;
  }

  /** What every module keeps in memory of the database, dropped (see the module's own). */
  public void forgetCachedReads() {
    all.forEach(KoersModule::forgetCachedReads);
  }

  /** Each module's seed, one after another, in assembly order. */
  public Future<Void> seed() {
    Future<Void> chain = Future.succeededFuture();
    for (KoersModule module : all) {
      chain = chain.compose(v -> module.seed());
    }
    return chain;
  }

  public <M extends KoersModule> M find(Class<M> type) {
    return all.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  private <T> List<T> each(Function<KoersModule, List<T>> part) {
    return all.stream().flatMap(module -> part.apply(module).stream()).toList();
  }
}
