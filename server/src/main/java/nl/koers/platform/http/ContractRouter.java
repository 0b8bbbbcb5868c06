package nl.koers.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.SecurityRequirement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.contract.ContractDocument;
import nl.koers.platform.config.AppVersions;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.idempotency.ReplayGuard;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.Platform;
import nl.koers.platform.mongo.Mongo;

/**
 * Builds the HTTP router from the contract: every route is an operation of the contract, every
 * request is validated against it before its handler runs, and every failure answers as problem
 * details. The same assembly serves production and the platform's own tests.
 */
public final class ContractRouter {

  private static final List<Integer> ROUTER_ERRORS =
      List.of(400, 401, 403, 404, 405, 413, 415, 500);

  private ContractRouter() {}

  /**
   * What runs besides each operation's own handlers: root handlers before everything, the bearer
   * scheme's authentication on operations the contract secures, guards (e.g. rate limits) that run
   * after authentication and validation - one list for secured operations, one for public ones -
   * and the idempotency handler, on every operation whose contract declares {@code
   * Idempotency-Key}. Every operation that declares {@code If-Match} gets it checked (428 without,
   * 412 unreadable) before its handler runs. With {@code appVersions}, an outdated {@code
   * X-App-Version} answers 426 on every operation that declares it ({@link AppVersionGate}).
   */
  public record Plumbing(
      List<Handler<RoutingContext>> rootHandlers,
      Optional<JWTAuthHandler> bearer,
      List<Handler<RoutingContext>> beforeSecured,
      List<Handler<RoutingContext>> beforePublic,
      Optional<Handler<RoutingContext>> idempotency,
      Optional<AppVersions> appVersions) {

    /**
     * Koers's own: bearer tokens checked by {@code auth} (signature, claims, session), signed-in
     * callers rate-limited per person and everyone else per address, and idempotency where the
     * contract declares {@code Idempotency-Key} ({@code replays} allows a replay again); {@code
     * wrote} hears of every write answered without a problem.
     */
    public static Plumbing secured(
        JWTAuth auth, Platform platform, ReplayGuard replays, Runnable wrote) {
      int perMinute = platform.config().rateLimitPerMinute();
      Clock clock = platform.clock();
      Mongo mongo = platform.mongo();
      IdempotentRequests idempotency =
          new IdempotentRequests(
              new IdempotencyStore(mongo, platform.cipher(), clock),
              rc -> Callers.of(rc).personId(),
              replays);
      return new Plumbing(
          List.of(new AfterWrites(wrote)),
          Optional.of(JWTAuthHandler.create(auth, BEARER_SCHEME)),
          List.of(new RateLimiter(perMinute, clock, rc -> Callers.of(rc).personId())),
          List.of(new RateLimiter(perMinute, clock, RateLimiter::clientAddress)),
          Optional.of(idempotency),
          Optional.of(platform.config().appVersions()));
    }

    /** Only root handlers: for contracts without security. */
    public static Plumbing of(List<Handler<RoutingContext>> rootHandlers) {
      return new Plumbing(
          rootHandlers, Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty());
    }
  }

  /** The header the contract declares on operations a retry must not repeat. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final String IF_MATCH = "If-Match";

  /**
   * The contract's tag of operations served only on the management listener ({@link
   * ManagementVerticle}); the public listener's router is built without them, so there they answer
   * 404 like any unknown path.
   */
  public static final String MANAGEMENT_TAG = "management";

  /** The contract's name for the bearer scheme of Koers access tokens. */
  public static final String BEARER_SCHEME = "koers";

  /**
   * Loads the contract from the classpath and routes each operation id to its handlers. An
   * operation without handlers answers 501; a handler for an operation the contract lacks is a
   * programming error and stops the start.
   */
  /** The same, for modules' operations (one handler each). */
  public static Future<Router> create(
      Vertx vertx, String contractPath, Operations operations, Plumbing plumbing) {
    return create(vertx, contractPath, handlersOf(operations), plumbing);
  }

