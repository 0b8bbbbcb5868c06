package nl.koers.platform.problem;

/**
 * A kind of problem the API answers with: its status and its stable {@code type} ({@code
 * urn:koers:problem:<slug>}). Clients branch on {@code type}, never on text; titles and default
 * details are in the messages files, keyed by slug. Common kinds are {@link CommonProblem}; each
 * capability declares its own kinds in its own enum, so a rule and its refusal live together.
 */
public interface ProblemKind {

  String TYPE_PREFIX = "urn:koers:problem:";

  int status();

  /** The stable last part of {@link #type()}, also the messages' key. */
  String slug();

  default String type() {
    return TYPE_PREFIX + slug();
  }

  /** A capability's own kind: a constant next to its rules. */
  static ProblemKind of(int status, String slug) {
    return new Declared(status, slug);
  }

  /** A kind declared with {@link #of}; equal when status and slug are. */
  record Declared(int status, String slug) implements ProblemKind {}
}
