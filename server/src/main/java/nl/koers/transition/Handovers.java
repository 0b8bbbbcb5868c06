package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Permission;
import nl.koers.circle.RelationKind;
import nl.koers.platform.idempotency.Ids;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;

/**
 * Warm handovers to adult services (Wmo, adult mental health, income support, housing): who, when
 * they meet, and confirmation from both sides - youth care and the adult service.
 */
public final class Handovers {

  public enum Side {
    YOUTH_CARE,
    ADULT_SERVICES
  }

  /** Whom the young adult meets at the adult service. */
  public record Contact(
      String name, String organisation, Optional<String> phone, Optional<String> email) {}

  /** What the case coordinator plans: the kind of service, the contact and the meeting date. */
  public record Plan(String kind, Contact contact, String meetingDate) {}

  /** A handover, and when each side confirmed it. */
  public record Handover(
      String id,
      String youthId,
      String kind,
      Contact contact,
      String meetingDate,
      String createdBy,
      Instant createdAt,
      Optional<Instant> youthCareConfirmedAt,
      Optional<Instant> adultServicesConfirmedAt) {

    /** Both sides confirmed. */
    public boolean complete() {
      return youthCareConfirmedAt.isPresent() && adultServicesConfirmedAt.isPresent();
    }
  }

  private final HandoverStore store;
  private final CareCircle circle;
  private final Clock clock;

  Handovers(HandoverStore store, CareCircle circle, Clock clock) {
    this.store = store;
    this.circle = circle;
    this.clock = clock;
  }

  /** The case coordinator records a planned handover. */
  public Future<Handover> record(Caller caller, String youthId, Plan plan, String seed) {
    Instant now = clock.instant();
    String id = Ids.derived(seed, "handover");
    return circle
        .authorize(
            caller, youthId, Permission.WRITE_PLAN, "youth/" + youthId + "/transition/handovers")
        .compose(
            grant -> {
              coordinatorOnly(grant);
              return store.insertOnce(
                  new Handover(
                      id,
                      youthId,
                      plan.kind(),
                      plan.contact(),
                      plan.meetingDate(),
                      caller.personId(),
                      now,
                      Optional.empty(),
                      Optional.empty()));
            });
  }

  public Future<List<Handover>> list(Caller caller, String youthId) {
    return circle
        .authorize(
            caller, youthId, Permission.READ_PLAN, "youth/" + youthId + "/transition/handovers")
        .compose(grant -> store.ofYouth(youthId));
  }

  /** The case coordinator confirms a side (youth care, or the adult service after the meeting). */
  public Future<Handover> confirm(Caller caller, String youthId, String handoverId, Side side) {
    return circle
        .authorize(
            caller,
            youthId,
            Permission.WRITE_PLAN,
            "youth/" + youthId + "/transition/handovers/" + handoverId)
        .compose(
            grant -> {
              coordinatorOnly(grant);
              return store.confirmUnlessConfirmed(youthId, handoverId, side, clock.instant());
            })
        .compose(v -> store.find(handoverId))
        .map(
            found ->
                found
                    .filter(handover -> youthId.equals(handover.youthId()))
                    .orElseThrow(() -> Problem.of(CommonProblem.NOT_FOUND)));
  }

  /**
   * Of these young people, those with a handover recorded: for overviews that count or list them
   * (the continuity monitor, a caseload), which decide access themselves. One query.
   */
  public Future<java.util.Set<String>> recordedFor(java.util.Collection<String> youthIds) {
    return store.youthWithHandover(youthIds);
  }

  /** Handovers are the case coordinator's work; the young person sees them. */
  private static void coordinatorOnly(CareCircle.Grant grant) {
    if (!grant.capacity().equals(RelationKind.CASE_COORDINATOR.name())) {
      throw Problem.of(CommonProblem.FORBIDDEN);
    }
  }
}
