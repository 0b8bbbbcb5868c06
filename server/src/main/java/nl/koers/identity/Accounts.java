package nl.koers.identity;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.DuplicateKey;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import org.bson.Document;

/**
 * Links a Firebase user (uid) to the person they are in Koers. A first sign-in creates a person
 * with no roles; redeeming an activation code links the account to the person a professional
 * registered instead.
 */
public final class Accounts {

  public static final CollectionSpec SPEC =
      CollectionSpec.of("accounts", CollectionSpec.Index.ascending("byPerson", "personId"));

  private final Documents accounts;
  private final People people;
  private final Clock clock;

  public Accounts(Mongo mongo, People people, Clock clock) {
    this.accounts = mongo.documents(SPEC);
    this.people = people;
    this.clock = clock;
  }

  /** The person of this Firebase user, created (once, even under retries) on first sign-in. */
  public Future<Person> personFor(FirebaseIdTokens.FirebaseIdentity identity) {
    return accounts
        .byId(tombstoneId(identity.uid()))
        .compose(
            erased ->
                erased != null
                    ? Future.failedFuture(
                        Problem.of(CommonProblem.UNAUTHORIZED, "problem.unauthorized.erased"))
                    : linkedPerson(identity.uid())
                        .compose(
                            found ->
                                found
                                    .map(Future::succeededFuture)
                                    .orElseGet(() -> create(identity))));
  }

  /**
   * Erasure: each account of the person becomes a tombstone, found only by a one-way id derived
   * from the Firebase uid, so that the uid never signs in again (not even as a new person) while
   * the database no longer says whose it was. The tombstone is written before the account goes: a
   * run broken off in between leaves both, and the next run deletes the account.
   */
  public Future<Void> erase(String personId) {
    return accounts
        .list(Filters.eq("personId", personId))
        .compose(
            found -> {
              Future<Void> chain = Future.succeededFuture();
              for (Document account : found) {
                String uid = account.getString("_id");
                chain =
                    chain
                        .compose(
                            v ->
                                accounts.upsertById(
                                    tombstoneId(uid),
                                    Updates.setOnInsert("erasedAt", Date.from(clock.instant()))))
                        .compose(v -> accounts.delete(Filters.eq("_id", uid)))
                        .mapEmpty();
              }
              return chain;
            });
  }

  /**
   * The people the first sign-ins of this person's accounts made before each account was linked to
   * them (an activation code redeemed): they hold the name Firebase had. Asked before {@link
   * #erase}, which removes what links them.
   */
  public Future<List<String>> firstSignInsOf(String personId) {
    return accounts
        .list(Filters.eq("personId", personId))
        .map(
            found ->
                found.stream()
                    .map(account -> firstSignInPerson(account.getString("_id")))
                    .filter(first -> !first.equals(personId))
                    .toList());
  }

  /** The person a first sign-in with this Firebase user makes (the same on every retry). */
  static String firstSignInPerson(String uid) {
    return Ids.derived("firebase:" + uid);
  }

  private static String tombstoneId(String uid) {
    return "erased:" + Ids.derived("erased-account:" + uid);
  }

  /** The Firebase uid linked to this person, if any. */
  public Future<Optional<String>> uidOf(String personId) {
    return accounts
        .first(Filters.eq("personId", personId))
        .map(doc -> Optional.ofNullable(doc).map(d -> d.getString("_id")));
  }

  /** Points the account at another person (after an activation code was redeemed). */
  public Future<Void> relink(String uid, String personId) {
    return accounts.updateById(uid, Updates.set("personId", personId)).mapEmpty();
  }

  private Future<Optional<Person>> linkedPerson(String uid) {
    return accounts
        .byId(uid)
        .compose(
            account ->
                account == null
                    ? Future.succeededFuture(Optional.empty())
                    : people.find(account.getString("personId")));
  }

  private Future<Person> create(FirebaseIdTokens.FirebaseIdentity identity) {
    // Derived from the uid: two first sign-ins at once (or a retry) make the same person.
    String personId = firstSignInPerson(identity.uid());
    Person fresh =
        new Person(
            personId,
            Optional.empty(),
            identity.name().orElse(""),
            List.of(),
            Optional.of(clock.instant()));
    Document account =
        new Document("_id", identity.uid())
            .append("personId", personId)
            .append("createdAt", Date.from(clock.instant()));
    return people
        .create(fresh)
        .compose(
            person ->
                accounts
                    .insert(account)
                    .recover(
                        e ->
                            DuplicateKey.is(e) ? Future.succeededFuture() : Future.failedFuture(e)))
        .compose(v -> linkedPerson(identity.uid()))
        .map(Optional::orElseThrow);
  }
}
