package nl.koers.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import nl.koers.platform.clock.DevClock;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.SystemRoutes;
import nl.koers.platform.module.Operations;
import nl.koers.platform.problem.Problem;

/**
 * Dev mode only: the server's clock, and moving it forward ({@code P30D}, {@code P3M}, {@code
 * PT2H}, {@code P1Y2M3DT4H}) with the due background work run at once. Outside dev mode these
 * operations are {@link SystemRoutes#absent}.
 */
public final class DevClockRoutes {

  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

  private final DevClock clock;
  private final Supplier<Future<Void>> backgroundRound;

  public DevClockRoutes(DevClock clock, Supplier<Future<Void>> backgroundRound) {
    this.clock = clock;
    this.backgroundRound = backgroundRound;
  }

  public void getDevClock(RoutingContext rc) {
    Replies.ok(rc, view());
  }

  public void advanceDevClock(RoutingContext rc) {
    Duration by;
    try {
      by = forward(rc.body().asJsonObject().getString("advance"), clock.instant());
    } catch (DateTimeException | ArithmeticException | NullPointerException e) {
      rc.fail(notForward());
      return;
    }
    clock
        .advance(by)
        .compose(offset -> backgroundRound.get())
        .onComplete(
            Replies.ok(
                rc, v -> view().put("note", Language.of(rc).text("dev-clock.advanced.note"))));
  }

  private JsonObject view() {
    return new JsonObject()
        .put("now", clock.instant().toString())
        .put("offset", clock.offset().toString())
        .put("offsetSeconds", clock.offset().toSeconds());
  }

  /**
   * An ISO-8601 duration as a positive span from {@code now}: years, months, weeks and days on the
   * calendar (Amsterdam, as ages are), then hours, minutes and seconds.
   */
  static Duration forward(String iso, Instant now) {
    String text = iso.trim().toUpperCase(java.util.Locale.ROOT);
    int t = text.indexOf('T');
    String datePart = t < 0 ? text : text.substring(0, t);
    String timePart = t < 0 ? "" : text.substring(t);
    if (!datePart.startsWith("P") || (datePart.length() == 1 && timePart.isEmpty())) {
      throw new DateTimeParseException("not an ISO-8601 duration", iso, 0);
    }
    Period period = datePart.length() == 1 ? Period.ZERO : Period.parse(datePart);
    Duration time = timePart.isEmpty() ? Duration.ZERO : Duration.parse("P" + timePart);
    if (period.isNegative() || time.isNegative()) {
      throw new DateTimeException("backwards");
    }
    Instant then = now.atZone(AMSTERDAM).plus(period).toInstant().plus(time);
    Duration by = Duration.between(now, then);
    if (by.isNegative() || by.isZero()) {
      throw new DateTimeException("not forward");
    }
    return by;
  }

  private static Problem notForward() {
    return Problem.invalid(
        List.of(new Problem.FieldError("body", null, "/advance", "field.dev-clock-forward")));
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("getDevClock", this::getDevClock)
        .on("advanceDevClock", this::advanceDevClock);
  }
}
