package nl.koers.identity;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/**
 * Sessions end for their access tokens too: after logout and after refresh-token reuse the family's
 * access tokens answer 401 on the next request, and on another instance within the cache window.
 */
class SessionEndApiTest extends KoersApiTest {

  private HttpResponse<Buffer> post(RunningKoers on, String path, String refreshToken) {
    return await(
        on.client.post(path).sendJsonObject(new JsonObject().put("refreshToken", refreshToken)));
  }

  private static int me(RunningKoers on, JsonObject session) {
    return on.get(session, "/v1/me").statusCode();
  }

  @Test
  void anAccessTokenUsedAfterLogoutIsRefusedOnTheNextRequest() {
    JsonObject sam = koers.signInAs("sam");
    JsonObject samElsewhere = koers.signInAs("sam");
    assertThat(me(koers, sam)).isEqualTo(200);

    assertThat(post(koers, "/v1/auth/logout", sam.getString("refreshToken")).statusCode())
        .isEqualTo(204);

    HttpResponse<Buffer> after = koers.get(sam, "/v1/me");
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(problem(after).getString("type")).isEqualTo("urn:koers:problem:unauthorized");
    assertThat(after.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(me(koers, samElsewhere)).as("sam's other sign-in goes on").isEqualTo(200);
  }

  @Test
  void afterRefreshTokenReuseTheFamilysEarlierAndLaterAccessTokensAreRefused() {
    JsonObject first = koers.signInAs("noor");
    HttpResponse<Buffer> rotated = post(koers, "/v1/auth/refresh", first.getString("refreshToken"));
    assertThat(rotated.statusCode()).isEqualTo(200);
    JsonObject second = rotated.bodyAsJsonObject();
    assertThat(me(koers, first)).as("a refresh does not end the earlier token").isEqualTo(200);
    assertThat(me(koers, second)).isEqualTo(200);

    assertThat(post(koers, "/v1/auth/refresh", first.getString("refreshToken")).statusCode())
        .as("reuse")
        .isEqualTo(401);

    assertThat(me(koers, first)).as("the earlier access token").isEqualTo(401);
    assertThat(me(koers, second)).as("the successor's access token").isEqualTo(401);
  }

  @Test
  void aSecondInstanceRefusesATokenLoggedOutOnTheFirstWithinTheCacheWindow() {
    try (RunningKoers other = RunningKoers.start(settings(), clock)) {
      JsonObject daan = koers.signInAs("daan");
      assertThat(me(other, daan)).as("a session is good on every instance").isEqualTo(200);

      assertThat(post(koers, "/v1/auth/logout", daan.getString("refreshToken")).statusCode())
          .isEqualTo(204);
      assertThat(me(koers, daan)).as("the instance that ended it").isEqualTo(401);

      clock.advance(SessionChecks.CACHE_WINDOW);
      assertThat(me(other, daan)).as("the other instance, one window later").isEqualTo(401);
    }
  }

  @Test
  void aTokenOfAnEndedSessionStaysRefusedUntilItExpires() {
    JsonObject sam = koers.signInAs("sam");
    post(koers, "/v1/auth/logout", sam.getString("refreshToken"));

    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(3));
      assertThat(me(koers, sam)).isEqualTo(401);
    }
  }
}
