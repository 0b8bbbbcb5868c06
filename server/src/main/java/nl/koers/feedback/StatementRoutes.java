package nl.koers.feedback;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Language;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.security.Caller;

/**
 * A young person's statements: sending one, and reading where it stands. The reply and its rating
 * go through the feedback operations ({@code respondToFeedback}, {@code rateFeedbackResponse}), as
 * a statement is feedback with a reply task.
 */
public final class StatementRoutes {

  private final Statements statements;

  public StatementRoutes(Statements statements) {
    this.statements = statements;
  }

  public void sendStatement(RoutingContext rc) {
    Caller caller = Callers.of(rc);
    JsonObject body = Requests.body(rc);
    String youthId = Requests.youthId(rc);
    Statements.Said said =
        new Statements.Said(
            body.getString("text"),
            Optional.ofNullable(body.getString("topic")).map(Statements.Topic::valueOf),
            body.getBoolean("wantsToTalk", false),
            Optional.ofNullable(body.getString("addresseeId")));
    statements
        .send(caller, youthId, said, IdempotentRequests.resourceId(rc, caller.personId()))
        .onSuccess(
            sent -> {
              JsonObject statement = sent.statement();
              if (sent.safetyOffered()) {
                statement.put("safetyOffer", safetyOffer(rc, youthId));
              }
              Replies.created(
                  rc,
                  "/v1/youth/" + youthId + "/statements/" + statement.getString("id"),
                  statement);
            })
        .onFailure(rc::fail);
  }

  public void getStatements(RoutingContext rc) {
    PageRequest page = PageRequest.from(rc);
    statements
        .list(Callers.of(rc), Requests.youthId(rc), page)
        .onComplete(Replies.ok(rc, found -> found.toJson(json -> json)));
  }

  public void getStatement(RoutingContext rc) {
    statements
        .one(Callers.of(rc), Requests.youthId(rc), rc.pathParam("statementId"))
        .onComplete(Replies.ok(rc, json -> json));
  }

  /** Where the app raises the safety signal, offered beside the statement, never instead. */
  private static JsonObject safetyOffer(RoutingContext rc, String youthId) {
    return new JsonObject()
        .put("operationId", "raiseSafetySignal")
        .put("path", "/v1/youth/" + youthId + "/safety-signals")
        .put("message", Language.of(rc).text("statement.safety-offer"));
  }

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("sendStatement", this::sendStatement)
        .on("getStatements", this::getStatements)
        .on("getStatement", this::getStatement);
  }
}
