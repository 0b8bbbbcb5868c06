package nl.koers.archfixtures.platform;

import nl.koers.archfixtures.feedback.FeedbackService;

/** Fixture: wrong on purpose — platform code depending on a capability. */
public class PlatformKnowingACapability {
  public String wrong() {
    return new FeedbackService().wrong();
  }
}
