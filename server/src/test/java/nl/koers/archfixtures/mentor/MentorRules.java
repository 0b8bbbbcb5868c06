package nl.koers.archfixtures.mentor;

/** Fixture, allowed: mentor's rules use mentor's own store. */
public class MentorRules {
  public boolean mayNominate(String personId) {
    return new MentorStore().mentorOf(personId) == null;
  }
}
