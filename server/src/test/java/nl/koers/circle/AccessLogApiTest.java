package nl.koers.circle;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * "Who looked at my data": every read by the circle is there, with who, how, when and which
 * request.
 */
class AccessLogApiTest extends KoersApiTest {

  @Test
  void samSeesThatMarcoReadTheirCircleAndWhen() {
    String samId = koers.idOf("sam");
    JsonObject marco = koers.signInAs("marco");
    HttpResponse<Buffer> read = koers.get(marco, "/v1/youth/" + samId + "/circle");
    clock.advance(Duration.ofSeconds(5));

    HttpResponse<Buffer> log =
        koers.get(koers.signInAs("sam"), "/v1/youth/" + samId + "/access-log");

    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject marcosRead =
        log.bodyAsJsonObject().getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getJsonObject("actor").getString("name").equals("Marco"))
            .findFirst()
            .orElseThrow();
    assertThat(marcosRead.getString("capacity")).isEqualTo("FOSTER_PARENT");
    assertThat(marcosRead.getString("action")).isEqualTo("READ");
    assertThat(marcosRead.getString("resource")).isEqualTo("youth/" + samId + "/circle");
    assertThat(marcosRead.getString("at")).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(marcosRead.getString("requestId")).isEqualTo(read.getHeader("X-Request-Id"));
  }

  @Test
  void theLogIsNewestFirstAndPagedWithoutGapsOrRepeats() {
    String samId = koers.idOf("sam");
    JsonObject eva = koers.signInAs("pro-eva");
    for (int i = 0; i < 5; i++) {
      koers.get(eva, "/v1/youth/" + samId);
      clock.advance(Duration.ofSeconds(1));
    }
    JsonObject sam = koers.signInAs("sam");

    List<String> seen = new ArrayList<>();
    List<String> times = new ArrayList<>();
    String path = "/v1/youth/" + samId + "/access-log?limit=2";
    String next;
    do {
      JsonObject page = koers.get(sam, path).bodyAsJsonObject();
      page.getJsonArray("items").stream()
          .map(JsonObject.class::cast)
          .forEach(
              e -> {
                seen.add(e.getString("requestId"));
                times.add(e.getString("at"));
              });
      next = page.getString("next");
      path = "/v1/youth/" + samId + "/access-log?limit=2&cursor=" + next;
    } while (next != null);

    // Five reads by Eva plus Sam's first page read (each page read is itself logged).
    assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(6);
    assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }
}
