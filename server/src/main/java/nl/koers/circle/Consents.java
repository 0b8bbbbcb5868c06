package nl.koers.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.notify.Inbox;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A young person's decisions about who sees what of them: the scopes of a member of their circle,
 * ending a parent's or foster parent's access, and the history of every such decision.
 *
 * <p>From 16 the young person decides alone: they narrow or widen any member's scopes (within
 * {@link AgeRules#grantable}), and end a parent's access (the relation ends) or a foster parent's
 * (a foster parent stays the carer of the placement and in the circle, seeing nothing until the
 * young person lets them see something again; only the case coordinator ends the placement's
 * relation). Before 16 they decide what their JIM sees; what parents see follows the age rules. Who
 * may decide what about which relation is {@link CareCircle#mayDecideAbout}. Each change tells the
 * person affected that something changed, never what.
 */
public final class Consents {

  /** A line of the history, with the decider's first name. */
  public record Seen(ConsentLog.Entry entry, String firstName) {}

  /** A relation as a change of scopes left it, and the circle's version after that change. */
  public record Scoped(Relation relation, long circleVersion) {}

  private final CareCircle circle;
  private final YouthRecords records;
  private final ConsentLog log;
  private final People people;
  private final Inbox inbox;
  private final Clock clock;

  public Consents(
      CareCircle circle,
      YouthRecords records,
      ConsentLog log,
      People people,
      Inbox inbox,
      Clock clock) {
    this.circle = circle;
    this.records = records;
    this.log = log;
    this.people = people;
    this.inbox = inbox;
    this.clock = clock;
  }

  /**
   * Sets what one member sees, only if the circle is still at {@code expectedVersion} (else {@link
   * StaleVersion}, and nothing changes); answers the relation as stored.
   */
  public Future<Scoped> setScopes(
      Caller caller, String youthId, String relationId, Set<Scope> scopes, long expectedVersion) {
    return circle
        .authorize(
            caller,
            youthId,
            Permission.DECIDE_SCOPES,
            "youth/" + youthId + "/circle/" + relationId + "/scopes")
        .compose(grant -> decideScopes(caller, grant, relationId, scopes, expectedVersion));
  }

  /**
   * Sets what the active JIM sees (the mentor capability's shortcut to the same decision), only if
   * the circle is still at {@code expectedVersion}.
   */
  public Future<Scoped> setJimScopes(
      Caller caller, String youthId, Set<Scope> scopes, long expectedVersion) {
    return circle
        .authorize(caller, youthId, Permission.DECIDE_SCOPES, "youth/" + youthId + "/mentor/scopes")
        .compose(
            grant ->
                grant
                    .youth()
                    .activeOfKind(RelationKind.JIM, clock.instant())
                    .map(jim -> decideScopes(caller, grant, jim.id(), scopes, expectedVersion))
                    .orElseGet(() -> Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND))));
  }

  private Future<Scoped> decideScopes(
      Caller caller,
      CareCircle.Grant grant,
      String relationId,
      Set<Scope> scopes,
      long expectedVersion) {
    Relation relation = decidable(grant, relationId, Permission.DECIDE_SCOPES);
    if (!AgeRules.grantable(relation.kind()).containsAll(scopes)) {
      return Future.failedFuture(
          Problem.of(
              CircleProblem.SCOPE_NOT_ALLOWED,
              "problem.scope-not-allowed.detail",
              relation.kind().name()));
    }
    return changeScopes(
        caller,
        grant,
        relation,
        scopes,
        ConsentLog.Decision.SCOPES,
        java.util.OptionalLong.of(expectedVersion),
        true);
  }

  /**
   * Ends a relation now or later. The case coordinator ends any; the young person from 16 ends a
   * parent's access (the relation ends) or a foster parent's (their scopes become none).
   */
  public Future<Relation> end(
      Caller caller, String youthId, String relationId, Optional<Instant> until) {
    Instant now = clock.instant();
    Instant end = until.filter(u -> u.isAfter(now)).orElse(now);
    return circle
        .authorize(
            caller,
            youthId,
            Permission.END_RELATION,
            "youth/" + youthId + "/circle/" + relationId + "/end")
        .compose(
            grant -> {
              Relation relation = grant.youth().relation(relationId).orElse(null);
              if (relation == null
                  || !CareCircle.mayDecideAbout(grant, relation, Permission.END_RELATION)) {
                throw Problem.of(CommonProblem.NOT_FOUND);
              }
              boolean self = grant.capacity().equals(CareCircle.SELF);
              if (!relation.activeAt(now)) {
                // Ended already: nothing more to decide.
                return Future.succeededFuture(relation);
              }
              if (self && relation.kind() == RelationKind.FOSTER_PARENT) {
                return changeScopes(
                        caller,
                        grant,
                        relation,
                        EnumSet.noneOf(Scope.class),
                        ConsentLog.Decision.ACCESS_ENDED,
                        java.util.OptionalLong.empty(),
                        true)
                    .map(Scoped::relation);
              }
              return endRelation(caller, grant, relation, end);
            });
  }

  /** The history, oldest first: the young person and the case coordinator read it. */
  public Future<Page<Seen>> history(Caller caller, String youthId, PageRequest request) {
    return circle
        .authorize(caller, youthId, Permission.READ_CONSENTS, "youth/" + youthId + "/consents")
        .compose(grant -> log.relayFor(youthId))
        .compose(v -> log.oldestFirst(youthId, request))
        .compose(
            page -> {
              Set<String> ids =
                  page.items().stream()
                      .map(ConsentLog.Entry::deciderId)
                      .collect(Collectors.toSet());
              Future<List<Person>> found =
                  ids.isEmpty() ? Future.succeededFuture(List.of()) : people.findAll(ids);
              return found.map(
                  persons -> {
                    Map<String, String> names =
                        persons.stream().collect(Collectors.toMap(Person::id, Person::name));
                    return page.map(
                        e ->
                            new Seen(
                                e,
                                e.capacity().equals(ConsentLog.AGE_RULE)
                                    ? "Koers"
                                    : firstName(names.getOrDefault(e.deciderId(), ""))));
                  });
            });
  }

  /** The relation this grant may decide about, or the same 404 as for a missing one. */
  private Relation decidable(CareCircle.Grant grant, String relationId, Permission permission) {
    Relation relation =
        grant
            .youth()
            .relation(relationId)
            .filter(r -> CareCircle.mayDecideAbout(grant, r, permission))
            .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND));
    if (!relation.activeAt(clock.instant())) {
      throw Problem.of(CommonProblem.CONFLICT, "problem.conflict.relation-ended");
    }
    return relation;
  }

  /**
   * Replaces one relation's scopes, with its history line and the notification in the same write,
   * only if the circle did not change since it was read (once more on a race). With an {@code
   * expectedVersion} (the caller's If-Match) only if the circle is still at that version: a write
   * that lost a race reads the next version and fails with {@link StaleVersion}.
   */
  private Future<Scoped> changeScopes(
      Caller caller,
      CareCircle.Grant grant,
      Relation relation,
      Set<Scope> scopes,
      ConsentLog.Decision decision,
      java.util.OptionalLong expectedVersion,
      boolean retryOnRace) {
    Instant now = clock.instant();
    String youthId = grant.youth().id();
    return records
        .circleAsStored(youthId)
        .map(Optional::orElseThrow)
        .compose(
            stored -> {
              long version = YouthRecords.circleVersion(stored);
              if (expectedVersion.isPresent() && expectedVersion.getAsLong() != version) {
                return Future.failedFuture(new StaleVersion(youthId, expectedVersion.getAsLong()));
              }
              List<Document> before = stored.getList("relations", Document.class, List.of());
              List<Document> after = new ArrayList<>();
              Relation current = null;
              for (Document raw : before) {
                Document changed = new Document(raw);
                if (relation.id().equals(raw.getString("id"))) {
                  current = Relation.from(raw);
                  changed.put("scopes", scopes.stream().map(Scope::wire).sorted().toList());
                }
                after.add(changed);
              }
              if (current == null || !current.activeAt(now)) {
                return Future.failedFuture(
                    Problem.of(CommonProblem.CONFLICT, "problem.conflict.relation-ended"));
              }
              if (current.scopes().equals(scopes)) {
                return Future.succeededFuture(new Scoped(current, version));
              }
              Relation was = current;
              ConsentLog.Entry line =
                  ConsentLog.Entry.of(
                      grant.youth(),
                      now,
                      caller.personId(),
                      grant.capacity(),
                      decision,
                      relation.id(),
                      Optional.of(relation.kind()),
                      wires(was.scopes()),
                      wires(scopes));
              List<Bson> also =
                  List.of(
                      ConsentLog.record(List.of(line)),
                      accessChanged(line, relation.personId(), Optional.of(youthId)).push());
              return records
                  .replaceRelations(youthId, stored, after, also)
                  .compose(
                      replaced -> {
                        if (replaced) {
                          // This write raised the version by one from the one it was based on.
                          return records
                              .find(youthId)
                              .map(
                                  y ->
                                      new Scoped(
                                          y.orElseThrow().relation(relation.id()).orElseThrow(),
                                          version + 1));
                        }
                        if (retryOnRace) {
                          return changeScopes(
                              caller, grant, relation, scopes, decision, expectedVersion, false);
                        }
                        return Future.failedFuture(Problem.of(CommonProblem.CONFLICT));
                      });
            });
  }

  private Future<Relation> endRelation(
      Caller caller, CareCircle.Grant grant, Relation relation, Instant end) {
    Instant now = clock.instant();
    String youthId = grant.youth().id();
    ConsentLog.Entry line =
        ConsentLog.Entry.of(
            grant.youth(),
            now,
            caller.personId(),
            grant.capacity(),
            ConsentLog.Decision.RELATION_ENDED,
            relation.id(),
            Optional.of(relation.kind()),
            wires(relation.scopes()),
            List.of());
    List<NotificationIntent> told = new ArrayList<>();
    if (grant.capacity().equals(CareCircle.SELF)) {
      // The young person's decision: the person affected is told, as someone no longer in the
      // circle - neutrally, about nobody.
      told.add(accessChanged(line, relation.personId(), Optional.empty()));
    } else {
      // The case coordinator's: the young person hears their circle changed (as before); the
      // member is not told anything more about them.
      told.add(
          NotificationIntent.keyed(
              youthId + "/" + relation.id() + "/ended",
              NotificationType.CIRCLE_CHANGED,
              youthId,
              Optional.of(youthId),
              "youth/" + youthId + "/circle",
              now));
    }
    return records
        .endRelation(
            youthId,
            relation.id(),
            end,
            List.of(ConsentLog.record(List.of(line)), NotificationIntent.pushAll(told)))
        .compose(
            v ->
                end.isAfter(now)
                    ? Future.succeededFuture()
                    : inbox.withdrawAbout(relation.personId(), youthId))
        .compose(v -> records.find(youthId))
        .map(youth -> youth.flatMap(y -> y.relation(relation.id())).orElseThrow());
  }

  private static NotificationIntent accessChanged(
      ConsentLog.Entry line, String recipientId, Optional<String> youthId) {
    return NotificationIntent.keyed(
        line.id() + "/told",
        NotificationType.ACCESS_CHANGED,
        recipientId,
        youthId,
        youthId.map(id -> "youth/" + id).orElse("me/notifications"),
        line.at());
  }

  private static List<String> wires(Set<Scope> scopes) {
    return scopes.stream().map(Scope::wire).sorted().toList();
  }

  private static String firstName(String name) {
    String trimmed = name.trim();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }
}
