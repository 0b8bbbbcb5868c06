package nl.koers.circle;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import nl.koers.platform.module.OutboxSource;
import nl.koers.platform.module.SharedStore;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.EmbeddedOutbox;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.paging.Paging;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The consent history: every decision about who sees what of a young person, append-only. Nothing
 * here changes or removes a line (this class offers no way to), and no operation of the API does.
 *
 * <p>Why an embedded list relayed by id, and not a second write: without multi-document
 * transactions, a decision and its history line in two collections could diverge on a crash (the
 * decision stored, its line never). So each line is recorded IN THE SAME ATOMIC WRITE as the
 * decision, in the {@value #OUTBOX} list of the document the decision changes (the young person's
 * record for scopes, ended relations and the 18+ confirmation; the nomination for a parent's
 * agreement; the feedback record for its sharing choice; the plan for domain visibility). Either
 * both are stored or neither. A relay then copies each line into the {@code consents} collection,
 * insert-once by the line's id, and only after that pulls it from the list; a crash in between only
 * means the next round copies it again, to no effect (as {@code EmbeddedOutbox} does for
 * notification intents). A deterministic id with an insert retried after the change would have left
 * a window (crash after the change, before the insert) that nothing closes when the caller goes
 * away; the embedded list has none. Reading the history first relays this young person's pending
 * lines, so a decision shows at once; a background round relays everything else.
 */
@SharedStore(
    why =
        "A consent decision of feedback, mentor or plan records its history line in the "
            + "same atomic write as the decision (the embedded outbox), so those capabilities "
            + "build the line with ConsentLog")
public final class ConsentLog {

  public static final CollectionSpec SPEC =
      CollectionSpec.of("consents", Index.ascending("byYouth", "youthId", "at", "_id"));

  /** The list a changed document keeps its consent lines in until they are relayed. */
  public static final String OUTBOX = "consentOutbox";

  private static final int BATCH = 100;

  /**
   * The capacity of a line the age rules wrote (a parent's access ending at 18, youth-law relations
   * ending with youth care): nobody in the circle decided it, and the history says so.
   */
  public static final String AGE_RULE = "AGE_RULE";

  /** The decider of the age rules' own lines; the history names it "Koers". */
  public static final String KOERS = "koers";

  /** What was decided. */
  public enum Decision {
    /** What a member of the circle may see (their scopes; the JIM's too). */
    SCOPES,
    /** The young person ended a foster parent's access: the carer stays, seeing nothing. */
    ACCESS_ENDED,
    /** A relation ended (by the young person, the case coordinator, a JIM stepping down, ...). */
    RELATION_ENDED,
    /** Who sees one piece of feedback: the professional, or the region anonymously. */
    FEEDBACK_SHARING,
    /** A parent agreed to a JIM, or refused (12-15). */
    PARENT_AGREEMENT,
    /** The case coordinator recorded the guardian's decision on a JIM (no parent in the circle). */
    GUARDIAN_AGREEMENT,
    /** Who sees one domain of the future plan. */
    PLAN_VISIBILITY,
    /** The young adult said who stays in their circle after 18. */
    ADULT_CONFIRMATION,
    /** The young adult paused, stopped or restarted the follow-up check-ins after youth care. */
    FOLLOW_UP_CHOICE
  }

  /** Where lines are recorded, and which field of those documents names the young person. */

  /** A guardian's decision, recorded by the case coordinator: who decided and why. */
  public record Guardian(String name, String reason) {}

  /**
   * One decision. {@code capacity} is how the decider is related (SELF, a relation kind, a region
   * role); {@code about} what it is about (a relation, a feedback, a nomination, a plan domain, or
   * {@code circle}); {@code before} and {@code after} the values it changed.
   */
  public record Entry(
      String id,
      String youthId,
      Instant at,
      String ageBand,
      String deciderId,
      String capacity,
      Decision decision,
      String about,
      Optional<RelationKind> aboutKind,
      List<String> before,
      List<String> after,
      Optional<Guardian> guardian) {

    /** A decision about this young person now, with the age band they are in at this moment. */
    public static Entry of(
        Youth youth,
        Instant at,
        String deciderId,
        String capacity,
        Decision decision,
        String about,
        Optional<RelationKind> aboutKind,
        List<String> before,
        List<String> after) {
      return new Entry(
          UUID.randomUUID().toString(),
          youth.id(),
          at,
          AgeRules.ageBand(AgeRules.age(youth.dateOfBirth(), at)),
          deciderId,
          capacity,
          decision,
          about,
          aboutKind,
          List.copyOf(before),
          List.copyOf(after),
          Optional.empty());
    }

    public Entry withGuardian(Guardian who) {
      return new Entry(
          id,
          youthId,
          at,
          ageBand,
          deciderId,
          capacity,
          decision,
          about,
          aboutKind,
          before,
          after,
          Optional.of(who));
    }

    Document toDocument() {
      Document doc =
          new Document("_id", id)
              .append("id", id)
              .append("youthId", youthId)
              .append("at", Date.from(at))
              .append("ageBand", ageBand)
              .append("deciderId", deciderId)
              .append("capacity", capacity)
              .append("decision", decision.name())
              .append("about", about)
              .append("aboutKind", aboutKind.map(Enum::name).orElse(null))
              .append("before", before)
              .append("after", after);
      guardian.ifPresent(
          g -> doc.append("guardian", new Document("name", g.name()).append("reason", g.reason())));
      return doc;
    }

    static Entry from(Document doc) {
      Document guardian = doc.get("guardian", Document.class);
      return new Entry(
          doc.getString("id"),
          doc.getString("youthId"),
          doc.getDate("at").toInstant(),
          doc.getString("ageBand"),
          doc.getString("deciderId"),
          doc.getString("capacity"),
          Decision.valueOf(doc.getString("decision")),
          doc.getString("about"),
          Optional.ofNullable(doc.getString("aboutKind")).map(RelationKind::valueOf),
          doc.getList("before", String.class, List.of()),
          doc.getList("after", String.class, List.of()),
          Optional.ofNullable(guardian)
              .map(g -> new Guardian(g.getString("name"), g.getString("reason"))));
    }
  }

