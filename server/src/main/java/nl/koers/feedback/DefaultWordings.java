package nl.koers.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.ReadingLevel;
import nl.koers.feedback.Questionnaire.Audience;
import nl.koers.feedback.Questionnaire.Item;
import nl.koers.feedback.Questionnaire.ItemType;
import nl.koers.feedback.Questionnaire.Kind;

/**
 * The young people's national pulse and survey worded for their age and reading level. Version 1 of
 * each ({@link DefaultQuestionnaires}) was the same for 12-15 and 16+; a stored version never
 * changes, so the fitting words are version 2 of the same keys (standard) and keys of their own
 * ({@code -easy}, easy-read). Where an item measures the same thing it keeps its id in every
 * variant, so the region counts them together; only the 16+ survey asks one thing more (the future,
 * which starts to matter before 18).
 *
 * <p>12-15: concrete and informal ("je begeleider"), about the talk and home or school. 16+: about
 * their own choices, goals and what comes after 18. Easy-read: one idea a sentence, at most ten
 * words, common words only, and a pictogram key on every item.
 */
final class DefaultWordings {

  /** The most characters the pulse's own free-text item takes: short, and quick to read back. */
  static final int PULSE_COMMENT_LIMIT = 500;

  private DefaultWordings() {}

  static List<Questionnaire> all() {
    return List.of(
        pulseYoung(),
        pulseOlder(),
        pulseYoungEasy(),
        pulseOlderEasy(),
        surveyYoung(),
        surveyOlder(),
        surveyYoungEasy(),
        surveyOlderEasy());
  }

  private static Map<String, String> t(String nl, String en) {
    return Map.of("nl", nl, "en", en);
  }

  /** An item; {@code pictogram} null in standard wording. */
  private static Item item(
      String id, ItemType type, String pictogram, String nl, String en, Optional<Integer> limit) {
    return new Item(
        id,
        type,
        t(nl, en),
        type != ItemType.FREE_TEXT,
        List.of(),
        Optional.ofNullable(pictogram),
        limit);
  }

  private static Item smiley(String id, String pictogram, String nl, String en) {
    return item(id, ItemType.SMILEY_5, pictogram, nl, en, Optional.empty());
  }

  private static Item yesNo(String id, String pictogram, String nl, String en) {
    return item(id, ItemType.YES_NO, pictogram, nl, en, Optional.empty());
  }

  private static Item scale(String id, String pictogram, String nl, String en) {
    return item(id, ItemType.SCALE_0_10, pictogram, nl, en, Optional.empty());
  }

  private static Item open(String id, String pictogram, String nl, String en) {
    return item(id, ItemType.FREE_TEXT, pictogram, nl, en, Optional.empty());
  }

  /** The pulse's optional last item: anything else, in their own words, at most 500 characters. */
  private static Item comment(String pictogram, String nl, String en) {
    return item("comment", ItemType.FREE_TEXT, pictogram, nl, en, Optional.of(PULSE_COMMENT_LIMIT));
  }

  private static Questionnaire standard(
      String key, Kind kind, Audience audience, Map<String, String> title, List<Item> items) {
    return new Questionnaire(
        key, 2, kind, audience, Optional.empty(), title, items, ReadingLevel.STANDARD);
  }

  private static Questionnaire easy(
      String key, Kind kind, Audience audience, Map<String, String> title, List<Item> items) {
    return new Questionnaire(
        key, 1, kind, audience, Optional.empty(), title, items, ReadingLevel.EASY);
  }

  private static Questionnaire pulseYoung() {
    return standard(
        "pulse-youth-12-15",
        Kind.PULSE,
        Audience.YOUTH_12_15,
        t(
            "Hoe ging het gesprek met je begeleider?",
            "How did the talk with your support worker go?"),
        List.of(
            smiley(
                "heard",
                null,
                "Mijn begeleider luisterde echt naar mij.",
                "My support worker really listened to me."),
            smiley(
                "my-goals",
                null,
                "We praatten over dingen die ik belangrijk vind.",
                "We talked about things that matter to me."),
            smiley(
                "approach",
                null,
                "Ik vond het fijn hoe we het samen deden.",
                "I liked the way we did it together."),
            smiley(
                "overall",
                null,
                "Hoe vond je het gesprek, alles bij elkaar?",
                "What did you think of the talk, all in all?"),
            comment(
                null,
                "Wil je nog iets zeggen? Dat mag, het hoeft niet.",
                "Anything else you want to say? You can, you don't have to.")));
  }

