package nl.koers.platform.http;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.InetSocketAddress;
import java.time.Clock;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.RunningKoers;
import nl.koers.testing.TestKeys;
import org.junit.jupiter.api.Test;

/** A load balancer must be told to stop sending traffic when the database is gone. */
class ReadinessTest {

  @Test
  void whenMongoDbStopsAnsweringTheServerIsNotReadyButStillAlive() {
    MongoServer database = new MongoServer(new MemoryBackend());
    database.bind(new InetSocketAddress("127.0.0.1", 0));
    RunningKoers koers =
        RunningKoers.start(
            new JsonObject()
                .put(KoersConfig.MONGODB_URI, database.getConnectionString())
                .put(KoersConfig.MONGODB_DATABASE, "readiness")
                .put(KoersConfig.JWT_KEYS_FILE, TestKeys.file().toString())
                .put(KoersConfig.DATA_KEY_FILE, TestKeys.dataKeyFile().toString()),
            Clock.systemUTC());
    try {
      assertThat(await(koers.client.get("/health/ready").send()).statusCode()).isEqualTo(200);

      database.shutdownNow();
      HttpResponse<Buffer> ready = await(koers.client.get("/health/ready").send());
      HttpResponse<Buffer> live = await(koers.client.get("/health/live").send());

      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
      assertThat(live.statusCode()).isEqualTo(200);
    } finally {
      koers.close();
    }
  }
}
