package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.Scope;
import nl.koers.circle.Standings;
import nl.koers.circle.Youth;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Authorizations;
import nl.koers.platform.security.Caller;
import nl.koers.platform.sync.Change;

/**
 * Short messages between the young person and one member of their circle who may exchange messages
 * (the messages scope, within the age rules). Bodies are encrypted at rest; the other side gets a
 * notification without content.
 */
public final class Conversations {

  public static final int MAX_LENGTH = 2000;

  /** The kind of the conversation's own check, for {@link nl.koers.circle.Replays}. */
  public static final String CHECK = "conversation";

  /** One message of a conversation, as written. */
  public record Message(
      String id, String youthId, String memberId, String senderId, Instant sentAt, String text) {}

  private final ConversationStore store;
  private final CareCircle circle;
  private final Clock clock;

  Conversations(ConversationStore store, CareCircle circle, Clock clock) {
    this.store = store;
    this.circle = circle;
    this.clock = clock;
  }

  public Future<Message> send(
      Caller caller, String youthId, String memberId, String text, String seed) {
    Instant now = clock.instant();
    return allowed(caller, youthId, memberId)
        .compose(
            youth -> {
              String id = Ids.derived(seed, "message");
              String recipient = caller.personId().equals(youthId) ? memberId : youthId;
              return store.insertOnce(
                  new Message(id, youthId, memberId, caller.personId(), now, text),
                  NotificationIntent.keyed(
                      id + "/notify",
                      NotificationType.MESSAGE,
                      recipient,
                      Optional.of(youthId),
                      "youth/" + youthId + "/conversations/" + memberId + "/messages",
                      now));
            });
  }

  public Future<Page<Message>> read(
      Caller caller, String youthId, String memberId, PageRequest request) {
    return allowed(caller, youthId, memberId)
        .compose(youth -> store.page(youthId, memberId, request));
  }

  /**
   * The young person talks with a member who may exchange messages; a member talks only in their
   * own conversation with the young person. Anything else looks like nothing is there.
   */
  private Future<Youth> allowed(Caller caller, String youthId, String memberId) {
    String resource = "youth/" + youthId + "/conversations/" + memberId;
    return circle
        .authorize(caller, youthId, Permission.CONVERSE, resource)
        .compose(
            grant -> {
              if (!mayTalk(grant.youth(), caller, memberId, clock.instant())) {
                return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
              }
              // Made again on a replay (see Replays): the member may still be gone by then.
              caller
                  .authorizations()
                  .passed(
                      new Authorizations.Check(
                          CHECK, Map.of("youthId", youthId, "memberId", memberId)));
              return Future.succeededFuture(grant.youth());
            });
  }

  /** The conversation's own check, made again for a replay. */
  public Future<Void> allowAgain(
      Caller caller, Authorizations.Check check, Optional<Youth> youthNow) {
    boolean ok =
        youthNow
            .filter(youth -> youth.id().equals(check.fact("youthId")))
            .map(youth -> mayTalk(youth, caller, check.fact("memberId"), clock.instant()))
            .orElse(false);
    return ok ? Future.succeededFuture() : Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
  }

  /**
   * The change feed's entries for the reader's conversations: as a member, theirs with each young
   * person; as the young person, theirs with each member. Decided as {@link #read} would now; two
   * queries at most.
   */
  public Future<List<Change>> changes(
      String personId, List<Standings.Standing> standings, Instant after) {
    Instant now = clock.instant();
    List<Standings.Standing> own = standings.stream().filter(Standings.Standing::self).toList();
    List<Standings.Standing> others = standings.stream().filter(s -> !s.self()).toList();
    Future<Map<String, Instant>> asMember =
        store.latest(
            others.stream().map(Standings.Standing::youthId).toList(),
            Optional.of(personId),
            after);
    Future<Map<String, Instant>> asYouth =
        store.latest(
            own.stream().map(Standings.Standing::youthId).toList(), Optional.empty(), after);
    return Future.all(asMember, asYouth)
        .map(
            both -> {
              List<Change> changes = new ArrayList<>();
              for (Standings.Standing standing : others) {
                String id = standing.youthId() + ":" + personId;
                standing
                    .about(
                        Change.Kind.MESSAGES,
                        id,
                        resource(standing.youthId(), personId),
                        Optional.ofNullable(asMember.result().get(id)),
                        standing.may(Permission.CONVERSE),
                        after)
                    .ifPresent(changes::add);
              }
              for (Standings.Standing standing : own) {
                Youth youth = standing.youth();
                java.util.Set<String> members = new java.util.TreeSet<>();
                youth.relations().forEach(r -> members.add(r.personId()));
                asYouth.result().keySet().stream()
                    .filter(key -> key.startsWith(youth.id() + ":"))
                    .forEach(key -> members.add(key.substring(youth.id().length() + 1)));
                for (String memberId : members) {
                  String id = youth.id() + ":" + memberId;
                  boolean visible = mayTalk(youth, personId, memberId, now);
                  // The young person's access never changes; a member's leaving changes the circle.
                  Change.about(
                          Change.Kind.MESSAGES,
                          id,
                          youth.id(),
                          resource(youth.id(), memberId),
                          Optional.ofNullable(asYouth.result().get(id)),
                          standing.circleChangedAt(),
                          visible,
                          true,
                          after)
                      .ifPresent(changes::add);
                }
              }
              return changes;
            });
  }

  private static String resource(String youthId, String memberId) {
    return "/v1/youth/" + youthId + "/conversations/" + memberId + "/messages";
  }

  private static boolean mayTalk(Youth youth, String personId, String memberId, Instant now) {
    if (!personId.equals(youth.id())) {
      return memberId.equals(personId);
    }
    return youth.activeRelationsOf(memberId, now).stream()
        .anyMatch(
            r -> AgeRules.effectiveScopes(r, youth.dateOfBirth(), now).contains(Scope.MESSAGES));
  }

  private static boolean mayTalk(Youth youth, Caller caller, String memberId, Instant now) {
    return mayTalk(youth, caller.personId(), memberId, now);
  }

  /** Erasure: every conversation of the young person, both sides. */
  public Future<Void> eraseYouth(String youthId) {
    return store.eraseYouth(youthId);
  }
}
