package nl.koers.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.koers.identity.People;
import nl.koers.identity.Person;
import nl.koers.identity.Role;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import org.bson.Document;

/** What the care circle may read about a young person, each read authorized and logged. */
public final class Circles {

  /** Someone named on a card or in a list. */
  public record Named(String id, String name) {}

  /**
   * The profile card. {@code readingLevel} only for the young person themself: how they like to
   * read is their setting, not something their circle needs to see.
   */
  public record ProfileCard(
      Youth youth,
      int age,
      Optional<Named> jim,
      Optional<Named> steadyContact,
      Optional<ReadingLevel> readingLevel) {

    public ProfileCard(Youth youth, int age, Optional<Named> jim, Optional<Named> steadyContact) {
      this(youth, age, jim, steadyContact, Optional.empty());
    }
  }

  /**
   * What a foster parent needs to know of a placement: the young person (first name, age), the
   * foster parents and the professionals of the circle now, and the extended-care decision.
   */
  public record Placement(
      Youth youth,
      int age,
      List<PlacedMember> fosterParents,
      List<PlacedMember> professionals,
      LocalDate decisionDueOn,
      Optional<YouthRecords.ExtendedCareDecision> decision) {}

  /** A member of the circle on the placement view. */
  public record PlacedMember(Relation relation, Named person) {}

  public enum Status {
    ACTIVE,
    PENDING,
    ENDED
  }

  public record Member(Relation relation, Named person, Set<Scope> scopes, Status status) {}

  /** A line of the access log, with who did it and what it was, in words. */
  public record LoggedAccess(AccessLog.Entry entry, Named actor, String what) {}

  /** Who I am: my person, whether I am a young person myself, and the circles I am in. */
  public record Me(Person person, boolean youth, List<YouthRecords.Membership> circles) {
    public Set<Role> roles() {
      Set<Role> roles = new HashSet<>();
      person.regionRoles().forEach(r -> roles.add(r.role()));
      if (youth) {
        roles.add(Role.YOUTH);
      }
      circles.forEach(m -> roles.add(m.kind().role()));
      return roles;
    }
  }

  private final CareCircle circle;
  private final YouthRecords records;

  /** Where {@link #me} joins the young person's records onto the person's document. */
  private static final String ME_RECORDS = "koersMeRecords";

  private final People people;
  private final AccessLog accessLog;
  private final Clock clock;

  public Circles(
      CareCircle circle, YouthRecords records, People people, AccessLog accessLog, Clock clock) {
    this.circle = circle;
    this.records = records;
    this.people = people;
    this.accessLog = accessLog;
    this.clock = clock;
  }

  public Future<Optional<Me>> me(String personId) {
    Instant now = clock.instant();
    // One read: the person, with their own record and circles joined on.
    return people.findJoined(
        personId,
        YouthRecords.selfAndCirclesLookup(personId, ME_RECORDS),
        (person, doc) -> {
          YouthRecords.SelfAndCircles circles =
              YouthRecords.selfAndCircles(doc.getList(ME_RECORDS, Document.class), personId, now);
          return new Me(person, circles.youth(), circles.circles());
        });
  }

  public Future<ProfileCard> profile(Caller caller, String youthId) {
    return circle
        .authorize(caller, youthId, Permission.READ_PROFILE, "youth/" + youthId)
        .compose(
            grant -> {
              Instant now = clock.instant();
              Optional<Relation> jim = grant.youth().activeOfKind(RelationKind.JIM, now);
              Optional<Relation> steady =
                  grant.youth().activeOfKind(RelationKind.STEADY_CONTACT, now);
              Set<String> ids = new HashSet<>();
              jim.ifPresent(r -> ids.add(r.personId()));
              steady.ifPresent(r -> ids.add(r.personId()));
              return names(ids)
                  .map(
                      names ->
                          new ProfileCard(
                              grant.youth(),
                              grant.age(),
                              jim.map(r -> names.apply(r.personId())),
                              steady.map(r -> names.apply(r.personId())),
                              Optional.of(grant.youth().readingLevel())
                                  .filter(level -> grant.capacity().equals(CareCircle.SELF))));
            });
  }

