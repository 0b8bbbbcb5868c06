package nl.koers.identity;

import io.vertx.ext.web.RoutingContext;
import nl.koers.circle.CircleViews;
import nl.koers.circle.Circles;
import nl.koers.notify.Devices;
import nl.koers.platform.http.Callers;
import nl.koers.platform.http.Replies;
import nl.koers.platform.http.Requests;
import nl.koers.platform.module.Operations;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;

/** Signing in (Firebase, or a demo person in dev mode), refreshing, logging out, and "me". */
public final class SessionRoutes {

  private final FirebaseIdTokens firebase;
  private final Accounts accounts;
  private final Sessions sessions;
  private final Circles circles;
  private final Devices devices;

  public SessionRoutes(
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
        .verify(Requests.body(rc).getString("firebaseIdToken"))
        .compose(
            signIn ->
                accounts.personFor(signIn).compose(person -> sessions.open(person.id(), signIn)))
        .compose(session -> CircleViews.session(circles, session))
        .onComplete(Replies.ok(rc, json -> json));
  }

  public void refreshSession(RoutingContext rc) {
    sessions
        .refresh(Requests.body(rc).getString("refreshToken"))
        .compose(session -> CircleViews.session(circles, session))
        .onComplete(Replies.ok(rc, json -> json));
  }

  public void endSession(RoutingContext rc) {
    sessions
        .logout(Requests.body(rc).getString("refreshToken"))
        // The phone of that sign-in stops getting pushes.
        .compose(
            session ->
                session
                    .map(devices::forgetSession)
                    .orElseGet(() -> io.vertx.core.Future.succeededFuture()))
        .onSuccess(v -> Replies.noContent(rc))
        .onFailure(rc::fail);
  }

  public void getMe(RoutingContext rc) {
    circles
        .me(Callers.of(rc).personId())
        .onSuccess(
            me ->
                me.ifPresentOrElse(
                    found -> Replies.ok(rc, CircleViews.me(found)),
                    () -> rc.fail(Problem.of(CommonProblem.UNAUTHORIZED))))
        .onFailure(rc::fail);
  }

  /** Answers a session with the person it is for (redeeming a code answers one too). */

  /** The operations these routes answer, by the contract's operation id. */
  public Operations operations() {
    return Operations.of()
        .on("createSession", this::createSession)
        .on("refreshSession", this::refreshSession)
        .on("endSession", this::endSession)
        .on("getMe", this::getMe);
  }
}
