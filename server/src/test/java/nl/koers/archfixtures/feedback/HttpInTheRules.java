package nl.koers.archfixtures.feedback;

import nl.koers.archfixtures.platform.http.HttpHelp;

/** Fixture, WRONG on purpose: a rule that uses the platform's HTTP layer. */
public class HttpInTheRules {
  public String language() {
    return HttpHelp.defaultLanguage();
  }
}
