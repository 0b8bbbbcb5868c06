package nl.koers.support;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.CircleProblem;
import nl.koers.circle.Permission;
import nl.koers.circle.Relation;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Youth;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.background.OneByOne;
import nl.koers.platform.clock.WorkingDays;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.problem.Refusals;
import nl.koers.platform.security.Caller;
import nl.koers.region.Regions;
import nl.koers.support.SupportRequest.Answer;
import nl.koers.support.SupportRequest.Member;
import nl.koers.support.SupportRequest.State;
import nl.koers.support.SupportRequest.Topic;
import nl.koers.support.SupportRequest.Urgency;

/**
 * Support for the people who care for a young person day to day. The policy texts ask that foster
 * parents get support and foster-care guidance at every placement; a JIM is a volunteer who needs
 * the case coordinator behind them. A request goes to one person who must answer it in time (the
 * foster-care worker for a foster parent, the case coordinator for a JIM or when there is no
 * worker), and, like "you said, we did", a late one escalates to the region's admins. Who may ask
 * or answer is the care circle's rule; which requests a caller sees is decided here, per request.
 */
public final class CarerSupport {

  /** A request with the first names of the people it names. */
  record Seen(SupportRequest request, Map<String, String> names) {}

  /** A request as the region admin sees it: never the text or who anyone is but the holder. */
  record RegionSeen(
      SupportRequest request,
      String ageBand,
      Optional<String> organisation,
      Optional<String> holderName,
      long daysOverdue) {}

  private final CareCircle circle;
  private final Regions regions;
  private final People people;
  private final SupportRequestStore store;
  private final int answerWorkingDays;
  private final Clock clock;

  CarerSupport(
      CareCircle circle,
      Regions regions,
      People people,
      SupportRequestStore store,
      int answerWorkingDays,
      Clock clock) {
    this.circle = circle;
    this.regions = regions;
    this.people = people;
    this.store = store;
    this.answerWorkingDays = answerWorkingDays;
    this.clock = clock;
  }

  /**
   * A foster parent or the JIM asks; the holder is told, or, with nobody to hold it, the region's
   * admins are told at once. Once per {@code id} (a retry answers the stored request).
   */
  Future<Seen> request(
      Caller caller, String youthId, Topic topic, Urgency urgency, String text, String id) {
    Instant now = clock.instant();
    return circle
        .authorize(caller, youthId, Permission.REQUEST_CARER_SUPPORT, path(youthId, id))
        .compose(
            grant -> {
              Youth youth = grant.youth();
              Member requester = new Member(caller.personId(), grant.capacity());
              Optional<Member> holder = holderFor(youth, requester, now);
              Instant due = dueAt(now, urgency);
              SupportRequest request =
                  new SupportRequest(
                      id,
                      youthId,
                      youth.regionId(),
                      topic,
                      urgency,
                      text,
                      requester,
                      holder,
                      now,
                      due,
                      holder.isPresent() ? Optional.empty() : Optional.of(now),
                      0L,
                      Optional.empty());
              Future<List<NotificationIntent>> tell =
                  holder.isPresent()
                      ? Future.succeededFuture(
                          List.of(
                              intent(
                                  id + "/requested",
                                  NotificationType.SUPPORT_REQUESTED,
                                  holder.get().personId(),
                                  Optional.of(youthId),
                                  path(youthId, id),
                                  now)))
                      : escalation(request, now);
              return tell.compose(t -> store.insertOnce(request, t));
            })
        .compose(this::seen);
  }

