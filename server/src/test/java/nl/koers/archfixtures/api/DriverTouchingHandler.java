package nl.koers.archfixtures.api;

import org.bson.Document;

/** Fixture: wrong on purpose — a handler building a MongoDB query. */
public class DriverTouchingHandler {
  public Object query() {
    return new Document("_id", 1);
  }
}
