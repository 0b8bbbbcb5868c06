package nl.koers.feedback;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words in a statement that may mean the young person is not safe. A match never replaces the
 * statement (it is stored and tasked as any other): the answer only offers the safety signal, so a
 * young person who wrote "ik ben bang thuis" sees at once how to reach someone urgently. The lists
 * are short on purpose - a word too many costs an offer the young person can ignore, a missed one
 * costs nothing the statement's own reply would not bring. Matched on whole words, after
 * lower-casing, in every language at once (a young person may write in either). The lists are
 * documented in README.md ("Statements").
 */
public final class DangerWords {

  /** Per language, the words that offer the safety signal. */
  public static final Map<String, Set<String>> WORDS =
      Map.of(
          "nl",
          Set.of(
              "onveilig",
              "bang",
              "slaan",
              "slaat",
              "sloeg",
              "geslagen",
              "schopt",
              "mishandeld",
              "mishandeling",
              "misbruik",
              "misbruikt",
              "aangerand",
              "verkracht",
              "bedreigd",
              "bedreigt",
              "zelfmoord",
              "suïcide",
              "dood",
              "snijden",
              "weglopen"),
          "en",
          Set.of(
              "unsafe",
              "scared",
              "afraid",
              "hit",
              "hits",
              "beaten",
              "abuse",
              "abused",
              "assaulted",
              "raped",
              "threatened",
              "suicide",
              "kill",
              "dead",
              "cutting",
              "hurts"));

  private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}]+");

  private DangerWords() {}

  /** Whether any whole word of the text is on one of the lists. */
  public static boolean signalDanger(String text) {
    List<String> words = Arrays.asList(NOT_A_LETTER.split(text.toLowerCase(Locale.ROOT).strip()));
    return WORDS.values().stream().anyMatch(list -> words.stream().anyMatch(list::contains));
  }
}
