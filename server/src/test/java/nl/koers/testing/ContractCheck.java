package nl.koers.testing;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.koers.KoersApp;
import nl.koers.contract.ContractDocument;

/**
 * Holds every answer a test's client receives to {@code openapi/koers.yaml}: the status must be one
 * the operation declares, the body must match that response's schema and its declared headers must
 * be right. A mismatch fails the call itself (the test sees an {@link AssertionError} naming the
 * operation), so every API test is also a contract test and a mobile client generated from the
 * contract can rely on what it is told. Calls to paths the contract does not name (a typo, a 404
 * probe) are left alone: no operation, nothing to hold them to.
 */
public final class ContractCheck implements Handler<HttpContext<?>> {

  private final OpenAPIContract contract;
  private final ResponseValidator validator;

  private ContractCheck(OpenAPIContract contract, ResponseValidator validator) {
    this.contract = contract;
    this.validator = validator;
  }

  /** Adds the check to this client (every answer it receives from now on). */
  public static WebClient on(Vertx vertx, WebClient client) {
    OpenAPIContract contract = Http.await(ContractDocument.load(vertx, KoersApp.CONTRACT));
    ((WebClientInternal) client)
        .addInterceptor(new ContractCheck(contract, ResponseValidator.create(vertx, contract)));
    return client;
  }

  @Override
  public void handle(HttpContext<?> context) {
    if (context.phase() != ClientPhase.DISPATCH_RESPONSE) {
      context.next();
      return;
    }
    HttpMethod method = context.request().method();
    String path = context.request().uri().split("\\?", 2)[0];
    Operation operation = contract.findOperation(path, method);
    if (operation == null) {
      context.next();
      return;
    }
    int status = context.response().statusCode();
    Future<Void> checked =
        status < 500 && operation.getResponse(status) == null
            ? Future.failedFuture(
                new IllegalStateException(
                    "the operation declares "
                        + status
                        + " only through `default`; a generated client would not know it"))
            : check(operation, context.response());
    checked
        .onSuccess(v -> context.next())
        .onFailure(
            mismatch ->
                context.fail(
                    new AssertionError(
                        method
                            + " "
                            + path
                            + " ("
                            + operation.getOperationId()
                            + ") answered "
                            + context.response().statusCode()
                            + ", which the contract does not allow: "
                            + mismatch.getMessage()
                            + "\nbody: "
                            + context.response().bodyAsString(),
                        mismatch)));
  }

  private Future<Void> check(Operation operation, HttpResponse<?> response) {
    Map<String, String> headers = new LinkedHashMap<>();
    response.headers().forEach(header -> headers.putIfAbsent(header.getKey(), header.getValue()));
    String contentType = response.getHeader("Content-Type");
    Object body = response.body();
    Buffer bytes =
        body instanceof Buffer buffer
            ? buffer
            : Buffer.buffer(response.bodyAsString() == null ? "" : response.bodyAsString());
    ValidatableResponse validatable =
        contentType == null || bytes.length() == 0
            ? ValidatableResponse.create(response.statusCode(), headers)
            : ValidatableResponse.create(
                response.statusCode(),
                headers,
                bytes,
                ContractDocument.validatorMediaType(contentType));
    try {
      return validator.validate(validatable, operation.getOperationId()).mapEmpty();
    } catch (RuntimeException refused) {
      return Future.failedFuture(refused);
    }
  }
}
