package nl.koers.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Where MongoDB-backed tests run: the in-JVM MongoDB-compatible server (always), and a real MongoDB
 * 7 replica set in a container wherever Docker is available. Each is started once per test JVM;
 * every test class gets a database of its own.
 */
public enum MongoBackend {
  IN_JVM {
    private MongoServer server;
    private String uri;

    @Override
    synchronized String connectionString() {
      if (server == null) {
        server = new MongoServer(new MemoryBackend());
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        uri = server.getConnectionString();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
      }
      return uri;
    }

    @Override
    public boolean available() {
      return true;
    }
  },

  REAL_MONGODB {
    private MongoDBContainer container;

    @Override
    synchronized String connectionString() {
      if (container == null) {
        // A single-node replica set, as production recommends. With notablescan a query that no
        // index serves fails here instead of reading the whole collection: the proof behind the
        // indexes QueryIndexCheck asks for on the in-JVM server (an empty filter is still let
        // through, by MongoDB's own exception). withCommand replaces withReplicaSet's command,
        // so it repeats --replSet.
        container =
            new MongoDBContainer("mongo:7")
                .withReplicaSet()
                .withCommand("--replSet", "docker-rs", "--setParameter", "notablescan=1");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      }
      return container.getReplicaSetUrl(); // ends in "/test"; uri() strips the database
    }

    @Override
    public boolean available() {
      return Docker.AVAILABLE;
    }
  };

  /**
   * The hint for a test's own look through a collection by a field no index has (which Koers never
   * asks): with notablescan a real MongoDB refuses such a query unless it walks an index on
   * purpose, here the built-in one on {@code _id}.
   */
  public static final Bson SCAN_ON_PURPOSE = new Document("_id", 1);

  private static final AtomicInteger DATABASES = new AtomicInteger();

  abstract String connectionString();

  /** Whether this backend can run here (a real MongoDB needs Docker). */
  public abstract boolean available();

  /** The server's connection string, without a database. */
  public String uri() {
    return connectionString().replaceAll("/[^/:]*$", "");
  }

  /** A database name no other test class uses. */
  public static String freshDatabase() {
    return "koers_test_" + DATABASES.incrementAndGet();
  }

  private static final class Docker {
    static final boolean AVAILABLE = check();

    private static boolean check() {
      try {
        return DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }
  }
}
