package nl.koers.archfixtures.feedback;

import org.bson.Document;

/** Fixture, WRONG on purpose: a rule (no store, not legacy) building a MongoDB query. */
public class QueryInTheRules {
  public Object query() {
    return new Document("_id", 1);
  }
}
