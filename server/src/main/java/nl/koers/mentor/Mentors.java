package nl.koers.mentor;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Consents;
import nl.koers.circle.Permission;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Scope;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.Activations;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.mentor.Nomination.CheckIn;
import nl.koers.mentor.Nomination.DecidedBy;
import nl.koers.mentor.Nomination.ParentAgreement;
import nl.koers.mentor.Nomination.Status;
import nl.koers.notify.Inbox;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.background.OneByOne;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * The JIM: the young person nominates an adult from their own network and shares an invite; the
 * adult accepts; for 12–15 a parent agrees; the case coordinator confirms after the intake talk.
 * One active JIM at a time; the young person ends it whenever they want, and access ends at once.
 *
 * <p>The parents' agreement (12–15) is theirs and it binds. When the invited adult accepts, the
 * parents in the circle are told that an agreement waits (not at the invite: until someone accepted
 * there is nothing to agree to, and the young person may invite several people). They read the
 * accepted nominations (first name, relation, status; never a code or who the adult is) and decide;
 * a refusal ends the nomination as {@code PARENT_REFUSED} and nobody overrules it (a later
 * agreement or a confirmation answers 409). The young person is told either way. Only where no
 * parent is in the circle (guardianship) does the case coordinator record the guardian's decision,
 * with the guardian's name and a reason, which the young person sees. From 16 nobody is asked
 * (422). Each decision is a line of the consent history, in the same write.
 */
public final class Mentors {

  public static final Duration INVITE_VALIDITY = Duration.ofDays(14);
  public static final Duration CHECK_IN_EVERY = Duration.ofDays(56);
  static final int MAX_OPEN = 5;
  static final int MAX_PER_WEEK = 10;

  /** A new nomination and its invite: the code, shown this once, and the link that carries it. */
  public record Invite(Nomination nomination, String code, String link) {}

  /**
   * A nomination as its reader sees it: a parent only its first name, relation, status and their
   * agreement ({@code byParent}); the others all of it.
   */
  public record Seen(Nomination nomination, boolean byParent) {}

  private final NominationStore nominations;
  private final JimRelationStore jims;
  private final CareCircle circle;
  private final Consents consents;
  private final YouthRecords records;
  private final People people;
  private final Inbox inbox;
  private final Clock clock;

  public Mentors(
      NominationStore nominations,
      JimRelationStore jims,
      CareCircle circle,
      Consents consents,
      YouthRecords records,
      People people,
      Inbox inbox,
      Clock clock) {
    this.nominations = nominations;
    this.jims = jims;
    this.circle = circle;
    this.consents = consents;
    this.records = records;
    this.people = people;
    this.inbox = inbox;
    this.clock = clock;
  }

  /** The young person invites an adult; the answer carries the code, once. */
  public Future<Invite> nominate(
      Caller caller, String youthId, String firstName, String relation, String seed) {
    Instant now = clock.instant();
    String code = Activations.randomCode();
    String id = derived(seed, "nomination");
    return circle
        .authorize(caller, youthId, Permission.CHOOSE_MENTOR, path(youthId, "nominations"))
        .compose(
            grant ->
                nominations
                    .ofYouth(youthId)
                    .compose(
                        existing -> {
                          boolean retry = existing.stream().anyMatch(n -> id.equals(n.id()));
                          long open =
                              existing.stream()
                                  .filter(n -> n.status() == Status.INVITED)
                                  .filter(n -> n.expiresAt().isAfter(now))
                                  .count();
                          long thisWeek =
                              existing.stream()
                                  .filter(n -> n.createdAt().isAfter(now.minus(Duration.ofDays(7))))
                                  .count();
                          if (!retry && (open >= MAX_OPEN || thisWeek >= MAX_PER_WEEK)) {
                            return Future.failedFuture(
                                Problem.of(MentorProblem.TOO_MANY_NOMINATIONS));
                          }
                          Nomination invite =
                              Nomination.invite(
                                  id,
                                  youthId,
                                  grant.youth().regionId(),
                                  firstName,
                                  relation,
                                  now,
                                  INVITE_VALIDITY);
                          return nominations
                              .createOnce(invite, Activations.hash(code))
                              // A retry after a crash: the first code never reached the phone.
                              .compose(
                                  stored ->
                                      nominations
                                          .replaceCode(id, Status.INVITED, Activations.hash(code))
                                          .map(v -> stored));
                        }))
        .map(stored -> new Invite(stored, code, "koers://mentor-invite/" + code));
  }