  /**
   * The young person chooses how Koers words its questions to them; only they may. What they were
   * asked already keeps its words: the next pulse and survey use the new choice.
   */
  public Future<ReadingLevel> chooseReadingLevel(
      Caller caller, String youthId, ReadingLevel level) {
    return circle
        .authorize(
            caller, youthId, Permission.CHOOSE_READING_LEVEL, "youth/" + youthId + "/reading-level")
        .compose(grant -> records.setReadingLevel(youthId, level))
        .map(level);
  }

  /**
   * The placement, for the young person, a foster parent and the case coordinator. Professionals
   * are every relation whose kind is a professional's (the case coordinator first), so a new kind
   * of professional (the foster-care worker) shows without a change here.
   */
  public Future<Placement> placement(Caller caller, String youthId) {
    return circle
        .authorize(caller, youthId, Permission.READ_PLACEMENT, "youth/" + youthId + "/placement")
        .compose(
            grant -> {
              Instant now = clock.instant();
              Youth youth = grant.youth();
              List<Relation> active =
                  youth.relations().stream().filter(r -> r.activeAt(now)).toList();
              List<Relation> fosterParents =
                  active.stream().filter(r -> r.kind() == RelationKind.FOSTER_PARENT).toList();
              List<Relation> professionals =
                  active.stream()
                      .filter(r -> r.kind().role() == Role.PROFESSIONAL)
                      .sorted(
                          java.util.Comparator.comparing(
                              (Relation r) -> r.kind() != RelationKind.CASE_COORDINATOR))
                      .toList();
              Set<String> ids = new HashSet<>();
              fosterParents.forEach(r -> ids.add(r.personId()));
              professionals.forEach(r -> ids.add(r.personId()));
              return Future.all(names(ids), records.extendedCare(youthId))
                  .map(
                      all -> {
                        Function<String, Named> names = all.resultAt(0);
                        Optional<YouthRecords.ExtendedCareDecision> decision = all.resultAt(1);
                        return new Placement(
                            youth,
                            grant.age(),
                            placed(fosterParents, names),
                            placed(professionals, names),
                            AgeRules.extendedCareDecisionDue(youth.dateOfBirth()),
                            decision);
                      });
            });
  }

  private static List<PlacedMember> placed(
      List<Relation> relations, Function<String, Named> names) {
    return relations.stream().map(r -> new PlacedMember(r, names.apply(r.personId()))).toList();
  }

  /**
   * The circle's version now (what a change of scopes names in If-Match); 0 for a record not there.
   * Says nothing about the circle: a read shows it only with the members it may show.
   */
  public Future<Long> circleVersion(String youthId) {
    return records.circleVersion(youthId);
  }

  public Future<List<Member>> members(Caller caller, String youthId) {
    return circle
        .authorize(caller, youthId, Permission.READ_CIRCLE, "youth/" + youthId + "/circle")
        .compose(
            grant -> {
              Youth youth = grant.youth();
              Set<String> ids =
                  youth.relations().stream().map(Relation::personId).collect(Collectors.toSet());
              return people
                  .findAll(ids)
                  .map(
                      found -> {
                        Map<String, Person> byId =
                            found.stream().collect(Collectors.toMap(Person::id, p -> p));
                        Instant now = clock.instant();
                        return youth.relations().stream()
                            .map(r -> member(youth, r, byId.get(r.personId()), now))
                            .toList();
                      });
            });
  }

