package nl.koers.archfixtures.feedback;

import nl.koers.archfixtures.api.DriverTouchingHandler;
import nl.koers.archfixtures.mentor.MentorRepository;

/** Fixture: wrong on purpose — reads another capability's repository and knows a handler. */
public class FeedbackService {
  public String wrong() {
    return new MentorRepository().find() + DriverTouchingHandler.class.getName();
  }
}
