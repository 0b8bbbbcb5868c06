package nl.koers.platform.module;

import java.util.List;

/**
 * Every module's outbox sources, known once all modules are assembled. Relays are made by one
 * module but drain documents of many, so they ask here on each run instead of being handed a list
 * someone keeps by hand.
 */
public final class Outboxes {

  private volatile List<OutboxSource> declared = List.of();

  /** Called once by the assembly, after every module is made and before any job runs. */
  public void declare(List<OutboxSource> sources) {
    declared = List.copyOf(sources);
  }

  public List<OutboxSource> carrying(OutboxSource.Carries carries) {
    return declared.stream().filter(source -> source.carries() == carries).toList();
  }

  public List<String> collectionsCarrying(OutboxSource.Carries carries) {
    return carrying(carries).stream().map(OutboxSource::collection).toList();
  }
}
