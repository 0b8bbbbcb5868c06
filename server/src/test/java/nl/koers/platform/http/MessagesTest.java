package nl.koers.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

  /** Every problem kind in Koers: the platform's enum and each capability's own constants. */
  static List<ProblemKind> problemKinds() {
    return new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.koers")
            .stream()
            .flatMap(type -> type.getFields().stream())
            .filter(field -> field.getModifiers().contains(JavaModifier.STATIC))
            .filter(field -> field.getRawType().isAssignableTo(ProblemKind.class))
            .map(MessagesTest::valueOf)
            .toList();
  }

  private static ProblemKind valueOf(JavaField field) {
    try {
      java.lang.reflect.Field reflected = field.reflect();
      reflected.setAccessible(true);
      return (ProblemKind) reflected.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
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
