package nl.koers.platform.idempotency;

import com.google.common.hash.Hashing;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Replies;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Authorizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a POST with an {@code Idempotency-Key} safe to retry: the same key and body get the first
 * answer again without a second write; the same key with another body gets 422; a retry while the
 * first is still running gets 409 with {@code Retry-After}. Whether the key is required is the
 * contract's business (a required header answers 400 before this runs).
 *
 * <p>A replay is not a free pass: the checks the first request passed ({@link Authorizations}) are
 * stored with its answer, and the {@link ReplayGuard} makes each of them again for the caller now
 * before the answer is sent again - an access that ended in between gets the same answer as a fresh
 * request would (404), and an allowed replay is logged like a fresh access.
 */
public final class IdempotentRequests implements Handler<RoutingContext> {

  public static final String HEADER = "Idempotency-Key";
  private static final String FINGERPRINT = "koers.requestFingerprint";
  private static final Logger LOG = LoggerFactory.getLogger(IdempotentRequests.class);

  private final IdempotencyStore store;
  private final Function<RoutingContext, String> callerOf;
  private final ReplayGuard guard;

  /** For an application whose requests pass no checks worth making again. */
  public IdempotentRequests(IdempotencyStore store, Function<RoutingContext, String> callerOf) {
    this(store, callerOf, ReplayGuard.NO_CHECKS);
  }

  public IdempotentRequests(
      IdempotencyStore store, Function<RoutingContext, String> callerOf, ReplayGuard guard) {
    this.store = store;
    this.callerOf = callerOf;
    this.guard = guard;
  }

  @Override
  public void handle(RoutingContext rc) {
    String key = rc.request().getHeader(HEADER);
    if (key == null) {
      rc.next();
      return;
    }
    store
        .claim(callerOf.apply(rc), key, fingerprint(rc))
        .onFailure(rc::fail)
        .onSuccess(claim -> act(rc, claim));
  }

  private void act(RoutingContext rc, IdempotencyStore.Claim claim) {
    if (claim instanceof IdempotencyStore.Replay replay) {
      List<Authorizations.Check> checks = replay.checks();
      Future<Void> again =
          checks.isEmpty()
              ? Future.succeededFuture()
              : Future.<Void>succeededFuture()
                  .compose(v -> guard.allowAgain(Callers.of(rc), checks));
      again
          .onSuccess(
              allowed -> Replies.replay(rc, replay.status(), replay.headers(), replay.body()))
          .onFailure(rc::fail);
    } else if (claim instanceof IdempotencyStore.Mismatch) {
      rc.fail(Problem.of(CommonProblem.IDEMPOTENCY_KEY_REUSED));
    } else if (claim instanceof IdempotencyStore.InProgress) {
      rc.fail(Problem.of(CommonProblem.IDEMPOTENCY_IN_PROGRESS).withHeader("Retry-After", "1"));
    } else if (claim instanceof IdempotencyStore.Proceed proceed) {
      boolean[] recorded = {false};
      Replies.recordWith(
          rc,
          (status, headers, body) -> {
            recorded[0] = true;
            return store.complete(
                proceed, status, headers, body, Callers.authorizations(rc).checks());
          });
      rc.addEndHandler(
          ended -> {
            int status = rc.response().getStatusCode();
            if (status >= 400) {
              store.abandon(proceed);
            } else if (!recorded[0] && status == 204) {
              // Answered outside Replies: a 204 has nothing more to remember than its status.
              store.complete(proceed, 204, Map.of(), null, Callers.authorizations(rc).checks());
            } else if (!recorded[0]) {
              LOG.atError()
                  .addKeyValue("status", status)
                  .log("an idempotent operation answered outside Replies; a retry runs again");
              store.abandon(proceed);
            }
          });
      rc.next();
    }
  }

  /**
   * An id for what this request creates, the same on every retry of the same request (key and
   * body), so that a retry after a crash finds (or inserts) the same document instead of a second
   * one. A key reused for another request after it expired gets another id.
   */
  public static String resourceId(RoutingContext rc, String callerScope) {
    String key = rc.request().getHeader(HEADER);
    if (key == null) {
      return UUID.randomUUID().toString();
    }
    String seed = callerScope + "|" + key + "|" + fingerprint(rc);
    return Ids.derived(seed);
  }

  /**
   * Method, path and the body in a canonical form (key order does not matter); computed once per
   * request, as both the claim and {@link #resourceId} need it.
   */
  static String fingerprint(RoutingContext rc) {
    String known = rc.get(FINGERPRINT);
    if (known == null) {
      known = computeFingerprint(rc);
      rc.put(FINGERPRINT, known);
    }
    return known;
  }

  private static String computeFingerprint(RoutingContext rc) {
    StringBuilder text =
        new StringBuilder(rc.request().method().name())
            .append(' ')
            .append(rc.request().path())
            .append('\n');
    String body = rc.body() == null ? null : rc.body().asString();
    if (body != null && !body.isBlank()) {
      try {
        text.append(canonical(new JsonObject(body).getMap()).encode());
      } catch (RuntimeException notAnObject) {
        text.append(body);
      }
    }
    return sha256(text.toString());
  }

  @SuppressWarnings("unchecked")
  private static Object canonicalValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return canonical((Map<String, Object>) map);
    }
    if (value instanceof JsonObject json) {
      return canonical(json.getMap());
    }
    if (value instanceof JsonArray array) {
      JsonArray out = new JsonArray();
      array.forEach(item -> out.add(canonicalValue(item)));
      return out;
    }
    if (value instanceof List<?> list) {
      JsonArray out = new JsonArray();
      list.forEach(item -> out.add(canonicalValue(item)));
      return out;
    }
    return value;
  }

  private static JsonObject canonical(Map<String, Object> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(k, canonicalValue(v)));
    return new JsonObject(new LinkedHashMap<>(sorted));
  }

  private static String sha256(String text) {
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString();
  }
}
