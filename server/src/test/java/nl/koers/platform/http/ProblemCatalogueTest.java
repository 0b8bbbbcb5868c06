package nl.koers.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import nl.koers.KoersApp;
import nl.koers.contract.ContractDocument;
import nl.koers.platform.problem.ProblemKind;
import org.junit.jupiter.api.Test;

/**
 * The contract's {@code ProblemType} catalogue is the server's: every kind of problem a capability
 * declares is listed and explained there (so an app can branch on it), and nothing is listed that
 * the server never answers.
 */
class ProblemCatalogueTest {

  @Test
  void theCatalogueListsExactlyTheProblemKindsTheServerDeclares() throws IOException {
    JsonObject catalogue =
        contract()
            .getJsonObject("components")
            .getJsonObject("schemas")
            .getJsonObject("ProblemType");
    Set<String> declared =
        MessagesTest.problemKinds().stream().map(ProblemKind::type).collect(Collectors.toSet());

    assertThat(catalogue.getJsonArray("enum").getList())
        .containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void everyTypeInTheCatalogueIsExplainedWithItsStatus() throws IOException {
    String description =
        contract()
            .getJsonObject("components")
            .getJsonObject("schemas")
            .getJsonObject("ProblemType")
            .getString("description");

    for (ProblemKind kind : MessagesTest.problemKinds()) {
      assertThat(description)
          .as(kind.type())
          .contains("| `" + kind.type() + "` | " + kind.status() + " | ");
    }
  }

  private static JsonObject contract() throws IOException {
    try (InputStream in = KoersApp.class.getClassLoader().getResourceAsStream(KoersApp.CONTRACT)) {
      return ContractDocument.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