  /** The lines as a new document's outbox: for a decision made as the document is inserted. */
  public static List<Document> outboxOf(List<Entry> entries) {
    return entries.stream().map(Entry::toDocument).toList();
  }

  /**
   * The update that records these lines along with the decision itself; combine it with the change,
   * in the same write. One update may name the list only once.
   */
  public static Bson record(List<Entry> entries) {
    return Updates.pushEach(OUTBOX, outboxOf(entries));
  }

  /** The index every source collection declares, so the relay finds pending lines. */
  public static Index outboxIndex() {
    return Index.ascending(OUTBOX, OUTBOX + ".id");
  }

  private final Documents lines;
  private final Paging paging;
  private final Supplier<List<OutboxSource>> sources;
  private final EmbeddedOutbox outbox;

  public ConsentLog(Mongo mongo, Supplier<List<OutboxSource>> sources) {
    this.lines = mongo.documents(SPEC);
    this.paging = new Paging(mongo);
    this.sources = sources;
    this.outbox = new EmbeddedOutbox(mongo, OUTBOX, BATCH);
  }

  /** One round over every source; answers how many lines it moved. */
  public Future<Integer> relay() {
    return outbox.drain(sources.get().stream().map(OutboxSource::collection).toList(), this::copy);
  }

  /** Moves this young person's pending lines, so what they decided shows at once. */
  public Future<Void> relayFor(String youthId) {
    Future<Integer> moved = Future.succeededFuture(0);
    for (OutboxSource source : sources.get()) {
      moved =
          moved.compose(
              n ->
                  outbox
                      .drain(
                          source.collection(),
                          new Document(source.youthField(), youthId),
                          this::copy)
                      .map(m -> n + m));
    }
    return moved.mapEmpty();
  }

  /** The young person's consent history, oldest first. */
  public Future<Page<Entry>> oldestFirst(String youthId, PageRequest request) {
    return paging
        .page(SPEC.name(), Filters.eq("youthId", youthId), Paging.Order.ascending("at"), request)
        .map(page -> page.map(Entry::from));
  }

  /** Step one of the relay: the line exists in the history (insert once, by its id). */
  private Future<Void> copy(Document line) {
    Document stored = new Document(line);
    stored.put("_id", line.getString("id"));
    return lines.insertOnce(stored).mapEmpty();
  }

  /**
   * For each of these young people, when the latest decision about them at or after {@code after}
   * was taken (those with none are left out): the change feed's sign that someone's access may have
   * changed. One query on {@code byYouth}.
   */
  public Future<java.util.Map<String, Instant>> latestDecisions(
      java.util.Collection<String> youthIds, Instant after) {
    if (youthIds.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return lines
        .list(
            lines
                .find(
                    new Document("youthId", new Document("$in", List.copyOf(youthIds)))
                        .append("at", new Document("$gte", Date.from(after))))
                .projection(new Document("youthId", 1).append("at", 1)))
        .map(
            docs -> {
              java.util.Map<String, Instant> latest = new java.util.HashMap<>();
              for (Document doc : docs) {
                latest.merge(
                    doc.getString("youthId"),
                    doc.getDate("at").toInstant(),
                    (a, b) -> a.isAfter(b) ? a : b);
              }
              return latest;
            });
  }

  /**
   * Erasure: the young person's consent history. It proves decisions about a record that is gone;
   * kept, it would be the one place still saying who was in their circle.
   */
  public Future<Void> eraseYouth(String youthId) {
    return lines.deleteMany(Filters.eq("youthId", youthId)).mapEmpty();
  }
}