  /**
   * The young person's access log, newest first: without their own accesses unless {@code
   * includeOwn}; each line says in words, in the reader's language, what was seen or done (names of
   * people in it as they are now, first names only).
   */
  /**
   * A member the caller has just changed (ended, narrowed), as the circle shows it: the change was
   * authorized and logged as a write, so showing its result is not a second access.
   */
  public Future<Member> changed(String youthId, Relation relation) {
    Instant now = clock.instant();
    return records
        .find(youthId)
        .compose(
            youth ->
                people
                    .find(relation.personId())
                    .map(
                        person -> member(youth.orElseThrow(), relation, person.orElse(null), now)));
  }

  /** The texts of the caller's language (the routes pass the request's language). */
  @FunctionalInterface
  public interface Texts {
    /** The text for a message key, with its arguments filled in. */
    String text(String key, Object... args);
  }

  public Future<Page<LoggedAccess>> accessLog(
      Caller caller, String youthId, boolean includeOwn, Texts language, PageRequest request) {
    return circle
        .authorize(caller, youthId, Permission.READ_ACCESS_LOG, "youth/" + youthId + "/access-log")
        .compose(
            grant ->
                accessLog
                    .newestFirst(youthId, includeOwn, request)
                    .compose(page -> described(grant.youth(), page, language)));
  }

  private Future<Page<LoggedAccess>> described(
      Youth youth, Page<AccessLog.Entry> page, Texts language) {
    Map<String, String> personOfRelation =
        youth.relations().stream().collect(Collectors.toMap(Relation::id, Relation::personId));
    Map<AccessLog.Entry, AccessWords.Words> words = new HashMap<>();
    Set<String> ids = new HashSet<>();
    for (AccessLog.Entry entry : page.items()) {
      AccessWords.Words said = AccessWords.of(youth.id(), entry.resource());
      words.put(entry, said);
      ids.add(entry.actorId());
      named(said, personOfRelation).ifPresent(ids::add);
    }
    return names(ids)
        .map(
            names ->
                page.map(
                    e -> {
                      AccessWords.Words said = words.get(e);
                      Optional<String> first =
                          named(said, personOfRelation)
                              .map(id -> AccessWords.firstName(names.apply(id).name()))
                              .filter(name -> !name.isEmpty());
                      String what =
                          first
                              .map(
                                  name ->
                                      language.text(AccessWords.messageKey(said.key(), true), name))
                              .orElseGet(
                                  () -> language.text(AccessWords.messageKey(said.key(), false)));
                      return new LoggedAccess(e, names.apply(e.actorId()), what);
                    }));
  }

  private static Optional<String> named(
      AccessWords.Words said, Map<String, String> personOfRelation) {
    return said.personId().or(() -> said.relationId().map(personOfRelation::get));
  }

  /** Whether the young adult still has to say who stays in their circle after 18. */
  public record AdultConfirmation(LocalDate adultOn, boolean due, Optional<Instant> confirmedAt) {}

