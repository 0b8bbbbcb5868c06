package nl.koers.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;

/**
 * Limits each caller to a number of requests per minute on the product API ({@code /v1}); beyond
 * it: 429 with {@code Retry-After}. The caller is the signed-in user when there is one, else the
 * client address. Counts are per instance (fixed one-minute windows), which bounds abuse without a
 * shared store; the limit is set per instance accordingly.
 */
public final class RateLimiter implements Handler<RoutingContext> {

  private static final String LIMITED_PREFIX = "/v1/";

  private final int perMinute;
  private final Clock clock;
  private final Function<RoutingContext, String> callerOf;
  private volatile long window = -1;
  private volatile ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  public RateLimiter(int perMinute, Clock clock, Function<RoutingContext, String> callerOf) {
    this.perMinute = perMinute;
    this.clock = clock;
    this.callerOf = callerOf;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (perMinute <= 0 || !rc.request().path().startsWith(LIMITED_PREFIX)) {
      rc.next();
      return;
    }
    long nowMillis = clock.millis();
    int used =
        countsFor(nowMillis / 60_000)
            .computeIfAbsent(callerOf.apply(rc), k -> new AtomicInteger())
            .incrementAndGet();
    if (used > perMinute) {
      long retryAfter = Math.max(1, (60_000 - nowMillis % 60_000 + 999) / 1000);
      rc.fail(
          Problem.of(
                  CommonProblem.TOO_MANY_REQUESTS, "problem.too-many-requests.detail", retryAfter)
              .withHeader("Retry-After", Long.toString(retryAfter)));
      return;
    }
    rc.next();
  }

  private ConcurrentHashMap<String, AtomicInteger> countsFor(long minute) {
    if (minute != window) {
      synchronized (this) {
        if (minute != window) {
          counts = new ConcurrentHashMap<>();
          window = minute;
        }
      }
    }
    return counts;
  }

  /** The caller when nobody is signed in: the client's address. */
  public static String clientAddress(RoutingContext rc) {
    return rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress();
  }
}
