package nl.koers.privacy;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.koers.circle.AgeRules;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.FirebaseAuthEmulator;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.RunningKoers;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A young person who signs in for real (Firebase, an activation code redeemed on their phone) is
 * erased: their Firebase account then never signs in again, not even as a new person, and neither
 * the uid nor the name Firebase had is left in the database.
 */
class ErasureFirebaseApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return RunningKoers.devMode(backend, database)
        .put(KoersConfig.FIREBASE_PROJECT_ID, FirebaseAuthEmulator.PROJECT_ID)
        .put(KoersConfig.FIREBASE_AUTH_EMULATOR_HOST, FirebaseAuthEmulator.get().host);
  }

  private HttpResponse<Buffer> signIn(FirebaseAuthEmulator.SignedIn user) {
    return await(
        koers
            .client
            .post("/v1/auth/session")
            .sendJsonObject(new JsonObject().put("firebaseIdToken", user.idToken())));
  }

  @Test
  void anErasedYoungPersonsFirebaseAccountNeverSignsInAgainAndLeavesNoTrace() {
    LocalDate born = AgeRules.today(clock.instant()).minusYears(16);
    JsonObject registered =
        koers
            .post(
                koers.signInAs("pro-eva"),
                "/v1/youth",
                new JsonObject()
                    .put("firstName", "Lina")
                    .put("dateOfBirth", born.toString())
                    .put("regionId", "demo"))
            .bodyAsJsonObject();
    String linaId = registered.getJsonObject("youth").getString("id");
    String code = registered.getJsonObject("activation").getString("code");
    FirebaseAuthEmulator.SignedIn phone = FirebaseAuthEmulator.get().signUp("Lina de Vries");
    JsonObject blank = signIn(phone).bodyAsJsonObject();
    JsonObject lina =
        await(
                koers
                    .client
                    .post("/v1/activations/" + code + "/redeem")
                    .bearerTokenAuthentication(blank.getString("accessToken"))
                    .send())
            .bodyAsJsonObject();
    assertThat(lina.getJsonObject("person").getString("id")).isEqualTo(linaId);

    HttpResponse<Buffer> asked = koers.post(lina, "/v1/youth/" + linaId + "/erasure", null);
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(202);
    assertThat(signIn(phone).statusCode()).as("before: she signs in as herself").isEqualTo(200);

    clock.set(Instant.parse(asked.bodyAsJsonObject().getString("eraseAfter")).plusSeconds(60));
    koers.runBackgroundNow();

    // Back to when her Firebase ID token is fresh: what refuses her is the erasure, not its age.
    clock.set(startsAt().plusSeconds(120));
    HttpResponse<Buffer> after = signIn(phone);
    assertThat(after.statusCode()).as(after.bodyAsString()).isEqualTo(401);
    assertThat(after.bodyAsJsonObject().getString("detail")).contains("gewist");
    for (String collection : List.of("persons", "accounts", "sessionFamilies", "youth")) {
      List<Document> all = await(mongo.list(mongo.collection(collection).find()));
      assertThat(all.stream().map(Document::toJson))
          .as(collection)
          .noneMatch(json -> json.contains(phone.uid()))
          .noneMatch(json -> json.contains(linaId))
          .noneMatch(json -> json.contains("Lina"));
    }
  }
}
