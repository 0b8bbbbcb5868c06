package nl.koers.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import nl.koers.circle.Circles;
import nl.koers.circle.DemoRegion;
import nl.koers.identity.Accounts;
import nl.koers.identity.FirebaseIdTokens;
import nl.koers.identity.Sessions;
import nl.koers.notify.Devices;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.Problem;
import nl.koers.platform.http.ProblemKind;
import nl.koers.platform.http.Replies;

/** Signing in (Firebase, or a demo person in dev mode), refreshing, logging out, and "me". */
public final class SessionHandlers {

  private final FirebaseIdTokens firebase;
  private final Accounts accounts;
  private final Sessions sessions;
  private final Circles circles;
  private final Devices devices;

  public SessionHandlers(
      FirebaseIdTokens firebase,
      Accounts accounts,
      Sessions sessions,
      Circles circles,
      Devices devices) {
    this.firebase = firebase;
    this.accounts = accounts;
    this.sessions = sessions;
    this.circles = circles;
    this.devices = devices;
  }

  public void createSession(RoutingContext rc) {
    firebase
        .verify(body(rc).getString("firebaseIdToken"))
        .compose(
            signIn ->
                accounts.personFor(signIn).compose(person -> sessions.open(person.id(), signIn)))
        .compose(this::withMe)
        .onSuccess(json -> Replies.ok(rc, json))
        .onFailure(rc::fail);
  }

  public void refreshSession(RoutingContext rc) {
    sessions
        .refresh(body(rc).getString("refreshToken"))
        .compose(this::withMe)
        .onSuccess(json -> Replies.ok(rc, json))
        .onFailure(rc::fail);
  }

  public void endSession(RoutingContext rc) {
    sessions
        .logout(body(rc).getString("refreshToken"))
        // The phone of that sign-in stops getting pushes.
        .compose(
            session ->
                session
                    .map(devices::forgetSession)
                    .orElseGet(() -> io.vertx.core.Future.succeededFuture()))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  /** Dev mode only: a session for a demo person, no Firebase needed. */
  public void createDevSession(RoutingContext rc) {
    String handle = body(rc).getString("person");
    if (!DemoRegion.HANDLES.contains(handle)) {
      rc.fail(Problem.of(ProblemKind.NOT_FOUND, "problem.not-found.demo-person"));
      return;
    }
    sessions
        .open(DemoRegion.idOf(handle))
        .compose(this::withMe)
        .onSuccess(json -> Replies.ok(rc, json))
        .onFailure(rc::fail);
  }

  public void getMe(RoutingContext rc) {
    circles
        .me(Caller.of(rc).personId())
        .onSuccess(
            me ->
                me.ifPresentOrElse(
                    found -> Replies.ok(rc, Views.me(found)),
                    () -> rc.fail(Problem.of(ProblemKind.UNAUTHORIZED))))
        .onFailure(rc::fail);
  }

  /** Answers a session with the person it is for (redeeming a code answers one too). */
  Future<JsonObject> withMe(Sessions.Session session) {
    return circles
        .me(session.personId())
        .compose(
            me ->
                me.map(found -> Future.succeededFuture(Views.session(session, found)))
                    .orElseGet(() -> Future.failedFuture(Problem.of(ProblemKind.UNAUTHORIZED))));
  }

  static JsonObject body(RoutingContext rc) {
    return Optional.ofNullable(rc.body().asJsonObject()).orElseGet(JsonObject::new);
  }
}
