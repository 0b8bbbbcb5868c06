package nl.koers.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import nl.koers.platform.http.Language;
import nl.koers.transition.Milestones;
import org.junit.jupiter.api.Test;

/**
 * Every milestone a notification can name has its words in Dutch and English, short enough for a
 * phone, with every number filled in; and the names the server takes are the ones the contract
 * names.
 */
class MilestoneWordsTest {

  private static final Path CONTRACT = Path.of("..", "openapi", "koers.yaml");

  /** The fixed steps, and a follow-up for every month up to nine years after care ends. */
  private static List<String> everyName() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "PLAN_OPENS",
                "CHECKLIST_STARTS",
                "EXTENDED_CARE_DECISION_DUE",
                "STEADY_CONTACT_CHECK",
                "ADULT"));
    IntStream.rangeClosed(1, 108).forEach(n -> names.add("FOLLOW_UP_" + n + "_MONTHS"));
    return names;
  }

  @Test
  void everyMilestoneHasAShortTitleAndTextInBothLanguagesWithNothingLeftToFillIn() {
    List<String> findings = new ArrayList<>();
    for (String name : everyName()) {
      MilestoneWords.Words words = MilestoneWords.of(name).orElseThrow();
      Object[] args = words.args().toArray();
      for (Language language : Language.values()) {
        String title = language.text(words.titleKey(), args);
        String text = language.text(words.textKey(), args);
        if (title.equals(words.titleKey()) || text.equals(words.textKey())) {
          findings.add(language + " " + name + ": no text");
        }
        if (title.length() > 120 || text.length() > 600) {
          findings.add(language + " " + name + ": too long for the contract");
        }
        if ((title + text).matches(".*([{}]|'').*")) {
          findings.add(language + " " + name + ": " + title + " / " + text);
        }
      }
    }
    assertThat(findings).isEmpty();
  }

  @Test
  void aFollowUpSaysMonthsOrWholeYearsInTheSingularWhenThereIsOne() {
    assertThat(text(Language.NL, "FOLLOW_UP_1_MONTHS")).startsWith("Je jeugdzorg stopte een maand");
    assertThat(text(Language.EN, "FOLLOW_UP_1_MONTHS")).startsWith("Your youth care ended a month");
    assertThat(text(Language.NL, "FOLLOW_UP_3_MONTHS")).contains("3 maanden geleden");
    assertThat(text(Language.NL, "FOLLOW_UP_12_MONTHS")).contains("een jaar geleden");
    assertThat(text(Language.EN, "FOLLOW_UP_12_MONTHS")).contains("a year ago");
    assertThat(text(Language.NL, "FOLLOW_UP_18_MONTHS")).contains("18 maanden geleden");
    assertThat(text(Language.EN, "FOLLOW_UP_108_MONTHS")).contains("9 years ago");
  }

  @Test
  void everyMilestoneTheTransitionKnowsHasWords() {
    // Every step of the longest schedule: care to 18, a region that follows young adults to 27.
    for (Milestones.Step step : Milestones.schedule(java.time.LocalDate.of(2008, 2, 29), 18, 27)) {
      if (step.kind().speaks()) {
        assertThat(MilestoneWords.of(step.name())).as(step.name()).isPresent();
      }
    }
  }

  @Test
  void theContractNamesExactlyTheMilestonesTheServerHasWordsFor() throws IOException {
    Matcher schema =
        Pattern.compile("(?s)\\n    NotificationMilestone:\\n.*?\\n      pattern: '([^']*)'")
            .matcher(Files.readString(CONTRACT));
    assertThat(schema.find()).isTrue();
    assertThat(schema.group(1)).isEqualTo("^(" + MilestoneWords.NAME.pattern() + ")$");
  }

  @Test
  void theWordsAreOnlyForTheYoungPersonTheMilestoneIsAbout() {
    assertThat(
            MilestoneWords.forRecipient(
                java.util.Optional.of("ADULT"), "sam", java.util.Optional.of("sam")))
        .isPresent();
    assertThat(
            MilestoneWords.forRecipient(
                java.util.Optional.of("ADULT"), "eva", java.util.Optional.of("sam")))
        .isEmpty();
    assertThat(
            MilestoneWords.forRecipient(
                java.util.Optional.of("ADULT"), "sam", java.util.Optional.empty()))
        .isEmpty();
    assertThat(
            MilestoneWords.forRecipient(
                java.util.Optional.empty(), "sam", java.util.Optional.of("sam")))
        .isEmpty();
  }

  @Test
  void anIntentKeepsItsMilestoneInTheOutboxAndOneWithoutReadsAsBefore() {
    NotificationIntent plain =
        NotificationIntent.keyed(
            "sam/milestone/ADULT",
            NotificationType.MILESTONE,
            "sam",
            java.util.Optional.of("sam"),
            "youth/sam/circle/confirmation",
            java.time.Instant.parse("2026-12-04T23:00:00Z"));
    NotificationIntent adult = plain.withMilestone("ADULT");

    assertThat(plain.toDocument()).doesNotContainKey("milestone");
    assertThat(NotificationIntent.from(plain.toDocument())).isEqualTo(plain);
    assertThat(adult.toDocument().getString("milestone")).isEqualTo("ADULT");
    assertThat(NotificationIntent.from(adult.toDocument())).isEqualTo(adult);
    assertThat(adult.id()).as("the same intent, so a retry still makes one").isEqualTo(plain.id());
  }

  private static String text(Language language, String milestone) {
    MilestoneWords.Words words = MilestoneWords.of(milestone).orElseThrow();
    return language.text(words.textKey(), words.args().toArray());
  }
}
