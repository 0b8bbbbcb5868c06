package nl.koers.identity;

import io.vertx.core.Future;
import java.util.List;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.CollectionSpec;

/**
 * Who someone is: people and their accounts, Koers's own access tokens and sessions (checked on
 * every request), Firebase ID tokens at sign-in, activation codes, and the public keys. The sign-in
 * operations themselves answer with the circle view, so they are {@link SessionModule}.
 */
public final class IdentityModule implements KoersModule {

  private final People people;
  private final Accounts accounts;
  private final Activations activations;
  private final FirebaseIdTokens firebase;
  private final SessionChecks sessionChecks;
  private final AccessTokens tokens;
  private final Sessions sessions;
  private final KeysRoutes keys;

  /** Reading (or, on the embedded default, generating) RSA keys is slow: off the event loop. */
  public static Future<IdentityModule> load(Platform platform) {
    KoersConfig config = platform.config();
    return platform
        .vertx()
        .executeBlocking(
            () ->
                SigningKeys.load(
                    config.signingKeysFile(), config.mayGenerateSigningKeys(), platform.clock()),
            false)
        .map(keys -> new IdentityModule(platform, keys));
  }

  public IdentityModule(Platform platform, SigningKeys signingKeys) {
    KoersConfig config = platform.config();
    this.people = new People(platform.mongo());
    this.accounts = new Accounts(platform.mongo(), people, platform.clock());
    this.activations = new Activations(platform.mongo(), platform.clock());
    this.tokens =
        new AccessTokens(signingKeys, platform.clock(), config.jwtIssuer(), config.jwtAudience());
    this.firebase =
        new FirebaseAdminIdTokens(
            platform.vertx(), config.firebaseProjectId(), config.authEmulatorHost());
    RefreshTokens refreshTokens = new RefreshTokens(platform.mongo(), platform.clock());
    // Every request asks whether its session still stands (cached per SessionChecks.CACHE_WINDOW).
    this.sessionChecks = new SessionChecks(refreshTokens, firebase, platform.clock());
    this.sessions = new Sessions(platform.vertx(), tokens, refreshTokens, sessionChecks, people);
    this.keys = new KeysRoutes(signingKeys, platform.clock());
  }

  public People people() {
    return people;
  }

  public Accounts accounts() {
    return accounts;
  }

  public Activations activations() {
    return activations;
  }

  public FirebaseIdTokens firebase() {
    return firebase;
  }

  public Sessions sessions() {
    return sessions;
  }

  /** How the router checks a bearer token: signature, claims, and that its session stands. */
  public KoersJwtAuth bearerAuth() {
    return new KoersJwtAuth(tokens, sessionChecks);
  }

  @Override
  public Operations operations() {
    return keys.operations();
  }

  @Override
  public List<CollectionSpec> collections() {
    return List.of(
        People.SPEC, Accounts.SPEC, RefreshTokens.FAMILIES, RefreshTokens.TOKENS, Activations.SPEC);
  }

  @Override
  public List<OutboxSource> outboxSources() {
    return List.of(OutboxSource.notifications(People.SPEC.name()));
  }
}
