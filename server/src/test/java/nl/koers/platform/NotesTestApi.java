package nl.koers.platform;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.http.ConditionalRequests;
import nl.koers.platform.http.ContractRouter;
import nl.koers.platform.http.RateLimiter;
import nl.koers.platform.http.Replies;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.mongo.DuplicateKey;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.VersionedWrites;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.paging.Paging;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import org.bson.Document;

/**
 * A tiny "notes" resource built the way capabilities are built, on the platform pieces, served from
 * a test contract through the production router assembly.
 */
final class NotesTestApi {

  static final String NOTES = "notes";
  static final String APPROVALS = "approvals";

  /** A note with this text is refused (409) until an approval exists: a rule that can change. */
  static final String NEEDS_APPROVAL = "needs approval";

  private static final String CALLER = "anonymous";

  private final Mongo mongo;
  private final FieldCipher cipher;
  private final Clock clock;

  NotesTestApi(Mongo mongo, FieldCipher cipher, Clock clock) {
    this.mongo = mongo;
    this.cipher = cipher;
    this.clock = clock;
  }

  Future<HttpServer> serve(Vertx vertx, int rateLimitPerMinute) {
    IdempotentRequests idempotent =
        new IdempotentRequests(new IdempotencyStore(mongo, cipher, clock), rc -> CALLER);
    Map<String, List<Handler<RoutingContext>>> operations =
        Map.of(
            "createNote", List.of(idempotent, this::create),
            "listNotes", List.of(this::list),
            "getNote", List.of(this::get),
            "updateNote", List.of(this::update),
            "getPrivate", List.of(rc -> rc.fail(401)),
            "getForbidden", List.of(rc -> rc.fail(Problem.of(CommonProblem.FORBIDDEN))),
            "getBroken",
                List.<Handler<RoutingContext>>of(
                    rc -> {
                      throw new IllegalStateException("secret internal detail");
                    }));
    ContractRouter.Plumbing plumbing =
        ContractRouter.Plumbing.of(
            List.of(new RateLimiter(rateLimitPerMinute, clock, RateLimiter::clientAddress)));
    return mongo
        .ensure(List.of(IdempotencyStore.SPEC))
        .compose(v -> ContractRouter.create(vertx, "platform-test.yaml", operations, plumbing))
        .compose(router -> vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }

  private void create(RoutingContext rc) {
    JsonObject input = rc.body().asJsonObject();
    if (NEEDS_APPROVAL.equals(input.getString("text"))) {
      mongo
          .first(mongo.collection(APPROVALS).find().limit(1))
          .onFailure(rc::fail)
          .onSuccess(
              approval -> {
                if (approval == null) {
                  rc.fail(Problem.of(CommonProblem.CONFLICT));
                } else {
                  insert(rc, input);
                }
              });
      return;
    }
    insert(rc, input);
  }

  private void insert(RoutingContext rc, JsonObject input) {
    String id = IdempotentRequests.resourceId(rc, CALLER);
    Document note =
        new Document("_id", id)
            .append("text", input.getString("text"))
            .append("priority", input.getInteger("priority"))
            .append("createdAt", Date.from(clock.instant()))
            .append(VersionedWrites.VERSION, 1L);
    mongo
        .write(mongo.collection(NOTES).insertOne(note))
        .<Document>map(inserted -> note)
        // A retry after a crash re-runs the insert: the deterministic id finds the first one.
        .recover(
            failure ->
                DuplicateKey.is(failure)
                    ? mongo.first(mongo.collection(NOTES).find(Filters.eq("_id", id)))
                    : Future.failedFuture(failure))
        .onFailure(rc::fail)
        .onSuccess(
            saved -> {
              ConditionalRequests.tag(rc, saved.getLong(VersionedWrites.VERSION));
              Replies.created(rc, "/v1/notes/" + id, toJson(saved));
            });
  }

  private void list(RoutingContext rc) {
    new Paging(mongo)
        .page(NOTES, new Document(), Paging.Order.newestFirst("createdAt"), PageRequest.from(rc))
        .onFailure(rc::fail)
        .onSuccess(page -> Replies.ok(rc, page.toJson(NotesTestApi::toJson)));
  }

  private void get(RoutingContext rc) {
    mongo
        .first(mongo.collection(NOTES).find(Filters.eq("_id", rc.pathParam("noteId"))))
        .onFailure(rc::fail)
        .onSuccess(
            note -> {
              if (note == null) {
                rc.fail(Problem.of(CommonProblem.NOT_FOUND));
                return;
              }
              long version = note.getLong(VersionedWrites.VERSION);
              if (!ConditionalRequests.answeredNotModified(rc, version)) {
                ConditionalRequests.tag(rc, version);
                Replies.ok(rc, toJson(note));
              }
            });
  }

  private void update(RoutingContext rc) {
    long expected = ConditionalRequests.expectedVersion(rc);
    JsonObject input = rc.body().asJsonObject();
    new VersionedWrites(mongo)
        .update(
            NOTES,
            rc.pathParam("noteId"),
            expected,
            Updates.combine(
                Updates.set("text", input.getString("text")),
                Updates.set("priority", input.getInteger("priority"))))
        .onFailure(rc::fail)
        .onSuccess(
            note -> {
              ConditionalRequests.tag(rc, note.getLong(VersionedWrites.VERSION));
              Replies.ok(rc, toJson(note));
            });
  }

  private static JsonObject toJson(Document note) {
    return new JsonObject()
        .put("id", note.getString("_id"))
        .put("text", note.getString("text"))
        .put("priority", note.getInteger("priority"))
        .put("version", note.getLong(VersionedWrites.VERSION));
  }
}
