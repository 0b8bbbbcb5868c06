package nl.koers.archfixtures.feedback;

import nl.koers.archfixtures.demo.DemoSeed;

/** Fixture, WRONG on purpose: production code that knows dev mode's demo data. */
public class ReachesTheDemoSeed {
  public String firstYouth() {
    return DemoSeed.firstYouth();
  }
}
