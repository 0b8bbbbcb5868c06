package nl.koers.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigningKeysToolTest {

  @Test
  void rotationRetiresTheSigningKeyAndTheNewOneSigns() {
    Instant then = Instant.parse("2026-01-01T00:00:00Z");
    Instant now = then.plus(Duration.ofDays(90));
    JsonObject first = SigningKeys.newKey(then);
    String firstKid = first.getString("kid");
    JsonObject before = new JsonObject().put("keys", new JsonArray().add(first));

    JsonObject after = SigningKeysTool.rotate(before, now);
    SigningKeys keys = SigningKeys.parse(after);

    assertThat(after.getJsonArray("keys")).hasSize(2);
    assertThat(keys.signing().createdAt()).isEqualTo(now);
    assertThat(keys.verifying(firstKid, now, AccessTokens.LIFETIME)).isPresent();
    assertThat(keys.verifying(firstKid, now.plus(Duration.ofMinutes(11)), AccessTokens.LIFETIME))
        .isEmpty();
  }
}
