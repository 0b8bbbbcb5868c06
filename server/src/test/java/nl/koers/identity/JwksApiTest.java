package nl.koers.identity;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.Base64;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.RunningKoers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published keys, and where the embedded default keeps its own. */
class JwksApiTest {

  @TempDir Path dataDir;

  @Test
  void theEmbeddedDefaultGeneratesItsKeysOnceAndPublishesThem() throws Exception {
    JsonObject settings = new JsonObject().put(KoersConfig.DATA_DIR, dataDir.toString());
    String firstKid;
    try (RunningKoers koers = RunningKoers.start(settings, Clock.systemUTC())) {
      JsonObject jwks = await(koers.client.get("/.well-known/jwks.json").send()).bodyAsJsonObject();
      JsonObject key = jwks.getJsonArray("keys").getJsonObject(0);
      firstKid = key.getString("kid");

      assertThat(key.getString("kty")).isEqualTo("RSA");
      assertThat(key.getString("alg")).isEqualTo("RS256");
      assertThat(publicKey(key).getModulus().bitLength()).isGreaterThanOrEqualTo(2048);
      assertThat(key.fieldNames()).doesNotContain("d", "p", "q");
    }
    Path keyFile = dataDir.resolve(KoersConfig.GENERATED_KEYS_FILE);
    assertThat(Files.getPosixFilePermissions(keyFile))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    try (RunningKoers again = RunningKoers.start(settings, Clock.systemUTC())) {
      JsonObject jwks = await(again.client.get("/.well-known/jwks.json").send()).bodyAsJsonObject();
      assertThat(jwks.getJsonArray("keys").getJsonObject(0).getString("kid")).isEqualTo(firstKid);
    }
  }

  @Test
  void aRealMongoDbWithoutConfiguredKeysRefusesToStart() {
    KoersConfig config =
        KoersConfig.from(new JsonObject().put(KoersConfig.MONGODB_URI, "mongodb://127.0.0.1:1"));

    assertThatThrownBy(config::signingKeysFile).hasMessageContaining(KoersConfig.JWT_KEYS_FILE);
  }

  private static RSAPublicKey publicKey(JsonObject jwk) throws Exception {
    BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n")));
    BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")));
    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
  }
}
