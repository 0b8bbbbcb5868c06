package nl.koers.archfixtures.feedback;

import nl.koers.archfixtures.mentor.MentorStore;

/** Fixture, WRONG on purpose: reads mentor's store instead of asking mentor's service. */
public class ReadsAnotherCapabilitysStore {
  public String mentorOf(String youthId) {
    return new MentorStore().mentorOf(youthId);
  }
}
