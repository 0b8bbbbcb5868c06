package nl.koers.identity;

import io.vertx.core.Future;
import java.util.Optional;

/** Checks a Firebase ID token from the phone and says whose it is. */
public interface FirebaseIdTokens {

  /** Who a verified ID token belongs to. */
  record FirebaseIdentity(String uid, Optional<String> name) {}

  /**
   * The identity in a valid, unrevoked ID token of an enabled user. Fails with a 401 problem for a
   * bad, expired or revoked token or a disabled user, with 503 when Firebase cannot be asked.
   */
  Future<FirebaseIdentity> verify(String idToken);
}
