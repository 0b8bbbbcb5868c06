package nl.koers.identity;

import nl.koers.circle.CircleModule;
import nl.koers.notify.NotifyModule;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;

/**
 * Signing in, refreshing, signing out and "who am I": identity's operations that answer with the
 * person's circles and forget the device at sign-out, so they come after those modules.
 */
public final class SessionModule implements KoersModule {

  private final SessionRoutes routes;

  public SessionModule(IdentityModule identity, CircleModule circle, NotifyModule notify) {
    this.routes =
        new SessionRoutes(
            identity.firebase(),
            identity.accounts(),
            identity.sessions(),
            circle.circles(),
            notify.devices());
  }

  @Override
  public Operations operations() {
    return routes.operations();
  }
}
