package nl.koers.notify;

import static nl.koers.testing.NotifyTesting.devNotify;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/**
 * An inbox is news, not a file: a notification goes a year and a month after it was made, on every
 * deployment (the embedded stand-in has no TTL monitor), and a younger one stays.
 */
class InboxRetentionApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  @Test
  void aNotificationLeavesTheInboxAYearAndAMonthAfterItCameAndAYoungerOneStays() {
    String old = devNotify(koers, "marco");
    Eventually.until("stored", () -> NotifyTesting.state(mongo, old) != null);
    clock.advance(Notifications.KEPT.minusDays(2));
    String younger = devNotify(koers, "marco");
    Eventually.until("stored", () -> NotifyTesting.state(mongo, younger) != null);
    clock.advance(Duration.ofDays(3));

    koers.runBackgroundNow();

    assertThat(NotifyTesting.state(mongo, old)).as("395 days and one").isNull();
    assertThat(NotifyTesting.state(mongo, younger)).as("two days old").isNotNull();
    assertThat(NotifyTesting.inbox(koers, koers.signInAs("marco")))
        .extracting(n -> n.getString("id"))
        .contains(younger)
        .doesNotContain(old);
  }
}