  public Future<List<Seen>> list(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_MENTOR_NOMINATIONS, path(youthId, "nominations"))
        .compose(
            grant ->
                nominations
                    .ofYouth(youthId)
                    .map(
                        found ->
                            found.stream()
                                // Parents see only what waits for (or had) their agreement.
                                .filter(n -> !forParent(grant) || n.mentorId().isPresent())
                                .map(n -> new Seen(n, forParent(grant)))
                                .toList()));
  }

  public Future<Nomination> withdraw(Caller caller, String youthId, String nominationId) {
    return circle
        .authorize(
            caller, youthId, Permission.CHOOSE_MENTOR, path(youthId, "nominations/" + nominationId))
        .compose(grant -> mine(youthId, nominationId))
        .compose(
            nomination ->
                nominations.withdraw(
                    nominationId, List.of(Status.INVITED, Status.PENDING_CONFIRMATION)))
        .compose(v -> mine(youthId, nominationId));
  }

  /** The invited adult accepts, signed in with their own account. */
  public Future<Nomination> accept(Caller caller, String code) {
    Instant now = clock.instant();
    return nominations
        .byCode(Activations.hash(Activations.normalise(code)))
        .compose(
            found -> {
              Nomination nomination =
                  found.orElseThrow(
                      () -> Problem.of(CommonProblem.NOT_FOUND, "problem.not-found.invite"));
              Status status = nomination.status();
              if (status == Status.WITHDRAWN) {
                throw Problem.of(MentorProblem.INVITE_WITHDRAWN);
              }
              if (status != Status.INVITED) {
                throw Problem.of(MentorProblem.INVITE_USED);
              }
              if (!nomination.expiresAt().isAfter(now)) {
                throw Problem.of(MentorProblem.INVITE_EXPIRED);
              }
              String youthId = nomination.youthId();
              if (youthId.equals(caller.personId())) {
                throw Problem.of(MentorProblem.OWN_INVITE);
              }
              return records
                  .find(youthId)
                  .compose(
                      youth ->
                          records
                              .find(caller.personId())
                              .map(self -> check(youth.orElseThrow(), self, caller, now)))
                  .compose(youth -> acceptAs(caller, nomination, youth, now));
            });
  }

  private static Youth check(
      Youth youth, Optional<Youth> callerAsYouth, Caller caller, Instant now) {
    boolean parent =
        youth.activeRelationsOf(caller.personId(), now).stream()
            .anyMatch(r -> r.kind() == RelationKind.PARENT);
    if (parent) {
      throw Problem.of(MentorProblem.MENTOR_IS_PARENT);
    }
    if (callerAsYouth
        .filter(y -> AgeRules.age(y.dateOfBirth(), now) < AgeRules.ADULT)
        .isPresent()) {
      throw Problem.of(MentorProblem.MENTOR_TOO_YOUNG);
    }
    return youth;
  }

  private Future<Nomination> acceptAs(
      Caller caller, Nomination nomination, Youth youth, Instant now) {
    String id = nomination.id();
    List<NotificationIntent> told = new ArrayList<>();
    told.add(
        intent(id + "/accepted", NotificationType.MENTOR_INVITE_ACCEPTED, youth.id(), youth.id()));
    toCaseCoordinator(youth, id + "/confirm", NotificationType.MENTOR_CONFIRMATION_NEEDED, now)
        .ifPresent(told::add);
    if (AgeRules.age(youth.dateOfBirth(), now) < AgeRules.DECIDES_ALONE) {
      for (Relation parent : youth.relations()) {
        if (parent.kind() == RelationKind.PARENT
            && parent.activeAt(now)
            && AgeRules.effectiveScopes(parent, youth.dateOfBirth(), now).contains(Scope.PROFILE)) {
          told.add(
              intent(
                  id + "/agreement/" + parent.personId(),
                  NotificationType.MENTOR_AGREEMENT_NEEDED,
                  parent.personId(),
                  youth.id()));
        }
      }
    }
    return nominations
        .accept(id, Status.INVITED, caller.personId(), now, told)
        .compose(
            changed -> {
              if (!changed) {
                return Future.failedFuture(Problem.of(MentorProblem.INVITE_USED));
              }
              return people.grant(
                  caller.personId(), new Person.RegionRole(Role.MENTOR, youth.regionId()));
            })
        .compose(v -> nominations.find(id))
        .map(Optional::orElseThrow);
  }

  /**
   * A parent of the circle agrees or refuses (12–15); where no parent is in the circle, the case
   * coordinator records the guardian's decision (name and reason required). A refusal binds.
   */
  public Future<Seen> agree(
      Caller caller,
      String youthId,
      String nominationId,
      boolean agreed,
      Optional<String> guardianName,
      Optional<String> reason) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller,
            youthId,
            Permission.AGREE_TO_MENTOR,
            path(youthId, "nominations/" + nominationId))
        .compose(
            grant -> {
              if (grant.age() >= AgeRules.DECIDES_ALONE) {
                throw Problem.of(MentorProblem.DECIDES_ALONE);
              }
              return mine(youthId, nominationId)
                  .compose(
                      nomination ->
                          decide(caller, grant, nomination, agreed, guardianName, reason, now))
                  .compose(v -> mine(youthId, nominationId))
                  .map(nomination -> new Seen(nomination, forParent(grant)));
            });
  }

  /**
   * The guardian's decision, when the case coordinator records one; checks the fields either way.
   */
  private static Optional<ConsentLog.Guardian> guardianOf(
      CareCircle.Grant grant, Optional<String> name, Optional<String> reason) {
    boolean coordinator = grant.capacity().equals(RelationKind.CASE_COORDINATOR.name());
    List<Problem.FieldError> errors = new ArrayList<>();
    for (var field : List.of(Map.entry("guardianName", name), Map.entry("reason", reason))) {
      boolean given = field.getValue().filter(v -> !v.isBlank()).isPresent();
      if (coordinator && !given) {
        errors.add(
            new Problem.FieldError("body", field.getKey(), "/" + field.getKey(), "field.required"));
      } else if (!coordinator && field.getValue().isPresent()) {
        errors.add(
            new Problem.FieldError(
                "body", field.getKey(), "/" + field.getKey(), "field.guardian-only"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    return coordinator
        ? Optional.of(new ConsentLog.Guardian(name.get().strip(), reason.get().strip()))
        : Optional.empty();
  }

  private Future<Void> decide(
      Caller caller,
      CareCircle.Grant grant,
      Nomination nomination,
      boolean agreed,
      Optional<String> guardianName,
      Optional<String> reason,
      Instant now) {
    String id = nomination.id();
    Youth youth = grant.youth();
    Status status = nomination.status();
    // A refusal binds, whoever comes after it; otherwise only the parents (or, with none in the
    // circle, the case coordinator for the guardian) decide.
    if (status == Status.PARENT_REFUSED) {
      return Future.failedFuture(Problem.of(MentorProblem.PARENT_REFUSED));
    }
    // A parent sees only accepted nominations; the others are not there for them.
    if (!CareCircle.recordsParentAgreement(grant, now)
        || (forParent(grant) && nomination.mentorId().isEmpty())) {
      return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
    }
    Optional<ConsentLog.Guardian> guardian = guardianOf(grant, guardianName, reason);
    if (status != Status.PENDING_CONFIRMATION) {
      return Future.failedFuture(
          Problem.of(CommonProblem.CONFLICT, "problem.conflict.not-waiting"));
    }
    ParentAgreement decision =
        new ParentAgreement(
            agreed,
            caller.personId(),
            guardian.isPresent() ? DecidedBy.GUARDIAN : DecidedBy.PARENT,
            now,
            guardian);
    ConsentLog.Entry line =
        ConsentLog.Entry.of(
            youth,
            now,
            caller.personId(),
            grant.capacity(),
            guardian.isPresent()
                ? ConsentLog.Decision.GUARDIAN_AGREEMENT
                : ConsentLog.Decision.PARENT_AGREEMENT,
            id,
            Optional.of(RelationKind.JIM),
            List.of(),
            List.of(agreed ? "AGREED" : "REFUSED"));
    List<ConsentLog.Entry> recorded = List.of(guardian.map(line::withGuardian).orElse(line));
    String key = id + "/parent-decided/" + caller.personId() + "/" + agreed;
    List<NotificationIntent> told = new ArrayList<>();
    told.add(
        intent(key + "/youth", NotificationType.MENTOR_PARENT_DECIDED, youth.id(), youth.id()));
    if (!agreed) {
      toCaseCoordinator(youth, key + "/cc", NotificationType.MENTOR_PARENT_DECIDED, now)
          .filter(toCc -> !toCc.recipientId().equals(caller.personId()))
          .ifPresent(told::add);
      // The adult who accepted hears, neutrally, that it does not go ahead.
      nomination
          .mentorId()
          .ifPresent(
              mentorId ->
                  told.add(
                      NotificationIntent.keyed(
                          key + "/nominee",
                          NotificationType.MENTOR_ENDED,
                          mentorId,
                          Optional.empty(),
                          "me/notifications",
                          now)));
    }
    Future<Boolean> written =
        agreed
            ? nominations.recordAgreement(id, Status.PENDING_CONFIRMATION, decision, recorded, told)
            : nominations.recordRefusal(
                id, Status.PENDING_CONFIRMATION, decision, now, recorded, told);
    return written.compose(
        changed ->
            changed
                ? Future.succeededFuture()
                // Someone decided (or confirmed) meanwhile: answer as if we came after.
                : nominations
                    .find(id)
                    .compose(
                        now2 ->
                            decide(
                                caller,
                                grant,
                                now2.orElseThrow(),
                                agreed,
                                guardianName,
                                reason,
                                now)));
  }

  /** The case coordinator confirms after the intake talk: the JIM joins the circle. */
  public Future<Nomination> confirm(Caller caller, String youthId, String nominationId) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller,
            youthId,
            Permission.CONFIRM_MENTOR,
            path(youthId, "nominations/" + nominationId))
        .compose(
            grant ->
                mine(youthId, nominationId)
                    .compose(
                        nomination -> {
                          Status status = nomination.status();
                          if (status == Status.ACTIVE) {
                            // A retry: completes a confirmation a crash interrupted.
                            return join(caller, grant, nomination, now);
                          }
                          if (status == Status.PARENT_REFUSED) {
                            return Future.failedFuture(Problem.of(MentorProblem.PARENT_REFUSED));
                          }
                          if (status != Status.PENDING_CONFIRMATION) {
                            return Future.failedFuture(Problem.of(CommonProblem.CONFLICT));
                          }
                          boolean parentsAgreed =
                              nomination
                                  .parentAgreement()
                                  .map(ParentAgreement::agreed)
                                  .orElse(false);
                          if (grant.age() < AgeRules.DECIDES_ALONE && !parentsAgreed) {
                            return Future.failedFuture(
                                Problem.of(MentorProblem.PARENT_AGREEMENT_NEEDED));
                          }
                          return activate(caller, grant, nomination, now);
                        }));
  }

  /**
   * The nomination becomes ACTIVE first, only while it is still PENDING_CONFIRMATION (so a refusal
   * that came meanwhile wins), and then the JIM joins the circle.
   */
  private Future<Nomination> activate(
      Caller caller, CareCircle.Grant grant, Nomination nomination, Instant now) {
    String id = nomination.id();
    return nominations
        .activate(id, Status.PENDING_CONFIRMATION, jimRelationId(id), now, now.plus(CHECK_IN_EVERY))
        .compose(
            changed ->
                changed
                    ? join(caller, grant, nomination, now)
                    : nominations
                        .find(id)
                        .compose(
                            found -> {
                              Status status = found.orElseThrow().status();
                              if (status == Status.ACTIVE) {
                                return join(caller, grant, found.get(), now);
                              }
                              return Future.failedFuture(
                                  Problem.of(
                                      status == Status.PARENT_REFUSED
                                          ? MentorProblem.PARENT_REFUSED
                                          : CommonProblem.CONFLICT));
                            }));
  }

  /**
   * The confirmed JIM joins the circle, the old one leaving first (never two at once). Safe to run
   * again: the relation's id derives from the nomination.
   */
  private Future<Nomination> join(
      Caller caller, CareCircle.Grant grant, Nomination nomination, Instant now) {
    Youth youth = grant.youth();
    String id = nomination.id();
    String mentorId = nomination.mentorId().orElseThrow();
    Relation jim =
        new Relation(
            jimRelationId(id),
            RelationKind.JIM,
            mentorId,
            RelationKind.JIM.defaultScopes(),
            now,
            Optional.empty(),
            Optional.empty());
    Optional<Relation> previous =
        youth.activeOfKind(RelationKind.JIM, now).filter(old -> !old.id().equals(jim.id()));
    Future<Void> ended =
        previous
            .map(old -> endJim(youth, old, now, caller.personId(), grant.capacity()))
            .orElseGet(Future::succeededFuture);
    return ended
        .compose(
            v ->
                jims.join(
                    youth.id(),
                    jim,
                    List.of(
                        intent(
                            id + "/active-youth",
                            NotificationType.MENTOR_ACTIVE,
                            youth.id(),
                            youth.id()),
                        intent(
                            id + "/active-jim",
                            NotificationType.MENTOR_ACTIVE,
                            mentorId,
                            youth.id(),
                            profile(youth.id())))))
        .compose(v -> nominations.find(id))
        .map(Optional::orElseThrow);
  }

  private static String jimRelationId(String nominationId) {
    return derived(nominationId, "relation");
  }

  /** The young person ends their JIM, now. */
  public Future<Void> end(Caller caller, String youthId) {
    return endBy(caller, youthId, Permission.CHOOSE_MENTOR);
  }

  /** The JIM steps down. */
  public Future<Void> stepDown(Caller caller, String youthId) {
    return endBy(caller, youthId, Permission.ACT_AS_MENTOR);
  }

  private Future<Void> endBy(Caller caller, String youthId, Permission permission) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, permission, path(youthId, ""))
        .compose(
            grant ->
                grant
                    .youth()
                    .activeOfKind(RelationKind.JIM, now)
                    .map(
                        jim ->
                            endJim(grant.youth(), jim, now, caller.personId(), grant.capacity())
                                .onSuccess(
                                    ended -> {
                                      if (jim.personId().equals(caller.personId())) {
                                        // Stepping down ends the JIM's own access: a retry is
                                        // still answered as the first time.
                                        circle.endedOwnRelation(caller, youthId, jim.id());
                                      }
                                    }))
                    .orElseGet(() -> Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND))));
  }

  private Future<Void> endJim(
      Youth youth, Relation jim, Instant now, String deciderId, String capacity) {
    String key = jim.id() + "/ended";
    ConsentLog.Entry line =
        ConsentLog.Entry.of(
            youth,
            now,
            deciderId,
            capacity,
            ConsentLog.Decision.RELATION_ENDED,
            jim.id(),
            Optional.of(RelationKind.JIM),
            jim.scopes().stream().map(Scope::wire).sorted().toList(),
            List.of());
    List<NotificationIntent> told = new ArrayList<>();
    // The JIM is told neutrally, and not as a member of the circle any more.
    told.add(
        NotificationIntent.keyed(
            key + "/jim",
            NotificationType.MENTOR_ENDED,
            jim.personId(),
            Optional.empty(),
            "me/notifications",
            now));
    told.add(intent(key + "/youth", NotificationType.MENTOR_ENDED, youth.id(), youth.id()));
    toCaseCoordinator(youth, key + "/cc", NotificationType.MENTOR_ENDED, now).ifPresent(told::add);
    return jims.leave(youth.id(), jim.id(), now, told, List.of(line))
        .compose(v -> inbox.withdrawAbout(jim.personId(), youth.id()))
        .compose(v -> nominations.ofYouth(youth.id()))
        .compose(
            all -> {
              Future<Void> chain = Future.succeededFuture();
              for (Nomination nomination : all) {
                if (nomination.relationId().filter(jim.id()::equals).isPresent()) {
                  chain =
                      chain.compose(
                          v -> nominations.end(nomination.id(), Status.ACTIVE, now).mapEmpty());
                }
              }
              return chain;
            });
  }

  /**
   * The young person decides what their JIM sees (never feedback): the same decision as for any
   * member of the circle ({@link Consents#setJimScopes}), at any age from 12.
   */
  public Future<Consents.Scoped> setScopes(
      Caller caller, String youthId, Set<Scope> scopes, long expectedCircleVersion) {
    return consents.setJimScopes(caller, youthId, scopes, expectedCircleVersion);
  }

  /** The JIM's own check-in; a low one becomes a task for the case coordinator. */
  public Future<CheckIn> checkIn(Caller caller, String youthId, int score, Optional<String> text) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.ACT_AS_MENTOR, path(youthId, "check-ins"))
        .compose(
            grant ->
                nominations
                    .ofYouth(youthId)
                    .compose(
                        all -> {
                          Nomination active =
                              all.stream()
                                  .filter(n -> n.status() == Status.ACTIVE)
                                  .filter(
                                      n ->
                                          n.mentorId()
                                              .filter(caller.personId()::equals)
                                              .isPresent())
                                  .findFirst()
                                  .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
                          CheckIn checkIn =
                              new CheckIn(
                                  UUID.randomUUID().toString(), now, score, text, Optional.empty());
                          Optional<NotificationIntent> low =
                              score <= 2
                                  ? grant
                                      .youth()
                                      .activeOfKind(RelationKind.CASE_COORDINATOR, now)
                                      .map(
                                          cc ->
                                              intent(
                                                  checkIn.id(),
                                                  NotificationType.MENTOR_CHECK_IN_LOW,
                                                  cc.personId(),
                                                  youthId,
                                                  path(youthId, "check-ins")))
                                  : Optional.empty();
                          return nominations.addCheckIn(active.id(), checkIn, low);
                        }));
  }

  /**
   * The case coordinator replies to one check-in (a new reply replaces the last); the JIM who
   * checked in is told, while they are in the circle.
   */
  public Future<CheckIn> replyToCheckIn(
      Caller caller, String youthId, String checkInId, String text) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.CONFIRM_MENTOR, path(youthId, "check-ins"))
        .compose(grant -> nominations.ofYouth(youthId))
        .compose(
            all -> {
              Nomination nomination =
                  all.stream()
                      .filter(n -> n.checkIns().stream().anyMatch(c -> c.id().equals(checkInId)))
                      .findFirst()
                      .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
              Optional<NotificationIntent> tell =
                  nomination
                      .mentorId()
                      .map(
                          jim ->
                              intent(
                                  // Keyed by the text: a retry of the same reply tells once.
                                  checkInId + "/reply/" + Integer.toHexString(text.hashCode()),
                                  NotificationType.MENTOR_CHECK_IN_REPLIED,
                                  jim,
                                  youthId,
                                  path(youthId, "check-ins")));
              return circle
                  .mayHearAbout(nomination.mentorId().orElse(""), youthId)
                  .compose(
                      hears ->
                          nominations.replyToCheckIn(
                              nomination.id(),
                              checkInId,
                              new Nomination.Reply(text, now),
                              hears ? tell : Optional.empty()));
            });
  }

  /**
   * The JIMs' check-ins: the case coordinator reads all of them, a JIM only their own (those of the
   * nomination they accepted), so a JIM sees what they said and nothing of an earlier JIM.
   */
  public Future<List<CheckIn>> checkIns(Caller caller, String youthId) {
    return circle
        .authorize(caller, youthId, Permission.READ_MENTOR_CHECK_INS, path(youthId, "check-ins"))
        .compose(
            grant ->
                nominations
                    .ofYouth(youthId)
                    .map(
                        all ->
                            all.stream()
                                .filter(
                                    n ->
                                        !grant.capacity().equals(RelationKind.JIM.name())
                                            || n.mentorId()
                                                .filter(caller.personId()::equals)
                                                .isPresent())
                                .flatMap(n -> n.checkIns().stream())
                                .toList()));
  }

  /**
   * Every JIM's check-ins about this young person, with the replies, for the young person's own
   * copy of their data. No authorization here: the privacy capability has allowed the young person
   * ({@code Permission.EXPORT_OWN_DATA}), who may see what was said about them though not read the
   * check-ins in the app.
   */
  public Future<List<CheckIn>> checkInsAbout(String youthId) {
    return nominations
        .ofYouth(youthId)
        .map(all -> all.stream().flatMap(n -> n.checkIns().stream()).toList());
  }

  /**
   * A JIM already in the circle as relation {@code relationId}, stored as the real flow leaves a
   * confirmed nomination (invited, accepted, confirmed), so their check-ins work; once per {@code
   * id}, however often it runs (dev mode's demo seed).
   */
  public Future<Void> recordConfirmed(
      String id,
      String youthId,
      String regionId,
      String mentorId,
      String firstName,
      String relation,
      String relationId) {
    Instant now = clock.instant();
    Nomination invite =
        Nomination.invite(id, youthId, regionId, firstName, relation, now, Duration.ZERO);
    return nominations
        .createOnce(invite, Ids.derived(id, "no-code"))
        .compose(
            stored ->
                stored.status() != Status.INVITED
                    ? Future.succeededFuture(false)
                    : nominations
                        .accept(id, Status.INVITED, mentorId, now, List.of())
                        .compose(
                            accepted ->
                                nominations.activate(
                                    id,
                                    Status.PENDING_CONFIRMATION,
                                    relationId,
                                    now,
                                    now.plus(CHECK_IN_EVERY))))
        .mapEmpty();
  }

  /** Every eight weeks each active JIM is asked how it goes; each period once. */
  public Future<Integer> askDueCheckIns() {
    Instant now = clock.instant();
    return nominations
        .checkInsDue(now, 50)
        .compose(due -> OneByOne.countChanged(due, this::askCheckIn));
  }

  private Future<Boolean> askCheckIn(Nomination nomination) {
    Instant dueAt = nomination.nextCheckInAt().orElseThrow();
    return nominations.askCheckIn(
        nomination.id(),
        dueAt,
        dueAt.plus(CHECK_IN_EVERY),
        intent(
            nomination.id() + "/check-in/" + dueAt.toEpochMilli(),
            NotificationType.MENTOR_CHECK_IN,
            nomination.mentorId().orElseThrow(),
            nomination.youthId(),
            profile(nomination.youthId())));
  }

  private Future<Nomination> mine(String youthId, String nominationId) {
    return nominations
        .find(nominationId)
        .map(
            found ->
                found
                    .filter(n -> youthId.equals(n.youthId()))
                    .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
  }

  private static boolean forParent(CareCircle.Grant grant) {
    return grant.capacity().equals(RelationKind.PARENT.name());
  }

  /** The same news for the young person's case coordinator, when they have one. */
  private Optional<NotificationIntent> toCaseCoordinator(
      Youth youth, String key, NotificationType type, Instant now) {
    return youth
        .activeOfKind(RelationKind.CASE_COORDINATOR, now)
        .map(cc -> intent(key, type, cc.personId(), youth.id()));
  }

  /**
   * A notification about this young person's mentor, linking to their nominations (what the young
   * person, a parent of 12-15 and the case coordinator may read about the JIM).
   */
  private NotificationIntent intent(
      String key, NotificationType type, String recipient, String youthId) {
    return intent(key, type, recipient, youthId, path(youthId, "nominations"));
  }

  private NotificationIntent intent(
      String key, NotificationType type, String recipient, String youthId, String resource) {
    return NotificationIntent.keyed(
        key, type, recipient, Optional.of(youthId), resource, clock.instant());
  }

  /** For the JIM: the young person's profile card, which is what a JIM may read. */
  private static String profile(String youthId) {
    return "youth/" + youthId;
  }

  private static String path(String youthId, String rest) {
    return "youth/" + youthId + "/mentor" + (rest.isEmpty() ? "" : "/" + rest);
  }

  private static String derived(String seed, String what) {
    return Ids.derived(seed, what);
  }

  /** Erasure: every JIM nomination of the young person (the relations go with their record). */
  public Future<Void> eraseYouth(String youthId) {
    return nominations.eraseYouth(youthId);
  }
}
