package nl.koers.feedback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.AccessWords;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Permission;
import nl.koers.circle.Youth;
import nl.koers.feedback.Feedback.Sharing;
import nl.koers.feedback.FeedbackRecord.Answer;
import nl.koers.feedback.FeedbackRecord.Task;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.clock.WorkingDays;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.problem.ProblemKind;
import nl.koers.platform.security.Caller;

/**
 * "Er wordt niet naar ons geluisterd": a young person may say something any time, not only when a
 * questionnaire asks, and gets a tracked answer. A statement is kept as feedback of its own kind
 * (no questionnaire; its text sealed like an answer's free text) with the same reply task as shared
 * feedback, so the reply, its rating, the escalation of a late reply and the region admin's task
 * list work for it unchanged - and erasure and the young person's export cover it with their
 * feedback. Unlike shared feedback it is for one professional of the circle (the case coordinator
 * unless the young person names another), never for the whole circle and never for a parent or
 * foster parent; it counts in no indicator.
 */
public final class Statements {

  /** The addressee named is not a professional of the young person's circle now. */
  public static final ProblemKind NOT_A_STATEMENT_ADDRESSEE =
      ProblemKind.of(422, "not-a-statement-addressee");

  /** The longest statement, in characters: as a free-text answer (the contract says so too). */
  public static final int MAX_TEXT = 1000;

  /** What a statement names instead of a questionnaire version (no such version exists). */
  static final String QUESTIONNAIRE_ID = "statement@1";

  static final String TEXT = "text";
  static final String TOPIC = "topic";
  static final String WANTS_TO_TALK = "wantsToTalk";

  /** What the statement is about, if the young person says. */
  public enum Topic {
    MY_HELP,
    MY_HOME,
    SCHOOL,
    MY_PLAN,
    SOMETHING_ELSE
  }

  /** Where a statement stands for the young person. */
  public enum State {
    OPEN,
    OVERDUE,
    ESCALATED,
    REPLIED,
    RATED
  }

  /** What the young person says: their words, the topic, whether to talk, and to whom. */
  public record Said(
      String text, Optional<Topic> topic, boolean wantsToTalk, Optional<String> addresseeId) {}

  /** A stored statement as answered, and whether its words offer the safety signal. */
  public record Sent(JsonObject statement, boolean safetyOffered) {}

  private final CareCircle circle;
  private final FeedbackStore store;
  private final People people;
  private final int replyWorkingDays;
  private final Clock clock;

  public Statements(
      CareCircle circle, FeedbackStore store, People people, int replyWorkingDays, Clock clock) {
    this.circle = circle;
    this.store = store;
    this.people = people;
    this.replyWorkingDays = replyWorkingDays;
    this.clock = clock;
  }