  private static Questionnaire pulseOlder() {
    return standard(
        "pulse-youth-16-plus",
        Kind.PULSE,
        Audience.YOUTH_16_PLUS,
        t("Hoe ging het gesprek?", "How did the conversation go?"),
        List.of(
            smiley(
                "heard",
                null,
                "Ik voelde me gehoord en serieus genomen.",
                "I felt heard and taken seriously."),
            smiley(
                "my-goals",
                null,
                "We werkten aan mijn eigen doelen en plannen.",
                "We worked on my own goals and plans."),
            smiley(
                "approach",
                null,
                "Ik kon meebeslissen over hoe we samenwerken.",
                "I had a say in how we work together."),
            smiley(
                "overall",
                null,
                "Hoe was het gesprek, alles bij elkaar?",
                "How was the conversation, all in all?"),
            comment(
                null,
                "Wil je nog iets kwijt over dit gesprek?",
                "Anything else you want to say about this conversation?")));
  }

  private static Questionnaire pulseYoungEasy() {
    return easy(
        "pulse-youth-12-15-easy",
        Kind.PULSE,
        Audience.YOUTH_12_15,
        t("Hoe ging het gesprek?", "How did the talk go?"),
        List.of(
            smiley(
                "heard",
                "heard",
                "Mijn begeleider luisterde naar mij.",
                "My support worker listened to me."),
            smiley(
                "my-goals",
                "goals",
                "We praatten over wat ik belangrijk vind.",
                "We talked about what matters to me."),
            smiley("approach", "way-of-working", "Ik vond het fijn zo.", "I liked how we did it."),
            smiley("overall", "overall", "Hoe was het gesprek?", "How was the talk?"),
            comment("comment", "Wil je nog iets zeggen?", "Anything else you want to say?")));
  }

  private static Questionnaire pulseOlderEasy() {
    return easy(
        "pulse-youth-16-plus-easy",
        Kind.PULSE,
        Audience.YOUTH_16_PLUS,
        t("Hoe ging het gesprek?", "How did the talk go?"),
        List.of(
            smiley("heard", "heard", "Er werd naar mij geluisterd.", "People listened to me."),
            smiley("my-goals", "goals", "Het ging over mijn doelen.", "It was about my goals."),
            smiley("approach", "way-of-working", "Ik mocht meebeslissen.", "I could help decide."),
            smiley("overall", "overall", "Hoe was het gesprek?", "How was the talk?"),
            comment("comment", "Wil je nog iets zeggen?", "Anything else you want to say?")));
  }

  private static Questionnaire surveyYoung() {
    return standard(
        "survey-youth-12-15",
        Kind.SURVEY,
        Audience.YOUTH_12_15,
        t("Hoe gaat het met je hulp?", "How is your help going?"),
        List.of(
            smiley(
                "taken-seriously",
                null,
                "Mijn begeleider neemt mij serieus.",
                "My support worker takes me seriously."),
            smiley(
                "listened",
                null,
                "Mijn begeleider luistert naar wat ik zeg.",
                "My support worker listens to what I say."),
            smiley("say", null, "Ik mag meepraten over mijn hulp.", "I get a say in my help."),
            smiley("fits", null, "Ik krijg de hulp die ik nodig heb.", "I get the help I need."),
            smiley("on-time", null, "Ik kreeg snel genoeg hulp.", "I got help soon enough."),
            smiley(
                "better",
                null,
                "Het gaat nu beter met mij, thuis of op school.",
                "Things are going better for me now, at home or at school."),
            smiley(
                "safe",
                null,
                "Ik voel me veilig bij mijn begeleider.",
                "I feel safe with my support worker."),
            yesNo(
                "recommend",
                null,
                "Zou je deze hulp aanraden aan een vriend of vriendin?",
                "Would you recommend this help to a friend?"),
            scale(
                "grade",
                null,
                "Welk cijfer geef je je hulp? (0 tot 10)",
                "What mark do you give your help? (0 to 10)"),
            open(
                "good", null, "Wat vind je goed aan je hulp?", "What do you like about your help?"),
            open(
                "better-next",
                null,
                "Wat kan je begeleider beter doen?",
                "What could your support worker do better?")));
  }

