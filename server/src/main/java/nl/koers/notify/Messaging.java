package nl.koers.notify;

import com.google.api.client.http.HttpTransport;
import com.google.firebase.messaging.FirebaseMessaging;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import nl.koers.platform.firebase.Firebase;

/**
 * Where pushes go: Google's FCM with the deployment's credentials; a loopback stand-in (tests); or,
 * in dev mode without either, the {@link DevOutbox}. Set up on first use, off the event loop.
 */
public final class Messaging implements Supplier<Future<FirebaseMessaging>> {

  private final Vertx vertx;
  private final String projectId;
  private final Optional<HttpTransport> transport;
  private final boolean offline;
  private Future<FirebaseMessaging> messaging;

  private Messaging(
      Vertx vertx, String projectId, Optional<HttpTransport> transport, boolean offline) {
    this.vertx = vertx;
    this.projectId = projectId;
    this.transport = transport;
    this.offline = offline;
  }

  public static Messaging google(Vertx vertx, String projectId) {
    return new Messaging(vertx, projectId, Optional.empty(), false);
  }

  public static Messaging standIn(Vertx vertx, String projectId, URI loopbackFcm) {
    return new Messaging(vertx, projectId, Optional.of(Firebase.redirectedTo(loopbackFcm)), true);
  }

  public static Messaging dev(Vertx vertx, String projectId, DevOutbox outbox) {
    return new Messaging(vertx, projectId, Optional.of(outbox), true);
  }

  @Override
  public synchronized Future<FirebaseMessaging> get() {
    if (messaging == null || messaging.failed()) {
      messaging =
          vertx.executeBlocking(
              () ->
                  FirebaseMessaging.getInstance(
                      Firebase.app(
                          "messaging",
                          projectId,
                          offline ? Firebase.offline() : Firebase.applicationDefault(),
                          transport)),
              false);
    }
    return messaging;
  }
}
