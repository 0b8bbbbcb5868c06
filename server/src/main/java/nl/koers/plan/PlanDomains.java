package nl.koers.plan;

import java.util.List;

/** The life domains of the future plan ("Begin op tijd, begin bij 16"). */
public final class PlanDomains {

  public static final List<String> ALL =
      List.of(
          "wonen",
          "school-en-werk",
          "geld-en-inkomen",
          "schulden",
          "dagbesteding",
          "netwerk-en-relaties",
          "gezondheid-en-zorg",
          "veiligheid-en-justitie",
          "vrije-tijd-en-wensen");

  /**
   * Who sees a domain unless the young person says otherwise: the case coordinator and the steady
   * contact, whose work the plan is. Nobody else (not the JIM, who sees only what the young person
   * shares), since each value lets that relation read the domain.
   */
  public static final List<String> DEFAULT_VISIBLE_TO =
      List.of("CASE_COORDINATOR", "STEADY_CONTACT");

  private PlanDomains() {}
}
