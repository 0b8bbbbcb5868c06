package nl.koers.circle;

import java.util.EnumSet;
import java.util.Set;
import nl.koers.identity.Role;

/** How someone belongs to a young person's care circle, with the scopes it starts with. */
public enum RelationKind {
  PARENT(Role.PARENT, EnumSet.of(Scope.PROFILE, Scope.CIRCLE, Scope.HELP)),
  // Before 16 the age rules take messages away from (foster) parents again.
  FOSTER_PARENT(
      Role.FOSTER_PARENT, EnumSet.of(Scope.PROFILE, Scope.CIRCLE, Scope.HELP, Scope.MESSAGES)),
  /** The JIM sees only what the young person shares; the profile card to begin with. */
  JIM(Role.MENTOR, EnumSet.of(Scope.PROFILE)),
  CASE_COORDINATOR(
      Role.PROFESSIONAL,
      EnumSet.of(
          Scope.PROFILE, Scope.CIRCLE, Scope.HELP, Scope.FEEDBACK, Scope.PLAN, Scope.MESSAGES)),
  PROFESSIONAL(Role.PROFESSIONAL, EnumSet.of(Scope.PROFILE, Scope.CIRCLE, Scope.HELP)),
  STEADY_CONTACT(Role.MENTOR, EnumSet.of(Scope.PROFILE, Scope.PLAN, Scope.MESSAGES)),
  /**
   * The foster-care worker (pleegzorgbegeleider): the professional who guides a foster placement
   * and supports its foster parents. They need to know who the young person is and who is around
   * them (profile, circle), what the help is (help), and to be reachable by the young person
   * (messages); never feedback or the plan unless the young person shares it.
   */
  FOSTER_CARE_WORKER(
      Role.PROFESSIONAL, EnumSet.of(Scope.PROFILE, Scope.CIRCLE, Scope.HELP, Scope.MESSAGES));

  private final Role role;
  private final Set<Scope> defaultScopes;

  RelationKind(Role role, Set<Scope> defaultScopes) {
    this.role = role;
    this.defaultScopes = defaultScopes;
  }

  /** The role this relation gives its holder (a JIM is a mentor). */
  public Role role() {
    return role;
  }

  public Set<Scope> defaultScopes() {
    return EnumSet.copyOf(defaultScopes);
  }

  /** Before 16, parents and foster parents never see the young person's feedback or messages. */
  public boolean limitedBeforeSixteen() {
    return this == PARENT || this == FOSTER_PARENT;
  }

  /** A parent's access ends at 18 unless the young adult grants it again. */
  public boolean endsAtEighteen() {
    return this == PARENT;
  }
}
