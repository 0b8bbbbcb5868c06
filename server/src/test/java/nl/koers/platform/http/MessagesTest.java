package nl.koers.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
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
      Arrays.stream(ProblemKind.values())
          .forEach(
              kind -> {
                String title = "problem." + kind.slug() + ".title";
                String detail = "problem." + kind.slug() + ".detail";
                assertThat(language.text(title)).as(language + " " + title).isNotEqualTo(title);
                assertThat(language.text(detail)).as(language + " " + detail).isNotEqualTo(detail);
              });
    }
  }

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
