package nl.koers.archfixtures.mentor;

/** Fixture: a capability's storage. */
public class MentorRepository {
  public String find() {
    return "mentor";
  }
}
