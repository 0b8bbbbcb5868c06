package nl.koers.transition;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.YouthRecords;
import nl.koers.identity.People;
import nl.koers.identity.Role;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.background.Leases;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;
import nl.koers.platform.idempotency.Ids;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The move to adulthood: the milestone scheduler (one instance at a time, by lease), and the steady
 * contact who stays past 18.
 */
public final class Transitions {

  static final String LEASE = "milestones";
  static final Duration LEASE_FOR = Duration.ofMinutes(5);

  /** Who may be the steady contact. */
  static final List<RelationKind> STEADY_KINDS =
      List.of(
          RelationKind.JIM,
          RelationKind.FOSTER_PARENT,
          RelationKind.CASE_COORDINATOR,
          RelationKind.PROFESSIONAL);

  private final YouthRecords records;
  private final CareCircle circle;
  private final People people;
  private final Leases leases;
  private final String instance;
  private final Clock clock;

  public Transitions(
      YouthRecords records,
      CareCircle circle,
      People people,
      Leases leases,
      String instance,
      Clock clock) {
    this.records = records;
    this.circle = circle;
    this.people = people;
    this.leases = leases;
    this.instance = instance;
    this.clock = clock;
  }

  /** One scheduler round: if this instance holds the lease, handles every milestone due. */
  public Future<Integer> runMilestones() {
    return leases
        .acquire(LEASE, instance, LEASE_FOR)
        .compose(mine -> mine ? handleDue() : Future.succeededFuture(0));
  }

  private Future<Integer> handleDue() {
    Instant now = clock.instant();
    return records
        .milestonesDue(now, 100)
        .compose(
            due -> {
              Future<Integer> handled = Future.succeededFuture(0);
              for (Document youth : due) {
                handled = handled.compose(n -> handle(youth, now).map(done -> done ? n + 1 : n));
              }
              return handled;
            });
  }

  private Future<Boolean> handle(Document youth, Instant now) {
    String youthId = youth.getString("_id");
    LocalDate born = LocalDate.parse(youth.getString("dateOfBirth"));
    List<String> done = youth.getList("milestonesDone", String.class, List.of());
    List<Milestones> due = Milestones.due(born, done, now);
    Date next = Milestones.next(born, now).map(Date::from).orElse(null);
    Optional<String> coordinator = activeOf(youth, RelationKind.CASE_COORDINATOR, now);
    boolean steadyConfirmed =
        Optional.ofNullable(youth.get("steadyContact", Document.class))
            .map(s -> s.getDate("confirmedAt") != null)
            .orElse(false);
    Future<List<String>> admins =
        due.contains(Milestones.STEADY_CONTACT_CHECK) && !steadyConfirmed
            ? people.withRegionRole(Role.REGION_ADMIN, youth.getString("regionId"))
            : Future.succeededFuture(List.of());
    return admins.compose(
        regionAdmins -> {
          List<NotificationIntent> told = new ArrayList<>();
          for (Milestones milestone : due) {
            String key = youthId + "/milestone/" + milestone.name();
            String resource = "youth/" + youthId + "/transition";
            switch (milestone) {
              case EXTENDED_CARE_DECISION_DUE ->
                  coordinator.ifPresent(
                      cc ->
                          told.add(
                              intent(
                                  key + "/cc",
                                  NotificationType.MILESTONE,
                                  cc,
                                  Optional.of(youthId),
                                  resource)));
              case STEADY_CONTACT_CHECK -> {
                if (!steadyConfirmed) {
                  coordinator.ifPresent(
                      cc ->
                          told.add(
                              intent(
                                  key + "/cc",
                                  NotificationType.STEADY_CONTACT_MISSING,
                                  cc,
                                  Optional.of(youthId),
                                  resource)));
                  // Region admins are told about the region's work, not the person.
                  regionAdmins.forEach(
                      admin ->
                          told.add(
                              intent(
                                  key + "/" + admin,
                                  NotificationType.STEADY_CONTACT_MISSING,
                                  admin,
                                  Optional.empty(),
                                  "regions/" + youth.getString("regionId") + "/transition")));
                }
              }
              default ->
                  told.add(
                      intent(
                          key,
                          NotificationType.MILESTONE,
                          youthId,
                          Optional.of(youthId),
                          resource));
            }
          }
          List<Bson> also = told.isEmpty() ? List.of() : List.of(NotificationIntent.pushAll(told));
          return records.recordMilestones(
              youthId,
              youth.getDate("nextMilestoneAt"),
              due.stream().map(Enum::name).toList(),
              next,
              also);
        });
  }

