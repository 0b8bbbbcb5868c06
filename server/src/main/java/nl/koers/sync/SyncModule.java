package nl.koers.sync;

import nl.koers.circle.CircleModule;
import nl.koers.feedback.FeedbackModule;
import nl.koers.notify.Inbox;
import nl.koers.plan.PlanModule;
import nl.koers.platform.module.KoersModule;
import nl.koers.platform.module.Operations;
import nl.koers.platform.module.Platform;
import nl.koers.transition.TransitionModule;

/**
 * The phone's offline-safe sync: one feed per person of what changed in what they may see ({@code
 * GET /v1/me/changes}). It keeps no documents of its own: each capability answers for its items.
 */
public final class SyncModule implements KoersModule {

  private final Operations operations;

  public SyncModule(
      Platform platform,
      CircleModule circle,
      Inbox inbox,
      FeedbackModule feedback,
      PlanModule plan,
      TransitionModule transition) {
    Changes changes =
        new Changes(
            circle.standings(),
            inbox,
            plan.plans(),
            transition.checklists(),
            transition.conversations(),
            feedback.feedback(),
            platform.clock());
    this.operations = new SyncRoutes(changes).operations();
  }

  @Override
  public Operations operations() {
    return operations;
  }
}
