package nl.koers.feedback;

import io.vertx.core.Future;
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

  public Questionnaires(QuestionnaireStore store) {
    this.store = store;
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
   * A stored version never changes (a change is a new version with a new id), so a national default
   * read once holds on every instance for good: kept in memory, no invalidation needed. Only the
   * national defaults are kept: they are what most pulses ask, they are seeded the same on every
   * start, and a region's versions stay read from the database (a test that goes back to an earlier
   * database may publish a region's version with the same id again). Ids not found are not kept
   * (another instance may be storing that version now).
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
                found
                    .filter(q -> q.regionId().isEmpty())
                    .ifPresent(
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
    return store
        .latest(kind, audience, level, Optional.ofNullable(regionId))
        .compose(
            regional ->
                regional.isPresent()
                    ? Future.succeededFuture(regional)
                    : nationalDefault(kind, audience, level))
        .compose(
            found ->
                found.isPresent() || level == ReadingLevel.STANDARD
                    ? Future.succeededFuture(found.orElseThrow())
                    : current(kind, audience, ReadingLevel.STANDARD, regionId));
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
                      stored ->
                          stored
                              ? Future.succeededFuture(next)
                              : Future.failedFuture(Problem.of(CommonProblem.CONFLICT)));
            });
  }
}