  /** The young person names their steady contact: someone in the circle who will stay past 18. */
  public Future<JsonObject> nameSteadyContact(Caller caller, String youthId, String personId) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller, youthId, Permission.NAME_STEADY_CONTACT, "youth/" + youthId + "/steady-contact")
        .compose(
            grant -> {
              boolean eligible =
                  grant.youth().activeRelationsOf(personId, now).stream()
                      .anyMatch(r -> STEADY_KINDS.contains(r.kind()));
              if (!eligible) {
                return Future.failedFuture(
                    Problem.of(ProblemKind.CONFLICT, "problem.conflict.steady-contact"));
              }
              return records
                  .steadyContact(youthId)
                  .compose(
                      current -> {
                        Document named =
                            new Document("personId", personId)
                                .append("namedAt", Date.from(now))
                                .append("confirmedAt", null)
                                .append(
                                    "changes", changes(current) + (current.isPresent() ? 1 : 0));
                        return records
                            .setSteadyContact(
                                youthId,
                                named,
                                List.of(
                                    intent(
                                            youthId
                                                + "/steady/"
                                                + personId
                                                + "/"
                                                + now.toEpochMilli(),
                                            NotificationType.STEADY_CONTACT_REQUESTED,
                                            personId,
                                            Optional.of(youthId),
                                            "youth/" + youthId + "/steady-contact")
                                        .push()))
                            .map(v -> view(named));
                      });
            });
  }

  /** The named person confirms to stay past 18: they join the circle as steady contact. */
  public Future<JsonObject> confirmSteadyContact(Caller caller, String youthId) {
    Instant now = clock.instant();
    return circle
        .authorize(
            caller,
            youthId,
            Permission.CONFIRM_STEADY_CONTACT,
            "youth/" + youthId + "/steady-contact")
        .compose(
            grant ->
                records
                    .steadyContact(youthId)
                    .compose(
                        current -> {
                          Document named =
                              current
                                  .filter(s -> caller.personId().equals(s.getString("personId")))
                                  .orElseThrow(() -> Problem.of(ProblemKind.NOT_FOUND));
                          if (named.getDate("confirmedAt") != null) {
                            return Future.succeededFuture(view(named));
                          }
                          Optional<Relation> previous =
                              grant.youth().activeOfKind(RelationKind.STEADY_CONTACT, now);
                          Relation steady =
                              new Relation(
                                  Ids.derived(
                                      youthId,
                                      "steady",
                                      caller.personId(),
                                      Long.toString(named.getDate("namedAt").getTime())),
                                  RelationKind.STEADY_CONTACT,
                                  caller.personId(),
                                  RelationKind.STEADY_CONTACT.defaultScopes(),
                                  now,
                                  Optional.empty(),
                                  Optional.empty());
                          Document confirmed =
                              new Document(named).append("confirmedAt", Date.from(now));
                          Future<Void> ended =
                              previous
                                  .map(old -> records.endRelation(youthId, old.id(), now))
                                  .orElseGet(Future::succeededFuture);
                          return ended
                              .compose(v -> records.addRelation(youthId, steady))
                              .compose(v -> records.setSteadyContact(youthId, confirmed, List.of()))
                              .map(v -> view(confirmed));
                        }));
  }

  /** The steady contact, for the young person and the circle. */
  public Future<JsonObject> steadyContact(Caller caller, String youthId) {
    return circle
        .authorize(caller, youthId, Permission.READ_PROFILE, "youth/" + youthId + "/steady-contact")
        .compose(grant -> records.steadyContact(youthId))
        .map(
            found ->
                found.map(Transitions::view).orElseGet(() -> new JsonObject().putNull("personId")));
  }

  private static int changes(Optional<Document> current) {
    return current.map(c -> c.getInteger("changes", 0)).orElse(0);
  }

  private static JsonObject view(Document steady) {
    return new JsonObject()
        .put("personId", steady.getString("personId"))
        .put("namedAt", steady.getDate("namedAt").toInstant().toString())
        .put(
            "confirmedAt",
            steady.getDate("confirmedAt") == null
                ? null
                : steady.getDate("confirmedAt").toInstant().toString())
        .put("changes", steady.getInteger("changes", 0));
  }

  private static Optional<String> activeOf(Document youth, RelationKind kind, Instant now) {
    for (Document relation : youth.getList("relations", Document.class, List.of())) {
      Date until = relation.getDate("until");
      if (kind.name().equals(relation.getString("kind"))
          && !relation.getDate("since").toInstant().isAfter(now)
          && (until == null || now.isBefore(until.toInstant()))) {
        return Optional.of(relation.getString("personId"));
      }
    }
    return Optional.empty();
  }

  private NotificationIntent intent(
      String key,
      NotificationType type,
      String recipient,
      Optional<String> youthId,
      String resource) {
    return NotificationIntent.keyed(key, type, recipient, youthId, resource, clock.instant());
  }
}
