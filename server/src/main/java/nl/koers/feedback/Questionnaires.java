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

  private final QuestionnaireStore store;

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

  public Future<Optional<Questionnaire>> find(String id) {
    return store.find(id);
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
                    : store.latest(kind, audience, level, Optional.empty()))
        .compose(
            found ->
                found.isPresent() || level == ReadingLevel.STANDARD
                    ? Future.succeededFuture(found.orElseThrow())
                    : current(kind, audience, ReadingLevel.STANDARD, regionId));
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
