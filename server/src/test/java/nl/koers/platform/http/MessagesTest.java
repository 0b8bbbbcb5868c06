package nl.koers.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import nl.koers.platform.problem.ProblemKind;
import org.junit.jupiter.api.Test;

/** Every problem and field text exists in Dutch and English, so no answer shows a bare key. */
class MessagesTest {

  @Test
  void dutchAndEnglishHaveTheSameKeys() throws IOException {
    assertThat(load("messages_nl.properties").stringPropertyNames())
        .isEqualTo(load("messages.properties").stringPropertyNames());
  }

  @Test
  void everyProblemKindHasATitleAndADetailInBothLanguages() {
    for (Language language : Language.values()) {
      problemKinds().stream()
          .forEach(
              kind -> {
                String title = "problem." + kind.slug() + ".title";
                String detail = "problem." + kind.slug() + ".detail";
                assertThat(language.text(title)).as(language + " " + title).isNotEqualTo(title);
                assertThat(language.text(detail)).as(language + " " + detail).isNotEqualTo(detail);
              });
    }
  }

  /** Every enum of problem kinds in Koers: the platform's and each capability's own. */
  private static List<ProblemKind> problemKinds() {
    return new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.koers")
            .stream()
            .filter(JavaClass::isEnum)
            .filter(type -> type.isAssignableTo(ProblemKind.class))
            .flatMap(type -> Arrays.stream(type.reflect().getEnumConstants()))
            .map(ProblemKind.class::cast)
            .toList();
  }

  @Test
  void everyCapabilityDeclaresItsOwnProblemKinds() {
    assertThat(problemKinds())
        .extracting(ProblemKind::slug)
        .contains("mentor-is-parent", "not-found");
  }

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
