package nl.koers.notify;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.NotifyTesting.devNotify;
import static nl.koers.testing.NotifyTesting.registerPhone;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/**
 * Every push FCM receives, of every type, is scanned for what must never be in one: names, e-mail
 * addresses, phone numbers and care words. Data is exactly {type, id}.
 */
class PushPrivacyTest extends KoersApiTest {

  private static final List<String> NAMES =
      List.of(
          "sam", "noor", "daan", "ilse", "marco", "jesse", "tess", "eva", "amir", "anouk", "karin",
          "vries", "jim-sam", "pro-eva");
  private static final List<String> CARE_WORDS =
      List.of(
          "veilig",
          "safety",
          "hulp",
          "zorg",
          "jeugd",
          "pleeg",
          "foster",
          "parent",
          "ouder",
          "mentor",
          "jim",
          "circle",
          "kring",
          "feedback",
          "suicid",
          "suïcid",
          "mishandel",
          "misbruik",
          "abuse",
          "depress",
          "angst",
          "verslav",
          "crisis",
          "politie",
          "therap");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
  private static final Pattern PHONE =
      Pattern.compile(
          "(\\+31|0031|\\b0)[\\s-]?6[\\s-]?\\d{2}[\\s-]?\\d{2}[\\s-]?\\d{2}[\\s-]?\\d{2}\\b");

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, fakeFcm());
  }

  @Test
  void noPushOfAnyTypeCarriesANameAnAddressANumberOrCareContent() {
    registerPhone(koers, koers.signInAs("marco"));
    registerPhone(koers, koers.signInAs("sam"));
    String samId = koers.idOf("sam");
    // A test push, a circle change with a full name in it, and a safety signal.
    devNotify(koers, "marco");
    koers.post(
        koers.signInAs("pro-eva"),
        "/v1/youth/" + samId + "/circle",
        new JsonObject().put("kind", "PARENT").put("name", "Karin de Vries"));
    NotificationIntent safety =
        new NotificationIntent(
            UUID.randomUUID().toString(),
            NotificationType.SAFETY,
            samId,
            Optional.of(samId),
            "youth/" + samId + "/feedback/ik-voel-me-niet-veilig",
            clock.instant());
    await(
        mongo.write(
            mongo.collection("persons").updateOne(Filters.eq("_id", samId), safety.push())));

    Eventually.until("three pushes", () -> fcm.accepted().size() >= 3);

    List<String> findings = new ArrayList<>();
    for (JsonObject body : fcm.received()) {
      JsonObject message = body.getJsonObject("message");
      String text = message.copy().put("token", "").encode().toLowerCase(Locale.ROOT);
      NAMES.stream().filter(text::contains).forEach(n -> findings.add("name " + n + " in " + text));
      CARE_WORDS.stream()
          .filter(text::contains)
          .forEach(w -> findings.add("care word " + w + " in " + text));
      if (EMAIL.matcher(text).find()) {
        findings.add("e-mail address in " + text);
      }
      if (PHONE.matcher(text).find()) {
        findings.add("phone number in " + text);
      }
      if (!message.getJsonObject("data").fieldNames().equals(PushPayload.DATA_KEYS)) {
        findings.add("data beyond type and id: " + message.getJsonObject("data"));
      }
    }
    assertThat(findings).isEmpty();
    assertThat(fcm.received())
        .extracting(body -> body.getJsonObject("message").getJsonObject("data").getString("type"))
        .containsOnly("test", "update");
  }
}
