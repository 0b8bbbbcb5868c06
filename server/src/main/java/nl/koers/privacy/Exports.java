package nl.koers.privacy;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Circles;
import nl.koers.circle.Permission;
import nl.koers.notify.NotificationIntent;
import nl.koers.notify.NotificationType;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * A young person's right to a copy of their data (access and portability): they ask, a background
 * job builds the copy from the capabilities' own reads, they are told when it is ready, and for 7
 * days they can download it (the JSON document, or a summary page). Only the young person themself:
 * anyone else hears exactly what they would for a young person that does not exist. The request and
 * every download are lines in the young person's own access log.
 */
public final class Exports {

  /** How long one instance may take to build one copy before another may take it over. */
  static final Duration BUILD_LEASE = Duration.ofMinutes(5);

  /** At most this many copies per round, so one round never holds the job up for long. */
  static final int PER_ROUND = 10;

  /** A built copy and the export it belongs to. */
  public record Built(DataExport export, String json) {}

  private final ExportStore store;
  private final ExportSections sections;
  private final CareCircle circle;
  private final Function<String, Circles.Texts> languages;
  private final Clock clock;
  private final String instance = UUID.randomUUID().toString();

  Exports(
      ExportStore store,
      ExportSections sections,
      CareCircle circle,
      Function<String, Circles.Texts> languages,
      Clock clock) {
    this.store = store;
    this.sections = sections;
    this.circle = circle;
    this.languages = languages;
    this.clock = clock;
  }

  /** Now, on the clock the rules use (dev mode's clock included). */
  public Instant now() {
    return clock.instant();
  }

  /** Asks for a copy: stored PENDING under {@code exportId} (the same on a retry). */
  public Future<DataExport> request(
      Caller caller, String youthId, String exportId, String language) {
    return authorize(caller, youthId, "exports/" + exportId)
        .compose(
            grant ->
                store.insertOnce(
                    new DataExport(exportId, youthId, language, clock.instant(), Optional.empty())))
        .compose(
            stored ->
                stored.youthId().equals(youthId)
                    ? Future.succeededFuture(stored)
                    : Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND)));
  }

  /** Where the export stands (an expired one still answers EXPIRED until it is deleted). */
  public Future<DataExport> status(Caller caller, String youthId, String exportId) {
    return authorize(caller, youthId, "exports/" + exportId).compose(g -> find(youthId, exportId));
  }

  /** The built copy, while it is READY; 409 while pending, 410 once past its 7 days. */
  public Future<Built> download(Caller caller, String youthId, String exportId, String what) {
    return authorize(caller, youthId, "exports/" + exportId + "/" + what)
        .compose(g -> find(youthId, exportId))
        .compose(this::ready)
        .compose(
            export ->
                store
                    .document(export.id())
                    .compose(
                        json ->
                            json.map(j -> Future.succeededFuture(new Built(export, j)))
                                .orElseGet(
                                    () ->
                                        Future.failedFuture(Problem.of(ExportProblem.NOT_READY)))));
  }

  private Future<DataExport> ready(DataExport export) {
    return switch (export.statusAt(clock.instant())) {
      case PENDING -> Future.failedFuture(Problem.of(ExportProblem.NOT_READY));
      case EXPIRED -> Future.failedFuture(Problem.of(ExportProblem.EXPIRED));
      case READY -> Future.succeededFuture(export);
    };
  }

  private Future<DataExport> find(String youthId, String exportId) {
    return store
        .find(exportId)
        .compose(
            found ->
                found
                    .filter(e -> e.youthId().equals(youthId))
                    .map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(Problem.of(CommonProblem.NOT_FOUND))));
  }

  private Future<CareCircle.Grant> authorize(Caller caller, String youthId, String rest) {
    return circle.authorize(
        caller, youthId, Permission.EXPORT_OWN_DATA, "youth/" + youthId + "/" + rest);
  }

  /**
   * The background job: claims waiting exports one at a time (an atomic claim with a lease, so two
   * instances never build the same one) and builds each; answers how many were built.
   */
  public Future<Integer> buildPending() {
    return buildNext(0);
  }

  private Future<Integer> buildNext(int built) {
    if (built >= PER_ROUND) {
      return Future.succeededFuture(built);
    }
    Instant now = clock.instant();
    return store
        .claimNext(instance, now, BUILD_LEASE)
        .compose(
            claimed ->
                claimed.isEmpty()
                    ? Future.succeededFuture(built)
                    // A copy that failed stays claimed until its lease lapses, then is tried again.
                    : build(claimed.get())
                        .recover(e -> Future.succeededFuture())
                        .compose(v -> buildNext(built + 1)));
  }

  private Future<Void> build(DataExport export) {
    // To the millisecond, as MongoDB keeps it: the copy's time and its readyAt are the same.
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    return sections
        .build(export, languages.apply(export.language()), now)
        .compose(
            document ->
                store.markReady(
                    export.id(),
                    export.youthId(),
                    instance,
                    document.encode(),
                    now,
                    tell(export, now)))
        .mapEmpty();
  }

  /** "Your copy is ready", linked to the export's status; the push says no more than that. */
  private static NotificationIntent tell(DataExport export, Instant now) {
    return NotificationIntent.keyed(
        "export-ready|" + export.id(),
        NotificationType.EXPORT_READY,
        export.youthId(),
        Optional.of(export.youthId()),
        "youth/" + export.youthId() + "/exports/" + export.id(),
        now);
  }
}
