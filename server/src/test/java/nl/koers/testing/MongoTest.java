package nl.koers.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.reactivestreams.client.MongoClients;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import nl.koers.platform.mongo.Mongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of every test that touches MongoDB: each subclass runs once against the in-JVM server and
 * once against a real MongoDB (skipped, not failed, where Docker is missing).
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(MongoBackend.class)
@ExtendWith(VertxExtension.class)
public abstract class MongoTest {

  @Parameter protected MongoBackend backend;

  protected Mongo mongo;
  protected String database;

  @BeforeEach
  void connectToMongo(Vertx vertx) {
    assumeTrue(backend.available(), "no Docker here: real MongoDB skipped");
    if (databasePerTest()) {
      database = MongoBackend.freshDatabase();
      mongo = new Mongo(vertx, MongoClients.create(backend.uri()), database, Mongo.Durability.NONE);
    }
  }

  /**
   * Whether each test gets a fresh database here (and {@link #mongo} on it); {@link KoersApiTest}
   * chooses the database of the server its tests share itself.
   */
  protected boolean databasePerTest() {
    return true;
  }

  @AfterEach
  void closeMongo() {
    if (databasePerTest() && mongo != null) {
      mongo.close();
    }
  }
}
