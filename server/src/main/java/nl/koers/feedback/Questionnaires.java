package nl.koers.feedback;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.ReadingLevel;
import nl.koers.feedback.Questionnaire.Audience;
import nl.koers.feedback.Questionnaire.Kind;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;

/**
 * Published questionnaires. A version, once stored, is never changed: publishing makes the next
 * version. A region's own version, when there is one, replaces the national default for its young
 * people and parents. Each reading level is a questionnaire of its own: a region that wrote its own
 * standard words has not thereby written easy ones, so an easy-read reader gets the region's easy
 * version if it published one, else the national easy one (never the region's standard words).
 */
public final class Questionnaires {

  /** Far more than the versions all regions publish; a bound so memory cannot grow unchecked. */
  private static final int KEPT_VERSIONS = 1_000;

  private final QuestionnaireStore store;
  private final java.util.concurrent.ConcurrentHashMap<String, Questionnaire> versions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentHashMap<String, Questionnaire> defaults =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A region's latest version as read (empty: none), and when, on the monotonic clock. */
  private record Latest(Optional<Questionnaire> found, long readAtNanos) {
    int version() {
      return found.map(Questionnaire::version).orElse(0);
    }
  }

  private final java.util.concurrent.ConcurrentHashMap<String, Latest> regional =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * How long a region's latest version, once read, is taken as current without asking again: the
   * longest another instance may go on asking the version before a region's new one.
   */
  private final long regionalFreshnessNanos;

  public Questionnaires(QuestionnaireStore store, Duration regionalFreshness) {
    this.store = store;
    this.regionalFreshnessNanos = regionalFreshness.toNanos();
  }

  /** Stores the national defaults unless they are there (every start; never changes them). */
  public Future<Void> seedDefaults() {
    Future<Void> chain = Future.succeededFuture();
    for (Questionnaire questionnaire : DefaultQuestionnaires.all()) {
      chain = chain.compose(v -> store.storeUnlessThere(questionnaire));
    }
    return chain;
  }

  /**
   * A stored version never changes (a change is a new version with a new id), so a version read
   * once holds on every instance for good: kept in memory, no invalidation needed. Ids not found
   * are not kept (another instance may be storing that version now).
   */
  public Future<Optional<Questionnaire>> find(String id) {
    Questionnaire known = versions.get(id);
    if (known != null) {
      return Future.succeededFuture(Optional.of(known));
    }
    return store
        .find(id)
        .onSuccess(
            found ->
                found.ifPresent(
                    q -> {
                      if (versions.size() >= KEPT_VERSIONS) {
                        versions.clear();
                      }
                      versions.put(id, q);
                    }));
  }

  /**
   * What this audience answers now at this reading level: the region's latest of that level, else
   * the national one of that level; an audience with no national version at that level (parents,
   * foster parents: no easy-read yet) gets the standard one.
   */
  public Future<Questionnaire> current(
      Kind kind, Audience audience, ReadingLevel level, String regionId) {
    return (regionId == null
            ? Future.succeededFuture(Optional.<Questionnaire>empty())
            : regionsLatest(kind, audience, level, regionId))
        .compose(
            own ->
                own.isPresent()
                    ? Future.succeededFuture(own)
                    : nationalDefault(kind, audience, level))
        .compose(
            found ->
                found.isPresent() || level == ReadingLevel.STANDARD
                    ? Future.succeededFuture(found.orElseThrow())
                    : current(kind, audience, ReadingLevel.STANDARD, regionId));
  }

  /**
   * A region's latest version of this kind, audience and level (or that it has none), read at most
   * once per freshness ({@code KOERS_REGION_CACHE_FRESHNESS}) per instance: every contact moment
   * and pulse asks it, a region publishes a few times a year. A publication on this instance is
   * known here at once; one on another instance within the freshness, since a version once stored
   * stays valid to answer. A read that started before a publication never puts the older version
   * back (the higher version wins).
   */
  private Future<Optional<Questionnaire>> regionsLatest(
      Kind kind, Audience audience, ReadingLevel level, String regionId) {
    String key = regionalKey(kind, audience, level, regionId);
    Latest known = regional.get(key);
    if (known != null && System.nanoTime() - known.readAtNanos() < regionalFreshnessNanos) {
      return Future.succeededFuture(known.found());
    }
    return store
        .latest(kind, audience, level, Optional.of(regionId))
        .onSuccess(found -> keepLatest(key, found));
  }

  private void keepLatest(String key, Optional<Questionnaire> found) {
    if (regional.size() >= KEPT_VERSIONS) {
      regional.clear();
    }
    regional.merge(
        key,
        new Latest(found, System.nanoTime()),
        (kept, read) -> kept.version() > read.version() ? kept : read);
  }

  private static String regionalKey(
      Kind kind, Audience audience, ReadingLevel level, String regionId) {
    return kind + "/" + audience + "/" + level + "/" + regionId;
  }

  /** What {@link #forgetCachedReads()} drops: the database was put back behind Koers's back. */
  void forget() {
    versions.clear();
    defaults.clear();
    regional.clear();
  }

  /**
   * The national default's latest version at this level: only a start of Koers seeds a new one
   * (regions publish their own), so it is read once per instance, kind, audience and level. An
   * instance started before a deployment with a newer default keeps asking the one it knows until
   * it stops, as its code would anyway. A level with no national version is not kept (asked again).
   */
  private Future<Optional<Questionnaire>> nationalDefault(
      Kind kind, Audience audience, ReadingLevel level) {
    String key = kind + "/" + audience + "/" + level;
    Questionnaire known = defaults.get(key);
    if (known != null) {
      return Future.succeededFuture(Optional.of(known));
    }
    return store
        .latest(kind, audience, level, Optional.empty())
        .onSuccess(found -> found.ifPresent(q -> defaults.put(key, q)));
  }

  /**
   * Publishes a region's next version of a questionnaire. Two admins publishing at once cannot both
   * get the same version: the second answers 409 and may try again.
   */
  public Future<Questionnaire> publish(
      String regionId,
      Kind kind,
      Audience audience,
      Map<String, String> title,
      List<Questionnaire.Item> items) {
    return publish(regionId, kind, audience, ReadingLevel.STANDARD, title, items);
  }

  /** Publishes a region's next version of a questionnaire at a reading level (a key per level). */
  public Future<Questionnaire> publish(
      String regionId,
      Kind kind,
      Audience audience,
      ReadingLevel level,
      Map<String, String> title,
      List<Questionnaire.Item> items) {
    String key =
        (kind.name()
                + "-"
                + audience.name()
                + "-"
                + regionId
                + (level == ReadingLevel.STANDARD ? "" : "-easy"))
            .toLowerCase(Locale.ROOT)
            .replace('_', '-');
    return store
        .latest(kind, audience, level, Optional.of(regionId))
        .compose(
            previous -> {
              Questionnaire next =
                  new Questionnaire(
                      key,
                      previous.map(q -> q.version() + 1).orElse(1),
                      kind,
                      audience,
                      Optional.of(regionId),
                      title,
                      items,
                      level);
              return store
                  .storeNew(next)
                  .compose(
                      stored -> {
                        if (!stored) {
                          return Future.failedFuture(Problem.of(CommonProblem.CONFLICT));
                        }
                        keepLatest(regionalKey(kind, audience, level, regionId), Optional.of(next));
                        return Future.succeededFuture(next);
                      });
            });
  }
}
