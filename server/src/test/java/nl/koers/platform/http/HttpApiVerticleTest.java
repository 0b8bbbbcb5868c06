package nl.koers.platform.http;

import static nl.koers.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import nl.koers.platform.config.KoersConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several HTTP instances on port 0: one random port, shared, connections spread over them. */
class HttpApiVerticleTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  /** Deploys {@code n} instances answering {@code GET /who} with the thread that served it. */
  private List<HttpApiVerticle> deploy(int n) {
    int port = HttpApiVerticle.sharedPort(0);
    List<HttpApiVerticle> instances = new CopyOnWriteArrayList<>();
    await(
        vertx.deployVerticle(
            () -> {
              HttpApiVerticle one =
                  new HttpApiVerticle(
                      "127.0.0.1",
                      port,
                      1,
                      new KoersConfig.HttpLimits(60, 10, 10_000),
                      new AtomicInteger(),
                      () -> {
                        Router router = Router.router(vertx);
                        router.get("/who").handler(rc -> rc.end(Thread.currentThread().getName()));
                        return Future.succeededFuture(router);
                      });
              instances.add(one);
              return one;
            },
            new DeploymentOptions().setInstances(n)));
    return instances;
  }

  private static Set<Integer> ports(List<HttpApiVerticle> instances) {
    return instances.stream().map(HttpApiVerticle::actualPort).collect(Collectors.toSet());
  }

  @Test
  void instancesOnPortZeroShareOneRandomPortAndEachTakesConnections() {
    List<HttpApiVerticle> instances = deploy(3);

    assertThat(instances).hasSize(3);
    assertThat(ports(instances)).hasSize(1).allSatisfy(port -> assertThat(port).isPositive());
    int port = instances.get(0).actualPort();
    // A new connection per request: Vert.x hands connections to the instances in turn.
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(false));
    Set<String> servedBy = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      servedBy.add(await(client.get("/who").send()).bodyAsString());
    }
    assertThat(servedBy).hasSizeGreaterThan(1);
  }

  @Test
  void twoDeploymentsOnPortZeroInOneVertxGetPortsOfTheirOwn() {
    Set<Integer> first = ports(deploy(2));
    Set<Integer> second = ports(deploy(2));

    assertThat(first).hasSize(1);
    assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
  }
}
