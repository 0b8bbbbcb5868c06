package nl.koers.platform.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;

/** Recognises the answer "a document with this unique key exists already". */
public final class DuplicateKey {

  private DuplicateKey() {}

  public static boolean is(Throwable failure) {
    if (failure instanceof MongoWriteException write) {
      return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
    if (failure instanceof MongoCommandException command) {
      return ErrorCategory.fromErrorCode(command.getErrorCode()) == ErrorCategory.DUPLICATE_KEY;
    }
    return false;
  }
}
