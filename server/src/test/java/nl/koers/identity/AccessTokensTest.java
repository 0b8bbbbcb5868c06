package nl.koers.identity;

import static nl.koers.testing.ForgedTokens.encode;
import static nl.koers.testing.ForgedTokens.header;
import static nl.koers.testing.ForgedTokens.hs256WithPublicKey;
import static nl.koers.testing.ForgedTokens.part;
import static nl.koers.testing.ForgedTokens.signed;
import static nl.koers.testing.ForgedTokens.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import nl.koers.testing.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Access tokens: what we issue verifies; every known way to forge or stretch one is refused. */
class AccessTokensTest {

  private static final String ISSUER = "koers";
  private static final String AUDIENCE = "koers-app";
  private static final Instant START = Instant.parse("2026-05-01T08:00:00Z");

  private static JsonObject ourKey;
  private static JsonObject strangerKey;

  private final MutableClock clock = new MutableClock(START);

  @BeforeAll
  static void makeKeys() {
    ourKey = SigningKeys.newKey(START.minus(Duration.ofDays(1)));
    strangerKey = SigningKeys.newKey(START.minus(Duration.ofDays(2)));
  }

  private SigningKeys keys() {
    return SigningKeys.parse(new JsonObject().put("keys", new JsonArray().add(ourKey)));
  }

  private AccessTokens tokens() {
    return new AccessTokens(keys(), clock, ISSUER, AUDIENCE);
  }

  @Test
  void anIssuedTokenVerifiesAndCarriesTheRequiredClaimsAndHeaders() {
    String token = tokens().issue("person-1", "session-1");

    JsonObject header = part(token, 0);
    JsonObject claims = part(token, 1);
    assertThat(header.getString("alg")).isEqualTo("RS256");
    assertThat(header.getString("typ")).isEqualTo("at+jwt");
    assertThat(header.getString("kid")).isEqualTo(ourKey.getString("kid"));
    assertThat(claims.getString("iss")).isEqualTo(ISSUER);
    assertThat(claims.getValue("aud").toString()).contains(AUDIENCE);
    assertThat(claims.getString("sub")).isEqualTo("person-1");
    assertThat(claims.getString("jti")).isNotBlank();
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(600);
    assertThat(tokens().verify(token))
        .hasValueSatisfying(v -> assertThat(v.personId()).isEqualTo("person-1"));
  }

  @Test
  void algNoneIsRefused() {
    String token = unsigned(ourKey.getString("kid"), validClaims());
    assertThat(tokens().verify(token)).isEmpty();
  }

  @Test
  void hs256SignedWithThePublicKeyIsRefused() throws Exception {
    String token = hs256WithPublicKey(ourKey, validClaims());
    assertThat(tokens().verify(token)).isEmpty();
  }

  @Test
  void anUnknownKidIsRefused() throws Exception {
    String token = signed(strangerKey, header("RS256", "at+jwt", "k-unknown"), validClaims());
    assertThat(tokens().verify(token)).isEmpty();
  }

  @Test
  void ourKidOnAStrangersSignatureIsRefused() throws Exception {
    String token =
        signed(strangerKey, header("RS256", "at+jwt", ourKey.getString("kid")), validClaims());
    assertThat(tokens().verify(token)).isEmpty();
  }

  @Test
  void aWrongIssuerAudienceOrTypeIsRefused() throws Exception {
    String kid = ourKey.getString("kid");
    assertThat(
            tokens()
                .verify(
                    signed(
                        ourKey, header("RS256", "at+jwt", kid), validClaims().put("iss", "other"))))
        .isEmpty();
    assertThat(
            tokens()
                .verify(
                    signed(
                        ourKey, header("RS256", "at+jwt", kid), validClaims().put("aud", "other"))))
        .isEmpty();
    assertThat(tokens().verify(signed(ourKey, header("RS256", "JWT", kid), validClaims())))
        .isEmpty();
    assertThat(tokens().verify(signed(ourKey, header("RS256", null, kid), validClaims())))
        .isEmpty();
  }

  @Test
  void aFirebaseIdTokenIsNeverAnAccessToken() throws Exception {
    JsonObject firebaseClaims =
        validClaims()
            .put("iss", "https://securetoken.google.com/demo-koers")
            .put("aud", "demo-koers")
            .put("firebase", new JsonObject().put("sign_in_provider", "password"));
    String token = signed(strangerKey, header("RS256", "JWT", "firebase-kid"), firebaseClaims);
    assertThat(tokens().verify(token)).isEmpty();
  }

  @Test
  void aTokenIsAcceptedUpTo60SecondsPastItsExpiryAndNotBeyond() {
    AccessTokens tokens = tokens();
    String token = tokens.issue("person-1", "session-1");

    clock.advance(Duration.ofMinutes(10).plusSeconds(50));
    assertThat(tokens.verify(token)).isPresent();
    clock.advance(Duration.ofSeconds(15));
    assertThat(tokens.verify(token)).isEmpty();
    assertThat(tokens().verify(token)).as("also when not remembered").isEmpty();
  }

  @Test
  void aTamperedPayloadIsRefused() {
    String token = tokens().issue("person-1", "session-1");
    String[] parts = token.split("\\.");
    JsonObject claims = part(token, 1).put("sub", "person-2");
    String tampered = parts[0] + "." + encode(claims) + "." + parts[2];

    assertThat(tokens().verify(tampered)).isEmpty();
  }

  @Test
  void garbageIsRefused() {
    assertThat(tokens().verify("not.a.token")).isEmpty();
    assertThat(tokens().verify("")).isEmpty();
  }

  @Test
  void afterRotationOldTokensVerifyUntilTheyExpiredAndTheNewKeySigns() {
    String beforeRotation = tokens().issue("person-1", "session-1");
    JsonObject retired = ourKey.copy().put("retiredAt", clock.instant().toString());
    JsonObject newer = SigningKeys.newKey(clock.instant());
    SigningKeys rotated =
        SigningKeys.parse(new JsonObject().put("keys", new JsonArray().add(retired).add(newer)));
    AccessTokens afterRotation = new AccessTokens(rotated, clock, ISSUER, AUDIENCE);

    String fresh = afterRotation.issue("person-1", "session-1");
    assertThat(part(fresh, 0).getString("kid")).isEqualTo(newer.getString("kid"));
    assertThat(afterRotation.verify(beforeRotation)).isPresent();
    assertThat(rotated.jwks(clock.instant(), AccessTokens.LIFETIME).getJsonArray("keys"))
        .hasSize(2);

    clock.advance(Duration.ofMinutes(11));
    AccessTokens later = new AccessTokens(rotated, clock, ISSUER, AUDIENCE);
    assertThat(later.verify(beforeRotation)).isEmpty();
    assertThat(rotated.jwks(clock.instant(), AccessTokens.LIFETIME).getJsonArray("keys"))
        .hasSize(1);
  }

  private JsonObject validClaims() {
    long now = clock.instant().getEpochSecond();
    return new JsonObject()
        .put("iss", ISSUER)
        .put("aud", AUDIENCE)
        .put("sub", "person-1")
        .put("jti", "t-1")
        .put("iat", now)
        .put("exp", now + 600);
  }
}
