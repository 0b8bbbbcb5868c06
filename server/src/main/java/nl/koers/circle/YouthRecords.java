package nl.koers.circle;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.notify.NotificationIntent;
import nl.koers.platform.module.SharedStore;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Storage of young people's records; every change is one atomic write to one document. */
@SharedStore(
    why =
        "A young person's record is what every capability's rules run on: others read it "
            + "and write their own part of it (a mentor's relation, milestones, steady contact,"
            + " extended care), each as one atomic write")
public final class YouthRecords {

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "youth",
          Index.ascending("byMember", "relations.personId"),
          Index.ascending("byRegion", "regionId"),
          Index.ascending("byRegionAndBirth", "regionId", "dateOfBirth"),
          Index.ascending("outbox", "outbox.id"),
          ConsentLog.outboxIndex(),
          Index.ascending("milestonesDue", "nextMilestoneAt"),
          // A region's young people whose schedule ran out, looked at again on a new horizon.
          Index.ascending("byRegionAndNextMilestone", "regionId", "nextMilestoneAt"));

  /**
   * The circle's version: every write that changes the relations raises it by one in the same
   * atomic write (none stored: 0). It is what a change of scopes names in {@code If-Match}.
   */
  public static final String CIRCLE_VERSION = "circleVersion";

  /** A circle stays small; a bound keeps the document (and every authorization read) small. */
  public static final int MAX_RELATIONS = 100;

  /** That someone is in a young person's circle, and how. */
  public record Membership(String youthId, RelationKind kind) {}

  private final Documents records;

  public YouthRecords(Mongo mongo) {
    this.records = mongo.documents(SPEC);
  }

  public Future<Optional<Youth>> find(String youthId) {
    return records.byId(youthId).map(doc -> Optional.ofNullable(doc).map(Youth::from));
  }

  /** Creates the record unless it exists (a retried registration changes nothing). */
  public Future<Youth> create(Youth youth) {
    Document doc =
        youth
            .toDocument()
            // Due at once: the milestone scheduler works out what is next.
            .append("nextMilestoneAt", new Date(0))
            .append("milestonesDone", List.of());
    return records.insertOnce(doc).map(Youth::from);
  }

  /** Adds a relation unless one with its id is there already; false when the circle is full. */
  public Future<Boolean> addRelation(String youthId, Relation relation) {
    return addRelation(youthId, relation, List.of());
  }

  /**
   * Adds a relation, and in the same atomic write whatever else the change records (e.g. a
   * notification intent), unless a relation with its id is there already.
   */
  public Future<Boolean> addRelation(String youthId, Relation relation, List<Bson> alsoRecord) {
    Document filter =
        new Document("_id", youthId)
            .append("relations.id", new Document("$ne", relation.id()))
            .append("relations." + (MAX_RELATIONS - 1), new Document("$exists", false));
    return records
        .update(
            filter,
            Updates.combine(
                concat(Updates.push("relations", relation.toDocument()), bumped(alsoRecord))))
        .compose(
            result ->
                result.getModifiedCount() == 1
                    ? Future.succeededFuture(true)
                    : find(youthId)
                        .map(y -> y.flatMap(found -> found.relation(relation.id())).isPresent()));
  }

  /**
   * A young person's steady contact, as named (and perhaps confirmed) in the transition to
   * adulthood; {@code changes} counts how often another was named.
   */
  public record SteadyContact(
      String personId, Instant namedAt, Optional<Instant> confirmedAt, int changes) {

    public SteadyContact confirmed(Instant at) {
      return new SteadyContact(personId, namedAt, Optional.of(at), changes);
    }

    Document toDocument() {
      return new Document("personId", personId)
          .append("namedAt", Date.from(namedAt))
          .append("confirmedAt", confirmedAt.map(Date::from).orElse(null))
          .append("changes", changes);
    }

    static SteadyContact from(Document doc) {
      return new SteadyContact(
          doc.getString("personId"),
          doc.getDate("namedAt").toInstant(),
          Optional.ofNullable(doc.getDate("confirmedAt")).map(Date::toInstant),
          doc.getInteger("changes", 0));
    }
  }

  /** The recorded decision on extended care, and the age youth care then ends at. */
  public record ExtendedCareDecision(
      boolean extended, Optional<String> kind, int untilAge, Instant decidedAt, String decidedBy) {

    Document toDocument() {
      return new Document("extended", extended)
          .append("kind", kind.orElse(null))
          .append("untilAge", untilAge)
          .append("decidedAt", Date.from(decidedAt))
          .append("decidedBy", decidedBy);
    }

    static ExtendedCareDecision from(Document doc) {
      return new ExtendedCareDecision(
          doc.getBoolean("extended"),
          Optional.ofNullable(doc.getString("kind")),
          doc.getInteger("untilAge"),
          doc.getDate("decidedAt").toInstant(),
          doc.getString("decidedBy"));
    }
  }

  /**
   * The young adult's choice about the follow-up check-ins after youth care: asked (the default),
   * paused until a day, or stopped until they restart them. A consent of their own: recorded on the
   * consent history when it changes.
   */
  public record FollowUpChoice(
      Choice choice, Optional<java.time.LocalDate> pausedUntil, Instant at) {

    public enum Choice {
      ACTIVE,
      PAUSED,
      STOPPED
    }

    /** Before anything was chosen: the check-ins are asked. */
    public static final FollowUpChoice DEFAULT =
        new FollowUpChoice(Choice.ACTIVE, Optional.empty(), Instant.EPOCH);

    /** Whether a check-in due now is asked (else it is skipped, and the next one comes). */
    public boolean asksAt(Instant now) {
      return switch (choice) {
        case ACTIVE -> true;
        case STOPPED -> false;
        case PAUSED -> pausedUntil.map(day -> !AgeRules.today(now).isBefore(day)).orElse(true);
      };
    }

    /** What a write names in {@code If-Match}: the moment of the choice (0: never chosen). */
    public long version() {
      return at.toEpochMilli();
    }

    Document toDocument() {
      Document doc = new Document("choice", choice.name()).append("at", Date.from(at));
      pausedUntil.ifPresent(day -> doc.append("pausedUntil", day.toString()));
      return doc;
    }

    static FollowUpChoice from(Document doc) {
      return new FollowUpChoice(
          Choice.valueOf(doc.getString("choice")),
          Optional.ofNullable(doc.getString("pausedUntil")).map(java.time.LocalDate::parse),
          doc.getDate("at").toInstant());
    }
  }

  /**
   * What the milestone scheduler reads of a record: the young person, the milestone due ({@code
   * nextMilestoneAt}, to record the round only if nobody was first), those done, the age care ends
   * at, the checklist items already told overdue, and the transition's decisions.
   */
  public record TransitionState(
      Youth youth,
      Instant nextMilestoneAt,
      List<String> milestonesDone,
      int careEndsAtAge,
      List<String> checklistOverdueTold,
      Optional<ExtendedCareDecision> extendedCare,
      Optional<SteadyContact> steadyContact,
      FollowUpChoice followUpChoice,
      List<String> followUpsSkipped) {

    static TransitionState from(Document doc) {
      return new TransitionState(
          Youth.from(doc),
          doc.getDate("nextMilestoneAt").toInstant(),
          doc.getList("milestonesDone", String.class, List.of()),
          doc.getInteger("careEndsAtAge", AgeRules.ADULT),
          doc.getList("checklistOverdueTold", String.class, List.of()),
          Optional.ofNullable(doc.get("extendedCare", Document.class))
              .map(ExtendedCareDecision::from),
          Optional.ofNullable(doc.get("steadyContact", Document.class)).map(SteadyContact::from),
          followUpChoiceOf(doc),
          doc.getList("followUpsSkipped", String.class, List.of()));
    }
  }

  private static FollowUpChoice followUpChoiceOf(Document doc) {
    return Optional.ofNullable(doc.get("followUpChoice", Document.class))
        .map(FollowUpChoice::from)
        .orElse(FollowUpChoice.DEFAULT);
  }

  /** Young people with a milestone due (index-driven: never a scan of everyone). */
  public Future<List<TransitionState>> milestonesDue(Instant now, int limit) {
    return records
        .list(
            records
                .find(Filters.lte("nextMilestoneAt", Date.from(now)))
                .projection(
                    Projections.include(
                        "firstName",
                        "dateOfBirth",
                        "regionId",
                        "relations",
                        "nextMilestoneAt",
                        "milestonesDone",
                        "careEndsAtAge",
                        "extendedCare",
                        "checklistOverdueTold",
                        "steadyContact",
                        "followUpChoice",
                        "followUpsSkipped"))
                .limit(limit))
        .map(docs -> docs.stream().map(TransitionState::from).toList());
  }

  /**
   * Records milestones as done, the next one, what they tell whom and the checklist items now told
   * overdue - once: only if the record still expects the milestone it was read with (another
   * instance may have been first).
   */
  public Future<Boolean> recordMilestones(
      String youthId,
      Instant expectedNext,
      List<String> done,
      Optional<Instant> next,
      List<NotificationIntent> told,
      List<String> overdueTold) {
    return recordMilestones(
        youthId, expectedNext, done, List.of(), next, told, overdueTold, List.of());
  }

  /**
   * As above; also the follow-up check-ins skipped (the young adult paused or stopped them) and the
   * consent-history lines the age rules wrote, in the same write.
   */
  public Future<Boolean> recordMilestones(
      String youthId,
      Instant expectedNext,
      List<String> done,
      List<String> skipped,
      Optional<Instant> next,
      List<NotificationIntent> told,
      List<String> overdueTold,
      List<ConsentLog.Entry> consents) {
    List<Bson> changes = new java.util.ArrayList<>();
    changes.add(Updates.addEachToSet("milestonesDone", done));
    if (!skipped.isEmpty()) {
      changes.add(Updates.addEachToSet("followUpsSkipped", skipped));
    }
    if (!consents.isEmpty()) {
      changes.add(ConsentLog.record(consents));
    }
    changes.add(Updates.set("nextMilestoneAt", next.map(Date::from).orElse(null)));
    if (!told.isEmpty()) {
      changes.add(NotificationIntent.pushAll(told));
    }
    if (!overdueTold.isEmpty()) {
      changes.add(Updates.addEachToSet("checklistOverdueTold", overdueTold));
    }
    return records
        .update(
            new Document("_id", youthId).append("nextMilestoneAt", Date.from(expectedNext)),
            Updates.combine(changes))
        .map(result -> result.getModifiedCount() == 1);
  }

  /**
   * Has the milestone scheduler look again at the young people of a region whose schedule had run
   * out (a new horizon may give them more check-ins); the others are due at their next step anyway.
   */
  public Future<Void> lookAgainAtMilestones(String regionId) {
    return records
        .updateMany(
            Filters.and(Filters.eq("regionId", regionId), Filters.eq("nextMilestoneAt", null)),
            Updates.set("nextMilestoneAt", new Date(0)))
        .mapEmpty();
  }

  /** The young adult's follow-up choice as stored, and the check-ins skipped so far. */
  public record FollowUpState(FollowUpChoice choice, List<String> done, List<String> skipped) {}

  public Future<FollowUpState> followUpState(String youthId) {
    return records
        .list(
            records
                .find(Filters.eq("_id", youthId))
                .projection(
                    Projections.include("followUpChoice", "milestonesDone", "followUpsSkipped")))
        .map(
            docs ->
                docs.isEmpty()
                    ? new FollowUpState(FollowUpChoice.DEFAULT, List.of(), List.of())
                    : new FollowUpState(
                        followUpChoiceOf(docs.get(0)),
                        docs.get(0).getList("milestonesDone", String.class, List.of()),
                        docs.get(0).getList("followUpsSkipped", String.class, List.of())));
  }

  /**
   * The young adult's new follow-up choice with its consent-history line, only if the choice stored
   * is still the one made at {@code expectedAt}; false if another came first.
   */
  public Future<Boolean> setFollowUpChoice(
      String youthId, FollowUpChoice choice, Instant expectedAt, ConsentLog.Entry consent) {
    Bson still =
        expectedAt.equals(Instant.EPOCH)
            ? Filters.exists("followUpChoice", false)
            : Filters.eq("followUpChoice.at", Date.from(expectedAt));
    return records
        .update(
            Filters.and(Filters.eq("_id", youthId), still),
            Updates.combine(
                Updates.set("followUpChoice", choice.toDocument()),
                ConsentLog.record(List.of(consent))))
        .map(result -> result.getModifiedCount() == 1);
  }

  /** The steady contact named or confirmed, and whom that tells, in one write. */
  public Future<Void> setSteadyContact(
      String youthId, SteadyContact steadyContact, List<NotificationIntent> told) {
    List<Bson> changes = new java.util.ArrayList<>();
    changes.add(Updates.set("steadyContact", steadyContact.toDocument()));
    if (!told.isEmpty()) {
      changes.add(NotificationIntent.pushAll(told));
    }
    return records.updateById(youthId, Updates.combine(changes)).mapEmpty();
  }

  /**
   * Records the extended-care decision and the age youth care now ends at; the milestone scheduler
   * looks at this young person again at once, since the follow-ups moved. Only if the decision
   * recorded is still the one taken at {@code replaces} (none: none recorded yet); false if not.
   * Whom it tells ({@code told}) is recorded in the same write.
   */
  public Future<Boolean> setExtendedCare(
      String youthId,
      ExtendedCareDecision decision,
      Optional<Instant> replaces,
      List<NotificationIntent> told) {
    List<Bson> changes = new java.util.ArrayList<>();
    changes.add(Updates.set("extendedCare", decision.toDocument()));
    changes.add(Updates.set("careEndsAtAge", decision.untilAge()));
    changes.add(Updates.set("nextMilestoneAt", new Date(0)));
    if (!told.isEmpty()) {
      changes.add(NotificationIntent.pushAll(told));
    }
    return records
        .update(
            new Document("_id", youthId)
                .append("extendedCare.decidedAt", replaces.map(Date::from).orElse(null)),
            Updates.combine(changes))
        .map(result -> result.getModifiedCount() == 1);
  }

  /** The extended-care decision, if one was recorded. */
  public Future<Optional<ExtendedCareDecision>> extendedCare(String youthId) {
    return part(youthId, "extendedCare").map(d -> d.map(ExtendedCareDecision::from));
  }

  /** The steady contact part of the record, if any. */
  public Future<Optional<SteadyContact>> steadyContact(String youthId) {
    return part(youthId, "steadyContact").map(d -> d.map(SteadyContact::from));
  }

  private Future<Optional<Document>> part(String youthId, String field) {
    return projected(youthId, field)
        .map(doc -> Optional.ofNullable(doc).map(d -> d.get(field, Document.class)));
  }

  /** The young person's choice of wording (standard or easy-read). */
  public Future<Void> setReadingLevel(String youthId, ReadingLevel level) {
    return records.updateById(youthId, Updates.set(Youth.READING_LEVEL, level.name())).mapEmpty();
  }

  /** Corrects a date of birth (the demo region keeps its ages true this way). */
  public Future<Void> setDateOfBirth(String youthId, java.time.LocalDate dateOfBirth) {
    return records
        .updateById(youthId, Updates.set("dateOfBirth", dateOfBirth.toString()))
        .mapEmpty();
  }

  /** The relations as stored, for a change that rewrites several of them at once. */
  public Future<Optional<Document>> circleAsStored(String youthId) {
    return projected(youthId, "relations", "dateOfBirth", "circleConfirmedAt", CIRCLE_VERSION)
        .map(Optional::ofNullable);
  }

  /** The circle's version in a record as stored (0 before any versioned change). */
  public static long circleVersion(Document stored) {
    Object version = stored == null ? null : stored.get(CIRCLE_VERSION);
    return version instanceof Number n ? n.longValue() : 0L;
  }

  /** The circle's version now (0 when there is no such record). */
  public Future<Long> circleVersion(String youthId) {
    return projected(youthId, CIRCLE_VERSION).map(YouthRecords::circleVersion);
  }

  /** The record with only these fields (and its {@code _id}), or {@code null}. */
  private Future<Document> projected(String youthId, String... fields) {
    return records.first(
        records.find(Filters.eq("_id", youthId)).projection(Projections.include(fields)));
  }

  /**
   * Replaces the relations, only if nobody changed them since {@code read} was read (false
   * otherwise: neither the relations nor the circle's version moved), recording {@code alsoRecord}
   * in the same write; the circle's version goes up by one.
   */
  public Future<Boolean> replaceRelations(
      String youthId, Document read, List<Document> replacement, List<Bson> alsoRecord) {
    return records
        .update(
            new Document("_id", youthId)
                .append("relations", read.getList("relations", Document.class, List.of()))
                .append(CIRCLE_VERSION, read.get(CIRCLE_VERSION)),
            Updates.combine(concat(Updates.set("relations", replacement), bumped(alsoRecord))))
        .map(result -> result.getModifiedCount() == 1);
  }

  /**
   * Ends the relation {@code endingId} (if any) at {@code until} and adds {@code next}, in one
   * write and only while the circle is still at {@code expectedVersion}: false when it moved on
   * (then nothing changed). The circle's version goes up by one.
   */
  public Future<Boolean> swapRelation(
      String youthId,
      long expectedVersion,
      Optional<String> endingId,
      Instant until,
      Relation next,
      List<Bson> alsoRecord) {
    return circleAsStored(youthId)
        .compose(
            found -> {
              Document stored = found.orElse(null);
              if (stored == null || circleVersion(stored) != expectedVersion) {
                return Future.succeededFuture(false);
              }
              List<Document> after = new java.util.ArrayList<>();
              for (Document raw : stored.getList("relations", Document.class, List.of())) {
                Document copy = new Document(raw);
                if (endingId.filter(id -> id.equals(raw.getString("id"))).isPresent()) {
                  copy.put("until", Date.from(until));
                }
                after.add(copy);
              }
              after.add(next.toDocument());
              return replaceRelations(youthId, stored, after, alsoRecord);
            });
  }

  /** Ends a relation at {@code until}, unless it already ended earlier. */
  public Future<Void> endRelation(String youthId, String relationId, Instant until) {
    return endRelation(youthId, relationId, until, List.of());
  }

  /** Ends a relation, recording {@code alsoRecord} in the same write. */
  public Future<Void> endRelation(
      String youthId, String relationId, Instant until, List<Bson> alsoRecord) {
    return find(youthId)
        .compose(
            found -> {
              Optional<Relation> relation = found.flatMap(y -> y.relation(relationId));
              if (relation.isEmpty()
                  || relation.get().until().map(u -> !u.isAfter(until)).orElse(false)) {
                return Future.succeededFuture();
              }
              return records
                  .update(
                      new Document("_id", youthId).append("relations.id", relationId),
                      Updates.combine(
                          concat(
                              Updates.set("relations.$.until", Date.from(until)),
                              bumped(alsoRecord))))
                  .mapEmpty();
            });
  }

  private static List<Bson> bumped(List<Bson> alsoRecord) {
    return concat(Updates.inc(CIRCLE_VERSION, 1L), alsoRecord);
  }

  private static List<Bson> concat(Bson first, List<Bson> rest) {
    List<Bson> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** The regions that have young people. */
  public Future<List<String>> regions() {
    return records.list(records.collection().distinct("regionId", String.class));
  }

  /** A region's young people, for its aggregate indicators (through the byRegion index). */
  public Future<List<Document>> inRegion(String regionId) {
    return records.list(
        records
            .find(Filters.eq("regionId", regionId))
            .projection(Projections.include("dateOfBirth", "relations", "steadyContact")));
  }

  /**
   * What the transition's overviews read of a record (the continuity monitor, a caseload): the
   * young person and circle, the steady contact, the extended-care decision and the age care ends
   * at.
   */
  public record TransitionFacts(
      Youth youth,
      Optional<SteadyContact> steadyContact,
      Optional<ExtendedCareDecision> extendedCare,
      int careEndsAtAge) {

    static TransitionFacts from(Document doc) {
      return new TransitionFacts(
          Youth.from(doc),
          Optional.ofNullable(doc.get("steadyContact", Document.class)).map(SteadyContact::from),
          Optional.ofNullable(doc.get("extendedCare", Document.class))
              .map(ExtendedCareDecision::from),
          doc.getInteger("careEndsAtAge", AgeRules.ADULT));
    }

    public boolean steadyContactConfirmed() {
      return steadyContact.flatMap(SteadyContact::confirmedAt).isPresent();
    }
  }

  private static final String[] TRANSITION_FACTS = {
    "firstName",
    "dateOfBirth",
    "regionId",
    "relations",
    "steadyContact",
    "extendedCare",
    "careEndsAtAge"
  };

  /**
   * A region's young people born from {@code from} up to (not including) {@code until}: one query
   * through the {@code byRegionAndBirth} index, so its cost follows the birth cohort asked for, not
   * the region's size.
   */
  public Future<List<TransitionFacts>> bornBetween(
      String regionId, java.time.LocalDate from, java.time.LocalDate until) {
    return records
        .list(
            records
                .find(
                    new Document("regionId", regionId)
                        .append(
                            "dateOfBirth",
                            new Document("$gte", from.toString()).append("$lt", until.toString())))
                .projection(Projections.include(TRANSITION_FACTS)))
        .map(docs -> docs.stream().map(TransitionFacts::from).toList());
  }

  /**
   * The records with a relation of this person (also an ended one; the caller decides what counts
   * now), through the {@code byMember} index.
   */
  public Future<List<TransitionFacts>> withMember(String personId) {
    return records
        .list(
            records
                .find(Filters.eq("relations.personId", personId))
                .projection(Projections.include(TRANSITION_FACTS))
                .limit(1000))
        .map(docs -> docs.stream().map(TransitionFacts::from).toList());
  }

  /** The circles this person is an active member of. */
  public Future<List<Membership>> membershipsOf(String personId, Instant now) {
    return membershipsOf(personId, now, false);
  }

  /**
   * The circles a person is in now and sees something of: without those whose access ended at the
   * young adult's 18th birthday (a parent not kept since).
   */
  public Future<List<Membership>> visibleMembershipsOf(String personId, Instant now) {
    return membershipsOf(personId, now, true);
  }

  /** Whether this person has a record of their own, and the circles they are visibly in. */
  public record SelfAndCircles(boolean youth, List<Membership> circles) {}

  /**
   * What {@code GET /v1/me} needs, as a {@code $lookup} stage that joins it onto the person's own
   * document under {@code as}, so person and circles come in one round trip: the person's own
   * record, if any, and the records whose circle they are in (by {@code _id} or by member, both
   * indexed).
   */
  public static Bson selfAndCirclesLookup(String personId, String as) {
    Bson match =
        Filters.or(Filters.eq("_id", personId), Filters.eq("relations.personId", personId));
    Bson fields = Projections.include("relations", "firstName", "dateOfBirth", "regionId");
    return new Document(
        "$lookup",
        new Document("from", SPEC.name())
            .append(
                "pipeline",
                List.of(
                    new Document("$match", match.toBsonDocument()),
                    new Document("$project", fields.toBsonDocument())))
            .append("as", as));
  }

  /** Reads what {@link #selfAndCirclesLookup} joined: own record, and the visible circles. */
  public static SelfAndCircles selfAndCircles(List<Document> docs, String personId, Instant now) {
    return new SelfAndCircles(
        docs.stream().anyMatch(doc -> personId.equals(doc.get("_id"))),
        memberships(docs, personId, now, true));
  }

  private Future<List<Membership>> membershipsOf(
      String personId, Instant now, boolean onlyVisible) {
    return records
        .list(
            records
                .find(Filters.eq("relations.personId", personId))
                .projection(
                    Projections.include("relations", "firstName", "dateOfBirth", "regionId")))
        .map(docs -> memberships(docs, personId, now, onlyVisible));
  }

  private static List<Membership> memberships(
      List<Document> docs, String personId, Instant now, boolean onlyVisible) {
    return docs.stream()
        .map(Youth::from)
        .flatMap(
            youth ->
                youth.activeRelationsOf(personId, now).stream()
                    .filter(
                        r -> !onlyVisible || !AgeRules.endedAtEighteen(r, youth.dateOfBirth(), now))
                    .map(r -> new Membership(youth.id(), r.kind())))
        .toList();
  }

  /**
   * A record as the change feed reads it: the young person and circle, the steady contact, and the
   * times of the consent decisions still waiting in its outbox (not yet in the consent history).
   */
  public record Involved(
      Youth youth, Optional<SteadyContact> steadyContact, List<Instant> pendingDecisions) {}

  /**
   * The person's own record (if they are a young person) and every record with a relation of
   * theirs, also an ended one: one query ({@code _id}, and the {@code byMember} index).
   */
  public Future<List<Involved>> involving(String personId) {
    return records
        .list(
            records
                .find(
                    Filters.or(
                        Filters.eq("_id", personId), Filters.eq("relations.personId", personId)))
                .projection(
                    Projections.include(
                        "relations",
                        "firstName",
                        "dateOfBirth",
                        "regionId",
                        "steadyContact",
                        ConsentLog.OUTBOX + ".at"))
                .limit(1000))
        .map(
            docs ->
                docs.stream()
                    .map(
                        doc ->
                            new Involved(
                                Youth.from(doc),
                                Optional.ofNullable(doc.get("steadyContact", Document.class))
                                    .map(SteadyContact::from),
                                doc.getList(ConsentLog.OUTBOX, Document.class, List.of()).stream()
                                    .map(line -> line.getDate("at"))
                                    .filter(java.util.Objects::nonNull)
                                    .map(Date::toInstant)
                                    .toList()))
                    .toList());
  }

  /**
   * Erasure: the young person's record, and with it every relation: nobody's circle, caseload or
   * access decision finds them any more.
   */
  public Future<Void> erase(String youthId) {
    return records.delete(Filters.eq("_id", youthId)).mapEmpty();
  }
}