  public static Future<Router> create(
      Vertx vertx,
      String contractPath,
      Map<String, List<Handler<RoutingContext>>> operations,
      Plumbing plumbing) {
    return ContractDocument.load(vertx, contractPath, tags -> !tags.contains(MANAGEMENT_TAG))
        .map(contract -> build(vertx, contract, operations, plumbing));
  }

  /**
   * The management listener's router: only the operations the contract tags {@value
   * #MANAGEMENT_TAG}, without the public plumbing (it is reached by operators, not the app).
   */
  public static Future<Router> createManagement(
      Vertx vertx, String contractPath, Operations operations) {
    return ContractDocument.load(vertx, contractPath, tags -> tags.contains(MANAGEMENT_TAG))
        .map(contract -> build(vertx, contract, handlersOf(operations), Plumbing.of(List.of())));
  }

  private static Map<String, List<Handler<RoutingContext>>> handlersOf(Operations operations) {
    Map<String, List<Handler<RoutingContext>>> handlers = new HashMap<>();
    operations.handlers().forEach((id, handler) -> handlers.put(id, List.of(handler)));
    return handlers;
  }

  private static Router build(
      Vertx vertx,
      OpenAPIContract contract,
      Map<String, List<Handler<RoutingContext>>> operations,
      Plumbing plumbing) {
    RouterBuilder builder =
        RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.rootHandler(new RequestLog());
    builder.rootHandler(new SecurityHeaders());
    builder.rootHandler(BodyLimit.handler());
    plumbing
        .appVersions()
        .ifPresent(versions -> builder.rootHandler(new AppVersionGate(contract, versions)));
    plumbing.rootHandlers().forEach(builder::rootHandler);
    plumbing.bearer().ifPresent(handler -> builder.security(BEARER_SCHEME).httpHandler(handler));

    operations.keySet().stream()
        .filter(id -> builder.getRoute(id) == null)
        .findAny()
        .ifPresent(
            id -> {
              throw new IllegalStateException(
                  "handler for an operation not in the contract: " + id);
            });
    for (OpenAPIRoute route : builder.getRoutes()) {
      List<Handler<RoutingContext>> handlers =
          operations.getOrDefault(route.getOperation().getOperationId(), List.of());
      if (handlers.isEmpty()) {
        // Without a handler the router would answer 503 with an empty body.
        route.addHandler(rc -> rc.fail(501));
      } else {
        List<SecurityRequirement> security = route.getOperation().getSecurityRequirements();
        boolean secured = security != null && !security.isEmpty();
        (secured ? plumbing.beforeSecured() : plumbing.beforePublic()).forEach(route::addHandler);
        if (declaresHeader(route, IF_MATCH)) {
          route.addHandler(ConditionalRequests::requireIfMatch);
        }
        if (answersWithETag(route)) {
          route.addHandler(ConditionalRequests::tagByContent);
        }
        if (declaresHeader(route, IDEMPOTENCY_KEY)) {
          plumbing.idempotency().ifPresent(route::addHandler);
        }
        handlers.forEach(route::addHandler);
      }
    }

    Router router = builder.createRouter();
    ProblemResponder responder = new ProblemResponder(new AllowedMethods(contract));
    router.route().failureHandler(responder::handle);
    ROUTER_ERRORS.forEach(code -> router.errorHandler(code, responder::handle));
    return router;
  }

  /**
   * A read whose 200 declares an {@code ETag}: unless its handler tags a version itself, the answer
   * is tagged by its content, and {@code If-None-Match} with that tag answers 304.
   */
  private static boolean answersWithETag(OpenAPIRoute route) {
    io.vertx.openapi.contract.Response ok = route.getOperation().getResponse(200);
    return route.getOperation().getHttpMethod() == io.vertx.core.http.HttpMethod.GET
        && ok != null
        && ok.getHeaders() != null
        && ok.getHeaders().stream().anyMatch(h -> h.getName().equalsIgnoreCase("ETag"));
  }

  private static boolean declaresHeader(OpenAPIRoute route, String header) {
    return route.getOperation().getParameters().stream()
        .anyMatch(p -> p.getIn() == Location.HEADER && p.getName().equalsIgnoreCase(header));
  }
}
