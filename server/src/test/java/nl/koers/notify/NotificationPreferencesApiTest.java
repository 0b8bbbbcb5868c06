package nl.koers.notify;

import static nl.koers.testing.Http.await;
import static nl.koers.testing.NotifyTesting.acceptedFor;
import static nl.koers.testing.NotifyTesting.inbox;
import static nl.koers.testing.NotifyTesting.registerPhone;
import static nl.koers.testing.NotifyTesting.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.koers.KoersApp;
import nl.koers.contract.ContractDocument;
import nl.koers.demo.DemoRegion;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersApiTest;
import nl.koers.testing.NotifyTesting;
import org.junit.jupiter.api.Test;

/** One switch per notification type, round-tripping; safety never off; off means no push only. */
class NotificationPreferencesApiTest extends KoersApiTest {

  private static final String PREFERENCES = "/v1/me/notification-preferences";

  private static final Set<NotificationType> SAFETY_TYPES =
      Set.of(
          NotificationType.SAFETY,
          NotificationType.SAFETY_RECEIVED,
          NotificationType.SAFETY_PICKED_UP,
          NotificationType.SAFETY_FOLLOW_UP,
          NotificationType.SAFETY_ESCALATED);

  @Override
  protected JsonObject settings() {
    return NotifyTesting.settings(backend, database, fakeFcm());
  }

  private static List<NotificationType> mutable() {
    return Arrays.stream(NotificationType.values()).filter(t -> !SAFETY_TYPES.contains(t)).toList();
  }

  private static JsonObject body(JsonObject types) {
    return new JsonObject()
        .put("types", types)
        .put("quietHours", new JsonObject().put("start", "22:00").put("end", "07:00"));
  }

  private HttpResponse<Buffer> put(JsonObject session, JsonObject types) {
    // As an app does: based on what it read (If-Match with the read's ETag).
    String etag = koers.get(session, PREFERENCES).getHeader("ETag");
    return koers.put(
        session, PREFERENCES, body(types), Map.of("Accept-Language", "en", "If-Match", etag));
  }

  private JsonObject types(JsonObject session) {
    return koers.get(session, PREFERENCES).bodyAsJsonObject().getJsonObject("types");
  }

  private static Set<String> off(JsonObject types) {
    return types.stream()
        .filter(e -> !(Boolean) e.getValue())
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void thePreferencesListEveryTypeTheInboxCanCarryAsTheContractDoes() {
    Set<String> server = types(koers.signInAs("sam")).fieldNames();
    Set<String> all =
        Arrays.stream(NotificationType.values()).map(Enum::name).collect(Collectors.toSet());
    JsonObject contract =
        ContractDocument.parse(
                await(koers.vertx.fileSystem().readFile(KoersApp.CONTRACT)).toString())
            .getJsonObject("components")
            .getJsonObject("schemas");

    assertThat(server).isEqualTo(all);
    assertThat(
            contract
                .getJsonObject("NotificationTypeSwitches")
                .getJsonObject("properties")
                .fieldNames())
        .isEqualTo(all);
    assertThat(contract.getJsonObject("NotificationType").getJsonArray("enum").getList())
        .containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void everyTypeButSafetyCanBeTurnedOffAndBackOnAndReadsBackAsSaved() {
    JsonObject sam = koers.signInAs("sam");
    for (NotificationType type : mutable()) {
      HttpResponse<Buffer> saved = put(sam, new JsonObject().put(type.name(), false));
      assertThat(saved.statusCode()).as(type.name()).isEqualTo(200);
      assertThat(off(saved.bodyAsJsonObject().getJsonObject("types"))).containsExactly(type.name());
      assertThat(off(types(sam))).as(type.name()).containsExactly(type.name());
    }

    JsonObject allOff = new JsonObject();
    mutable().forEach(type -> allOff.put(type.name(), false));
    SAFETY_TYPES.forEach(type -> allOff.put(type.name(), true));
    assertThat(put(sam, allOff).statusCode()).isEqualTo(200);
    assertThat(types(sam)).isEqualTo(allOff);

    // A replace: what is left out is on again.
    assertThat(put(sam, new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(off(types(sam))).isEmpty();
  }

  @Test
  void turningASafetyTypeOffIsRefusedNamingItAndNothingChanges() {
    JsonObject noor = koers.signInAs("noor");
    assertThat(put(noor, new JsonObject().put("MESSAGE", false)).statusCode()).isEqualTo(200);

    for (NotificationType type : SAFETY_TYPES) {
      HttpResponse<Buffer> refused =
          put(noor, new JsonObject().put(type.name(), false).put("CIRCLE_CHANGED", false));

      assertThat(refused.statusCode()).as(type.name()).isEqualTo(422);
      JsonObject problem = refused.bodyAsJsonObject();
      assertThat(problem.getString("type")).isEqualTo("urn:koers:problem:notification-always-on");
      assertThat(problem.getString("detail")).startsWith(type.name() + " cannot be turned off");
      assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("/types/" + type.name());
      assertThat(off(types(noor))).containsExactly("MESSAGE");
    }
    // Saying it is on is fine.
    assertThat(put(noor, new JsonObject().put("SAFETY", true)).statusCode()).isEqualTo(200);
  }

  @Test
  void aTypeThatDoesNotExistOrAValueThatIsNoSwitchIsABadRequest() {
    JsonObject sam = koers.signInAs("sam");
    HttpResponse<Buffer> unknown = put(sam, new JsonObject().put("GOSSIP", false));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.bodyAsJsonObject().getString("type"))
        .isEqualTo("urn:koers:problem:validation");
    assertThat(put(sam, new JsonObject().put("MESSAGE", "no")).statusCode()).isEqualTo(400);
  }

  @Test
  void aMutedTypeIsNeverPushedButEveryTypeIsInTheInbox() {
    JsonObject marco = koers.signInAs("marco");
    String token = registerPhone(koers, marco);
    JsonObject allOff = new JsonObject();
    mutable().forEach(type -> allOff.put(type.name(), false));
    assertThat(
            koers
                .putAsRead(
                    marco,
                    PREFERENCES,
                    PREFERENCES,
                    new JsonObject()
                        .put("types", allOff)
                        .put(
                            "quietHours",
                            new JsonObject().put("start", "00:00").put("end", "00:00")))
                .statusCode())
        .isEqualTo(200);

    String marcoId = DemoRegion.idOf("marco");
    String samId = DemoRegion.idOf("sam");
    Map<NotificationType, String> ids = new java.util.EnumMap<>(NotificationType.class);
    for (NotificationType type : NotificationType.values()) {
      NotificationIntent intent =
          new NotificationIntent(
              UUID.randomUUID().toString(),
              type,
              marcoId,
              Optional.of(samId),
              "youth/" + samId,
              clock.instant());
      await(
          mongo.write(
              mongo.collection("youth").updateOne(Filters.eq("_id", samId), intent.push())));
      ids.put(type, intent.id());
    }

    Eventually.until(
        "every one handled",
        () ->
            ids.values().stream()
                .map(id -> state(mongo, id))
                .allMatch(state -> "SENT".equals(state) || "SKIPPED".equals(state)));
    ids.forEach(
        (type, id) ->
            assertThat(state(mongo, id))
                .as(type.name())
                .isEqualTo(SAFETY_TYPES.contains(type) ? "SENT" : "SKIPPED"));
    assertThat(acceptedFor(fcm.accepted(), token)).isEqualTo(SAFETY_TYPES.size());
    assertThat(inbox(koers, marco))
        .extracting(item -> item.getString("id"))
        .containsExactlyInAnyOrderElementsOf(ids.values());
  }
}
