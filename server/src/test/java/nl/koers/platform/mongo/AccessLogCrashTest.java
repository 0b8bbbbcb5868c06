package nl.koers.platform.mongo;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nl.koers.platform.config.KoersConfig;
import nl.koers.testing.Eventually;
import nl.koers.testing.KoersProcess;
import nl.koers.testing.MongoTest;
import nl.koers.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access-log lines of reads at the same moment go to the database together ({@link
 * GroupedInserts}), and a read is answered only once its line is stored: a process killed in the
 * middle of many reads has lost the line of no read it answered.
 */
class AccessLogCrashTest extends MongoTest {

  private static final int READERS = 8;

  @TempDir Path dir;

  @Test
  void killMinus9DuringManyReadsLosesTheLineOfNoReadItAnswered() throws Exception {
    AtomicInteger answered = new AtomicInteger();
    String samId;
    long linesBefore;
    try (KoersProcess doomed = KoersProcess.start(settings(), dir.resolve("doomed.log"))) {
      String eva = doomed.devSession("pro-eva").getString("accessToken");
      samId = doomed.devSession("sam").getJsonObject("person").getString("id");
      linesBefore = accessLines(samId);
      List<Thread> readers = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        Thread reader =
            new Thread(
                () -> {
                  try {
                    while (doomed.get(eva, "/v1/youth/" + samId).statusCode() == 200) {
                      answered.incrementAndGet();
                    }
                  } catch (RuntimeException connectionGone) {
                    // the process died under this read: it was never answered
                  }
                });
        reader.start();
        readers.add(reader);
      }
      Eventually.until("many reads answered", () -> answered.get() >= 300);

      doomed.kill();
      for (Thread reader : readers) {
        reader.join();
      }
    }

    assertThat(answered.get()).isGreaterThanOrEqualTo(300);
    assertThat(accessLines(samId) - linesBefore)
        .as("a line for every read answered before the kill")
        .isGreaterThanOrEqualTo(answered.get());
  }

  private long accessLines(String youthId) {
    return await(
        mongo.first(mongo.collection("accessLog").countDocuments(Filters.eq("youthId", youthId))));
  }

  private Map<String, String> settings() {
    return Map.of(
        KoersConfig.MONGODB_URI, backend.uri(),
        KoersConfig.MONGODB_DATABASE, database,
        KoersConfig.JWT_KEYS_FILE, TestKeys.file().toString(),
        KoersConfig.DATA_KEY_FILE, TestKeys.dataKeyFile().toString(),
        KoersConfig.DEV_MODE, "true",
        KoersConfig.RATE_LIMIT_PER_MINUTE, "1000000",
        KoersConfig.DATA_DIR, dir.resolve("data").toString());
  }
}
