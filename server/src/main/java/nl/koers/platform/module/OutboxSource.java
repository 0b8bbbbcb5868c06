package nl.koers.platform.module;

/**
 * A collection whose documents keep an embedded outbox, and what that outbox carries: side effects
 * are written in the same document write as the change, and a relay moves them on by id. {@code
 * youthField} names the young person of a document (for consent lines).
 */
public record OutboxSource(Carries carries, String collection, String youthField) {

  /** What an outbox carries, and so which relay drains it. */
  public enum Carries {
    NOTIFICATIONS,
    FACTS,
    CONSENTS
  }

  public static OutboxSource notifications(String collection) {
    return new OutboxSource(Carries.NOTIFICATIONS, collection, null);
  }

  public static OutboxSource facts(String collection) {
    return new OutboxSource(Carries.FACTS, collection, null);
  }

  public static OutboxSource consents(String collection, String youthField) {
    return new OutboxSource(Carries.CONSENTS, collection, youthField);
  }
}
