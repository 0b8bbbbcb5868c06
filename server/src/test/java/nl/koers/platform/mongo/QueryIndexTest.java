package nl.koers.platform.mongo;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import nl.koers.feedback.FeedbackStore;
import nl.koers.feedback.SafetySignalStore;
import nl.koers.insights.Facts;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.QueryIndexCheck.Allowance;
import nl.koers.platform.mongo.QueryIndexCheck.Verdict;
import nl.koers.testing.MongoBackend;
import nl.koers.testing.RunningKoers;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The index check bites: a query whose filter fields are not the first fields of a declared index
 * is reported, one that is a prefix (in any order) is not, each {@code $or} branch counts; the
 * listener sees the filters of every query command; a server that ran a planted query without an
 * index fails on close.
 */
class QueryIndexTest {

  private static final CollectionSpec PLANTED =
      CollectionSpec.of(
          "planted",
          Index.ascending("byYouth", "youthId", "createdAt"),
          Index.ascending("byCode", "codeHash").asUnique(),
          Index.ascending("byMember", "relations.personId"),
          Index.ascending("outbox", "outbox.id"),
          Index.ascending("pending", "pending.id").asSparse());

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private static Verdict judge(String command, Bson filter, List<Allowance> allowed) {
    return QueryIndexCheck.judge(
        QueryShape.of(PLANTED.name(), command, QueryShape.Filter.parse(filter.toBsonDocument())),
        PLANTED,
        allowed);
  }

  private static Verdict judge(Bson filter) {
    return judge("find", filter, List.of());
  }

  @Test
  void aQueryOnFieldsThatStartNoIndexIsReported() {
    Verdict verdict = judge(Filters.eq("createdAt", 1));

    assertThat(verdict.served()).isFalse();
    assertThat(verdict.reason()).contains("no declared index");
    assertThat(
            judge(Filters.and(Filters.eq("youthId", "y"), Filters.eq("status", "OPEN"))).served())
        .as("a field beyond the index is not served by its prefix")
        .isFalse();
    assertThat(judge(Filters.eq("relations.kind", "PARENT")).served()).isFalse();
  }

  @Test
  void aPrefixOfAnIndexIsServedInAnyOrder() {
    assertThat(judge(Filters.eq("youthId", "y")).reason()).isEqualTo("byYouth");
    assertThat(judge(Filters.and(Filters.eq("youthId", "y"), Filters.gt("createdAt", 1))).reason())
        .isEqualTo("byYouth");
    assertThat(judge(new Document("createdAt", new Document("$lt", 5)).append("youthId", "y")))
        .extracting(Verdict::served, Verdict::reason)
        .containsExactly(true, "byYouth");
    assertThat(judge(Filters.elemMatch("relations", new Document("personId", "p"))).reason())
        .isEqualTo("byMember");
  }

  @Test
  void idAndUniqueIndexesFindTheirDocumentWhateverElseIsAsked() {
    assertThat(judge(Filters.and(Filters.eq("_id", "a"), Filters.eq("version", 3))).reason())
        .isEqualTo(QueryIndexCheck.ID_INDEX);
    assertThat(judge(Filters.in("_id", "a", "b")).reason()).isEqualTo(QueryIndexCheck.ID_INDEX);
    assertThat(judge(Filters.and(Filters.eq("codeHash", "h"), Filters.eq("status", "X"))).reason())
        .isEqualTo("byCode");
    assertThat(judge(Filters.and(Filters.gt("_id", "a"), Filters.eq("status", "X"))).served())
        .as("a range over _id is a scan of that index")
        .isFalse();
  }

