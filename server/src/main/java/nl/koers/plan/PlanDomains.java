package nl.koers.plan;

import java.util.List;
import nl.koers.circle.RelationKind;
import nl.koers.circle.Scope;

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
   * Who sees a domain unless the young person says otherwise: the relations that see the plan by
   * default (their kind's default scopes hold the plan). A JIM sees a domain once the young person
   * names JIM in it.
   */
  public static final List<String> DEFAULT_VISIBLE_TO =
      java.util.Arrays.stream(RelationKind.values())
          .filter(kind -> kind.defaultScopes().contains(Scope.PLAN))
          .map(RelationKind::name)
          .toList();

  private PlanDomains() {}
}
