package nl.koers.circle;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.Http.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.FirebaseAuthEmulator;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/**
 * From registration to a phone: an admin registers a professional, the professional registers a
 * young person and a parent, each redeems their code after signing in with Firebase, and ending a
 * relation ends access at the next request.
 */
class RegistrationApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return RunningKoers.devMode(backend, database)
        .put(KoersConfig.FIREBASE_PROJECT_ID, FirebaseAuthEmulator.PROJECT_ID)
        .put(KoersConfig.FIREBASE_AUTH_EMULATOR_HOST, firebase().host);
  }

  private static FirebaseAuthEmulator firebase() {
    return FirebaseAuthEmulator.get();
  }

  /** Signs in with a fresh Firebase account on "their own phone" and redeems the code. */
  private HttpResponse<Buffer> redeemOnOwnPhone(String code) {
    JsonObject blank =
        await(
                koers
                    .client
                    .post("/v1/auth/session")
                    .sendJsonObject(
                        new JsonObject()
                            .put("firebaseIdToken", firebase().signUp("New phone").idToken())))
            .bodyAsJsonObject();
    return await(
        koers
            .client
            .post("/v1/activations/" + code + "/redeem")
            .bearerTokenAuthentication(blank.getString("accessToken"))
            .send());
  }

  private static JsonObject youth(String firstName, LocalDate born) {
    return new JsonObject()
        .put("firstName", firstName)
        .put("dateOfBirth", born.toString())
        .put("regionId", "demo");
  }

  @Test
  void onlyARegionAdminRegistersProfessionalsOfTheirRegion() {
    JsonObject admin = koers.signInAs("admin");
    JsonObject eva = koers.signInAs("pro-eva");

    HttpResponse<Buffer> registered =
        koers.post(admin, "/v1/regions/demo/professionals", new JsonObject().put("name", "Pieter"));
    HttpResponse<Buffer> byProfessional =
        koers.post(eva, "/v1/regions/demo/professionals", new JsonObject().put("name", "Pieter"));
    HttpResponse<Buffer> otherRegion =
        koers.post(admin, "/v1/regions/elsewhere/professionals", new JsonObject().put("name", "X"));

    assertThat(registered.statusCode()).isEqualTo(201);
    String code = registered.bodyAsJsonObject().getJsonObject("activation").getString("code");
    assertThat(code).matches("[ACDEFGHJKMNPQRTUVWXY345679]{8}");
    assertThat(registered.bodyAsJsonObject().getJsonObject("activation").getString("expiresAt"))
        .isEqualTo(clock.instant().plus(java.time.Duration.ofDays(14)).toString());
    assertThat(byProfessional.statusCode()).isEqualTo(403);
    assertThat(otherRegion.statusCode()).isEqualTo(403);

    HttpResponse<Buffer> redeemed = redeemOnOwnPhone(code);
    assertThat(redeemed.statusCode()).isEqualTo(200);
    assertThat(redeemed.bodyAsJsonObject().getJsonObject("person").getJsonArray("roles").getList())
        .containsExactly("PROFESSIONAL");
  }

  @Test
  void aYoungPersonMustBeAtLeastTwelve() {
    JsonObject eva = koers.signInAs("pro-eva");
    LocalDate today = AgeRules.today(clock.instant());

    HttpResponse<Buffer> eleven =
        koers.post(eva, "/v1/youth", youth("Mo", today.minusYears(12).plusDays(1)));
    HttpResponse<Buffer> twelve = koers.post(eva, "/v1/youth", youth("Lina", today.minusYears(12)));

    assertThat(eleven.statusCode()).isEqualTo(422);
    assertThat(problem(eleven).getString("type")).isEqualTo("urn:koers:problem:age-out-of-range");
    assertThat(twelve.statusCode()).isEqualTo(201);
    assertThat(twelve.bodyAsJsonObject().getJsonObject("youth").getString("ageBand"))
        .isEqualTo("12-15");
  }

  @Test
  void aRegisteredYoungPersonRedeemsTheirCodeOnceAndIsThemselvesFromThenOn() {
    JsonObject eva = koers.signInAs("pro-eva");
    JsonObject registered =
        koers.post(eva, "/v1/youth", youth("Lina", LocalDate.of(2012, 3, 14))).bodyAsJsonObject();
    String linaId = registered.getJsonObject("youth").getString("id");
    String code = registered.getJsonObject("activation").getString("code");

    HttpResponse<Buffer> redeemed =
        redeemOnOwnPhone(code.substring(0, 4).toLowerCase() + "-" + code.substring(4));
    HttpResponse<Buffer> again = redeemOnOwnPhone(code);

    assertThat(redeemed.statusCode()).isEqualTo(200);
    JsonObject lina = redeemed.bodyAsJsonObject();
    assertThat(lina.getJsonObject("person").getString("id")).isEqualTo(linaId);
    assertThat(lina.getJsonObject("person").getJsonArray("roles").getList())
        .containsExactly("YOUTH");
    assertThat(koers.get(lina, "/v1/youth/" + linaId).statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(404);
  }

  @Test
  void aCodeExpiresAfterFourteenDays() {
    JsonObject eva = koers.signInAs("pro-eva");
    String code =
        koers
            .post(eva, "/v1/youth", youth("Sem", LocalDate.of(2011, 5, 1)))
            .bodyAsJsonObject()
            .getJsonObject("activation")
            .getString("code");

    clock.advance(java.time.Duration.ofDays(14).plusSeconds(1));

    assertThat(redeemOnOwnPhone(code).statusCode()).isEqualTo(404);
  }

  @Test
  void endingARelationEndsAccessAtTheNextRequestWhateverTheTokenSays() {
    JsonObject eva = koers.signInAs("pro-eva");
    String samId = koers.idOf("sam");
    JsonObject added =
        koers
            .post(
                eva,
                "/v1/youth/" + samId + "/circle",
                new JsonObject().put("kind", "PARENT").put("name", "Karin"))
            .bodyAsJsonObject();
    JsonObject karin =
        redeemOnOwnPhone(added.getJsonObject("activation").getString("code")).bodyAsJsonObject();
    assertThat(koers.get(karin, "/v1/youth/" + samId).statusCode()).isEqualTo(200);

    String relationId = added.getJsonObject("relation").getString("id");
    HttpResponse<Buffer> ended =
        koers.post(eva, "/v1/youth/" + samId + "/circle/" + relationId + "/end", new JsonObject());

    assertThat(ended.statusCode()).isEqualTo(200);
    assertThat(ended.bodyAsJsonObject().getString("status")).isEqualTo("ENDED");
    // Karin's access token is still valid for minutes; her access is not.
    assertThat(koers.get(karin, "/v1/youth/" + samId).statusCode()).isEqualTo(404);
  }

  @Test
  void anAccountThatIsAlreadySomeoneCannotTakeOverAnotherPerson() {
    JsonObject eva = koers.signInAs("pro-eva");
    String code =
        koers
            .post(eva, "/v1/youth", youth("Ties", LocalDate.of(2010, 9, 9)))
            .bodyAsJsonObject()
            .getJsonObject("activation")
            .getString("code");

    HttpResponse<Buffer> bySam =
        await(
            koers
                .client
                .post("/v1/activations/" + code + "/redeem")
                .bearerTokenAuthentication(koers.signInAs("sam").getString("accessToken"))
                .send());

    assertThat(bySam.statusCode()).isEqualTo(409);
    assertThat(problem(bySam).getString("type")).isEqualTo("urn:koers:problem:account-in-use");
    assertThat(redeemOnOwnPhone(code).statusCode()).isEqualTo(200);
  }
}