  public Future<AdultConfirmation> adultConfirmation(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.CONFIRM_CIRCLE, "youth/" + youthId + "/circle/confirmation")
        .compose(grant -> records.circleAsStored(youthId))
        .map(stored -> confirmation(stored.orElseThrow(), clock.instant()));
  }

  /**
   * From 18 the young adult says who stays: relations they keep go on (a parent's access comes
   * back, as granted by the adult), the others end now. Can be done again later, e.g. to let a
   * parent back in.
   */
  public Future<AdultConfirmation> confirmAsAdult(Caller caller, String youthId, Set<String> keep) {
    return circle
        .authorize(
            caller, youthId, Permission.CONFIRM_CIRCLE, "youth/" + youthId + "/circle/confirmation")
        .compose(grant -> confirmAsAdult(caller, grant.youth(), keep, true));
  }

  private Future<AdultConfirmation> confirmAsAdult(
      Caller caller, Youth youth, Set<String> keep, boolean retryOnRace) {
    String youthId = youth.id();
    Instant now = clock.instant();
    return records
        .circleAsStored(youthId)
        .map(Optional::orElseThrow)
        .compose(
            stored -> {
              LocalDate born = LocalDate.parse(stored.getString("dateOfBirth"));
              LocalDate adultOn = AgeRules.birthday(born, AgeRules.ADULT);
              if (AgeRules.age(born, now) < AgeRules.ADULT) {
                throw Problem.of(
                    CircleProblem.NOT_ADULT_YET,
                    "problem.not-adult-yet.detail",
                    adultOn.toString());
              }
              List<Document> before = stored.getList("relations", Document.class, List.of());
              Set<String> active = new HashSet<>();
              List<Document> after = new ArrayList<>();
              for (Document raw : before) {
                Relation relation = Relation.from(raw);
                Document changed = new Document(raw);
                if (relation.activeAt(now)) {
                  active.add(relation.id());
                  if (!keep.contains(relation.id())) {
                    changed.put("until", Date.from(now));
                  } else if (relation.kind().endsAtEighteen()) {
                    changed.put("renewedAsAdultAt", Date.from(now));
                  }
                }
                after.add(changed);
              }
              if (!active.containsAll(keep)) {
                throw Problem.of(CommonProblem.CONFLICT, "problem.conflict.not-in-circle");
              }
              // One line for the whole decision: who was in the circle, who stays.
              ConsentLog.Entry line =
                  ConsentLog.Entry.of(
                      youth,
                      now,
                      caller.personId(),
                      CareCircle.SELF,
                      ConsentLog.Decision.ADULT_CONFIRMATION,
                      "circle",
                      Optional.empty(),
                      active.stream().sorted().toList(),
                      keep.stream().sorted().toList());
              return records
                  .replaceRelations(
                      youthId,
                      stored,
                      after,
                      List.of(
                          com.mongodb.client.model.Updates.set("circleConfirmedAt", Date.from(now)),
                          ConsentLog.record(List.of(line))))
                  .compose(
                      replaced -> {
                        if (replaced) {
                          return Future.succeededFuture(
                              new AdultConfirmation(adultOn, false, Optional.of(now)));
                        }
                        if (retryOnRace) {
                          return confirmAsAdult(caller, youth, keep, false);
                        }
                        return Future.failedFuture(Problem.of(CommonProblem.CONFLICT));
                      });
            });
  }

  private static AdultConfirmation confirmation(Document stored, Instant now) {
    LocalDate born = LocalDate.parse(stored.getString("dateOfBirth"));
    LocalDate adultOn = AgeRules.birthday(born, AgeRules.ADULT);
    Optional<Instant> confirmedAt =
        Optional.ofNullable(stored.getDate("circleConfirmedAt")).map(Date::toInstant);
    Instant adult = AgeRules.turns(born, AgeRules.ADULT);
    boolean due = !now.isBefore(adult) && confirmedAt.map(at -> at.isBefore(adult)).orElse(true);
    return new AdultConfirmation(adultOn, due, confirmedAt);
  }

  private static Member member(Youth youth, Relation relation, Person person, Instant now) {
    Named named = new Named(relation.personId(), person == null ? "" : person.name());
    Status status;
    if (!relation.activeAt(now)) {
      status = Status.ENDED;
    } else if (person == null || !person.activated()) {
      status = Status.PENDING;
    } else {
      status = Status.ACTIVE;
    }
    Set<Scope> scopes =
        status == Status.ENDED
            ? Set.of()
            : AgeRules.effectiveScopes(relation, youth.dateOfBirth(), now);
    return new Member(relation, named, scopes, status);
  }

  private Future<Function<String, Named>> names(Set<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(id -> new Named(id, ""));
    }
    return people
        .findAll(ids)
        .map(
            found -> {
              Map<String, String> byId =
                  found.stream().collect(Collectors.toMap(Person::id, Person::name));
              return id -> new Named(id, byId.getOrDefault(id, ""));
            });
  }
}
