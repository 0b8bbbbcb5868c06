package nl.koers.transition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.koers.circle.AgeRules;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Youth;
import nl.koers.circle.YouthRecords;
import nl.koers.circle.YouthRecords.TransitionFacts;
import nl.koers.plan.Plans;
import nl.koers.platform.security.Caller;

/**
 * A case coordinator's caseload: the young people they coordinate now, each with the transition
 * steps still open and when each is due, the most urgent first - so nobody reaches 18 (or the end
 * of extended care) without a steady contact, a plan, a decision or a handover because nobody
 * looked. Whoever coordinates nobody gets an empty list: it is the caller's own overview, and it
 * names only young people whose circle the caller is in.
 *
 * <p>Four round trips whatever its length: the records the caller is a member of (the byMember
 * index), then in parallel the plans, the handovers and the checklists of those listed.
 */
public final class Caseloads {

  /** The open steps, in the order they come when due on the same day. */
  public enum Step {
    CHECKLIST_OVERDUE,
    PLAN_MISSING,
    EXTENDED_CARE_DECISION_MISSING,
    STEADY_CONTACT_MISSING,
    HANDOVER_MISSING,
    TURNING_18
  }

  /** One open step, its due date and where to act on it (a GET of the contract). */
  public record Open(Step step, LocalDate dueOn, boolean overdue, String resource) {}

  /** One young person of the caseload and their open steps, the first due first. */
  public record Line(Youth youth, LocalDate turns18On, List<Open> steps) {
    public Optional<Open> next() {
      return steps.stream().findFirst();
    }
  }

  private static final Comparator<Open> BY_DUE =
      Comparator.comparing(Open::dueOn).thenComparing(Open::step);

  private final YouthRecords records;
  private final CareCircle circle;
  private final Plans plans;
  private final Handovers handovers;
  private final Checklists checklists;
  private final Clock clock;

  Caseloads(
      YouthRecords records,
      CareCircle circle,
      Plans plans,
      Handovers handovers,
      Checklists checklists,
      Clock clock) {
    this.records = records;
    this.circle = circle;
    this.plans = plans;
    this.handovers = handovers;
    this.checklists = checklists;
    this.clock = clock;
  }

  /** The caller's caseload, the young person with the first step due first. */
  public Future<List<Line>> of(Caller caller) {
    return records
        .withMember(caller.personId())
        .compose(
            found -> {
              Map<String, TransitionFacts> byId =
                  found.stream()
                      .collect(Collectors.toMap(f -> f.youth().id(), Function.identity()));
              List<CareCircle.Grant> listed =
                  circle.caseload(caller, found.stream().map(TransitionFacts::youth).toList());
              List<Youth> youth = listed.stream().map(CareCircle.Grant::youth).toList();
              List<String> ids = youth.stream().map(Youth::id).toList();
              return Future.all(
                      plans.started(ids),
                      handovers.recordedFor(ids),
                      checklists.firstOverdue(youth, clock.instant()))
                  .map(
                      all ->
                          lines(
                              ids.stream().map(byId::get).toList(),
                              all.resultAt(0),
                              all.resultAt(1),
                              all.resultAt(2)));
            });
  }

  private List<Line> lines(
      List<TransitionFacts> listed,
      Set<String> withPlan,
      Set<String> withHandover,
      Map<String, LocalDate> firstOverdue) {
    LocalDate today = AgeRules.today(clock.instant());
    List<Line> lines = new ArrayList<>();
    for (TransitionFacts facts : listed) {
      String id = facts.youth().id();
      LocalDate born = facts.youth().dateOfBirth();
      List<Open> steps =
          steps(
              facts,
              !withPlan.contains(id),
              !withHandover.contains(id),
              Optional.ofNullable(firstOverdue.get(id)),
              today);
      steps.sort(BY_DUE);
      lines.add(new Line(facts.youth(), AgeRules.birthday(born, AgeRules.ADULT), steps));
    }
    lines.sort(
        Comparator.comparing((Line line) -> line.next().map(Open::dueOn).orElse(LocalDate.MAX))
            .thenComparing(line -> line.youth().firstName())
            .thenComparing(line -> line.youth().id()));
    return lines;
  }

  /**
   * What is still open while youth care lasts (to 18, or the extended end): the plan from 16, the
   * extended-care decision at 17½, a confirmed steady contact at 17¾, the handover half a year
   * before care ends, overdue checklist items, and the 18th birthday itself.
   */
  private static List<Open> steps(
      TransitionFacts facts,
      boolean noPlan,
      boolean noHandover,
      Optional<LocalDate> firstOverdue,
      LocalDate today) {
    LocalDate born = facts.youth().dateOfBirth();
    String youth = "youth/" + facts.youth().id();
    List<Open> steps = new ArrayList<>();
    LocalDate careEnds = AgeRules.birthday(born, facts.careEndsAtAge());
    if (!today.isBefore(careEnds)) {
      return steps;
    }
    if (noPlan) {
      steps.add(open(Step.PLAN_MISSING, day(Milestones.PLAN_OPENS, born), youth + "/plan", today));
    }
    if (facts.extendedCare().isEmpty()) {
      steps.add(
          open(
              Step.EXTENDED_CARE_DECISION_MISSING,
              day(Milestones.EXTENDED_CARE_DECISION_DUE, born),
              youth + "/transition/extended-care",
              today));
    }
    if (!facts.steadyContactConfirmed()) {
      steps.add(
          open(
              Step.STEADY_CONTACT_MISSING,
              day(Milestones.STEADY_CONTACT_CHECK, born),
              youth + "/steady-contact",
              today));
    }
    if (noHandover) {
      steps.add(
          open(
              Step.HANDOVER_MISSING,
              careEnds.minusMonths(6),
              youth + "/transition/handovers",
              today));
    }
    firstOverdue.ifPresent(
        due ->
            steps.add(open(Step.CHECKLIST_OVERDUE, due, youth + "/transition/checklist", today)));
    LocalDate eighteen = AgeRules.birthday(born, AgeRules.ADULT);
    if (today.isBefore(eighteen)) {
      steps.add(open(Step.TURNING_18, eighteen, youth + "/transition/checklist", today));
    }
    return steps;
  }

  private static LocalDate day(Milestones milestone, LocalDate born) {
    return AgeRules.today(milestone.at(born));
  }

  private static Open open(Step step, LocalDate dueOn, String resource, LocalDate today) {
    return new Open(step, dueOn, dueOn.isBefore(today), resource);
  }
}
