package nl.koers.feedback;

import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.koers.feedback.Questionnaire.Audience;
import nl.koers.feedback.Questionnaire.Kind;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;

/**
 * Published questionnaires. A version, once stored, is never changed: publishing makes the next
 * version. A region's own version, when there is one, replaces the national default for its young
 * people and parents.
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

  /** What this audience in this region answers now: the region's latest, else the default's. */
  public Future<Questionnaire> current(Kind kind, Audience audience, String regionId) {
    return store
        .latest(kind, audience, Optional.ofNullable(regionId))
        .compose(
            regional ->
                regional.isPresent()
                    ? Future.succeededFuture(regional.get())
                    : store.latest(kind, audience, Optional.empty()).map(Optional::orElseThrow));
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
    String key =
        (kind.name() + "-" + audience.name() + "-" + regionId)
            .toLowerCase(Locale.ROOT)
            .replace('_', '-');
    return store
        .latest(kind, audience, Optional.of(regionId))
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
                      items);
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
