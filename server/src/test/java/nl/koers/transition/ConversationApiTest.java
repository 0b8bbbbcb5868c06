package nl.koers.transition;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.UUID;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Conversations: only with members who may exchange messages, encrypted at rest. */
class ConversationApiTest extends KoersApiTest {

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, null);
  }

  private HttpResponse<Buffer> send(
      JsonObject session, String youthId, String memberId, String text, String key) {
    return koers.post(
        session,
        "/v1/youth/" + youthId + "/conversations/" + memberId + "/messages",
        new JsonObject().put("text", text),
        Map.of("Idempotency-Key", key));
  }

  private HttpResponse<Buffer> send(
      JsonObject session, String youthId, String memberId, String text) {
    return send(session, youthId, memberId, text, UUID.randomUUID().toString());
  }

  @Test
  void samAndEvaTalkTheTextIsEncryptedAtRestAndTheNotificationCarriesNoContent() {
    String samId = koers.idOf("sam");
    String evaId = koers.idOf("pro-eva");
    JsonObject sam = koers.signInAs("sam");
    JsonObject eva = koers.signInAs("pro-eva");
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> sent = send(sam, samId, evaId, "Kunnen we donderdag bellen?", key);
    send(sam, samId, evaId, "Kunnen we donderdag bellen?", key);
    clock.advance(java.time.Duration.ofMinutes(2));
    send(eva, samId, evaId, "Ja, om vier uur.");

    assertThat(sent.statusCode()).isEqualTo(201);
    JsonArray messages =
        koers
            .get(eva, "/v1/youth/" + samId + "/conversations/" + evaId + "/messages")
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(messages.stream().map(m -> ((JsonObject) m).getString("text")))
        .containsExactly("Ja, om vier uur.", "Kunnen we donderdag bellen?");
    Document stored =
        await(
            mongo.first(
                mongo
                    .collection("messages")
                    .find(Filters.eq("_id", sent.bodyAsJsonObject().getString("id")))));
    assertThat(stored.toJson()).doesNotContain("donderdag").doesNotContain("bellen");
    Eventually.until(
        "eva is told",
        () ->
            NotifyTesting.inbox(koers, eva).stream()
                .anyMatch(i -> i.getString("type").equals("MESSAGE")));
    assertThat(NotifyTesting.inbox(koers, eva).toString()).doesNotContain("donderdag");
  }

  @Test
  void onlyMembersWhoMayExchangeMessagesTalkAndOnlyInTheirOwnConversation() {
    String samId = koers.idOf("sam");
    String noorId = koers.idOf("noor");
    String jimId = koers.idOf("jim-sam");
    JsonObject sam = koers.signInAs("sam");

    // The JIM sees only what sam shares: no messages until sam allows them.
    assertThat(send(sam, samId, jimId, "Hoi").statusCode()).isEqualTo(404);
    koers.putAsRead(
        sam,
        "/v1/youth/" + samId + "/circle",
        "/v1/youth/" + samId + "/mentor/scopes",
        new JsonObject().put("scopes", new JsonArray().add("profile").add("messages")));
    assertThat(send(sam, samId, jimId, "Hoi").statusCode()).isEqualTo(201);
    // Before 16, parents do not exchange messages through Koers.
    assertThat(send(koers.signInAs("noor"), noorId, koers.idOf("ilse"), "Hoi mam").statusCode())
        .isEqualTo(404);
    // Marco may talk with sam, but not read sam's conversation with eva.
    assertThat(
            koers
                .get(
                    koers.signInAs("marco"),
                    "/v1/youth/" + samId + "/conversations/" + koers.idOf("pro-eva") + "/messages")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            send(koers.signInAs("marco"), samId, koers.idOf("marco"), "Eten om zes uur")
                .statusCode())
        .isEqualTo(201);
    assertThat(send(sam, samId, koers.idOf("pro-eva"), "x".repeat(2001)).statusCode())
        .isEqualTo(400);
  }
}
