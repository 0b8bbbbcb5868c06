package nl.koers.feedback;

import com.mongodb.client.model.Sorts;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.ReadingLevel;
import nl.koers.feedback.Questionnaire.Audience;
import nl.koers.feedback.Questionnaire.Item;
import nl.koers.feedback.Questionnaire.ItemType;
import nl.koers.feedback.Questionnaire.Kind;
import nl.koers.feedback.Questionnaire.Option;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.DuplicateKey;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * The published questionnaire versions, one document each ({@code _id} = {@code <key>@<version>}).
 * A stored version is never changed. A version stored before reading levels carries none, and is
 * read as standard wording.
 */
public final class QuestionnaireStore {

  public static final CollectionSpec SPEC =
      CollectionSpec.of(
          "questionnaires",
          Index.ascending("inUse", "kind", "audience", "regionId", "version"),
          Index.ascending(
              "inUseByLevel", "kind", "audience", "readingLevel", "regionId", "version"));

  private final Documents questionnaires;

  public QuestionnaireStore(Mongo mongo) {
    this.questionnaires = mongo.documents(SPEC);
  }

  /** Stores this version unless one with its id is there; never changes a stored one. */
  public Future<Void> storeUnlessThere(Questionnaire questionnaire) {
    return questionnaires
        .upsertById(questionnaire.id(), new Document("$setOnInsert", toDocument(questionnaire)))
        .mapEmpty();
  }

  /**
   * Stores a new version; false (nothing stored) when this version exists already, as when two
   * publish the same next version at once.
   */
  public Future<Boolean> storeNew(Questionnaire questionnaire) {
    return questionnaires
        .insert(toDocument(questionnaire))
        .map(true)
        .recover(e -> DuplicateKey.is(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  public Future<Optional<Questionnaire>> find(String id) {
    return questionnaires
        .byId(id)
        .map(doc -> Optional.ofNullable(doc).map(QuestionnaireStore::from));
  }

  /**
   * The highest standard-worded version of this kind and audience: the region's, or the national
   * default's.
   */
  public Future<Optional<Questionnaire>> latest(
      Kind kind, Audience audience, Optional<String> regionId) {
    return latest(kind, audience, ReadingLevel.STANDARD, regionId);
  }

  /**
   * The highest version of this kind, audience and reading level: the region's, or the national
   * default's. A version stored before reading levels has none and is standard.
   */
  public Future<Optional<Questionnaire>> latest(
      Kind kind, Audience audience, ReadingLevel level, Optional<String> regionId) {
    Document filter =
        new Document("kind", kind.name())
            .append("audience", audience.name())
            .append("readingLevel", levelFilter(level))
            .append("regionId", regionId.orElse(null));
    return questionnaires
        .first(questionnaires.find(filter).sort(Sorts.descending("version")).limit(1))
        .map(doc -> Optional.ofNullable(doc).map(QuestionnaireStore::from));
  }

  private static Object levelFilter(ReadingLevel level) {
    return level == ReadingLevel.STANDARD
        ? new Document("$in", Arrays.asList(null, level.name()))
        : level.name();
  }

  private static Document toDocument(Questionnaire questionnaire) {
    return new Document("_id", questionnaire.id())
        .append("key", questionnaire.key())
        .append("version", questionnaire.version())
        .append("kind", questionnaire.kind().name())
        .append("audience", questionnaire.audience().name())
        .append("regionId", questionnaire.regionId().orElse(null))
        .append("readingLevel", questionnaire.readingLevel().name())
        .append("title", new Document(questionnaire.title()))
        .append(
            "items", questionnaire.items().stream().map(QuestionnaireStore::toDocument).toList());
  }

  private static Document toDocument(Item item) {
    return new Document("id", item.id())
        .append("type", item.type().name())
        .append("text", new Document(item.text()))
        .append("required", item.required())
        .append("options", item.options().stream().map(QuestionnaireStore::toDocument).toList())
        .append("pictogram", item.pictogram().orElse(null))
        .append("maxLength", item.maxLength().orElse(null));
  }

  private static Document toDocument(Option option) {
    return new Document("value", option.value()).append("text", new Document(option.text()));
  }

  private static Questionnaire from(Document doc) {
    List<Item> items = new ArrayList<>();
    for (Document item : doc.getList("items", Document.class, List.of())) {
      items.add(item(item));
    }
    return new Questionnaire(
        doc.getString("key"),
        doc.getInteger("version"),
        Kind.valueOf(doc.getString("kind")),
        Audience.valueOf(doc.getString("audience")),
        Optional.ofNullable(doc.getString("regionId")),
        texts(doc.get("title", Document.class)),
        List.copyOf(items),
        ReadingLevel.valueOf(doc.get("readingLevel", ReadingLevel.STANDARD.name())));
  }

  private static Item item(Document doc) {
    List<Option> options = new ArrayList<>();
    for (Document option : doc.getList("options", Document.class, List.of())) {
      options.add(new Option(option.getString("value"), texts(option.get("text", Document.class))));
    }
    return new Item(
        doc.getString("id"),
        ItemType.valueOf(doc.getString("type")),
        texts(doc.get("text", Document.class)),
        doc.getBoolean("required", false),
        List.copyOf(options),
        Optional.ofNullable(doc.getString("pictogram")),
        Optional.ofNullable(doc.getInteger("maxLength")));
  }

  private static Map<String, String> texts(Document doc) {
    Map<String, String> texts = new LinkedHashMap<>();
    if (doc != null) {
      doc.forEach((language, text) -> texts.put(language, String.valueOf(text)));
    }
    return texts;
  }
}