  /** The requests about this young person that are the caller's to see, newest first. */
  Future<List<Seen>> list(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_CARER_SUPPORT, "youth/" + youthId + "/carer-support")
        .compose(
            grant ->
                store
                    .ofYouth(youthId)
                    .map(all -> all.stream().filter(r -> visibleTo(grant, caller, r)).toList()))
        .compose(this::seenAll);
  }

  /**
   * One request, for its requester, its holder (also one the region admin gave it to, outside the
   * circle) or the case coordinator; 404 for anyone else.
   */
  Future<Seen> one(Caller caller, String youthId, String id) {
    return held(caller, youthId, id, Permission.READ_CARER_SUPPORT)
        .map(Held::request)
        .compose(this::seen);
  }

  /**
   * The holder or the case coordinator answers, once; the requester is told while they are still in
   * the circle. The same answer again by the same person (a retry after a lost reply) answers the
   * request as it is; any other second answer is 409.
   */
  Future<Seen> answer(Caller caller, String youthId, String id, String text) {
    Instant now = clock.instant();
    return held(caller, youthId, id, Permission.ANSWER_CARER_SUPPORT)
        .compose(
            held -> {
              SupportRequest request = held.request();
              boolean holds =
                  request.holder().map(h -> h.personId().equals(caller.personId())).orElse(false);
              if (!holds && !isCaseCoordinator(held.grant())) {
                return Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND));
              }
              if (request.answer().isPresent()) {
                return sameAnswer(request, caller, text);
              }
              // As they stand to the request: its holder (of whatever kind), or the coordinator.
              Member by =
                  holds
                      ? request.holder().get()
                      : new Member(caller.personId(), held.grant().capacity());
              Answer answer = new Answer(text, now, by);
              NotificationIntent tell =
                  intent(
                      id + "/answered",
                      NotificationType.SUPPORT_ANSWERED,
                      request.requester().personId(),
                      Optional.of(youthId),
                      path(youthId, id),
                      now);
              return store
                  .answer(id, answer, tell)
                  .compose(
                      done ->
                          done
                              ? reread(id)
                              : reread(id).compose(again -> sameAnswer(again, caller, text)));
            })
        .compose(this::seen);
  }

  /** A request and the caller's grant on it. */
  private record Held(SupportRequest request, CareCircle.Grant grant) {}

  /**
   * The request as this caller may reach it: through the circle, or as the holder the region admin
   * gave it to; 404 (as for none) when it is not theirs to see.
   */
  private Future<Held> held(Caller caller, String youthId, String id, Permission permission) {
    return store
        .find(id)
        .compose(
            found -> {
              Optional<SupportRequest> ofYouth = found.filter(r -> r.youthId().equals(youthId));
              return circle
                  .authorizeAssigned(
                      caller,
                      youthId,
                      permission,
                      path(youthId, id),
                      ofYouth.flatMap(SupportRequest::holder).map(Member::personId))
                  .map(
                      grant ->
                          ofYouth
                              .filter(r -> visibleTo(grant, caller, r))
                              .map(r -> new Held(r, grant))
                              .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
            });
  }

  /**
   * The region admin gives a request not answered yet to another professional of the region, at the
   * version they read: due again in the region's working days (the next one when urgent), the new
   * holder told ({@code SUPPORT_REQUESTED}). 422 for anyone who may not be given work about the
   * young person or holds it already, 409 when it was answered meanwhile, 412 when another admin
   * changed it first.
   */
  Future<RegionSeen> reassign(
      Caller caller, String regionId, String id, String personId, long expectedVersion) {
    Instant now = clock.instant();
    return regions
        .require(caller, Role.REGION_ADMIN, regionId)
        .compose(admin -> ofRegion(regionId, id))
        .compose(
            request ->
                circle
                    .authorize(
                        caller,
                        request.youthId(),
                        Permission.REASSIGN_SUPPORT_REQUEST,
                        "regions/" + regionId + "/support-requests/" + id)
                    .compose(
                        grant -> {
                          if (request.answer().isPresent()) {
                            return Future.failedFuture(
                                Problem.of(
                                    CommonProblem.CONFLICT, "problem.conflict.support-answered"));
                          }
                          boolean holdsIt =
                              request
                                  .holder()
                                  .map(h -> h.personId().equals(personId))
                                  .orElse(false);
                          Future<Boolean> may =
                              holdsIt
                                  ? Future.succeededFuture(false)
                                  : circle.mayBeGivenWork(personId, grant.youth());
                          return may.compose(
                              ok ->
                                  ok
                                      ? give(request, grant.youth(), personId, expectedVersion, now)
                                      : Future.failedFuture(notEligible()));
                        }))
        .compose(request -> regionSeen(caller, request, now));
  }

  private Future<SupportRequest> give(
      SupportRequest request, Youth youth, String personId, long expectedVersion, Instant now) {
    long version = expectedVersion + 1;
    boolean inTheCircle = !youth.activeRelationsOf(personId, now).isEmpty();
    // Outside the circle: told about the request, not about the person.
    NotificationIntent tell =
        intent(
            request.id() + "/requested/" + version,
            NotificationType.SUPPORT_REQUESTED,
            personId,
            inTheCircle ? Optional.of(request.youthId()) : Optional.empty(),
            path(request.youthId(), request.id()),
            now);
    Instant due = dueAt(now, request.urgency());
    return store
        .reassign(
            request.id(), expectedVersion, new Member(personId, SupportRequest.ASSIGNED), due, tell)
        .compose(
            done ->
                done
                    ? reread(request.id())
                    : reread(request.id())
                        .compose(
                            now2 ->
                                Future.failedFuture(
                                    now2.answer().isPresent()
                                        ? Problem.of(
                                            CommonProblem.CONFLICT,
                                            "problem.conflict.support-answered")
                                        : Problem.of(CommonProblem.PRECONDITION_FAILED))));
  }

  private static Problem notEligible() {
    return Problem.of(CircleProblem.NOT_ELIGIBLE_ASSIGNEE)
        .withErrors(
            List.of(
                new Problem.FieldError("body", null, "/personId", "field.not-eligible-assignee")));
  }

  private Instant dueAt(Instant now, Urgency urgency) {
    return WorkingDays.after(now, urgency == Urgency.URGENT ? 1 : answerWorkingDays, AgeRules.ZONE);
  }

  private Future<SupportRequest> ofRegion(String regionId, String id) {
    return store
        .find(id)
        .map(
            found ->
                found
                    .filter(r -> r.regionId().equals(regionId))
                    .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
  }

  /** Every open request past its due time escalates once; counted for the round's report. */
  public Future<Integer> escalateOverdue() {
    Instant now = clock.instant();
    return store
        .overdue(now, 50)
        .compose(
            due ->
                OneByOne.countChanged(
                    due,
                    request ->
                        escalation(request, now)
                            .compose(tell -> store.markEscalated(request.id(), now, tell))));
  }

  /** A page of the region's requests in one state, for its admin. */
  Future<Page<RegionSeen>> regionList(
      Caller caller, String regionId, State state, PageRequest page) {
    Instant now = clock.instant();
    return regions
        .require(caller, Role.REGION_ADMIN, regionId)
        .compose(admin -> store.ofRegion(regionId, state, page))
        .compose(
            found ->
                Refusals.keepAllowed(found.items(), request -> regionSeen(caller, request, now))
                    .map(shown -> new Page<>(shown, found.next())));
  }

  /** One request of the region, where the admin's notice leads; 404 as for none otherwise. */
  Future<RegionSeen> regionOne(Caller caller, String regionId, String id) {
    Instant now = clock.instant();
    return regions
        .require(caller, Role.REGION_ADMIN, regionId)
        .compose(admin -> ofRegion(regionId, id))
        .compose(request -> regionSeen(caller, request, now));
  }

  private Future<RegionSeen> regionSeen(Caller caller, SupportRequest request, Instant now) {
    return circle
        .authorize(
            caller,
            request.youthId(),
            Permission.READ_REGION_SUPPORT_REQUEST,
            "regions/" + request.regionId() + "/support-requests/" + request.id())
        .compose(
            grant ->
                holderPerson(request)
                    .map(
                        holder ->
                            new RegionSeen(
                                request,
                                AgeRules.ageBand(grant.age()),
                                holder.flatMap(p -> p.organisationIn(request.regionId())),
                                holder.map(Person::name),
                                daysOverdue(request, now))));
  }

  private Future<Optional<Person>> holderPerson(SupportRequest request) {
    return request.holder().isEmpty()
        ? Future.succeededFuture(Optional.empty())
        : people.find(request.holder().get().personId());
  }

  private static long daysOverdue(SupportRequest request, Instant now) {
    Instant until = request.answer().map(Answer::at).orElse(now);
    return until.isAfter(request.dueAt()) ? Duration.between(request.dueAt(), until).toDays() : 0;
  }

  /**
   * Who holds a new request: a foster parent's goes to the foster-care worker, else (and a JIM's
   * always) to the case coordinator; empty when the young person has neither now.
   */
  private static Optional<Member> holderFor(Youth youth, Member requester, Instant now) {
    List<RelationKind> order =
        requester.kind().equals(RelationKind.FOSTER_PARENT.name())
            ? List.of(RelationKind.FOSTER_CARE_WORKER, RelationKind.CASE_COORDINATOR)
            : List.of(RelationKind.CASE_COORDINATOR);
    for (RelationKind kind : order) {
      Optional<Relation> relation = youth.activeOfKind(kind, now);
      if (relation.isPresent()) {
        return Optional.of(new Member(relation.get().personId(), kind.name()));
      }
    }
    return Optional.empty();
  }

  /**
   * A late request: every region admin is told (the link opens the region's view, without a name or
   * text), and the requester, once, that someone will answer.
   */
  private Future<List<NotificationIntent>> escalation(SupportRequest request, Instant now) {
    String id = request.id();
    return people
        .withRegionRole(Role.REGION_ADMIN, request.regionId())
        .compose(
            admins ->
                circle
                    .mayHearAbout(request.requester().personId(), request.youthId())
                    .map(
                        requesterHears -> {
                          List<NotificationIntent> told = new ArrayList<>();
                          for (String admin : admins) {
                            told.add(
                                intent(
                                    id + "/escalated/" + admin,
                                    NotificationType.SUPPORT_ESCALATED,
                                    admin,
                                    Optional.empty(),
                                    "regions/" + request.regionId() + "/support-requests/" + id,
                                    now));
                          }
                          if (requesterHears) {
                            told.add(
                                intent(
                                    id + "/escalated/requester",
                                    NotificationType.SUPPORT_ESCALATED,
                                    request.requester().personId(),
                                    Optional.of(request.youthId()),
                                    path(request.youthId(), id),
                                    now));
                          }
                          return told;
                        }));
  }

  /** The requester sees their own, the holder what they hold, the case coordinator all. */
  private static boolean visibleTo(CareCircle.Grant grant, Caller caller, SupportRequest request) {
    String me = caller.personId();
    return isCaseCoordinator(grant)
        || request.requester().personId().equals(me)
        || request.holder().map(h -> h.personId().equals(me)).orElse(false);
  }

  private static boolean isCaseCoordinator(CareCircle.Grant grant) {
    return grant.capacity().equals(RelationKind.CASE_COORDINATOR.name());
  }

  private static Future<SupportRequest> sameAnswer(
      SupportRequest request, Caller caller, String text) {
    boolean same =
        request
            .answer()
            .map(a -> a.by().personId().equals(caller.personId()) && a.text().equals(text))
            .orElse(false);
    return same
        ? Future.succeededFuture(request)
        : Future.failedFuture(
            Problem.of(CommonProblem.CONFLICT, "problem.conflict.support-answered"));
  }

  private Future<SupportRequest> reread(String id) {
    return store
        .find(id)
        .map(found -> found.orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
  }

  private Future<Seen> seen(SupportRequest request) {
    return seenAll(List.of(request)).map(all -> all.get(0));
  }

  private Future<List<Seen>> seenAll(List<SupportRequest> requests) {
    Set<String> ids = new HashSet<>();
    for (SupportRequest r : requests) {
      ids.add(r.requester().personId());
      r.holder().ifPresent(h -> ids.add(h.personId()));
      r.answer().ifPresent(a -> ids.add(a.by().personId()));
    }
    return people
        .findAll(ids)
        .map(
            found -> {
              Map<String, String> names =
                  found.stream().collect(Collectors.toMap(Person::id, Person::name, (a, b) -> a));
              return requests.stream().map(r -> new Seen(r, names)).toList();
            });
  }

  private static String path(String youthId, String id) {
    return "youth/" + youthId + "/carer-support/" + id;
  }

  private static NotificationIntent intent(
      String key,
      NotificationType type,
      String recipient,
      Optional<String> youthId,
      String resource,
      Instant now) {
    return NotificationIntent.keyed(key, type, recipient, youthId, resource, now);
  }

  /** Erasure: every support request carers made about the young person. */
  public Future<Void> eraseYouth(String youthId) {
    return store.eraseYouth(youthId);
  }
}