  private static Questionnaire surveyOlder() {
    return standard(
        "survey-youth-16-plus",
        Kind.SURVEY,
        Audience.YOUTH_16_PLUS,
        t("Hoe gaat het met je hulp?", "How is your help going?"),
        List.of(
            smiley("taken-seriously", null, "Ik word serieus genomen.", "I am taken seriously."),
            smiley("listened", null, "Er wordt naar mij geluisterd.", "People listen to me."),
            smiley(
                "say",
                null,
                "Ik beslis mee over mijn hulp en mijn eigen keuzes.",
                "I have a say in my help and my own choices."),
            smiley(
                "fits", null, "De hulp past bij wat ik nodig heb.", "The help fits what I need."),
            smiley("on-time", null, "Ik kreeg op tijd hulp.", "I got help in time."),
            smiley("better", null, "Het gaat nu beter met mij.", "Things are better for me now."),
            smiley(
                "future",
                null,
                "De hulp bereidt mij voor op later: wonen, school of werk, geld.",
                "The help prepares me for later: housing, school or work, money."),
            smiley(
                "safe",
                null,
                "Ik voel me veilig bij mijn hulpverlener.",
                "I feel safe with my helper."),
            yesNo(
                "recommend",
                null,
                "Zou je deze hulp aanraden aan een vriend?",
                "Would you recommend this help to a friend?"),
            scale(
                "grade",
                null,
                "Welk cijfer geef je je hulp? (0 tot 10)",
                "What mark do you give your help? (0 to 10)"),
            open("good", null, "Wat gaat er goed?", "What is going well?"),
            open("better-next", null, "Wat kan er beter?", "What could be better?")));
  }

  private static Questionnaire surveyYoungEasy() {
    return easy(
        "survey-youth-12-15-easy",
        Kind.SURVEY,
        Audience.YOUTH_12_15,
        t("Hoe gaat je hulp?", "How is your help going?"),
        withEasyEnd(
            smiley(
                "taken-seriously",
                "respect",
                "Mijn begeleider neemt mij serieus.",
                "My support worker takes me seriously."),
            smiley(
                "listened",
                "heard",
                "Mijn begeleider luistert naar mij.",
                "My support worker listens to me."),
            smiley("say", "say", "Ik mag meepraten over mijn hulp.", "I can have my say."),
            smiley("fits", "fits", "Ik krijg de hulp die ik nodig heb.", "I get the help I need."),
            smiley("on-time", "time", "Ik kreeg snel hulp.", "I got help fast."),
            smiley("better", "better", "Het gaat nu beter met mij.", "I am doing better now."),
            smiley(
                "safe",
                "safe",
                "Ik voel me veilig bij mijn begeleider.",
                "I feel safe with my support worker.")));
  }

  private static Questionnaire surveyOlderEasy() {
    return easy(
        "survey-youth-16-plus-easy",
        Kind.SURVEY,
        Audience.YOUTH_16_PLUS,
        t("Hoe gaat je hulp?", "How is your help going?"),
        withEasyEnd(
            smiley(
                "taken-seriously", "respect", "Ik word serieus genomen.", "I am taken seriously."),
            smiley("listened", "heard", "Er wordt naar mij geluisterd.", "People listen to me."),
            smiley("say", "say", "Ik beslis mee over mijn hulp.", "I help decide about my help."),
            smiley("fits", "fits", "De hulp past bij mij.", "The help suits me."),
            smiley("on-time", "time", "Ik kreeg snel hulp.", "I got help fast."),
            smiley("better", "better", "Het gaat nu beter met mij.", "I am doing better now."),
            smiley(
                "future",
                "future",
                "Ik krijg hulp met mijn toekomst.",
                "I get help with my future."),
            smiley(
                "safe",
                "safe",
                "Ik voel me veilig bij mijn hulpverlener.",
                "I feel safe with my helper.")));
  }

  /** The easy survey's last four items, the same for both ages (the mark, in their own words). */
  private static List<Item> withEasyEnd(Item... first) {
    List<Item> items = new ArrayList<>(List.of(first));
    items.add(
        yesNo(
            "recommend",
            "friend",
            "Is deze hulp ook goed voor een vriend?",
            "Would this help be good for a friend too?"));
    items.add(
        scale("grade", "grade", "Welk cijfer geef je? Kies 0 tot 10.", "What mark? Pick 0 to 10."));
    items.add(open("good", "good", "Wat is goed?", "What is good?"));
    items.add(open("better-next", "improve", "Wat kan beter?", "What could be better?"));
    return List.copyOf(items);
  }
}
