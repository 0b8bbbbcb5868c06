package nl.koers.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.platform.sync.Change;

/**
 * Where a person stands toward each young person they are or were involved with, decided from what
 * holds now: the change feed's first read, and what every capability's part of it decides on (so
 * the feed never names an item to someone who may not see it now).
 */
public final class Standings {

  /**
   * One person toward one young person: their grants now (none once their access ended), and when
   * their access last changed ({@code accessAt}: a relation of theirs began or ended, a consent
   * decision about the young person was taken, or an age boundary passed; never for the young
   * person themselves).
   */
  public record Standing(
      Youth youth,
      List<CareCircle.Grant> grants,
      Instant accessAt,
      Instant circleChangedAt,
      Optional<YouthRecords.SteadyContact> steadyContact) {

    public String youthId() {
      return youth.id();
    }

    /** The young person themselves, or in their circle now. */
    public boolean involved() {
      return !grants.isEmpty();
    }

    public boolean self() {
      return grants.stream().anyMatch(g -> g.capacity().equals(CareCircle.SELF));
    }

    public boolean may(Permission permission) {
      return CareCircle.permits(grants, permission);
    }

    /** The feed's entry, if any, for one item of this young person (see {@link Change#about}). */
    public Optional<Change> about(
        Change.Kind kind,
        String id,
        String resource,
        Optional<Instant> contentAt,
        boolean visible,
        Instant after) {
      return Change.about(
          kind, id, youthId(), resource, contentAt, accessAt, visible, involved(), after);
    }
  }

  private final YouthRecords records;
  private final ConsentLog consentLog;
  private final Clock clock;

  public Standings(YouthRecords records, ConsentLog consentLog, Clock clock) {
    this.records = records;
    this.consentLog = consentLog;
    this.clock = clock;
  }

  /**
   * The person's standings; {@code after} bounds the consent decisions read (older ones cannot move
   * anything past the reader's cursor). Two queries: the records, then the decisions (in this
   * order: a decision leaves a record's outbox only once it is in the history).
   */
  public Future<List<Standing>> of(String personId, Instant after) {
    Instant now = clock.instant();
    return records
        .involving(personId)
        .compose(
            involved ->
                consentLog
                    .latestDecisions(involved.stream().map(i -> i.youth().id()).toList(), after)
                    .map(
                        decisions ->
                            involved.stream()
                                .map(i -> standing(personId, i, decisions, now))
                                .toList()));
  }

  private static Standing standing(
      String personId,
      YouthRecords.Involved involved,
      Map<String, Instant> decisions,
      Instant now) {
    Youth youth = involved.youth();
    Instant decided = Instant.EPOCH;
    for (Instant at : involved.pendingDecisions()) {
      decided = later(decided, at, now);
    }
    decided = later(decided, decisions.getOrDefault(youth.id(), Instant.EPOCH), now);
    Instant circle = decided;
    Instant access = Instant.EPOCH;
    for (Relation relation : youth.relations()) {
      Instant since = relation.since();
      Optional<Instant> until = relation.until();
      circle = later(circle, since, now);
      circle = later(circle, until.orElse(Instant.EPOCH), now);
      if (relation.personId().equals(personId)) {
        access = later(access, since, now);
        access = later(access, until.orElse(Instant.EPOCH), now);
        access = later(access, relation.renewedAsAdultAt().orElse(Instant.EPOCH), now);
      }
    }
    if (!youth.id().equals(personId)) {
      access = later(access, decided, now);
      for (int age : new int[] {AgeRules.DECIDES_ALONE, AgeRules.ADULT}) {
        access = later(access, AgeRules.turns(youth.dateOfBirth(), age), now);
      }
    }
    return new Standing(
        youth,
        CareCircle.grantsNow(personId, youth, now),
        access,
        circle,
        involved.steadyContact());
  }

  /** The later of the two, counting only moments that have come. */
  private static Instant later(Instant a, Instant b, Instant now) {
    return b.isAfter(a) && !b.isAfter(now) ? b : a;
  }

  /** The circle's own entries: the profile card, the circle, the steady contact. */
  public static List<Change> changes(Standing standing, Instant after) {
    String youthId = standing.youthId();
    String base = "/v1/youth/" + youthId;
    Optional<Instant> steadyAt =
        standing
            .steadyContact()
            .map(s -> s.confirmedAt().filter(c -> c.isAfter(s.namedAt())).orElse(s.namedAt()));
    Instant circleAt = standing.circleChangedAt();
    Instant cardAt = steadyAt.filter(s -> s.isAfter(circleAt)).orElse(circleAt);
    List<Change> changes = new ArrayList<>();
    standing
        .about(
            Change.Kind.YOUTH,
            youthId,
            base,
            Optional.of(cardAt),
            standing.may(Permission.READ_PROFILE),
            after)
        .ifPresent(changes::add);
    standing
        .about(
            Change.Kind.CIRCLE,
            youthId,
            base + "/circle",
            Optional.of(circleAt),
            standing.may(Permission.READ_CIRCLE),
            after)
        .ifPresent(changes::add);
    standing
        .about(
            Change.Kind.STEADY_CONTACT,
            youthId,
            base + "/steady-contact",
            steadyAt,
            standing.may(Permission.READ_PROFILE),
            after)
        .ifPresent(changes::add);
    return changes;
  }
}
