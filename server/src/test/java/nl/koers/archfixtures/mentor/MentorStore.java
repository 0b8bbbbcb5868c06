package nl.koers.archfixtures.mentor;

import org.bson.Document;

/** Fixture, allowed: mentor's own store. */
public class MentorStore {
  public String mentorOf(String youthId) {
    return new Document("youthId", youthId).getString("mentorId");
  }
}
