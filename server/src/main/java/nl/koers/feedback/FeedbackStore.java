package nl.koers.feedback;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.ConsentLog;
import nl.koers.feedback.Feedback.Sharing;
import nl.koers.feedback.FeedbackFacts.Fact;
import nl.koers.feedback.FeedbackRecord.Answer;
import nl.koers.feedback.FeedbackRecord.Answered;
import nl.koers.feedback.FeedbackRecord.ContactMoment;
import nl.koers.feedback.FeedbackRecord.Response;
import nl.koers.feedback.FeedbackRecord.Status;
import nl.koers.feedback.FeedbackRecord.Task;
import nl.koers.feedback.FeedbackRecord.TaskStatus;
import nl.koers.feedback.FeedbackRecord.Visible;
import nl.koers.insights.Facts;
import nl.koers.notify.NotificationIntent;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.DataKeys;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.SealAtRest;
import nl.koers.platform.mongo.SealedTexts;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.paging.Paging;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Feedback, one document per request: the request, its answer, the reply task and the replies, read
 * and changed together. Every change is one atomic conditional update of that document, with what
 * it causes in the document's outboxes ({@code outbox} for notifications, {@code insightsOutbox}
 * for facts, {@code consentOutbox} for the consent log), which relays elsewhere read. Free text (an
 * answer's text, a reply) is sealed at rest with the young person's own key, bound to the request
 * and the answer's item or the reply; only this store sees it sealed.
 */
public final class FeedbackStore {

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "feedback",
          Index.ascending("open", "youthId", "respondentId", "status"),
          Index.ascending("answered", "youthId", "status", "answeredAt", "_id"),
          Index.ascending("tasksDue", "task.status", "task.dueAt"),
          // The escalation round: open, not yet escalated, due (escalated ones stay OPEN).
          Index.ascending("tasksToEscalate", "task.status", "task.escalatedAt", "task.dueAt"),
          // The region admin's task lists, most overdue first: open ones escalated or not, and
          // answered ones.
          Index.ascending(
              "regionTasks", "regionId", "task.status", "task.escalatedAt", "task.dueAt", "_id"),
          Index.ascending("regionAnsweredTasks", "regionId", "task.status", "task.dueAt", "_id"),
          Index.ascending("outbox", "outbox.id"),
          // A pulse the young person started, found again by whom and which day it is about.
          Index.ascending("startedPulses", "youthId", "contactMoment.with", "contactMoment.day"),
          ConsentLog.outboxIndex(),
          // The insights relay's poll ($exists: true): only documents with pending facts.
          Index.ascending(Facts.OUTBOX, Facts.OUTBOX + ".id").asSparse(),
          // Statements: the young person's own, and those addressed to (held by) a professional.
          Index.ascending("statementsOf", "youthId", "kind", "respondentId", "answeredAt", "_id"),
          Index.ascending("statementsTo", "youthId", "kind", "task.assignee", "answeredAt", "_id"));

  /** The task's round: how often the region admin reassigned it (none on older tasks: 0). */
  private static final String ROUND = "round";

  /** Where an answer's free text and a reply's text are kept sealed. */
  static final String SEALED_VALUE = "sealedValue";

  static final String SEALED_TEXT = "sealedText";

  private final Documents feedback;
  private final Paging paging;
  private final DataKeys keys;

  public FeedbackStore(Mongo mongo, DataKeys keys) {
    this.feedback = mongo.documents(SPEC);
    this.paging = new Paging(mongo);
    this.keys = keys;
  }

  /**
   * Seals, with the young person's own key, the free text of requests stored in plain or sealed
   * with the master key (once: the rewrite holds only while the answers and replies are as read);
   * answers how many were rewritten.
   */
  public Future<Integer> sealPlainTexts() {
    return SealAtRest.migrate(
        feedback,
        keys,
        doc -> doc.getString("youthId"),
        FeedbackStore::legacy,
        this::sealedRewrite);
  }

  private static boolean legacy(Document doc) {
    return doc.getList("answers", Document.class, List.of()).stream()
            .anyMatch(a -> legacy(a, "value", SEALED_VALUE))
        || doc.getList("responses", Document.class, List.of()).stream()
            .anyMatch(r -> legacy(r, "text", SEALED_TEXT));
  }

  /** Plain, or sealed with the master key (before per-person keys). */
  private static boolean legacy(Document holder, String plain, String sealed) {
    return holder.get(plain) instanceof String
        || (holder.containsKey(sealed) && !SealedTexts.sealedWithYouthKey(holder.get(sealed)));
  }

  private Optional<SealAtRest.Rewrite> sealedRewrite(SealedTexts texts, Document doc) {
    String id = doc.getString("_id");
    List<Document> answers = doc.getList("answers", Document.class, List.of());
    List<Document> responses = doc.getList("responses", Document.class, List.of());
    Document condition = new Document();
    List<Bson> changes = new ArrayList<>();
    if (doc.containsKey("answers")) {
      condition.append("answers", answers);
      changes.add(
          Updates.set(
              "answers",
              answers.stream().map(a -> answerDocument(texts, id, answer(texts, id, a))).toList()));
    }
    if (doc.containsKey("responses")) {
      condition.append("responses", responses);
      changes.add(
          Updates.set(
              "responses",
              responses.stream()
                  .map(r -> responseDocument(texts, id, response(texts, id, r)))
                  .toList()));
    }
    return Optional.of(new SealAtRest.Rewrite(condition, Updates.combine(changes)));
  }

  /**
   * Stores a new request with its facts and notifications, unless it exists (a retry); answers the
   * stored one.
   */
  public Future<FeedbackRecord> createOnce(
      FeedbackRecord request, List<Fact> facts, List<NotificationIntent> tell) {
    Document doc =
        new Document("_id", request.id())
            .append("youthId", request.youthId())
            .append("regionId", request.regionId())
            .append("respondentId", request.respondentId())
            .append("youthFirstName", request.youthFirstName())
            .append("kind", request.kind().name())
            .append("audience", request.audience().name())
            .append("questionnaireId", request.questionnaireId())
            .append("requestedAt", Date.from(request.requestedAt()))
            .append("status", request.status().name())
            .append(
                "insightsCell",
                request.insightsCell().map(FeedbackStore::cellDocument).orElse(null))
            .append(Facts.OUTBOX, factDocuments(facts))
            .append(
                NotificationIntent.OUTBOX,
                tell.stream().map(NotificationIntent::toDocument).toList());
    request
        .contactMoment()
        .ifPresent(
            moment ->
                doc.append(
                    "contactMoment",
                    startedWith(
                        moment,
                        new Document("kind", moment.kind())
                            .append("at", Date.from(moment.at()))
                            .append("loggedBy", moment.loggedBy()))));
    request.followUp().ifPresent(followUp -> doc.append("followUp", followUp));
    request.period().ifPresent(period -> doc.append("period", period));
    return feedback
        .insertOnce(doc)
        .compose(stored -> keys.readOne(stored, this::from))
        .map(Optional::orElseThrow);
  }

  public Future<Optional<FeedbackRecord>> find(String id) {
    return feedback.byId(id).compose(doc -> keys.readOne(doc, this::from));
  }

  /**
   * The young person a request is about, to seal its new texts with their key (one round trip: the
   * write methods know only the request's id); empty when there is no such request.
   */
  private Future<Optional<SealedTexts>> textsToWrite(String id) {
    return feedback
        .first(feedback.find(new Document("_id", id)).projection(new Document("youthId", 1)))
        .compose(
            doc ->
                doc == null || doc.getString("youthId") == null
                    ? Future.succeededFuture(Optional.empty())
                    : keys.toWrite(doc.getString("youthId")).map(Optional::of));
  }

  /** The requests this respondent may still answer for this young person, oldest first. */
  public Future<List<FeedbackRecord>> openRequests(String youthId, String respondentId) {
    return feedback
        .list(
            feedback
                .find(
                    new Document("youthId", youthId)
                        .append("respondentId", respondentId)
                        .append("status", Status.OPEN.name()))
                .sort(Sorts.ascending("requestedAt")))
        .compose(found -> keys.read(found, this::from));
  }

  /**
   * For each of these young people, when this respondent's requests last changed (asked or
   * answered) at or after {@code after}; those without such a change are left out. On {@code
   * open}'s prefix; it reads the respondent's requests of these young people (a few a month each).
   */
  public Future<java.util.Map<String, Instant>> requestsChanged(
      List<String> youthIds, String respondentId, Instant after) {
    if (youthIds.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    Date from = Date.from(after);
    return feedback
        .list(
            feedback
                .find(
                    new Document("youthId", new Document("$in", youthIds))
                        .append("respondentId", respondentId))
                .projection(
                    new Document("youthId", 1).append("requestedAt", 1).append("answeredAt", 1)))
        .map(
            docs -> {
              java.util.Map<String, Instant> latest = new java.util.HashMap<>();
              for (Document doc : docs) {
                Date asked = doc.getDate("requestedAt");
                Date answered = doc.getDate("answeredAt");
                Date last = answered != null && answered.after(asked) ? answered : asked;
                if (last.before(from)) {
                  continue;
                }
                latest.merge(
                    doc.getString("youthId"), last.toInstant(), (a, b) -> a.isAfter(b) ? a : b);
              }
              return latest;
            });
  }

  /** Answered feedback of a young person that this reader sees, newest first. */
  public Future<Page<FeedbackRecord>> answered(
      String youthId, Visible visible, PageRequest request) {
    Document filter = new Document("youthId", youthId).append("status", Status.ANSWERED.name());
    visible.respondentId().ifPresent(respondent -> filter.append("respondentId", respondent));
    visible.sharing().ifPresent(sharing -> filter.append("sharing", sharing.name()));
    return paging
        .page(SPEC.name(), filter, Paging.Order.newestFirst("answeredAt"), request)
        .compose(page -> keys.readPage(page, this::from));
  }

  /**
   * Records the answer (and the reply task, if any), only while the request is still open, and
   * answers the request as it is then; empty when it was no longer open. The facts are recorded in
   * any case (also none); consent lines and notifications when there are some. Two round trips: the
   * young person's key to seal with, and one update that answers the document after it.
   */
  public Future<Optional<FeedbackRecord>> markAnswered(
      FeedbackRecord request,
      Answered answered,
      List<Fact> facts,
      List<ConsentLog.Entry> consents,
      List<NotificationIntent> tell) {
    return keys.toWrite(request.youthId())
        .compose(
            texts ->
                feedback.updateIfAndGet(
                    request.id(),
                    new Document("status", Status.OPEN.name()),
                    answeredChanges(texts, request.id(), answered, facts, consents, tell)))
        .compose(doc -> keys.readOne(doc, this::from));
  }

  private Bson answeredChanges(
      SealedTexts texts,
      String id,
      Answered answered,
      List<Fact> facts,
      List<ConsentLog.Entry> consents,
      List<NotificationIntent> tell) {
    List<Bson> changes = new ArrayList<>();
    if (!consents.isEmpty()) {
      changes.add(ConsentLog.record(consents));
    }
    changes.add(Updates.set("status", Status.ANSWERED.name()));
    changes.add(Updates.set("answeredAt", Date.from(answered.at())));
    changes.add(
        Updates.set(
            "answers",
            answered.answers().stream().map(a -> answerDocument(texts, id, a)).toList()));
    changes.add(Updates.set("sharing", answered.sharing().name()));
    changes.add(Facts.record(factDocuments(facts)));
    answered.task().ifPresent(task -> changes.add(Updates.set("task", newTaskDocument(task))));
    if (!tell.isEmpty()) {
      changes.add(NotificationIntent.pushAll(tell));
    }
    return Updates.combine(changes);
  }

  /**
   * Adds a reply, which answers the reply task; once per reply id (false when it is there). Not the
   * first reply: that one also records how long it took ({@link #addFirstReply}).
   */
  public Future<Boolean> addReply(String id, Response response, NotificationIntent tell) {
    return reply(id, response, List.of(), tell);
  }

  /** The first reply, with the facts of how long it took (recorded also when there are none). */
  public Future<Boolean> addFirstReply(
      String id, Response response, List<Fact> facts, NotificationIntent tell) {
    return reply(id, response, List.of(Facts.record(factDocuments(facts))), tell);
  }

  private Future<Boolean> reply(
      String id, Response response, List<Bson> facts, NotificationIntent tell) {
    return textsToWrite(id)
        .compose(
            texts ->
                texts.isEmpty()
                    ? Future.succeededFuture(false)
                    : reply(texts.get(), id, response, facts, tell));
  }

  private Future<Boolean> reply(
      SealedTexts texts, String id, Response response, List<Bson> facts, NotificationIntent tell) {
    Bson update =
        Updates.combine(
            Updates.combine(facts),
            Updates.push("responses", responseDocument(texts, id, response)),
            Updates.set("task.status", TaskStatus.ANSWERED.name()),
            Updates.set("task.answeredAt", Date.from(response.at())),
            tell.push());
    return feedback.updateIf(
        id, new Document("responses.id", new Document("$ne", response.id())), update);
  }

  /**
   * The respondent's rating of a reply to their own feedback; false when there is no such reply.
   */
  public Future<Boolean> rateReply(
      String id, String youthId, String respondentId, String responseId, int rating) {
    return feedback.updateIf(
        id,
        new Document("youthId", youthId)
            .append("respondentId", respondentId)
            .append("responses.id", responseId),
        Updates.set("responses.$.rating", rating));
  }

  /** Reply tasks past their due time that have not been escalated yet. */
  public Future<List<FeedbackRecord>> overdueTasks(Instant now, int limit) {
    return feedback
        .list(
            feedback
                .find(
                    new Document("task.status", TaskStatus.OPEN.name())
                        .append("task.dueAt", new Document("$lte", Date.from(now)))
                        .append("task.escalatedAt", null))
                .limit(limit))
        .compose(found -> keys.read(found, this::from));
  }

  /**
   * Marks an open reply task escalated, with who is told; false when it is answered or escalated
   * already (another instance came first).
   */
  public Future<Boolean> markTaskEscalated(String id, Instant at, List<NotificationIntent> tell) {
    return feedback.updateIf(
        id,
        new Document("task.status", TaskStatus.OPEN.name()).append("task.escalatedAt", null),
        Updates.combine(
            Updates.set("task.escalatedAt", Date.from(at)), NotificationIntent.pushAll(tell)));
  }

  /**
   * A region's reply tasks in one state, the longest due first (so the most overdue lead). On
   * {@code regionTasks}; an open task is escalated or not by {@code task.escalatedAt}.
   */
  public Future<Page<FeedbackRecord>> regionTasks(
      String regionId, FeedbackRecord.State state, PageRequest request) {
    Document filter = new Document("regionId", regionId);
    switch (state) {
      // A reply to feedback that asked for none marks a task answered with no due time: no task.
      case ANSWERED ->
          filter
              .append("task.status", TaskStatus.ANSWERED.name())
              .append("task.dueAt", new Document("$ne", null));
      case ESCALATED ->
          filter
              .append("task.status", TaskStatus.OPEN.name())
              .append("task.escalatedAt", new Document("$ne", null));
      case OPEN ->
          filter.append("task.status", TaskStatus.OPEN.name()).append("task.escalatedAt", null);
    }
    return paging
        .page(SPEC.name(), filter, Paging.Order.ascending("task.dueAt"), request)
        .compose(page -> keys.readPage(page, this::from));
  }

  /**
   * Gives an open task to another assignee with a new due time, as a new round: only while it is
   * still open and in the round the region admin read ({@code expectedRound}); the escalation
   * starts over, and who is told goes in the same write. Fails with {@link StaleVersion} when the
   * task moved on to another round meanwhile, with a conflict when it was answered, with not found
   * when there is no task.
   */
  public Future<FeedbackRecord> reassignTask(
      String id,
      long expectedRound,
      String assignee,
      Instant dueAt,
      List<NotificationIntent> tell) {
    Document filter =
        new Document("_id", id)
            .append("task.status", TaskStatus.OPEN.name())
            .append(
                "task." + ROUND,
                expectedRound == 0
                    ? new Document("$in", java.util.Arrays.asList(0L, null))
                    : expectedRound);
    Bson update =
        Updates.combine(
            Updates.set("task.assignee", assignee),
            Updates.set("task.dueAt", Date.from(dueAt)),
            Updates.set("task.escalatedAt", null),
            Updates.set("task." + ROUND, expectedRound + 1),
            NotificationIntent.pushAll(tell));
    return feedback
        .updateAndGet(filter, update, new FindOneAndUpdateOptions())
        .compose(
            updated -> {
              if (updated != null) {
                return keys.readOne(updated, this::from).map(Optional::orElseThrow);
              }
              return find(id)
                  .compose(
                      current -> {
                        if (current.flatMap(FeedbackRecord::task).isEmpty()) {
                          return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
                        }
                        if (current.get().task().get().status() != TaskStatus.OPEN) {
                          return Future.failedFuture(
                              Problem.of(CommonProblem.CONFLICT, "problem.conflict.task-answered"));
                        }
                        return Future.failedFuture(new StaleVersion(id, expectedRound));
                      });
            });
  }

  /** An insights cell as stored on a request or a signal. */
  static Document cellDocument(InsightsCell cell) {
    return new Document("regionId", cell.regionId())
        .append("month", cell.month())
        .append("band", cell.band())
        .append("audience", cell.audience().name())
        .append(Facts.ABOUT_HELP_OF, cell.aboutHelpOf().orElse(null));
  }

  static InsightsCell cell(Document doc) {
    return new InsightsCell(
        doc.getString("regionId"),
        doc.getString("month"),
        doc.getString("band"),
        Facts.Audience.valueOf(doc.getString("audience")),
        Optional.ofNullable(doc.getString(Facts.ABOUT_HELP_OF)));
  }

  /** Facts as the insights relay reads them from the outbox. */
  static List<Document> factDocuments(List<Fact> facts) {
    List<Document> docs = new ArrayList<>();
    for (Fact fact : facts) {
      docs.add(
          Facts.fact(
              fact.id(),
              fact.cell().regionId(),
              fact.cell().month(),
              fact.cell().audience(),
              fact.cell().band(),
              fact.indicator().id(),
              fact.counters(),
              fact.cell().aboutHelpOf()));
    }
    return docs;
  }

  static Instant instant(Document doc, String field) {
    Date date = doc.getDate(field);
    return date == null ? null : date.toInstant();
  }

  static Optional<Instant> optionalInstant(Document doc, String field) {
    return Optional.ofNullable(instant(doc, field));
  }

  /** An answer as stored: free text (a string) sealed, bound to the request and the item. */
  private static Document answerDocument(SealedTexts texts, String id, Answer answer) {
    Document doc = new Document("itemId", answer.itemId());
    if (answer.value() instanceof String text) {
      return doc.append(SEALED_VALUE, texts.seal(text, id + "/answers/" + answer.itemId()));
    }
    return doc.append("value", answer.value());
  }

  private static Answer answer(SealedTexts texts, String id, Document answer) {
    String itemId = answer.getString("itemId");
    Document sealed = answer.get(SEALED_VALUE, Document.class);
    return new Answer(
        itemId,
        sealed == null ? answer.get("value") : texts.open(sealed, id + "/answers/" + itemId));
  }

  private static Document newTaskDocument(Task task) {
    return new Document("status", task.status().name())
        .append("assignee", task.assignee().orElse(null))
        .append("dueAt", task.dueAt().map(Date::from).orElse(null))
        .append("escalatedAt", task.escalatedAt().map(Date::from).orElse(null))
        .append("round", task.round());
  }

  /** A reply as stored: its text sealed, bound to the request and the reply. */
  private static Document responseDocument(SealedTexts texts, String id, Response response) {
    return new Document("id", response.id())
        .append("by", response.by())
        .append(SEALED_TEXT, texts.seal(response.text(), id + "/responses/" + response.id()))
        .append("at", Date.from(response.at()))
        .append("rating", response.rating().orElse(null));
  }

  private static Response response(SealedTexts texts, String id, Document response) {
    String responseId = response.getString("id");
    Document sealed = response.get(SEALED_TEXT, Document.class);
    return new Response(
        responseId,
        response.getString("by"),
        sealed == null
            ? response.getString("text")
            : texts.open(sealed, id + "/responses/" + responseId),
        instant(response, "at"),
        Optional.ofNullable(response.getInteger("rating")));
  }

  private FeedbackRecord from(SealedTexts texts, Document doc) {
    String id = doc.getString("_id");
    Document moment = doc.get("contactMoment", Document.class);
    Document task = doc.get("task", Document.class);
    Document cell = doc.get("insightsCell", Document.class);
    List<Answer> answers = new ArrayList<>();
    for (Document answer : doc.getList("answers", Document.class, List.of())) {
      answers.add(answer(texts, id, answer));
    }
    List<Response> responses = new ArrayList<>();
    for (Document response : doc.getList("responses", Document.class, List.of())) {
      responses.add(response(texts, id, response));
    }
    Number period = doc.get("period", Number.class);
    return new FeedbackRecord(
        id,
        doc.getString("youthId"),
        doc.getString("regionId"),
        doc.getString("respondentId"),
        doc.getString("youthFirstName"),
        Questionnaire.Kind.valueOf(doc.getString("kind")),
        Questionnaire.Audience.valueOf(doc.getString("audience")),
        doc.getString("questionnaireId"),
        instant(doc, "requestedAt"),
        Status.valueOf(doc.getString("status")),
        Optional.ofNullable(cell).map(FeedbackStore::cell),
        Optional.ofNullable(moment)
            .map(
                m ->
                    new ContactMoment(
                        m.getString("kind"),
                        instant(m, "at"),
                        m.getString("loggedBy"),
                        Optional.ofNullable(m.getString("with")),
                        Optional.ofNullable(m.getString("day")).map(LocalDate::parse))),
        Optional.ofNullable(doc.getString("followUp")),
        Optional.ofNullable(period).map(Number::longValue),
        optionalInstant(doc, "answeredAt"),
        List.copyOf(answers),
        Optional.ofNullable(doc.getString("sharing")).map(Sharing::valueOf),
        Optional.ofNullable(task)
            .map(
                t ->
                    new Task(
                        TaskStatus.valueOf(t.getString("status")),
                        Optional.ofNullable(t.getString("assignee")),
                        optionalInstant(t, "dueAt"),
                        optionalInstant(t, "escalatedAt"),
                        optionalInstant(t, "answeredAt"),
                        Optional.ofNullable(t.get(ROUND, Number.class))
                            .map(Number::longValue)
                            .orElse(0L))),
        List.copyOf(responses));
  }

  /** Whom and which day a pulse the young person started is about, beside the logged moment. */
  private static Document startedWith(ContactMoment moment, Document doc) {
    moment.with().ifPresent(with -> doc.append("with", with));
    moment.day().ifPresent(day -> doc.append("day", day.toString()));
    return doc;
  }

  /**
   * The pulse this young person started about a contact with {@code with} on {@code day}, if there
   * is one (on {@code startedPulses}).
   */
  public Future<Optional<FeedbackRecord>> startedPulse(String youthId, String with, LocalDate day) {
    return feedback
        .first(
            new Document("youthId", youthId)
                .append("contactMoment.with", with)
                .append("contactMoment.day", day.toString()))
        .compose(doc -> keys.readOne(doc, this::from));
  }

  /**
   * Widens the sharing of answered feedback from {@code from} to {@code to}, only while it is still
   * {@code from}; with the consent line, the facts it now adds, the reply task it now opens (if
   * any, and only where there is none) and who is told, in the same write; answers the feedback as
   * it is then, empty when the sharing moved on meanwhile.
   */
  public Future<Optional<FeedbackRecord>> widenSharing(
      String id,
      Sharing from,
      Sharing to,
      ConsentLog.Entry consent,
      List<Fact> facts,
      Optional<Task> task,
      List<NotificationIntent> tell) {
    List<Bson> changes = new ArrayList<>();
    changes.add(ConsentLog.record(List.of(consent)));
    changes.add(Updates.set("sharing", to.name()));
    changes.add(Facts.record(factDocuments(facts)));
    task.ifPresent(t -> changes.add(Updates.set("task", newTaskDocument(t))));
    if (!tell.isEmpty()) {
      changes.add(NotificationIntent.pushAll(tell));
    }
    Document condition = new Document("sharing", from.name());
    if (task.isPresent()) {
      condition.append("task", null);
    }
    return feedback
        .updateIfAndGet(id, condition, Updates.combine(changes))
        .compose(doc -> keys.readOne(doc, this::from));
  }

  /**
   * Stores a statement, answered at once and with its reply task, and who is told, unless it exists
   * (a retry); answers the stored one. Its text is sealed like an answer's free text.
   */
  public Future<FeedbackRecord> createStatement(
      FeedbackRecord statement, List<ConsentLog.Entry> consents, List<NotificationIntent> tell) {
    String id = statement.id();
    return keys.toWrite(statement.youthId())
        .compose(
            texts -> {
              Document doc =
                  new Document("_id", id)
                      .append("youthId", statement.youthId())
                      .append("regionId", statement.regionId())
                      .append("respondentId", statement.respondentId())
                      .append("youthFirstName", statement.youthFirstName())
                      .append("kind", statement.kind().name())
                      .append("audience", statement.audience().name())
                      .append("questionnaireId", statement.questionnaireId())
                      .append("requestedAt", Date.from(statement.requestedAt()))
                      .append("status", statement.status().name())
                      .append("answeredAt", Date.from(statement.answeredAt().orElseThrow()))
                      .append(
                          "answers",
                          statement.answers().stream()
                              .map(a -> answerDocument(texts, id, a))
                              .toList())
                      .append("sharing", statement.sharing().orElseThrow().name())
                      .append("task", newTaskDocument(statement.task().orElseThrow()))
                      .append(ConsentLog.OUTBOX, ConsentLog.outboxOf(consents))
                      .append(
                          NotificationIntent.OUTBOX,
                          tell.stream().map(NotificationIntent::toDocument).toList());
              return feedback.insertOnce(doc);
            })
        .compose(stored -> keys.readOne(stored, this::from))
        .map(Optional::orElseThrow);
  }

  /**
   * A page of a young person's statements, newest first: those this respondent sent, or (with
   * {@code assignee}) those whose reply task this professional holds or held last.
   */
  public Future<Page<FeedbackRecord>> statements(
      String youthId,
      Optional<String> respondentId,
      Optional<String> assignee,
      PageRequest request) {
    Document filter =
        new Document("youthId", youthId).append("kind", Questionnaire.Kind.STATEMENT.name());
    respondentId.ifPresent(r -> filter.append("respondentId", r));
    assignee.ifPresent(a -> filter.append("task.assignee", a));
    return paging
        .page(SPEC.name(), filter, Paging.Order.newestFirst("answeredAt"), request)
        .compose(page -> keys.readPage(page, this::from));
  }

  /** The ids of every request about the young person (their facts' ids start with them). */
  public Future<List<String>> idsAbout(String youthId) {
    return feedback
        .list(feedback.find(Filters.eq("youthId", youthId)).projection(new Document("_id", 1)))
        .map(docs -> docs.stream().map(doc -> doc.getString("_id")).toList());
  }

  /** Erasure: every request about the young person, answers and replies with it. */
  public Future<Void> eraseYouth(String youthId) {
    return feedback.deleteMany(Filters.eq("youthId", youthId)).mapEmpty();
  }
}
