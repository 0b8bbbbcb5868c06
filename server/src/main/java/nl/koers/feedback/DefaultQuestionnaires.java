package nl.koers.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.feedback.Questionnaire.Audience;
import nl.koers.feedback.Questionnaire.Item;
import nl.koers.feedback.Questionnaire.ItemType;
import nl.koers.feedback.Questionnaire.Kind;

/**
 * The national defaults, in plain (B1) Dutch and English: a four-item pulse after a contact moment
 * in the spirit of a session rating, and a periodic experience survey in the spirit of the Dutch
 * model questionnaire for youth, with two open questions; for parents the same survey in their
 * words, and for foster parents one about the support they get with the placement (guidance, being
 * reachable, being involved). Regions may publish their own versions. Version 1 of the young
 * people's pulse and survey was the same for every age; what they answer now is worded for their
 * age and reading level ({@link DefaultWordings}).
 */
final class DefaultQuestionnaires {

  private DefaultQuestionnaires() {}

  /** Version 1 of each, then the young people's wordings by age and reading level. */
  static List<Questionnaire> all() {
    List<Questionnaire> all =
        new ArrayList<>(
            List.of(
                pulse("pulse-youth-12-15", Audience.YOUTH_12_15),
                pulse("pulse-youth-16-plus", Audience.YOUTH_16_PLUS),
                survey("survey-youth-12-15", Audience.YOUTH_12_15),
                survey("survey-youth-16-plus", Audience.YOUTH_16_PLUS),
                parentSurvey(),
                fosterParentSurvey()));
    all.addAll(DefaultWordings.all());
    return List.copyOf(all);
  }

  private static Map<String, String> t(String nl, String en) {
    return Map.of("nl", nl, "en", en);
  }

  private static Item smiley(String id, String nl, String en) {
    return new Item(id, ItemType.SMILEY_5, t(nl, en), true, List.of());
  }

  private static Item scale(String id, String nl, String en) {
    return new Item(id, ItemType.SCALE_0_10, t(nl, en), true, List.of());
  }

  private static Item yesNo(String id, String nl, String en) {
    return new Item(id, ItemType.YES_NO, t(nl, en), true, List.of());
  }

  private static Item open(String id, String nl, String en) {
    return new Item(id, ItemType.FREE_TEXT, t(nl, en), false, List.of());
  }

  private static Questionnaire pulse(String key, Audience audience) {
    return new Questionnaire(
        key,
        1,
        Kind.PULSE,
        audience,
        Optional.empty(),
        t("Hoe ging het gesprek?", "How did it go?"),
        List.of(
            smiley("heard", "Ik voelde me gehoord.", "I felt heard."),
            smiley(
                "my-goals",
                "We werkten aan wat ik belangrijk vind.",
                "We worked on what matters to me."),
            smiley("approach", "De manier van werken past bij mij.", "The way we work suits me."),
            smiley("overall", "Hoe was het, alles bij elkaar?", "How was it, all in all?")));
  }

  private static Questionnaire survey(String key, Audience audience) {
    return new Questionnaire(
        key,
        1,
        Kind.SURVEY,
        audience,
        Optional.empty(),
        t("Hoe gaat het met je hulp?", "How is your help going?"),
        List.of(
            smiley("taken-seriously", "Ik word serieus genomen.", "I am taken seriously."),
            smiley("listened", "Er wordt naar mij geluisterd.", "People listen to me."),
            smiley("say", "Ik heb iets te zeggen over mijn hulp.", "I have a say in my help."),
            smiley("fits", "De hulp past bij wat ik nodig heb.", "The help fits what I need."),
            smiley("on-time", "Ik kreeg op tijd hulp.", "I got help in time."),
            smiley("better", "Het gaat nu beter met mij.", "Things are better for me now."),
            smiley(
                "safe", "Ik voel me veilig bij mijn hulpverlener.", "I feel safe with my helper."),
            yesNo(
                "recommend",
                "Zou je deze hulp aanraden aan een vriend?",
                "Would you recommend this help to a friend?"),
            scale(
                "grade",
                "Welk cijfer geef je je hulp? (0 tot 10)",
                "What mark do you give your help? (0 to 10)"),
            open("good", "Wat gaat er goed?", "What is going well?"),
            open("better-next", "Wat kan er beter?", "What could be better?")));
  }

  private static Questionnaire fosterParentSurvey() {
    return new Questionnaire(
        "survey-foster-parent",
        1,
        Kind.SURVEY,
        Audience.FOSTER_PARENT,
        Optional.empty(),
        t("Hoe wordt u gesteund als pleegouder?", "How are you supported as a foster parent?"),
        List.of(
            smiley(
                "know-who",
                "Ik weet bij wie ik terecht kan met vragen.",
                "I know who to turn to with questions."),
            smiley(
                "reachable",
                "Mijn pleegzorgbegeleider is bereikbaar als dat nodig is.",
                "My foster-care worker can be reached when needed."),
            smiley(
                "support-fits", "Ik krijg de steun die ik nodig heb.", "I get the support I need."),
            smiley(
                "involved",
                "Ik word betrokken bij beslissingen over het kind.",
                "I am involved in decisions about the child."),
            smiley(
                "informed",
                "Ik krijg op tijd de informatie die ik nodig heb.",
                "I get the information I need in time."),
            scale(
                "grade",
                "Welk cijfer geeft u de steun? (0 tot 10)",
                "What mark do you give the support? (0 to 10)"),
            open("better-next", "Wat kan er beter?", "What could be better?")));
  }

  private static Questionnaire parentSurvey() {
    return new Questionnaire(
        "survey-parent",
        1,
        Kind.SURVEY,
        Audience.PARENT,
        Optional.empty(),
        t("Hoe gaat de hulp voor uw kind?", "How is the help for your child going?"),
        List.of(
            smiley("taken-seriously", "Ik word serieus genomen.", "I am taken seriously."),
            smiley("informed", "Ik weet wat de hulp inhoudt.", "I know what the help involves."),
            smiley("fits", "De hulp past bij ons gezin.", "The help fits our family."),
            smiley("better", "Het gaat nu beter met mijn kind.", "My child is doing better now."),
            yesNo("recommend", "Zou u deze hulp aanraden?", "Would you recommend this help?"),
            scale(
                "grade",
                "Welk cijfer geeft u de hulp? (0 tot 10)",
                "What mark do you give the help? (0 to 10)"),
            open("better-next", "Wat kan er beter?", "What could be better?")));
  }
}
