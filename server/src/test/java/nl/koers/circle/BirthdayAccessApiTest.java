package nl.koers.circle;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import nl.koers.testing.KoersApiTest;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP, with the server's clock moved: a parent's access to a young person ends at the exact
 * moment the young person turns 18 in Amsterdam, without anyone doing anything.
 */
class BirthdayAccessApiTest extends KoersApiTest {

  private static final Instant SEEDED = Instant.parse("2026-03-10T09:00:00Z");

  @Override
  protected Instant startsAt() {
    return SEEDED;
  }

  @Test
  void ilseSeesNoorUntilTheMidnightNoorTurnsEighteenAndNotASecondLonger() {
    // The demo seed makes noor 13 years and 5 months old on the day it runs.
    LocalDate noorBorn = AgeRules.today(SEEDED).minusYears(13).minusMonths(5);
    String noor = koers.idOf("noor");
    Instant eighteen = AgeRules.turns(noorBorn, 18);

    clock.set(eighteen.minusSeconds(1));
    JsonObject ilse = koers.signInAs("ilse");
    JsonObject noorSelf = koers.signInAs("noor");
    assertThat(koers.get(ilse, "/v1/youth/" + noor).statusCode()).isEqualTo(200);
    assertThat(koers.get(noorSelf, "/v1/youth/" + noor).bodyAsJsonObject().getString("ageBand"))
        .isEqualTo("16-17");

    clock.set(eighteen);
    assertThat(koers.get(ilse, "/v1/youth/" + noor).statusCode()).isEqualTo(404);
    assertThat(koers.get(noorSelf, "/v1/youth/" + noor).bodyAsJsonObject().getString("ageBand"))
        .isEqualTo("18-27");
  }
}
