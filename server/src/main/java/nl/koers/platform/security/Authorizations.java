package nl.koers.platform.security;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one request was allowed to do, in the order it was allowed: the checks it passed (so that an
 * idempotent replay can be allowed again the same way, see {@code IdempotentRequests}) and the
 * access-log lines those checks owe. The lines are written just before a successful answer goes out
 * (the HTTP edge's {@code Replies} settles them), so an attempt that ends in a refusal or an error
 * leaves no line behind. The platform does not know what a check means: its kind and facts belong
 * to whoever made it.
 */
public final class Authorizations {

  /** One passed check: who made it ({@code kind}) and what it was about. */
  public record Check(String kind, Map<String, String> facts) {
    public Check {
      facts = Map.copyOf(facts);
    }

    public String fact(String name) {
      return facts.get(name);
    }
  }

  private final boolean readOnly;
  private final List<Check> checks = new ArrayList<>();
  private final List<Supplier<Future<Void>>> owed = new ArrayList<>();

  private Authorizations(boolean readOnly) {
    this.readOnly = readOnly;
  }

  /** A request's record ({@code platform.http.Callers} keeps one per HTTP request). */
  public static Authorizations forRequest(boolean readOnly) {
    return new Authorizations(readOnly);
  }

  /** Outside an HTTP request (background work): nothing is replayed, lines are still owed. */
  public static Authorizations detached(boolean readOnly) {
    return new Authorizations(readOnly);
  }

  /** A GET or HEAD: it can only read, whatever it was allowed. */
  public boolean readOnly() {
    return readOnly;
  }

  /** Notes a passed check and the line it owes to a log, written when the answer is known. */
  public synchronized void passed(Check check, Supplier<Future<Void>> line) {
    checks.add(check);
    owed.add(line);
  }

  /** Notes a passed check that owes no line (a condition a capability checked itself). */
  public synchronized void passed(Check check) {
    checks.add(check);
  }

  /** Whether lines are still owed (an answer that did not settle them). */
  public synchronized boolean owesLines() {
    return !owed.isEmpty();
  }

  public synchronized List<Check> checks() {
    return List.copyOf(checks);
  }

  /** Writes the owed lines, in order, once; called just before a successful answer is sent. */
  public Future<Void> settle() {
    List<Supplier<Future<Void>>> due;
    synchronized (this) {
      due = List.copyOf(owed);
      owed.clear();
    }
    Future<Void> chain = Future.succeededFuture();
    for (Supplier<Future<Void>> line : due) {
      chain = chain.compose(v -> line.get());
    }
    return chain;
  }
}
