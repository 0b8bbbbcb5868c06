package nl.koers.identity;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/** Checks a Firebase ID token from the phone and says whose it is. */
public interface FirebaseIdTokens {

  /**
   * Who a verified ID token belongs to, and when they signed in to Firebase ({@code auth_time}).
   */
  record FirebaseIdentity(String uid, Optional<String> name, Instant authTime) {}

  /**
   * The identity in a valid, unrevoked ID token of an enabled user. Fails with a 401 problem for a
   * bad, expired or revoked token or a disabled user, with 503 when Firebase cannot be asked.
   */
  Future<FirebaseIdentity> verify(String idToken);

  /**
   * Whether a sign-in of {@code authTime} still stands in Firebase now: the user exists, is not
   * disabled, and their tokens were not revoked after it. Fails when Firebase cannot be asked.
   */
  Future<Boolean> signInStands(String uid, Instant authTime);
}