  /** The young person sends a statement; once per {@code seed} (the Idempotency-Key). */
  public Future<Sent> send(Caller caller, String youthId, Said said, String seed) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.SEND_STATEMENT, "youth/" + youthId + "/statements")
        .compose(
            grant -> {
              String text = checked(said.text());
              Youth youth = grant.youth();
              Optional<String> addressee = addressee(youth, said.addresseeId(), now);
              FeedbackRecord statement =
                  statement(Ids.derived(seed, "statement"), grant, said, text, addressee, now);
              // To whom the words go is the young person's sharing choice: on the consent history.
              ConsentLog.Entry choice =
                  ConsentLog.Entry.of(
                      youth,
                      now,
                      caller.personId(),
                      CareCircle.SELF,
                      ConsentLog.Decision.FEEDBACK_SHARING,
                      statement.id(),
                      Optional.empty(),
                      List.of(),
                      List.of(Sharing.ADDRESSEE_ONLY.name()));
              return store.createStatement(
                  statement, List.of(choice), told(statement, addressee, now));
            })
        .compose(stored -> views(List.of(stored)))
        .map(views -> new Sent(views.get(0), DangerWords.signalDanger(said.text())));
  }

  /**
   * The young person's own statements, or those a professional of the circle holds the reply of;
   * newest first.
   */
  public Future<Page<JsonObject>> list(Caller caller, String youthId, PageRequest page) {
    return circle
        .authorize(caller, youthId, Permission.READ_STATEMENTS, "youth/" + youthId + "/statements")
        .compose(
            grant -> {
              boolean self = grant.capacity().equals(CareCircle.SELF);
              Optional<String> me = Optional.of(caller.personId());
              return store.statements(
                  youthId, self ? me : Optional.empty(), self ? Optional.empty() : me, page);
            })
        .compose(found -> views(found.items()).map(items -> new Page<>(items, found.next())));
  }

  /** One statement, for the young person and whoever holds (or held last) its reply; else 404. */
  public Future<JsonObject> one(Caller caller, String youthId, String statementId) {
    return store
        .find(statementId)
        .compose(
            found ->
                circle
                    .authorize(
                        caller,
                        youthId,
                        Permission.READ_STATEMENTS,
                        "youth/" + youthId + "/statements/" + statementId)
                    .map(
                        grant ->
                            found
                                .filter(s -> youthId.equals(s.youthId()))
                                .filter(s -> readableBy(s, caller.personId()))
                                .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND))))
        .compose(statement -> views(List.of(statement)))
        .map(views -> views.get(0));
  }

  /** Whether this person may read this feedback as a statement: who sent it, who holds it. */
  static boolean readableBy(FeedbackRecord feedback, String personId) {
    return feedback.kind() == Questionnaire.Kind.STATEMENT
        && (feedback.respondentId().equals(personId) || repliableBy(feedback, personId));
  }

  /** Whether this person answers this statement: the one holding its reply task. */
  static boolean repliableBy(FeedbackRecord feedback, String personId) {
    return feedback.kind() == Questionnaire.Kind.STATEMENT
        && feedback.task().flatMap(Task::assignee).map(personId::equals).orElse(false);
  }

  /** The words, trimmed; a 400 naming {@code /text} when nothing is left or too much is. */
  private static String checked(String text) {
    String words = text == null ? "" : text.strip();
    String problem =
        words.isEmpty() ? "field.required" : words.length() > MAX_TEXT ? "field.too-long" : null;
    if (problem != null) {
      throw Problem.invalid(List.of(new Problem.FieldError("body", null, "/text", problem)));
    }
    return words;
  }

  /**
   * Who answers: the professional named, or else the case coordinator (never automatically one who
   * is also a parent or foster parent); empty when there is none, and the region admins give it.
   */
  private static Optional<String> addressee(Youth youth, Optional<String> named, Instant now) {
    if (named.isEmpty()) {
      return Feedback.coordinatorOf(youth, now)
          .filter(cc -> !CareCircle.isParentOrFosterParent(youth, cc));
    }
    if (!CareCircle.mayReceiveStatement(youth, named.get(), now)) {
      throw Problem.of(NOT_A_STATEMENT_ADDRESSEE)
          .withErrors(
              List.of(
                  new Problem.FieldError(
                      "body", null, "/addresseeId", "field.not-a-statement-addressee")));
    }
    return named;
  }

  /**
   * The statement as feedback answered now, with its reply task: due in the reply's working days,
   * or at once when nobody holds it (so the region admins are told and give it to someone).
   */
  private FeedbackRecord statement(
      String id,
      CareCircle.Grant grant,
      Said said,
      String text,
      Optional<String> addressee,
      Instant now) {
    Youth youth = grant.youth();
    List<Answer> answers = new ArrayList<>();
    answers.add(new Answer(TEXT, text));
    said.topic().ifPresent(topic -> answers.add(new Answer(TOPIC, topic.name())));
    answers.add(new Answer(WANTS_TO_TALK, said.wantsToTalk()));
    Instant due =
        addressee.isPresent() ? WorkingDays.after(now, replyWorkingDays, AgeRules.ZONE) : now;
    return new FeedbackRecord(
        id,
        youth.id(),
        youth.regionId(),
        youth.id(),
        youth.firstName(),
        Questionnaire.Kind.STATEMENT,
        Feedback.youthAudience(grant.age()),
        QUESTIONNAIRE_ID,
        now,
        FeedbackRecord.Status.ANSWERED,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(now),
        List.copyOf(answers),
        Optional.of(Sharing.ADDRESSEE_ONLY),
        Optional.of(Task.open(addressee, due)),
        List.of());
  }

  /** The addressee hears there is a reply to give (no content in the notification). */
  private static List<NotificationIntent> told(
      FeedbackRecord statement, Optional<String> addressee, Instant now) {
    String youthId = statement.youthId();
    return addressee.stream()
        .map(
            to ->
                NotificationIntent.keyed(
                    statement.id() + "/task",
                    NotificationType.FEEDBACK_TASK,
                    to,
                    Optional.of(youthId),
                    "youth/" + youthId + "/statements/" + statement.id(),
                    now))
        .toList();
  }

  /** The statements as the API shows them, with their holders' first names (one read). */
  private Future<List<JsonObject>> views(List<FeedbackRecord> statements) {
    Instant now = clock.instant();
    List<String> holders =
        statements.stream()
            .flatMap(s -> s.task().flatMap(Task::assignee).stream())
            .distinct()
            .toList();
    return people
        .findAll(holders)
        .map(
            persons -> {
              Map<String, Person> byId = new HashMap<>();
              persons.forEach(p -> byId.put(p.id(), p));
              return statements.stream().map(s -> json(s, byId, now)).toList();
            });
  }

  static JsonObject json(FeedbackRecord statement, Map<String, Person> holders, Instant now) {
    Task task = statement.task().orElseThrow();
    return new JsonObject()
        .put("id", statement.id())
        .put("youthId", statement.youthId())
        .put("text", value(statement, TEXT))
        .put("topic", value(statement, TOPIC))
        .put("wantsToTalk", Boolean.TRUE.equals(value(statement, WANTS_TO_TALK)))
        .put("sentAt", instant(statement.answeredAt()))
        .put(
            "addressee",
            task.assignee()
                .map(
                    id ->
                        new JsonObject()
                            .put("id", id)
                            .put(
                                "firstName",
                                Optional.ofNullable(holders.get(id))
                                    .map(p -> AccessWords.firstName(p.name()))
                                    .orElse(null)))
                .orElse(null))
        .put("state", state(statement, now).name())
        .put("dueAt", instant(task.dueAt()))
        .put("escalatedAt", instant(task.escalatedAt()))
        .put("repliedAt", instant(task.answeredAt()))
        .put(
            "responses",
            new JsonArray(
                statement.responses().stream().map(FeedbackViews::responseJson).toList()));
  }

  /** Rated once the young person rated a reply; replied once there is one; else how late. */
  static State state(FeedbackRecord statement, Instant now) {
    if (statement.responses().stream().anyMatch(r -> r.rating().isPresent())) {
      return State.RATED;
    }
    if (!statement.responses().isEmpty()) {
      return State.REPLIED;
    }
    Task task = statement.task().orElseThrow();
    if (task.escalatedAt().isPresent()) {
      return State.ESCALATED;
    }
    return task.dueAt().filter(due -> due.isBefore(now)).isPresent() ? State.OVERDUE : State.OPEN;
  }

  private static Object value(FeedbackRecord statement, String itemId) {
    return statement.answers().stream()
        .filter(a -> a.itemId().equals(itemId))
        .map(Answer::value)
        .findFirst()
        .orElse(null);
  }

  private static String instant(Optional<Instant> at) {
    return FeedbackViews.instant(at.orElse(null));
  }
}
