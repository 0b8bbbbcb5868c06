package nl.koers.identity;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Koers's own access tokens: short-lived JWTs (RS256, {@code typ at+jwt}) signed with the newest
 * {@link SigningKeys} key. Verification pins the algorithm and the key by {@code kid}, requires
 * issuer, audience, type, a session ({@code sid}) and an issue time, and allows 60 s of clock skew;
 * anything else (alg none, HMAC with the public key, a Firebase ID token, an unknown key, a token
 * issued in the future, or one that claims to live longer than {@link #LIFETIME}) is refused.
 *
 * <p>Verified tokens are remembered (bounded) until they expire, so the per-request cost is a map
 * lookup. This says only that the token is genuine: whether its session still stands is asked on
 * every request ({@link SessionChecks}), cached or not, and the relation checks run on every
 * request too.
 */
public final class AccessTokens {

  public static final String ALGORITHM = "RS256";
  public static final String TYPE = "at+jwt";
  public static final Duration LIFETIME = Duration.ofMinutes(10);
  static final long SKEW_SECONDS = 60;
  private static final int CACHE_LIMIT = 50_000;

  /** The claim naming the sign-in (refresh-token family) a token belongs to. */
  public static final String SESSION_CLAIM = "sid";

  /** What a verified token says. */
  public record Verified(String personId, String sessionId, String tokenId, Instant expiresAt) {}

  private final SigningKeys keys;
  private final Clock clock;
  private final String issuer;
  private final String audience;
  private final JwtParser parser;
  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

  public AccessTokens(SigningKeys keys, Clock clock, String issuer, String audience) {
    this.keys = keys;
    this.clock = clock;
    this.issuer = issuer;
    this.audience = audience;
    this.parser =
        Jwts.parser()
            .sig()
            .clear()
            .add(Jwts.SIG.RS256)
            .and()
            .keyLocator(new KeyByKid())
            .requireIssuer(issuer)
            .requireAudience(audience)
            .clockSkewSeconds(SKEW_SECONDS)
            .clock(() -> Date.from(clock.instant()))
            .build();
  }

  /** A new access token for a person, within one sign-in (session). */
  public String issue(String personId, String sessionId) {
    SigningKeys.SigningKey key = keys.signing();
    Instant now = clock.instant();
    return Jwts.builder()
        .header()
        .keyId(key.kid())
        .type(TYPE)
        .and()
        .issuer(issuer)
        .audience()
        .add(audience)
        .and()
        .subject(personId)
        .claim(SESSION_CLAIM, sessionId)
        .id(UUID.randomUUID().toString())
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(LIFETIME)))
        .signWith(key.privateKey(), Jwts.SIG.RS256)
        .compact();
  }

  /** The token's person, or empty when the token is not one of ours, not valid, or expired. */
  public Optional<Verified> verify(String token) {
    Instant now = clock.instant();
    Verified known = verified.get(token);
    if (known != null) {
      if (now.isBefore(known.expiresAt().plusSeconds(SKEW_SECONDS))) {
        return Optional.of(known);
      }
      verified.remove(token);
      return Optional.empty();
    }
    try {
      var jws = parser.parseSignedClaims(token);
      if (!TYPE.equals(jws.getHeader().getType())) {
        return Optional.empty();
      }
      Claims claims = jws.getPayload();
      if (claims.getSubject() == null
          || claims.getId() == null
          || claims.getExpiration() == null
          || claims.getIssuedAt() == null
          || !withinLifetime(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant())
          || claims.get(SESSION_CLAIM, String.class) == null
          || claims.get(SESSION_CLAIM, String.class).isBlank()) {
        return Optional.empty();
      }
      Verified result =
          new Verified(
              claims.getSubject(),
              claims.get(SESSION_CLAIM, String.class),
              claims.getId(),
              claims.getExpiration().toInstant());
      remember(token, result);
      return Optional.of(result);
    } catch (JwtException | IllegalArgumentException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether a token's times are ones this server would have signed: issued no later than the skew
   * allows, and living no longer than {@link #LIFETIME}. A genuine key signing a stretched token is
   * a leaked key or a bug; either way it is not a Koers session.
   */
  private boolean withinLifetime(Instant issuedAt, Instant expiresAt) {
    return !issuedAt.isAfter(clock.instant().plusSeconds(SKEW_SECONDS))
        && !expiresAt.isAfter(issuedAt.plus(LIFETIME));
  }

  private void remember(String token, Verified result) {
    if (verified.size() >= CACHE_LIMIT) {
      Instant now = clock.instant();
      verified.values().removeIf(v -> !now.isBefore(v.expiresAt().plusSeconds(SKEW_SECONDS)));
      if (verified.size() >= CACHE_LIMIT) {
        verified.clear();
      }
    }
    verified.put(token, result);
  }

  /** Finds the verification key by {@code kid}; no kid or an unknown or expired one: no key. */
  private final class KeyByKid extends LocatorAdapter<Key> {
    @Override
    protected Key locate(ProtectedHeader header) {
      String kid = header.getKeyId();
      if (kid == null) {
        throw new io.jsonwebtoken.security.InvalidKeyException("token has no kid");
      }
      return keys.verifying(kid, clock.instant(), LIFETIME)
          .map(k -> (Key) k.publicKey())
          .orElseThrow(() -> new io.jsonwebtoken.security.InvalidKeyException("unknown kid"));
    }
  }
}
