package nl.koers.identity;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.FirebaseAuthEmulator;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/**
 * Signing in with a Firebase ID token from the real Auth emulator, and what happens to the Koers
 * session after: refresh rotation, reuse, races, logout.
 */
class SessionApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return RunningKoers.on(backend, database)
        .put(KoersConfig.FIREBASE_PROJECT_ID, FirebaseAuthEmulator.PROJECT_ID)
        .put(KoersConfig.FIREBASE_AUTH_EMULATOR_HOST, firebase().host);
  }

  private static FirebaseAuthEmulator firebase() {
    return FirebaseAuthEmulator.get();
  }

  private HttpResponse<Buffer> exchange(String idToken) {
    return await(
        koers
            .client
            .post("/v1/auth/session")
            .sendJsonObject(new JsonObject().put("firebaseIdToken", idToken)));
  }

  private HttpResponse<Buffer> refresh(String refreshToken) {
    return await(
        koers
            .client
            .post("/v1/auth/refresh")
            .sendJsonObject(new JsonObject().put("refreshToken", refreshToken)));
  }

  @Test
  void anEmulatorIdTokenBuysASessionForOnePersonPerFirebaseUser() {
    FirebaseAuthEmulator.SignedIn user = firebase().signUp("Lotte");

    HttpResponse<Buffer> first = exchange(user.idToken());
    HttpResponse<Buffer> second = exchange(user.idToken());

    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject session = first.bodyAsJsonObject();
    assertThat(session.getString("tokenType")).isEqualTo("Bearer");
    assertThat(session.getLong("expiresIn")).isEqualTo(600);
    assertThat(session.getJsonObject("person").getString("name")).isEqualTo("Lotte");
    assertThat(session.getJsonObject("person").getJsonArray("roles")).isEmpty();
    assertThat(first.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(second.bodyAsJsonObject().getJsonObject("person").getString("id"))
        .isEqualTo(session.getJsonObject("person").getString("id"));
    HttpResponse<Buffer> me = koers.get(session, "/v1/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("id"))
        .isEqualTo(session.getJsonObject("person").getString("id"));
  }

  @Test
  void garbageRevokedAndDisabledFirebaseTokensAreRefused() {
    FirebaseAuthEmulator.SignedIn revoked = firebase().signUp("Revoked");
    firebase().revokeTokensOf(revoked);
    FirebaseAuthEmulator.SignedIn disabled = firebase().signUp("Disabled");
    firebase().disable(disabled);

    for (String token : List.of("not-a-token", revoked.idToken(), disabled.idToken())) {
      HttpResponse<Buffer> answer = exchange(token);
      assertThat(answer.statusCode()).as(token).isEqualTo(401);
      assertThat(problem(answer).getString("type")).isEqualTo("urn:koers:problem:unauthorized");
    }
  }

  @Test
  void aFirebaseIdTokenIsNeverAcceptedAsAnAccessToken() {
    FirebaseAuthEmulator.SignedIn user = firebase().signUp("Sneaky");

    HttpResponse<Buffer> me =
        await(koers.client.get("/v1/me").bearerTokenAuthentication(user.idToken()).send());

    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(me.getHeader("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void aRefreshRotatesAndReusingASpentTokenEndsTheWholeFamily() {
    JsonObject session = exchange(firebase().signUp("Rotator").idToken()).bodyAsJsonObject();
    String first = session.getString("refreshToken");

    HttpResponse<Buffer> rotated = refresh(first);
    assertThat(rotated.statusCode()).isEqualTo(200);
    String second = rotated.bodyAsJsonObject().getString("refreshToken");
    assertThat(second).isNotEqualTo(first);
    assertThat(koers.get(rotated.bodyAsJsonObject(), "/v1/me").statusCode()).isEqualTo(200);

    HttpResponse<Buffer> reuse = refresh(first);
    assertThat(reuse.statusCode()).isEqualTo(401);
    assertThat(problem(reuse).getString("type")).isEqualTo("urn:koers:problem:unauthorized");
    // The thief's reuse also killed the legitimate successor.
    assertThat(refresh(second).statusCode()).isEqualTo(401);
  }

  @Test
  void fiftyParallelRefreshesOfOneTokenLetAtMostOneSucceedAndEndTheSession() {
    String token =
        exchange(firebase().signUp("Racer").idToken()).bodyAsJsonObject().getString("refreshToken");

    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      answers.add(
          koers
              .client
              .post("/v1/auth/refresh")
              .sendJsonObject(new JsonObject().put("refreshToken", token)));
    }
    List<HttpResponse<Buffer>> answered = answers.stream().map(answer -> await(answer)).toList();
    List<Integer> statuses = answered.stream().map(HttpResponse::statusCode).toList();

    // One claim wins; the 49 copies were reuse and end the family, so whether the winner still
    // answers 200 depends on whether it finished before the family ended - and if it did, the
    // session it answered is ended: neither its access token nor its refresh token works.
    assertThat(statuses).filteredOn(s -> s == 200).hasSizeLessThanOrEqualTo(1);
    assertThat(statuses).filteredOn(s -> s == 401).hasSizeGreaterThanOrEqualTo(49);
    assertThat(statuses).hasSize(50).allMatch(s -> s == 200 || s == 401);
    for (HttpResponse<Buffer> won : answered.stream().filter(a -> a.statusCode() == 200).toList()) {
      assertThat(koers.get(won.bodyAsJsonObject(), "/v1/me").statusCode()).isEqualTo(401);
      assertThat(refresh(won.bodyAsJsonObject().getString("refreshToken")).statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void aFirebaseRevocationEndsTheSessionWithinAMinuteAndTheCacheWindow() {
    FirebaseAuthEmulator.SignedIn revokedUser = firebase().signUp("Revoked later");
    JsonObject revoked = exchange(revokedUser.idToken()).bodyAsJsonObject();
    FirebaseAuthEmulator.SignedIn kept = firebase().signUp("Kept");
    JsonObject keptSession = exchange(kept.idToken()).bodyAsJsonObject();
    FirebaseAuthEmulator.SignedIn refresher = firebase().signUp("Refresher");
    JsonObject refresherSession = exchange(refresher.idToken()).bodyAsJsonObject();
    assertThat(koers.get(revoked, "/v1/me").statusCode()).isEqualTo(200);

    firebase().revokeTokensOf(revokedUser);
    firebase().revokeTokensOf(refresher);
    clock.advance(SessionChecks.FIREBASE_RECHECK.plus(SessionChecks.CACHE_WINDOW));

    assertThat(koers.get(revoked, "/v1/me").statusCode()).as("revoked").isEqualTo(401);
    assertThat(refresh(revoked.getString("refreshToken")).statusCode()).isEqualTo(401);
    assertThat(refresh(refresherSession.getString("refreshToken")).statusCode())
        .as("a refresh after a revocation")
        .isEqualTo(401);
    assertThat(koers.get(keptSession, "/v1/me").statusCode())
        .as("the same minute passed for a user nobody revoked")
        .isEqualTo(200);
  }

  @Test
  void aRefreshTokenDiesWithLogoutAndAfterThirtyDays() {
    JsonObject loggedOut = exchange(firebase().signUp("Leaver").idToken()).bodyAsJsonObject();
    JsonObject expired = exchange(firebase().signUp("Sleeper").idToken()).bodyAsJsonObject();

    HttpResponse<Buffer> logout =
        await(
            koers
                .client
                .post("/v1/auth/logout")
                .sendJsonObject(
                    new JsonObject().put("refreshToken", loggedOut.getString("refreshToken"))));
    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(refresh(loggedOut.getString("refreshToken")).statusCode()).isEqualTo(401);

    clock.advance(RefreshTokens.FAMILY_LIFETIME.plusSeconds(1));
    assertThat(refresh(expired.getString("refreshToken")).statusCode()).isEqualTo(401);
  }
}
