package nl.koers.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.Youth;
import nl.koers.feedback.Feedback.Sharing;

/**
 * One feedback request and all that follows from it, kept together: the answer with the young
 * person's sharing choice, the reply task of the case coordinator, and the replies with their
 * rating. {@code insightsCell} is empty on requests made before Koers counted indicators.
 *
 * @param followUp the check-in after youth care this request is, if it is one
 * @param period the survey period this request is for, if it is a survey
 */
public record FeedbackRecord(
    String id,
    String youthId,
    String regionId,
    String respondentId,
    String youthFirstName,
    Questionnaire.Kind kind,
    Questionnaire.Audience audience,
    String questionnaireId,
    Instant requestedAt,
    Status status,
    Optional<InsightsCell> insightsCell,
    Optional<ContactMoment> contactMoment,
    Optional<String> followUp,
    Optional<Long> period,
    Optional<Instant> answeredAt,
    List<Answer> answers,
    Optional<Sharing> sharing,
    Optional<Task> task,
    List<Response> responses) {

  /** A request is answered once. */
  public enum Status {
    OPEN,
    ANSWERED
  }

  /** The case coordinator's reply task: open until they reply. */
  public enum TaskStatus {
    OPEN,
    ANSWERED
  }

  /**
   * The contact moment a pulse asks about, and who logged it. A pulse the young person started
   * names {@code with} whom and on which {@code day} (Amsterdam) they met; {@code loggedBy} is then
   * the young person.
   */
  public record ContactMoment(
      String kind,
      Instant at,
      String loggedBy,
      Optional<String> with,
      Optional<java.time.LocalDate> day) {

    /** A contact moment a professional logged. */
    public ContactMoment(String kind, Instant at, String loggedBy) {
      this(kind, at, loggedBy, Optional.empty(), Optional.empty());
    }

    /** Whether the young person started this pulse themself. */
    public boolean startedByYouth() {
      return with.isPresent();
    }
  }

  /**
   * The answer to one item; {@code value} as the questionnaire item takes it (number, yes/no,
   * text).
   */
  public record Answer(String itemId, Object value) {}

  /**
   * A reply the case coordinator owes ("you said, we did"). A reply to feedback that did not ask
   * for one still marks the task answered, so a task may have no assignee and no due time. {@code
   * round} counts the region admin's reassignments: it is the task's version (its {@code ETag}),
   * and each round escalates on its own.
   */
  public record Task(
      TaskStatus status,
      Optional<String> assignee,
      Optional<Instant> dueAt,
      Optional<Instant> escalatedAt,
      Optional<Instant> answeredAt,
      long round) {

    /** A new task, held by {@code assignee} or, with nobody to hold it, the region admins'. */
    static Task open(Optional<String> assignee, Instant dueAt) {
      return new Task(
          TaskStatus.OPEN, assignee, Optional.of(dueAt), Optional.empty(), Optional.empty(), 0);
    }

    /** Where the task stands for the region admin. */
    public State state() {
      if (status == TaskStatus.ANSWERED) {
        return State.ANSWERED;
      }
      return escalatedAt.isPresent() ? State.ESCALATED : State.OPEN;
    }

    /** Whether this person holds the task now: assigned to them and not answered yet. */
    public boolean heldBy(String personId) {
      return status == TaskStatus.OPEN && assignee.map(personId::equals).orElse(false);
    }
  }

  /**
   * A task as the region admin lists it: open in time, escalated (late, the admins were told), or
   * answered.
   */
  public enum State {
    OPEN,
    ESCALATED,
    ANSWERED
  }

  /** A reply, and the respondent's rating of it (1 to 5) once they give one. */
  public record Response(String id, String by, String text, Instant at, Optional<Integer> rating) {}

  /** How a request is answered: when, the accepted answers, the sharing choice, and any task. */
  public record Answered(Instant at, List<Answer> answers, Sharing sharing, Optional<Task> task) {}

  /**
   * Which answered feedback a reader sees: a respondent's own answers, or what was shared with the
   * professional.
   */
  public record Visible(Optional<String> respondentId, Optional<Sharing> sharing) {

    static Visible answersOf(String respondentId) {
      return new Visible(Optional.of(respondentId), Optional.empty());
    }

    static Visible sharedWithProfessional() {
      return new Visible(Optional.empty(), Optional.of(Sharing.SHARE_WITH_PROFESSIONAL));
    }

    boolean shows(FeedbackRecord feedback) {
      return respondentId.map(r -> r.equals(feedback.respondentId())).orElse(true)
          && sharing.map(s -> feedback.sharing().equals(Optional.of(s))).orElse(true);
    }
  }

  /** A new, open request. */
  static FeedbackRecord opened(
      String id,
      Youth youth,
      String respondentId,
      Questionnaire questionnaire,
      Instant requestedAt,
      InsightsCell cell,
      Optional<ContactMoment> contactMoment,
      Optional<String> followUp,
      Optional<Long> period) {
    return new FeedbackRecord(
        id,
        youth.id(),
        youth.regionId(),
        respondentId,
        youth.firstName(),
        questionnaire.kind(),
        questionnaire.audience(),
        questionnaire.id(),
        requestedAt,
        Status.OPEN,
        Optional.of(cell),
        contactMoment,
        followUp,
        period,
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }
}
