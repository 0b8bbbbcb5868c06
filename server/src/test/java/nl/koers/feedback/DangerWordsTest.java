package nl.koers.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The danger words match whole words only, and the README documents exactly the lists in use. */
class DangerWordsTest {

  @Test
  void aWholeWordMatchesInAnyCaseAndAPartOfAWordDoesNot() {
    assertThat(DangerWords.signalDanger("Ik ben BANG.")).isTrue();
    assertThat(DangerWords.signalDanger("he hits me")).isTrue();
    assertThat(DangerWords.signalDanger("Bangkok, white-hot, doodle")).isFalse();
    assertThat(DangerWords.signalDanger("School is saai")).isFalse();
  }

  @Test
  void theReadmeListsTheWordsOfEachLanguage() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    DangerWords.WORDS.forEach(
        (language, words) -> {
          String row =
              readme
                  .lines()
                  .filter(line -> line.startsWith("| " + language + " | "))
                  .findFirst()
                  .orElseThrow();
          Set<String> documented =
              Arrays.stream(row.split("\\|")[2].split(","))
                  .map(String::strip)
                  .collect(Collectors.toSet());
          assertThat(documented).as(language).isEqualTo(words);
        });
  }
}
