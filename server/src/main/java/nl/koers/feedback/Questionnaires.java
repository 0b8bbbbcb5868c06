package nl.koers.feedback;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.koers.feedback.Questionnaire.Audience;
import nl.koers.feedback.Questionnaire.Kind;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.DuplicateKey;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import org.bson.Document;

/**
 * Published questionnaires. A version, once stored, is never changed: publishing makes the next
 * version. A region's own version, when there is one, replaces the national default for its young
 * people and parents.
 */
public final class Questionnaires {

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "questionnaires", Index.ascending("inUse", "kind", "audience", "regionId", "version"));

  private final Mongo mongo;

  public Questionnaires(Mongo mongo) {
    this.mongo = mongo;
  }

  /** Stores the national defaults unless they are there (every start; never changes them). */
  public Future<Void> seedDefaults() {
    Future<Void> chain = Future.succeededFuture();
    for (Questionnaire questionnaire : DefaultQuestionnaires.all()) {
      chain =
          chain.compose(
              v ->
                  mongo
                      .write(
                          mongo
                              .collection(SPEC.name())
                              .updateOne(
                                  Filters.eq("_id", questionnaire.id()),
                                  new Document("$setOnInsert", questionnaire.toDocument()),
                                  new UpdateOptions().upsert(true)))
                      .mapEmpty());
    }
    return chain;
  }

  public Future<Optional<Questionnaire>> find(String id) {
    return mongo
        .first(mongo.collection(SPEC.name()).find(Filters.eq("_id", id)))
        .map(doc -> Optional.ofNullable(doc).map(Questionnaire::from));
  }

  /** What this audience in this region answers now: the region's latest, else the default's. */
  public Future<Questionnaire> current(Kind kind, Audience audience, String regionId) {
    return latest(kind, audience, regionId)
        .compose(
            regional ->
                regional.isPresent()
                    ? Future.succeededFuture(regional.get())
                    : latest(kind, audience, null).map(Optional::orElseThrow));
  }

  /**
   * Publishes a region's next version of a questionnaire. Two admins publishing at once cannot both
   * get the same version: the second answers 409 and may try again.
   */
  public Future<Questionnaire> publish(
      String regionId,
      Kind kind,
      Audience audience,
      java.util.Map<String, String> title,
      List<Questionnaire.Item> items) {
    String key =
        (kind.name() + "-" + audience.name() + "-" + regionId)
            .toLowerCase(Locale.ROOT)
            .replace('_', '-');
    return latest(kind, audience, regionId)
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
              return mongo
                  .write(mongo.collection(SPEC.name()).insertOne(next.toDocument()))
                  .map(next)
                  .recover(
                      e ->
                          DuplicateKey.is(e)
                              ? Future.failedFuture(Problem.of(CommonProblem.CONFLICT))
                              : Future.failedFuture(e));
            });
  }

  private Future<Optional<Questionnaire>> latest(Kind kind, Audience audience, String regionId) {
    Document filter =
        new Document("kind", kind.name())
            .append("audience", audience.name())
            .append("regionId", regionId);
    return mongo
        .first(
            mongo.collection(SPEC.name()).find(filter).sort(Sorts.descending("version")).limit(1))
        .map(doc -> Optional.ofNullable(doc).map(Questionnaire::from));
  }
}
