package nl.koers.circle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * The age rules of docs/ARCHITECTURE.md, computed on every request from the date of birth, in
 * Europe/Amsterdam: a birthday starts at local midnight. Someone born on 29 February has their
 * birthday on 1 March in other years (the day the full years are complete).
 */
public final class AgeRules {

  public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

  /** Youngest age with an own account. */
  public static final int OWN_ACCOUNT = 12;

  /** From here the young person decides alone (and the future plan opens). */
  public static final int DECIDES_ALONE = 16;

  public static final int ADULT = 18;

  /** Koers follows young adults up to this age at the latest. */
  public static final int OLDEST = 27;

  private AgeRules() {}

  public static LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, ZONE);
  }

  public static int age(LocalDate dateOfBirth, Instant now) {
    return Period.between(dateOfBirth, today(now)).getYears();
  }

  /** The first day on which someone born then is {@code years} old. */
  public static LocalDate birthday(LocalDate dateOfBirth, int years) {
    LocalDate day = dateOfBirth.plusYears(years);
    // plusYears moves 29 February to the 28th; the years are only complete the day after.
    return day.getDayOfMonth() == dateOfBirth.getDayOfMonth() ? day : day.plusDays(1);
  }

  /** The moment (local midnight) someone born then turns {@code years}. */
  public static Instant turns(LocalDate dateOfBirth, int years) {
    return birthday(dateOfBirth, years).atStartOfDay(ZONE).toInstant();
  }

  /** The day the decision on extended (foster) care is due: at 17½. */
  public static LocalDate extendedCareDecisionDue(LocalDate dateOfBirth) {
    return birthday(dateOfBirth, ADULT - 1).plusMonths(6);
  }

  /** Age bands the profile card shows instead of an exact age. */
  public static String ageBand(int age) {
    if (age < DECIDES_ALONE) {
      return "12-15";
    }
    if (age < ADULT) {
      return "16-17";
    }
    return "18-27";
  }

  /**
   * What the young person may ever let a relation of this kind see, at any age (the age-dependent
   * limits are in {@link #effectiveScopes}). Nobody but the case coordinator reads the young
   * person's feedback (what reaches them is the young person's choice per answer), so no relation
   * is given the feedback scope; a JIM sees only what is the young person's own to share (profile,
   * plan, messages, milestones), never their circle or the help they get. The case coordinator's
   * scopes are their duty, not a consent: nobody changes them this way.
   */
  public static Set<Scope> grantable(RelationKind kind) {
    return switch (kind) {
      case JIM -> EnumSet.of(Scope.PROFILE, Scope.PLAN, Scope.MESSAGES, Scope.MILESTONES);
      case CASE_COORDINATOR -> EnumSet.noneOf(Scope.class);
      case PARENT, FOSTER_PARENT, PROFESSIONAL, STEADY_CONTACT, FOSTER_CARE_WORKER ->
          EnumSet.complementOf(EnumSet.of(Scope.FEEDBACK));
    };
  }

  /**
   * What a relation may see now: its scopes, limited by the age rules. Before 16 a parent or foster
   * parent sees what the help is, never the young person's feedback or messages; from 18 a parent
   * sees nothing unless the young adult granted it again after their 18th birthday.
   */
  public static Set<Scope> effectiveScopes(Relation relation, LocalDate dateOfBirth, Instant now) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    scopes.addAll(relation.scopes());
    int age = age(dateOfBirth, now);
    if (age < DECIDES_ALONE && relation.kind().limitedBeforeSixteen()) {
      scopes.remove(Scope.FEEDBACK);
      scopes.remove(Scope.MESSAGES);
    }
    if (endedAtEighteen(relation, dateOfBirth, now)) {
      scopes.clear();
    }
    return scopes;
  }

  /**
   * Whether a relation's access ended at the 18th birthday (a parent the young adult has not kept
   * since): it still stands in the circle's history, but grants nothing and is nobody's circle.
   */
  public static boolean endedAtEighteen(Relation relation, LocalDate dateOfBirth, Instant now) {
    if (age(dateOfBirth, now) < ADULT || !relation.kind().endsAtEighteen()) {
      return false;
    }
    Instant adult = turns(dateOfBirth, ADULT);
    return relation.renewedAsAdultAt().map(at -> at.isBefore(adult)).orElse(true);
  }
}
