package nl.koers.platform.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.UUID;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests the HTTP codec could not read (a request line or headers too long, a duplicate
 * Content-Length, garbage): they never reach the router, yet a client gets the same kind of answer
 * as everywhere else, a problem in its language, and the connection is closed after it, since what
 * follows on it cannot be trusted.
 */
final class InvalidRequests {

  private static final Logger LOG = LoggerFactory.getLogger("koers.access");

  private InvalidRequests() {}

  /** For {@code HttpServer.invalidRequestHandler}. */
  static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    CommonProblem kind =
        cause instanceof TooLongHttpLineException
            ? CommonProblem.URI_TOO_LONG
            : cause instanceof TooLongHttpHeaderException
                ? CommonProblem.HEADERS_TOO_LARGE
                : CommonProblem.BAD_REQUEST;
    String requestId = UUID.randomUUID().toString();
    LOG.atInfo()
        .addKeyValue("requestId", requestId)
        .addKeyValue("status", kind.status())
        .addKeyValue("reason", cause == null ? "invalid" : cause.getClass().getSimpleName())
        .log("request refused by the HTTP codec");
    request
        .response()
        .putHeader(RequestLog.HEADER, requestId)
        .putHeader(HttpHeaders.CONNECTION, "close");
    ProblemResponder.write(
        request.response(),
        Problem.of(kind),
        Language.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)),
        // The path is what could not be read when the line was too long.
        kind == CommonProblem.URI_TOO_LONG ? "/" : request.path(),
        requestId);
  }
}
