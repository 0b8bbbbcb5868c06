package nl.koers.identity;

import static nl.koers.testing.ForgedTokens.header;
import static nl.koers.testing.ForgedTokens.hs256WithPublicKey;
import static nl.koers.testing.ForgedTokens.signed;
import static nl.koers.testing.ForgedTokens.unsigned;
import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.RunningKoers;
import nl.koers.testing.TestKeys;
import org.junit.jupiter.api.Test;

/** Over HTTP: every forged or stretched access token gets the same 401, and a real one works. */
class AccessTokenApiTest extends KoersApiTest {

  private HttpResponse<Buffer> me(String token) {
    return await(koers.client.get("/v1/me").bearerTokenAuthentication(token).send());
  }

  @Test
  void forgedAndStretchedTokensAreAll401() throws Exception {
    JsonObject key = TestKeys.key();
    String kid = key.getString("kid");
    String samId = koers.idOf("sam");
    long now = clock.instant().getEpochSecond();
    JsonObject claims =
        new JsonObject()
            .put("iss", "koers")
            .put("aud", "koers-app")
            .put("sub", samId)
            .put("jti", "forged")
            .put("iat", now)
            .put("exp", now + 600);
    String real = koers.signInAs("sam").getString("accessToken");
    String[] parts = real.split("\\.");

    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("alg none", unsigned(kid, claims));
    attacks.put("HS256 with the public key", hs256WithPublicKey(key, claims));
    attacks.put("unknown kid", signed(key, header("RS256", "at+jwt", "k-unknown"), claims));
    attacks.put(
        "wrong iss", signed(key, header("RS256", "at+jwt", kid), claims.copy().put("iss", "x")));
    attacks.put(
        "wrong aud", signed(key, header("RS256", "at+jwt", kid), claims.copy().put("aud", "x")));
    attacks.put("wrong typ", signed(key, header("RS256", "JWT", kid), claims));
    attacks.put(
        "expired beyond the skew",
        signed(
            key,
            header("RS256", "at+jwt", kid),
            claims.copy().put("iat", now - 700).put("exp", now - 61)));
    attacks.put(
        "tampered payload",
        parts[0]
            + "."
            + nl.koers.testing.ForgedTokens.encode(
                nl.koers.testing.ForgedTokens.part(real, 1).put("sub", koers.idOf("noor")))
            + "."
            + parts[2]);
    attacks.put("garbage", "not a token at all");
    attacks.put("too many segments", real + ".extra");

    assertThat(me(real).statusCode()).isEqualTo(200);
    for (Map.Entry<String, String> attack : attacks.entrySet()) {
      HttpResponse<Buffer> answer = me(attack.getValue());
      assertThat(answer.statusCode()).as(attack.getKey()).isEqualTo(401);
      assertThat(problem(answer).getString("type")).isEqualTo("urn:koers:problem:unauthorized");
      assertThat(answer.getHeader("WWW-Authenticate")).as(attack.getKey()).startsWith("Bearer");
    }
  }

  @Test
  void aGenuinelySignedTokenNeedsAKnownSessionAndTheTimesThisServerSigns() throws Exception {
    JsonObject key = TestKeys.key();
    JsonObject header = header("RS256", "at+jwt", key.getString("kid"));
    String real = koers.signInAs("sam").getString("accessToken");
    JsonObject claims = nl.koers.testing.ForgedTokens.part(real, 1);
    long now = clock.instant().getEpochSecond();
    JsonObject honest = claims.copy().put("jti", "re-signed").put("iat", now).put("exp", now + 600);
    // The control: the same key and claims as the server's own token are accepted, so each refusal
    // below is for the one thing changed.
    assertThat(me(signed(key, header, honest)).statusCode()).isEqualTo(200);
    assertThat(me(signed(key, header, honest.copy().put("iat", now + 59))).statusCode())
        .as("iat within the skew")
        .isEqualTo(200);

    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put(
        "unknown session", signed(key, header, honest.copy().put("sid", "no-such-session")));
    attacks.put("no session", signed(key, header, copyWithout(honest, "sid")));
    attacks.put(
        "exp ten years ahead",
        signed(key, header, honest.copy().put("exp", now + Duration.ofDays(3653).toSeconds())));
    attacks.put("living eleven minutes", signed(key, header, honest.copy().put("exp", now + 660)));
    attacks.put(
        "iat in the future beyond the skew",
        signed(key, header, honest.copy().put("iat", now + 61).put("exp", now + 600)));
    attacks.put("no iat", signed(key, header, copyWithout(honest, "iat")));
    for (Map.Entry<String, String> attack : attacks.entrySet()) {
      HttpResponse<Buffer> answer = me(attack.getValue());
      assertThat(answer.statusCode()).as(attack.getKey()).isEqualTo(401);
      assertThat(problem(answer).getString("type")).isEqualTo("urn:koers:problem:unauthorized");
    }
  }

  private static JsonObject copyWithout(JsonObject claims, String name) {
    JsonObject copy = claims.copy();
    copy.remove(name);
    return copy;
  }

  @Test
  void aRealTokenStopsWorkingSixtySecondsAfterItsExpiry() {
    String token = koers.signInAs("sam").getString("accessToken");

    clock.advance(AccessTokens.LIFETIME.plus(Duration.ofSeconds(59)));
    assertThat(me(token).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(2));
    assertThat(me(token).statusCode()).isEqualTo(401);
  }

  @Test
  void eachPersonHasTheirOwnRateLimit() {
    restartWith(
        RunningKoers.devMode(backend, database)
            .put(nl.koers.platform.config.KoersConfig.RATE_LIMIT_PER_MINUTE, 5));
    JsonObject sam = koers.signInAs("sam");
    JsonObject marco = koers.signInAs("marco");

    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 6; i++) {
      last = koers.get(sam, "/v1/me");
    }

    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(last.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(koers.get(marco, "/v1/me").statusCode()).isEqualTo(200);
  }
}
