package nl.koers.archfixtures.demo;

/** Fixture: dev mode's demo data. */
public final class DemoSeed {
  private DemoSeed() {}

  public static String firstYouth() {
    return "demo-youth-1";
  }
}
