package nl.koers.platform.mongo;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClients;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.testing.MongoTest;
import nl.koers.testing.TestKeys;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a young person's key costs in round trips to the database, counted by the driver: a read on
 * a warm instance must cost none (every API read of free text goes through it), a write one.
 */
class DataKeysRoundTripsTest extends MongoTest {

  private final AtomicInteger askedForKeys = new AtomicInteger();
  private Mongo counted;

  @BeforeEach
  void countCommandsOnDataKeys(Vertx vertx) {
    CommandListener listener =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            BsonValue target = event.getCommand().get(event.getCommandName());
            if (target != null
                && target.isString()
                && target.asString().getValue().equals("dataKeys")) {
              askedForKeys.incrementAndGet();
            }
          }
        };
    counted =
        new Mongo(
            vertx,
            MongoClients.create(
                MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(backend.uri()))
                    .addCommandListener(listener)
                    .build()),
            database,
            Mongo.Durability.NONE);
  }

  @AfterEach
  void closeCounted() {
    if (counted != null) {
      counted.close();
    }
  }

  private DataKeys keys() throws IOException {
    return new DataKeys(counted, FieldCipher.load(TestKeys.dataKeyFile(), false));
  }

  private int roundTrips(Runnable work) {
    int before = askedForKeys.get();
    work.run();
    return askedForKeys.get() - before;
  }

  @Test
  void aWriteAsksOnceAWarmReadNeverAColdPageOnceForAllItsYoungPeople() throws IOException {
    DataKeys writer = keys();
    DataKeys reader = keys();

    assertThat(roundTrips(() -> await(writer.toWrite("sam")))).as("first write").isEqualTo(1);
    assertThat(roundTrips(() -> await(writer.toWrite("sam")))).as("next write").isEqualTo(1);
    assertThat(roundTrips(() -> await(writer.toWrite("noor")))).isEqualTo(1);
    assertThat(roundTrips(() -> await(writer.toRead("sam")))).as("read after write").isZero();
    assertThat(roundTrips(() -> await(reader.toRead("sam")))).as("cold read").isEqualTo(1);
    assertThat(roundTrips(() -> await(reader.toRead("sam")))).as("warm read").isZero();
    assertThat(roundTrips(() -> await(reader.toRead(List.of("sam", "noor", "daan")))))
        .as("a page of three, one of them warm")
        .isEqualTo(1);
    assertThat(roundTrips(() -> await(reader.toRead(List.of("sam", "noor")))))
        .as("the same page again")
        .isZero();
  }

  @Test
  void aDestroyedKeyIsForgottenByTheInstanceThatDestroyedItAtOnce() throws IOException {
    DataKeys keys = keys();
    SealedTexts texts = await(keys.toWrite("sam"));
    org.bson.Document sealed = texts.seal("geheim", "sam/test");

    await(keys.destroy("sam"));

    assertThat(await(keys.toRead("sam")).open(sealed, "sam/test")).isEqualTo(SealedTexts.ERASED);
  }
}
