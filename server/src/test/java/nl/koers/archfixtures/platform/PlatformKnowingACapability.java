package nl.koers.archfixtures.platform;

import nl.koers.archfixtures.mentor.MentorRules;

/** Fixture, WRONG on purpose: platform code depending on a capability. */
public class PlatformKnowingACapability {
  public boolean wrong() {
    return new MentorRules().mayNominate("p1");
  }
}
