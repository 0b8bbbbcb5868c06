package nl.koers.feedback;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.feedback.FeedbackRecord.ContactMoment;
import nl.koers.feedback.Questionnaire.Kind;
import nl.koers.insights.Facts;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * A pulse the young person starts themself ("how did yesterday's conversation go?"), so being heard
 * does not wait for a professional to log a contact moment. It is about a recent contact (this
 * week) with someone of their circle who helps them, and is answered like any pulse. A few a day,
 * and one per contact and day: starting it again answers the one there is.
 */
public final class YouthPulses {

  /** How many pulses a young person may start on one day (Amsterdam). */
  public static final int PER_DAY = 3;

  /** How many days back the contact may be (today is 0). */
  public static final int DAYS_BACK = 7;

  /** Whom a pulse may be about: people of the circle whose help or support it asks about. */
  private static final Set<RelationKind> CONTACTS =
      EnumSet.of(
          RelationKind.CASE_COORDINATOR,
          RelationKind.PROFESSIONAL,
          RelationKind.FOSTER_CARE_WORKER,
          RelationKind.JIM,
          RelationKind.STEADY_CONTACT);

  /** Of those, whose organisation the answer counts for in the region's indicators. */
  private static final Set<RelationKind> PROFESSIONALS =
      EnumSet.of(
          RelationKind.CASE_COORDINATOR,
          RelationKind.PROFESSIONAL,
          RelationKind.FOSTER_CARE_WORKER);

  /** The pulse, its questionnaire, and whether this call made it (else it was there already). */
  public record Started(FeedbackRecord request, Questionnaire questionnaire, boolean made) {}

  private final CareCircle circle;
  private final Questionnaires questionnaires;
  private final FeedbackStore store;
  private final Clock clock;

  public YouthPulses(
      CareCircle circle, Questionnaires questionnaires, FeedbackStore store, Clock clock) {
    this.circle = circle;
    this.questionnaires = questionnaires;
    this.store = store;
    this.clock = clock;
  }

  /** The young person starts a pulse about a contact with {@code with} on {@code day}. */
  public Future<Started> start(
      Caller caller, String youthId, String with, LocalDate day, String kind) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller, youthId, Permission.START_PULSE, "youth/" + youthId + "/feedback/requests")
        .compose(
            grant -> {
              Youth youth = grant.youth();
              Optional<RelationKind> relation = contactKind(youth, with, now);
              if (relation.isEmpty()) {
                return Future.failedFuture(Problem.of(PulseProblem.CONTACT_NOT_IN_CIRCLE));
              }
              LocalDate today = AgeRules.today(now);
              if (day.isAfter(today) || day.isBefore(today.minusDays(DAYS_BACK))) {
                return Future.failedFuture(Problem.of(PulseProblem.DAY_OUT_OF_RANGE));
              }
              return store
                  .startedPulse(youthId, with, day)
                  .compose(
                      existing ->
                          existing.isPresent()
                              ? again(existing.get())
                              : make(youth, grant.age(), with, relation.get(), day, kind, now));
            });
  }

  /** The pulse about this contact and day was started before: the open one, once answered 409. */
  private Future<Started> again(FeedbackRecord existing) {
    if (existing.status() != FeedbackRecord.Status.OPEN) {
      return Future.failedFuture(Problem.of(CommonProblem.CONFLICT, "problem.conflict.answered"));
    }
    return questionnaires
        .find(existing.questionnaireId())
        .map(q -> new Started(existing, q.orElseThrow(), false));
  }

  private Future<Started> make(
      Youth youth,
      int age,
      String with,
      RelationKind relation,
      LocalDate day,
      String kind,
      Instant now) {
    return questionnaires
        .current(Kind.PULSE, Feedback.youthAudience(age), youth.readingLevel(), youth.regionId())
        .compose(
            pulse -> {
              Optional<String> aboutHelpOf =
                  PROFESSIONALS.contains(relation) ? Optional.of(with) : Optional.empty();
              InsightsCell cell =
                  FeedbackFacts.cell(
                      youth.regionId(),
                      now,
                      Facts.band(youth.dateOfBirth(), now),
                      pulse.audience(),
                      aboutHelpOf);
              ContactMoment moment =
                  new ContactMoment(
                      kind,
                      day.atStartOfDay(AgeRules.ZONE).toInstant(),
                      youth.id(),
                      Optional.of(with),
                      Optional.of(day));
              return inSlot(youth, pulse, cell, moment, AgeRules.today(now), 1, now);
            });
  }

  /**
   * Stores the pulse in the first free one of today's {@link #PER_DAY} places: a place is a fixed
   * id per young person, day and number, so two starts at the same moment cannot both pass the
   * limit. A place holding this same contact and day (a start at the same moment) is the answer.
   */
  private Future<Started> inSlot(
      Youth youth,
      Questionnaire pulse,
      InsightsCell cell,
      ContactMoment moment,
      LocalDate today,
      int slot,
      Instant now) {
    if (slot > PER_DAY) {
      return Future.failedFuture(
          Problem.of(PulseProblem.LIMIT_REACHED, "problem.pulse-limit-reached.detail", PER_DAY));
    }
    String id = Ids.derived(youth.id(), "started-pulse", today.toString(), String.valueOf(slot));
    FeedbackRecord request =
        FeedbackRecord.opened(
            id,
            youth,
            youth.id(),
            pulse,
            now,
            cell,
            Optional.of(moment),
            Optional.empty(),
            Optional.empty());
    // Nobody asked for it: no request counts in the response rate, and nobody is told.
    return store
        .createOnce(request, List.of(), List.of())
        .compose(
            stored -> {
              Optional<ContactMoment> there = stored.contactMoment();
              boolean same =
                  there.flatMap(ContactMoment::with).equals(moment.with())
                      && there.flatMap(ContactMoment::day).equals(moment.day());
              if (same) {
                return Future.succeededFuture(new Started(stored, pulse, true));
              }
              return inSlot(youth, pulse, cell, moment, today, slot + 1, now);
            });
  }

  /**
   * What {@code personId} is to the young person now, if they are a contact a pulse may be about.
   */
  private static Optional<RelationKind> contactKind(Youth youth, String personId, Instant now) {
    return youth.activeRelationsOf(personId, now).stream()
        .map(r -> r.kind())
        .filter(CONTACTS::contains)
        .findFirst();
  }
}