  @Test
  void eachOrBranchIsChecked() {
    assertThat(judge(Filters.or(Filters.eq("youthId", "y"), Filters.eq("_id", "a"))).reason())
        .isEqualTo("or[byYouth | _id_]");
    assertThat(judge(Filters.or(Filters.eq("youthId", "y"), Filters.eq("createdAt", 1))).served())
        .isFalse();
    // Keyset paging: the fields beside the $or count in every branch.
    Bson page =
        Filters.and(
            Filters.eq("youthId", "y"),
            Filters.or(
                Filters.lt("createdAt", 5),
                Filters.and(Filters.eq("createdAt", 5), Filters.lt("_id", "a"))));
    assertThat(judge(page).reason()).isEqualTo("byYouth");
    Bson unpagedBranch =
        Filters.or(
            Filters.and(Filters.eq("youthId", "y"), Filters.lt("createdAt", 5)),
            Filters.eq("status", "X"));
    assertThat(judge(unpagedBranch).served()).isFalse();
  }

  @Test
  void aFullScanIsAViolationUnlessAllowedWithItsReason() {
    assertThat(judge(new Document()).reason()).isEqualTo("reads the whole collection");
    Allowance settings = Allowance.scan("planted", "find", "one document per region");

    assertThat(judge("find", new Document(), List.of(settings)).reason())
        .isEqualTo("allowed: one document per region");
    assertThat(judge("update", new Document(), List.of(settings)).served())
        .as("an allowance names one command")
        .isFalse();
    assertThat(judge("count", new Document(), List.of()).served()).isTrue();
    assertThat(
            QueryIndexCheck.judge(
                    new QueryShape(
                        "planted", "distinct", QueryShape.Filter.EMPTY, List.of(), "youthId"),
                    PLANTED,
                    List.of())
                .reason())
        .isEqualTo("byYouth");
  }

  @Test
  void existsIsServedOnlyByASparseIndex() {
    assertThat(judge(Filters.exists("pending.id")).reason()).isEqualTo("pending");
    assertThat(judge(Filters.exists("outbox.id")).served())
        .as("a regular index holds every document: $exists: true reads them all")
        .isFalse();
    assertThat(judge(Filters.exists("outbox.id", false)).served())
        .as("$exists: false is a lookup of null")
        .isTrue();
    assertThat(judge(Filters.and(Filters.eq("_id", "a"), Filters.exists("outbox.id"))).served())
        .isTrue();
  }

  @Test
  void theInsightsRelaysPollIsServedOnEveryFactSource() {
    QueryShape.Filter poll =
        QueryShape.Filter.parse(Filters.exists(Facts.OUTBOX + ".id").toBsonDocument());

    for (CollectionSpec source : List.of(FeedbackStore.SPEC, SafetySignalStore.SPEC)) {
      assertThat(
              QueryIndexCheck.judge(QueryShape.of(source.name(), "find", poll), source, List.of())
                  .reason())
          .as(source.name())
          .isEqualTo(Facts.OUTBOX);
    }
  }

  @Test
  void anAllowanceForAQueryAnIndexNarrowsNeedsThatIndex() {
    Bson residual = Filters.and(Filters.eq("youthId", "y"), Filters.eq("status", "X"));
    String shape = "{status, youthId}";

    assertThat(
            judge(
                    "find",
                    residual,
                    List.of(Allowance.narrowedBy("planted", "find", shape, "byYouth", "few")))
                .reason())
        .isEqualTo("narrowed by byYouth, allowed: few");
    assertThat(
            judge(
                    "find",
                    residual,
                    List.of(Allowance.narrowedBy("planted", "find", shape, "byCode", "few")))
                .served())
        .as("byCode does not start with a field the query asks")
        .isFalse();
    assertThat(
            judge(
                    "find",
                    residual,
                    List.of(Allowance.narrowedBy("planted", "find", shape, "gone", "few")))
                .served())
        .as("an index that is not declared")
        .isFalse();
    assertThat(
            judge("find", residual, List.of(Allowance.everywhere("find", shape, "byYouth", "few")))
                .served())
        .isTrue();
  }

  @Test
  void sortedByIsNotFilteredBy() {
    QueryShape sortedOnly =
        new QueryShape(
            "planted",
            "find",
            QueryShape.Filter.parse(new BsonDocument()),
            List.of("youthId", "createdAt"),
            null);

    assertThat(QueryIndexCheck.judge(sortedOnly, PLANTED, List.of()).served()).isFalse();
  }

