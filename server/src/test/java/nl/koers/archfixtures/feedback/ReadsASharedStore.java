package nl.koers.archfixtures.feedback;

import nl.koers.archfixtures.identity.PeopleStore;

/** Fixture, allowed: reads a store its capability declares shared. */
public class ReadsASharedStore {
  public String nameOf(String personId) {
    return new PeopleStore().nameOf(personId);
  }
}
