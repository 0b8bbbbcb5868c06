package nl.koers.platform.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.event.CommandListener;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import nl.koers.platform.config.KoersConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to the configured MongoDB, or, without {@code MONGODB_URI}, starts the embedded
 * MongoDB-compatible stand-in that keeps its data in a file under the data directory.
 */
public final class MongoConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MongoConnection.class);
  static final String EMBEDDED_FILE = "koers-mongo.mv";

  /**
   * Listeners every client made from now on reports its commands to: how benchmarks and budget
   * tests count round trips per request. Empty unless a test or benchmark adds one, so production
   * clients are built exactly as before.
   */
  private static final List<CommandListener> LISTENERS = new CopyOnWriteArrayList<>();

  private final Mongo mongo;
  private final MongoServer embeddedServer;

  private MongoConnection(Mongo mongo, MongoServer embeddedServer) {
    this.mongo = mongo;
    this.embeddedServer = embeddedServer;
  }

  /**
   * Reports the commands of every client opened after this call to {@code listener}, until the
   * answer is closed (clients opened before are not affected).
   */
  public static AutoCloseable listenWith(CommandListener listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  public Mongo mongo() {
    return mongo;
  }

  /** Opens the connection; blocking work (opening the H2 file) runs off the event loop. */
  public static Future<MongoConnection> open(Vertx vertx, KoersConfig config) {
    if (config.mongoUri().isPresent()) {
      return Future.succeededFuture(
          new MongoConnection(
              new Mongo(
                  vertx,
                  MongoClients.create(settings(config.mongoUri().get())),
                  config.mongoDatabase(),
                  Mongo.Durability.NONE),
              null));
    }
    return vertx.executeBlocking(() -> startEmbedded(vertx, config), false);
  }

  private static MongoConnection startEmbedded(Vertx vertx, KoersConfig config) {
    Path dir = config.dataDir().toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir, e);
    }
    H2Backend backend = new H2Backend(dir.resolve(EMBEDDED_FILE).toString());
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    LOG.atInfo()
        .addKeyValue("dataDir", dir.toString())
        .log("embedded MongoDB stand-in started (not for production)");
    // H2 commits about once a second on its own; committing after every acknowledged write keeps
    // what the server answered "201" to, even after a kill -9.
    Mongo.Durability commitToDisk = () -> vertx.executeBlocking(() -> commit(backend), false);
    Mongo mongo =
        new Mongo(
            vertx,
            MongoClients.create(settings(server.getConnectionString())),
            config.mongoDatabase(),
            commitToDisk);
    return new MongoConnection(mongo, server);
  }

  private static Void commit(H2Backend backend) {
    backend.commit();
    return null;
  }

  private static MongoClientSettings settings(String uri) {
    ConnectionString connection = new ConnectionString(uri);
    MongoClientSettings.Builder builder =
        MongoClientSettings.builder()
            .applyConnectionString(connection)
            .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS));
    if (connection.getWriteConcern() == null) {
      builder.writeConcern(WriteConcern.MAJORITY);
    }
    // Tests check every query's shape against the declared indexes (QueryIndexCheck).
    QueryShapes.recording().ifPresent(builder::addCommandListener);
    LISTENERS.forEach(builder::addCommandListener);
    return builder.build();
  }

  /** Closing the driver (and the embedded server) blocks: off the event loop. */
  public Future<Void> closeOffTheEventLoop(Vertx vertx) {
    return vertx.executeBlocking(
        () -> {
          close();
          return null;
        },
        false);
  }

  /** Closes the client, then shuts the embedded server down cleanly (which writes its file). */
  @Override
  public void close() {
    mongo.close();
    if (embeddedServer != null) {
      embeddedServer.shutdown();
    }
  }
}
