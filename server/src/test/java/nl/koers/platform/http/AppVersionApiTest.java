package nl.koers.platform.http;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.koers.KoersApp;
import nl.koers.contract.ContractDocument;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;

/** Outdated apps are told to update (426) and where; everything else passes as before. */
class AppVersionApiTest extends KoersApiTest {

  private static final String ANDROID = "https://apps.example.org/koers/android";

  @Override
  protected JsonObject settings() {
    return RunningKoers.devMode(backend, database)
        .put(KoersConfig.MIN_APP_VERSION, "1.2.0")
        .put(KoersConfig.CURRENT_APP_VERSION, "1.5.0")
        .put(KoersConfig.APP_STORE_URL_ANDROID, ANDROID);
  }

  private HttpResponse<Buffer> me(JsonObject session, Map<String, String> headers) {
    return koers.get(session, "/v1/me", headers);
  }

  private static Map<String, String> app(String version) {
    return Map.of(AppVersionGate.HEADER, version);
  }

  @Test
  void anAppBelowTheMinimumIsToldToUpdateAndWhereInDutchByDefault() {
    HttpResponse<Buffer> answer = me(koers.signInAs("sam"), app("1.1.9"));

    assertThat(answer.statusCode()).isEqualTo(426);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = answer.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("urn:koers:problem:app-update-required");
    assertThat(problem.getString("title")).isEqualTo("Werk de app bij");
    assertThat(problem.getString("detail")).contains("1.1.9", "1.2.0", "App Store", "Google Play");
    assertThat(problem.getJsonObject("update"))
        .isEqualTo(
            new JsonObject()
                .put("appVersion", "1.1.9")
                .put("minimumVersion", "1.2.0")
                .put("currentVersion", "1.5.0")
                .put(
                    "stores",
                    new JsonArray()
                        .add(new JsonObject().put("platform", "android").put("url", ANDROID))));
  }

  @Test
  void inEnglishWhenThePhoneAsks() {
    HttpResponse<Buffer> answer =
        me(koers.signInAs("sam"), Map.of(AppVersionGate.HEADER, "0.9.0", "Accept-Language", "en"));

    assertThat(answer.statusCode()).isEqualTo(426);
    assertThat(answer.bodyAsJsonObject().getString("title")).isEqualTo("Update the app");
  }

  @Test
  void anOutdatedAppHearsItMustUpdateBeforeItHearsItMustSignIn() {
    assertThat(me(null, app("1.0.0")).statusCode()).isEqualTo(426);
    assertThat(me(null, Map.of()).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> signIn =
        await(
            koers
                .client
                .post("/v1/dev/session")
                .putHeader(AppVersionGate.HEADER, "1.0.0")
                .sendJsonObject(new JsonObject().put("person", "sam")));
    assertThat(signIn.statusCode()).isEqualTo(426);
  }

  @Test
  void semanticVersionsCountAsSemverOrdersThem() {
    JsonObject sam = koers.signInAs("sam");
    // A prerelease of the minimum comes before it; build metadata does not count.
    assertThat(me(sam, app("1.2.0-beta.2")).statusCode()).isEqualTo(426);
    assertThat(me(sam, app("1.2.0")).statusCode()).isEqualTo(200);
    assertThat(me(sam, app("1.2.0+build.7")).statusCode()).isEqualTo(200);
    assertThat(me(sam, app("1.10.0")).statusCode()).isEqualTo(200);
    assertThat(me(sam, app("2.0.0-rc.1")).statusCode()).isEqualTo(200);
    assertThat(me(sam, app("1.1.99")).statusCode()).isEqualTo(426);
  }

  @Test
  void requestsWithoutTheHeaderPassAsBefore() {
    assertThat(me(koers.signInAs("sam"), Map.of()).statusCode()).isEqualTo(200);
    assertThat(koers.get(null, "/region/").statusCode()).isEqualTo(200);
  }

  @Test
  void aVersionThatIsNoVersionIsABadRequestNamingTheHeader() {
    for (String nonsense : List.of("banana", "1.2", "v1.2.0", "01.2.0", "1.2.0.0", "")) {
      HttpResponse<Buffer> answer = me(koers.signInAs("sam"), app(nonsense));
      assertThat(answer.statusCode()).as(nonsense).isEqualTo(400);
      JsonObject error = answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
      assertThat(error.getString("in")).isEqualTo("header");
      assertThat(error.getString("name")).isEqualTo("X-App-Version");
    }
  }

  @Test
  void anOutdatedAppCanAlwaysReadTheAppConfigTheContractAndHealth() {
    HttpResponse<Buffer> config = koers.get(null, "/v1/app-config", app("0.0.1"));
    assertThat(config.statusCode()).isEqualTo(200);
    JsonObject body = config.bodyAsJsonObject();
    assertThat(body.getString("minimumVersion")).isEqualTo("1.2.0");
    assertThat(body.getString("currentVersion")).isEqualTo("1.5.0");
    assertThat(body.getString("serverTime")).isEqualTo(clock.instant().toString());
    assertThat(body.getJsonArray("stores").getJsonObject(0).getString("url")).isEqualTo(ANDROID);

    for (String path : List.of("/health/live", "/health/ready", "/openapi.yaml")) {
      assertThat(koers.get(null, path, app("0.0.1")).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void aPhoneBelowTheMinimumCannotRegisterForPushes() {
    JsonObject sam = koers.signInAs("sam");
    JsonObject device =
        new JsonObject()
            .put("token", UUID.randomUUID().toString())
            .put("platform", "android")
            .put("appVersion", "1.1.0")
            .put("locale", "nl-NL");

    HttpResponse<Buffer> refused = koers.post(sam, "/v1/me/devices", device, Map.of());
    assertThat(refused.statusCode()).isEqualTo(426);
    assertThat(refused.bodyAsJsonObject().getJsonObject("update").getString("appVersion"))
        .isEqualTo("1.1.0");
    assertThat(await(mongo.list(mongo.collection("devices").find()))).isEmpty();

    assertThat(
            koers
                .post(sam, "/v1/me/devices", device.put("appVersion", "1.5.0"), Map.of())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void everyProductOperationButTheAppConfigDeclaresThe426() {
    OpenAPIContract contract = await(ContractDocument.load(koers.vertx, KoersApp.CONTRACT));
    List<String> missing = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    for (Path path : contract.getPaths()) {
      for (Operation operation : path.getOperations()) {
        boolean declares = operation.getResponse(426) != null;
        boolean product =
            path.getName().startsWith("/v1/") && !operation.getOperationId().equals("getAppConfig");
        if (product && !declares) {
          missing.add(operation.getOperationId());
        }
        if (!product && declares) {
          outside.add(operation.getOperationId());
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(outside).isEmpty();
  }
}
