package nl.koers.notify;

import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import nl.koers.platform.firebase.Firebase;

/**
 * Sends one push through the Firebase Admin SDK's asynchronous API, the answer coming back on the
 * caller's Vert.x context, and says what the answer means for the dispatcher.
 */
public final class Pushes {

  /** What came of one send. */
  public sealed interface Outcome {}

  /** FCM took it. */
  public record Delivered(String messageName) implements Outcome {}

  /** Try again later, not before {@code notBefore} if FCM said so. */
  public record TryAgain(Optional<Duration> notBefore, boolean quota, String reason)
      implements Outcome {}

  /** The token is dead: forget the device, do not retry. */
  public record DeadToken(String reason) implements Outcome {}

  /** A problem a retry will not fix (e.g. our credentials): record it, stop. */
  public record Failed(String reason) implements Outcome {}

  private final Vertx vertx;
  private final Supplier<Future<FirebaseMessaging>> messaging;

  public Pushes(Vertx vertx, Supplier<Future<FirebaseMessaging>> messaging) {
    this.vertx = vertx;
    this.messaging = messaging;
  }

  public Future<Outcome> send(Message message) {
    Context context = vertx.getOrCreateContext();
    return messaging
        .get()
        .compose(fcm -> Firebase.onContext(context, fcm.sendAsync(message)))
        .<Outcome>map(Delivered::new)
        .recover(failure -> Future.succeededFuture(outcomeOf(failure)));
  }

  static Outcome outcomeOf(Throwable failure) {
    if (!(failure instanceof FirebaseMessagingException e) || e.getMessagingErrorCode() == null) {
      // No FCM error code: the network or FCM's front door; worth another try.
      return new TryAgain(Optional.empty(), false, String.valueOf(failure));
    }
    MessagingErrorCode code = e.getMessagingErrorCode();
    return switch (code) {
      case UNREGISTERED -> new DeadToken(code.name());
      // FCM's INVALID_ARGUMENT is about the token when we send what PushPayload makes.
      case INVALID_ARGUMENT, SENDER_ID_MISMATCH -> new DeadToken(code.name());
      case QUOTA_EXCEEDED -> new TryAgain(retryAfter(e), true, code.name());
      case UNAVAILABLE, INTERNAL -> new TryAgain(retryAfter(e), false, code.name());
      case THIRD_PARTY_AUTH_ERROR -> new Failed(code.name());
    };
  }

  private static Optional<Duration> retryAfter(FirebaseMessagingException e) {
    if (e.getHttpResponse() == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, Object> header : e.getHttpResponse().getHeaders().entrySet()) {
      if (header.getKey().equalsIgnoreCase("Retry-After")) {
        Object value = header.getValue();
        String text =
            value instanceof Iterable<?> values && values.iterator().hasNext()
                ? String.valueOf(values.iterator().next())
                : String.valueOf(value);
        try {
          return Optional.of(Duration.ofSeconds(Long.parseLong(text.trim())));
        } catch (NumberFormatException dateForm) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
