package nl.koers.platform.mongo;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.koers.platform.config.KoersConfig;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: no MongoDB to install, and data under the data directory survives. */
@ExtendWith(VertxExtension.class)
class EmbeddedMongoTest {

  @TempDir Path dataDir;

  private KoersConfig embedded() {
    return KoersConfig.from(new JsonObject().put(KoersConfig.DATA_DIR, dataDir.toString()));
  }

  @Test
  void whatWasWrittenIsThereAfterARestartOnTheSameDataDirectory(Vertx vertx) {
    MongoConnection first = await(MongoConnection.open(vertx, embedded()));
    await(
        first
            .mongo()
            .write(first.mongo().collection("things").insertOne(new Document("_id", "kept"))));
    await(vertx.executeBlocking(() -> close(first)));

    MongoConnection second = await(MongoConnection.open(vertx, embedded()));
    Document found =
        await(
            second
                .mongo()
                .first(second.mongo().collection("things").find(Filters.eq("_id", "kept"))));
    await(vertx.executeBlocking(() -> close(second)));

    assertThat(found).isNotNull();
    assertThat(Files.exists(dataDir.resolve(MongoConnection.EMBEDDED_FILE))).isTrue();
  }

  @Test
  void creatingCollectionsAndIndexesTwiceIsHarmless(Vertx vertx) {
    MongoConnection connection = await(MongoConnection.open(vertx, embedded()));
    CollectionSpec spec =
        CollectionSpec.of("things", CollectionSpec.Index.ascending("by_owner", "owner", "at"));
    await(connection.mongo().ensure(List.of(spec)));
    await(connection.mongo().ensure(List.of(spec)));
    List<String> names =
        await(connection.mongo().list(connection.mongo().collection("things").listIndexes()))
            .stream()
            .map(index -> index.getString("name"))
            .toList();
    await(vertx.executeBlocking(() -> close(connection)));

    assertThat(names).contains("_id_", "by_owner");
  }

  @Test
  void readsCompleteOnTheCallersVertxContextNotOnADriverThread(Vertx vertx) {
    MongoConnection connection = await(MongoConnection.open(vertx, embedded()));
    String thread =
        await(
            vertx
                .getOrCreateContext()
                .<String>executeBlocking(() -> null)
                .compose(v -> connection.mongo().ping())
                .map(v -> Thread.currentThread().getName()));
    await(vertx.executeBlocking(() -> close(connection)));

    assertThat(thread).startsWith("vert.x-eventloop");
  }

  private static Void close(MongoConnection connection) {
    connection.close();
    return null;
  }
}
