package nl.koers.testing;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made JWTs, for tests that try what an attacker would. Keys are SigningKeys entries. */
public final class ForgedTokens {

  private ForgedTokens() {}

  public static JsonObject header(String alg, String typ, String kid) {
    JsonObject header = new JsonObject().put("alg", alg).put("kid", kid);
    if (typ != null) {
      header.put("typ", typ);
    }
    return header;
  }

  /** Signed with the key's RSA private key (RS256), whatever the header claims. */
  public static String signed(JsonObject key, JsonObject header, JsonObject claims)
      throws Exception {
    String input = encode(header) + "." + encode(claims);
    PrivateKey privateKey =
        KeyFactory.getInstance("RSA")
            .generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.getString("privateKey"))));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(privateKey);
    rsa.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
  }

  /** The classic confusion attack: HMAC-SHA256 keyed with the (public) RSA key's bytes. */
  public static String hs256WithPublicKey(JsonObject key, JsonObject claims) throws Exception {
    String input = encode(header("HS256", "at+jwt", key.getString("kid"))) + "." + encode(claims);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(Base64.getDecoder().decode(key.getString("publicKey")), "HmacSHA256"));
    return input
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  /** alg none: no signature at all. */
  public static String unsigned(String kid, JsonObject claims) {
    return encode(header("none", "at+jwt", kid)) + "." + encode(claims) + ".";
  }

  public static String encode(JsonObject json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  public static JsonObject part(String token, int index) {
    return new JsonObject(
        new String(
            Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8));
  }
}
