package nl.koers.archfixtures.identity;

import nl.koers.platform.module.SharedStore;
import org.bson.Document;

/** Fixture, allowed: a store declared shared. */
@SharedStore(why = "fixture: every capability names people")
public class PeopleStore {
  public String nameOf(String personId) {
    return new Document("_id", personId).getString("name");
  }
}
