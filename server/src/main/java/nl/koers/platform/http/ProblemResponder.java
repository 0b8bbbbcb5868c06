package nl.koers.platform.http;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Optional;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an {@code application/problem+json} answer: {@link Problem}s thrown by
 * our code, storage conflicts ({@link StaleVersion}: 412), contract validation failures, the
 * router's own 404/405/413, and anything unexpected (500, logged with the request id, never with a
 * stack trace or class name in the answer).
 */
public final class ProblemResponder {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);

  private final AllowedMethods allowedMethods;

  public ProblemResponder(AllowedMethods allowedMethods) {
    this.allowedMethods = allowedMethods;
  }

  /** For {@code route().failureHandler(...)} and {@code router.errorHandler(...)}. */
  public void handle(RoutingContext rc) {
    if (clientWentAway(rc.failure())) {
      // Nobody is left to answer, and nothing failed on our side: not a 500, just a line.
      LOG.atInfo()
          .addKeyValue("requestId", RequestLog.requestId(rc))
          .addKeyValue("method", rc.request().method().name())
          .addKeyValue("path", rc.request().path())
          .log("client closed the connection before the request was complete");
      return;
    }
    if (rc.response().headWritten()) {
      // The answer is already on its way; all we can do is stop it and say so in the log.
      LOG.atWarn()
          .addKeyValue("requestId", RequestLog.requestId(rc))
          .setCause(rc.failure())
          .log("failure after the response started");
      rc.response().reset();
      return;
    }
    respond(rc, toProblem(rc));
  }

  /** Answers a problem directly (for handlers that decide without failing the context). */
  public static void respond(RoutingContext rc, Problem problem) {
    write(rc.response(), problem, Language.of(rc), rc.request().path(), RequestLog.requestId(rc));
  }

  /**
   * Writes a problem answer: for the router, and for requests that never reach it (the HTTP codec's
   * own refusals, {@link InvalidRequests}).
   */
  static void write(
      HttpServerResponse response,
      Problem problem,
      Language language,
      String instance,
      String requestId) {
    String slug = problem.kind().slug();
    JsonObject body =
        new JsonObject()
            .put("type", problem.kind().type())
            .put("title", language.text("problem." + slug + ".title"))
            .put("status", problem.status())
            .put("detail", detail(problem, language, requestId))
            .put("instance", instance)
            .put("requestId", requestId);
    if (!problem.fieldErrors().isEmpty()) {
      body.put("errors", fieldErrors(problem, language));
    }
    problem
        .extensions()
        .forEach((name, value) -> body.put(name, JsonObject.of("v", value).getValue("v")));
    problem.headers().forEach(response::putHeader);
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .putHeader(HttpHeaders.CONTENT_LANGUAGE, language.locale().toLanguageTag())
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  private static JsonArray fieldErrors(Problem problem, Language language) {
    JsonArray array = new JsonArray();
    for (Problem.FieldError error : problem.fieldErrors()) {
      JsonObject json = new JsonObject().put("in", error.in());
      if (error.name() != null) {
        json.put("name", error.name());
      }
      if (error.pointer() != null) {
        json.put("pointer", error.pointer());
      }
      array.add(json.put("detail", language.text(error.detail())));
    }
    return array;
  }

  private static String detail(Problem problem, Language language, String requestId) {
    if (problem.detailKey() != null) {
      return language.text(problem.detailKey(), problem.detailArgs());
    }
    String key = "problem." + problem.kind().slug() + ".detail";
    if (problem.kind() == CommonProblem.PAYLOAD_TOO_LARGE) {
      return language.text(key, BodyLimit.MAX_BYTES);
    }
    if (problem.kind() == CommonProblem.INTERNAL) {
      return language.text(key, requestId);
    }
    return language.text(key, problem.detailArgs());
  }

  private Problem toProblem(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof Problem problem) {
      return problem;
    }
    if (failure instanceof StaleVersion) {
      // A write based on a version somebody else replaced: the client's If-Match is out of date.
      return Problem.of(CommonProblem.PRECONDITION_FAILED);
    }
    Optional<ValidatorException> validation = validationCause(failure);
    if (validation.isPresent()) {
      return fromValidation(validation.get());
    }
    int status = statusOf(rc);
    if (status == 400 && rc.user() == null && rc.request().headers().contains("Authorization")) {
      // Vert.x's bearer handler answers a token with stray characters or segments with 400;
      // for the client it is just a token that does not work.
      return Problem.of(CommonProblem.UNAUTHORIZED)
          .withHeader("WWW-Authenticate", "Bearer realm=\"koers\", error=\"invalid_token\"");
    }
    if (status == 405) {
      String allowed = allowedMethods.forPath(rc.request().path());
      return Problem.of(
              CommonProblem.METHOD_NOT_ALLOWED,
              "problem.method-not-allowed.detail",
              rc.request().method().name(),
              allowed)
          .withHeader("Allow", allowed);
    }
    if (status >= 500 || status < 400) {
      LOG.atError()
          .addKeyValue("requestId", RequestLog.requestId(rc))
          .addKeyValue("method", rc.request().method().name())
          .addKeyValue("path", rc.request().path())
          .setCause(failure)
          .log("request failed");
      return Problem.of(status == 501 ? CommonProblem.NOT_IMPLEMENTED : CommonProblem.INTERNAL);
    }
    return Problem.of(CommonProblem.forStatus(status));
  }

  private static int statusOf(RoutingContext rc) {
    if (rc.failure() instanceof HttpException http) {
      return http.getStatusCode();
    }
    if (rc.failure() != null) {
      return 500;
    }
    return rc.statusCode() > 0 ? rc.statusCode() : 500;
  }

  private static boolean clientWentAway(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpClosedException) {
        return true;
      }
    }
    return false;
  }

  private static Optional<ValidatorException> validationCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ValidatorException v) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private static Problem fromValidation(ValidatorException e) {
    // Our contract only uses parameter styles the validator supports, so an unsupported format
    // can only be a body in a media type the operation does not take.
    if (e.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT) {
      return Problem.of(CommonProblem.UNSUPPORTED_MEDIA_TYPE);
    }
    return Problem.invalid(ValidationErrors.fieldsOf(e));
  }
}
