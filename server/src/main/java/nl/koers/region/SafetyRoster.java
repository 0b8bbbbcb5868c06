package nl.koers.region;

import io.vertx.core.Future;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.koers.circle.AgeRules;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.mongo.VersionedWrites;
import org.bson.Document;

/**
 * Each region's roster of safety contacts: the professionals who receive the region's safety
 * signals besides the case coordinator, each with the windows in which they are on duty (none:
 * always). One document per region, replaced as a whole. Who may be on it, and what being on it
 * lets one see, is decided by {@link SafetyContacts} and the care circle; this class only keeps the
 * list.
 *
 * <p>Documents of the earlier single safety contact ({@code personId}, never checked) are read as
 * an empty roster: that person was never shown to be a professional of the region.
 */
public final class SafetyRoster {

  public static final CollectionSpec SPEC = CollectionSpec.of("safetyContacts");

  /** One window of duty: starting on each of {@code days} at {@code from}, until {@code until}. */
  public record DutyWindow(Set<DayOfWeek> days, LocalTime from, LocalTime until) {

    public DutyWindow {
      days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    /**
     * Whether {@code now} (Amsterdam) falls in the window. An {@code until} at or before {@code
     * from} runs into the next day (17:00-09:00 on Friday ends Saturday 09:00; equal times mean 24
     * hours).
     */
    public boolean covers(Instant now) {
      ZonedDateTime local = now.atZone(AgeRules.ZONE);
      Duration length = Duration.between(from, until);
      if (length.isNegative() || length.isZero()) {
        length = length.plusDays(1);
      }
      for (int daysBack = 0; daysBack <= 1; daysBack++) {
        ZonedDateTime day = local.minusDays(daysBack);
        if (!days.contains(day.getDayOfWeek())) {
          continue;
        }
        ZonedDateTime start = day.toLocalDate().atTime(from).atZone(AgeRules.ZONE);
        ZonedDateTime end = start.toLocalDateTime().plus(length).atZone(AgeRules.ZONE);
        if (!local.isBefore(start) && local.isBefore(end)) {
          return true;
        }
      }
      return false;
    }

    Document toDocument() {
      return new Document("days", days.stream().map(DayOfWeek::name).toList())
          .append("from", from.toString())
          .append("until", until.toString());
    }

    static DutyWindow from(Document doc) {
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      doc.getList("days", String.class, List.of()).forEach(d -> days.add(DayOfWeek.valueOf(d)));
      return new DutyWindow(
          days, LocalTime.parse(doc.getString("from")), LocalTime.parse(doc.getString("until")));
    }
  }

  /** A person on the roster, with their duty windows (empty: always on duty). */
  public record Member(String personId, List<DutyWindow> duty) {

    public Member {
      duty = List.copyOf(duty);
    }

    public boolean onDutyAt(Instant now) {
      return duty.isEmpty() || duty.stream().anyMatch(w -> w.covers(now));
    }

    Document toDocument() {
      return new Document("personId", personId)
          .append("duty", duty.stream().map(DutyWindow::toDocument).toList());
    }

    static Member from(Document doc) {
      List<DutyWindow> windows = new ArrayList<>();
      doc.getList("duty", Document.class, List.of()).forEach(w -> windows.add(DutyWindow.from(w)));
      return new Member(doc.getString("personId"), windows);
    }
  }

  private final Documents rosters;

  public SafetyRoster(Mongo mongo) {
    this.rosters = mongo.documents(SPEC);
  }

  /** A roster and the version of its document (0 before it was first set). */
  public record Versioned(List<Member> members, long version) {}

  /** The region's roster as it is now, in the order the region admin gave it. */
  public Future<List<Member>> of(String regionId) {
    return versioned(regionId).map(Versioned::members);
  }

  /** The region's roster with its version. */
  public Future<Versioned> versioned(String regionId) {
    return rosters
        .byId(regionId)
        .map(
            doc ->
                doc == null
                    ? new Versioned(List.of(), 0L)
                    : new Versioned(
                        doc.getList("contacts", Document.class, List.of()).stream()
                            .map(Member::from)
                            .toList(),
                        doc.get(VersionedWrites.VERSION) instanceof Number n ? n.longValue() : 0L));
  }

  /** Whether the person is on the region's roster now, whatever their duty windows. */
  public Future<Boolean> includes(String regionId, String personId) {
    return of(regionId)
        .map(members -> members.stream().anyMatch(m -> m.personId().equals(personId)));
  }

  /**
   * Replaces the whole roster in one write (the earlier single contact goes with it), only if it is
   * still at {@code expectedVersion} (else {@link StaleVersion}, and nothing changes); answers the
   * new version.
   */
  public Future<Long> replace(
      String regionId, List<Member> members, String by, Instant now, long expectedVersion) {
    return rosters
        .replaceIfVersion(
            regionId,
            expectedVersion,
            document(regionId, members).append("updatedBy", by).append("updatedAt", Date.from(now)))
        .compose(
            replaced ->
                replaced
                    ? Future.succeededFuture(expectedVersion + 1)
                    : Future.failedFuture(new StaleVersion(regionId, expectedVersion)));
  }

  /**
   * The demo seed: sets the roster unless the region has one already (an admin's changes survive a
   * restart; the earlier single contact does not count as one).
   */
  public Future<Void> seedUnlessSet(String regionId, List<Member> members, Instant now) {
    return rosters
        .byId(regionId)
        .compose(
            doc ->
                doc != null && doc.containsKey("contacts")
                    ? Future.succeededFuture()
                    // A roster without contacts was never versioned: 0.
                    : replace(regionId, members, "seed", now, 0L)
                        .<Void>mapEmpty()
                        .recover(
                            failure ->
                                failure instanceof StaleVersion
                                    ? Future.succeededFuture()
                                    : Future.failedFuture(failure)));
  }

  private static Document document(String regionId, List<Member> members) {
    return new Document("_id", regionId)
        .append("contacts", members.stream().map(Member::toDocument).toList());
  }
}