  @Test
  void aCollectionWithoutSpecIsReported() {
    QueryShape shape =
        QueryShape.of(
            "elsewhere",
            "find",
            QueryShape.Filter.parse(new BsonDocument("_id", new org.bson.BsonString("a"))));

    assertThat(QueryIndexCheck.judge(shape, null, List.of()).reason()).contains("not declared");
  }

  @Test
  void theListenerRecordsTheFilterOfEveryQueryCommand() {
    QueryShapes shapes = new QueryShapes();
    String database = MongoBackend.freshDatabase();
    Mongo mongo = connect(shapes, database);
    try {
      MongoCollection<Document> planted = mongo.collection("planted");
      await(mongo.write(planted.insertOne(new Document("_id", "a").append("youthId", "y"))));
      await(
          mongo.list(planted.find(Filters.eq("youthId", "y")).sort(Sorts.descending("createdAt"))));
      await(mongo.write(planted.updateOne(Filters.eq("_id", "a"), Updates.set("n", 1))));
      await(mongo.write(planted.updateMany(Filters.gt("createdAt", 1), Updates.set("n", 2))));
      await(mongo.write(planted.deleteMany(Filters.eq("codeHash", "h"))));
      await(
          mongo.first(
              planted.findOneAndUpdate(
                  Filters.eq("youthId", "z"),
                  Updates.set("n", 3),
                  new FindOneAndUpdateOptions().sort(Sorts.ascending("createdAt")))));
      await(mongo.first(planted.countDocuments(Filters.eq("status", "OPEN"))));
      await(mongo.list(planted.aggregate(List.of(Aggregates.group("$youthId")))));
      await(mongo.list(planted.distinct("youthId", String.class)));
      await(mongo.list(planted.find(Filters.expr(new Document("$eq", List.of("$a", "$b"))))));
      await(mongo.list(mongo.collection("system.views").find()));
    } finally {
      mongo.close();
    }

    QueryShapes.Recorded recorded = shapes.take(database);
    assertThat(recorded.shapes().keySet().stream().map(QueryShape::describe))
        .containsExactlyInAnyOrder(
            "find {youthId} sort [createdAt]",
            "update {_id}",
            "update {createdAt: $gt}",
            "delete {codeHash}",
            "findAndModify {youthId} sort [createdAt]",
            "aggregate {status}",
            "aggregate {}",
            "distinct(youthId) {}");
    assertThat(recorded.unchecked()).containsOnlyKeys("find on planted with $expr");
    assertThat(shapes.take(database).shapes()).as("taken once").isEmpty();

    List<Verdict> violations =
        QueryIndexCheck.violations(
            new QueryShapes.Recorded(
                Map.of(PLANTED.name(), PLANTED), recorded.shapes(), recorded.unchecked()),
            List.of());
    assertThat(violations.stream().map(v -> v.shape().describe()))
        .containsExactlyInAnyOrder("update {createdAt: $gt}", "aggregate {status}", "aggregate {}");
    assertThat(QueryIndexCheck.markdown(recorded, List.of()))
        .contains("## planted", "`find {youthId} sort [createdAt]`", "find on planted with $expr");
  }

  @Test
  void aServerThatRanAQueryWithoutAnIndexFailsOnClose() {
    assumeTrue(QueryShapes.enabled(), "the build's tests run with " + QueryShapes.ENABLED_PROPERTY);
    String database = MongoBackend.freshDatabase();
    RunningKoers koers =
        RunningKoers.start(RunningKoers.on(MongoBackend.IN_JVM, database), Clock.systemUTC());
    Mongo planted = connect(QueryShapes.recording().orElseThrow(), database);
    try {
      await(
          planted.list(
              planted.collection("feedback").find(Filters.eq("plantedWithoutIndex", true))));
    } finally {
      planted.close();
    }

    assertThatThrownBy(koers::close)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("feedback: find {plantedWithoutIndex}");
  }

  private Mongo connect(QueryShapes shapes, String database) {
    return new Mongo(
        vertx,
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(MongoBackend.IN_JVM.uri()))
                .addCommandListener(shapes)
                .build()),
        database,
        Mongo.Durability.NONE);
  }
}
