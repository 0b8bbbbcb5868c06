package nl.koers.platform.firebase;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The Firebase Admin SDK, set up the one way Koers does it: an app per purpose with its own
 * options, credentials that never reach Google in tests and dev mode, and its asynchronous answers
 * brought back onto the caller's Vert.x context.
 */
public final class Firebase {

  private Firebase() {}

  /**
   * A new app. Setting one up costs over a second (and reads credentials from disk): call it off
   * the event loop.
   */
  public static FirebaseApp app(
      String purpose,
      String projectId,
      GoogleCredentials credentials,
      Optional<HttpTransport> transport) {
    FirebaseOptions.Builder options =
        FirebaseOptions.builder().setProjectId(projectId).setCredentials(credentials);
    transport.ifPresent(options::setHttpTransport);
    return FirebaseApp.initializeApp(options.build(), "koers-" + purpose + "-" + UUID.randomUUID());
  }

  /** Google's application-default credentials: production. */
  public static GoogleCredentials applicationDefault() throws IOException {
    return GoogleCredentials.getApplicationDefault();
  }

  /** Credentials that need no Google account: emulators, fakes and dev mode. */
  public static GoogleCredentials offline() {
    return GoogleCredentials.create(new AccessToken("offline", new Date(Long.MAX_VALUE)));
  }

  /** An HTTP transport that sends every request to the same path on a loopback server instead. */
  public static HttpTransport redirectedTo(URI loopbackBase) {
    String base = loopbackBase.toString().replaceAll("/$", "");
    return new NetHttpTransport.Builder()
        .setConnectionFactory(
            url -> (HttpURLConnection) new URL(base + url.getFile()).openConnection())
        .build();
  }

  /** The SDK's future as a Vert.x future completed on {@code context}. */
  public static <T> Future<T> onContext(Context context, ApiFuture<T> future) {
    Promise<T> promise = Promise.promise();
    ApiFutures.addCallback(
        future,
        new ApiFutureCallback<>() {
          @Override
          public void onFailure(Throwable failure) {
            context.runOnContext(v -> promise.fail(failure));
          }

          @Override
          public void onSuccess(T result) {
            context.runOnContext(v -> promise.complete(result));
          }
        },
        MoreExecutors.directExecutor());
    return promise.future();
  }
}
