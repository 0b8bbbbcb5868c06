package nl.koers.identity;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import com.google.firebase.internal.FirebaseProcessEnvironment;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import nl.koers.platform.firebase.Firebase;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Firebase ID tokens with the Firebase Admin SDK, revocation checked. The SDK is set up on
 * first use, off the event loop (it costs over a second), so the server starts without it.
 */
public final class FirebaseAdminIdTokens implements FirebaseIdTokens {

  private static final Logger LOG = LoggerFactory.getLogger(FirebaseAdminIdTokens.class);

  /** The user's own token was at fault: sign in again. Anything else is ours or Firebase's. */
  private static final Set<AuthErrorCode> REFUSED =
      EnumSet.of(
          AuthErrorCode.INVALID_ID_TOKEN,
          AuthErrorCode.EXPIRED_ID_TOKEN,
          AuthErrorCode.REVOKED_ID_TOKEN,
          AuthErrorCode.USER_DISABLED,
          AuthErrorCode.USER_NOT_FOUND,
          AuthErrorCode.TENANT_ID_MISMATCH);

  private final Vertx vertx;
  private final String projectId;
  private final Optional<String> emulatorHost;
  private Future<FirebaseAuth> auth;

  public FirebaseAdminIdTokens(Vertx vertx, String projectId, Optional<String> emulatorHost) {
    this.vertx = vertx;
    this.projectId = projectId;
    this.emulatorHost = emulatorHost;
  }

  @Override
  public Future<FirebaseIdentity> verify(String idToken) {
    Context context = vertx.getOrCreateContext();
    return auth()
        .compose(
            firebase -> Firebase.onContext(context, firebase.verifyIdTokenAsync(idToken, true)))
        .map(
            token ->
                new FirebaseIdentity(
                    token.getUid(), Optional.ofNullable(token.getName()), authTime(token)))
        .recover(FirebaseAdminIdTokens::toProblem);
  }

  @Override
  public Future<Boolean> signInStands(String uid, Instant authTime) {
    Context context = vertx.getOrCreateContext();
    return auth()
        .compose(firebase -> Firebase.onContext(context, firebase.getUserAsync(uid)))
        // As the Admin SDK's own revocation check: revoked when tokens are valid only after it.
        .map(
            user ->
                !user.isDisabled()
                    && user.getTokensValidAfterTimestamp() <= authTime.toEpochMilli())
        .recover(
            failure ->
                failure instanceof FirebaseAuthException e
                        && e.getAuthErrorCode() == AuthErrorCode.USER_NOT_FOUND
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(failure));
  }

  /** When the user signed in to Firebase; the token's issue time if it does not say. */
  private static Instant authTime(FirebaseToken token) {
    Object authTime = token.getClaims().get("auth_time");
    if (!(authTime instanceof Number)) {
      authTime = token.getClaims().get("iat");
    }
    return Instant.ofEpochSecond(((Number) authTime).longValue());
  }

  private synchronized Future<FirebaseAuth> auth() {
    if (auth == null || auth.failed()) {
      auth = vertx.executeBlocking(this::initialise, false);
    }
    return auth;
  }

  private FirebaseAuth initialise() throws IOException {
    if (emulatorHost.isPresent()) {
      // The SDK reads the emulator's address from its environment; this sets it for the SDK only.
      FirebaseProcessEnvironment.setenv("FIREBASE_AUTH_EMULATOR_HOST", emulatorHost.get());
    }
    GoogleCredentials credentials =
        emulatorHost.isPresent() ? Firebase.offline() : Firebase.applicationDefault();
    return FirebaseAuth.getInstance(Firebase.app("auth", projectId, credentials, Optional.empty()));
  }

  private static Future<FirebaseIdentity> toProblem(Throwable failure) {
    if (failure instanceof FirebaseAuthException e
        && e.getAuthErrorCode() != null
        && REFUSED.contains(e.getAuthErrorCode())) {
      return Future.failedFuture(
          Problem.of(CommonProblem.UNAUTHORIZED, "problem.unauthorized.firebase"));
    }
    if (failure instanceof IllegalArgumentException) {
      // The SDK's answer to an empty or malformed token.
      return Future.failedFuture(
          Problem.of(CommonProblem.UNAUTHORIZED, "problem.unauthorized.firebase"));
    }
    LOG.atWarn().setCause(failure).log("Firebase could not verify an ID token");
    return Future.failedFuture(Problem.of(CommonProblem.UNAVAILABLE));
  }
}
