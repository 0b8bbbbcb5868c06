package nl.koers.notify;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.StaleVersion;
import nl.koers.platform.mongo.VersionedWrites;
import nl.koers.platform.problem.Problem;
import org.bson.Document;

/**
 * What a person wants pushed, and when not: types they turned off, and quiet hours (default
 * 22:00–07:00, Europe/Amsterdam) during which pushes that are not urgent wait. The safety types
 * cannot be turned off; the urgent ones also ignore quiet hours.
 */
public final class Preferences {

  public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
  public static final CollectionSpec SPEC = CollectionSpec.of("notificationPreferences");

  /** One person's preferences. */
  public record Settings(Set<NotificationType> off, LocalTime quietFrom, LocalTime quietUntil) {

    public static final Settings DEFAULT =
        new Settings(
            EnumSet.noneOf(NotificationType.class), LocalTime.of(22, 0), LocalTime.of(7, 0));

    public boolean wants(NotificationType type) {
      return !type.mayBeTurnedOff() || !off.contains(type);
    }

    /**
     * What a person chose: {@code chosen} says per type whether it is pushed (a type left out is
     * on). Turning a safety type off is refused, naming each such type.
     */
    public static Settings chosen(
        Map<NotificationType, Boolean> chosen, LocalTime quietFrom, LocalTime quietUntil) {
      Set<NotificationType> off = EnumSet.noneOf(NotificationType.class);
      List<Problem.FieldError> refused = new ArrayList<>();
      chosen.forEach(
          (type, on) -> {
            if (!on && !type.mayBeTurnedOff()) {
              refused.add(
                  new Problem.FieldError(
                      "body", null, "/types/" + type.name(), "field.notification-always-on"));
            } else if (!on) {
              off.add(type);
            }
          });
      if (!refused.isEmpty()) {
        String names =
            refused.stream()
                .map(e -> e.pointer().substring("/types/".length()))
                .sorted()
                .collect(java.util.stream.Collectors.joining(", "));
        throw Problem.of(NotifyProblem.ALWAYS_ON, "problem.notification-always-on.detail", names)
            .withErrors(refused);
      }
      return new Settings(off, quietFrom, quietUntil);
    }

    /** When the quiet hours around {@code now} end, or empty when it is not quiet now. */
    public Optional<Instant> quietUntil(Instant now) {
      if (quietFrom.equals(quietUntil)) {
        return Optional.empty();
      }
      ZonedDateTime local = now.atZone(ZONE);
      LocalTime time = local.toLocalTime();
      boolean wraps = quietFrom.isAfter(quietUntil);
      boolean quiet =
          wraps
              ? !time.isBefore(quietFrom) || time.isBefore(quietUntil)
              : !time.isBefore(quietFrom) && time.isBefore(quietUntil);
      if (!quiet) {
        return Optional.empty();
      }
      LocalDate endDay =
          wraps && !time.isBefore(quietFrom)
              ? local.toLocalDate().plusDays(1)
              : local.toLocalDate();
      return Optional.of(endDay.atTime(quietUntil).atZone(ZONE).toInstant());
    }

    Document toDocument(String personId) {
      return new Document("_id", personId)
          .append("off", off.stream().map(Enum::name).sorted().toList())
          .append("quietFrom", quietFrom.toString())
          .append("quietUntil", quietUntil.toString());
    }

    static Settings from(Document doc) {
      Set<NotificationType> off = EnumSet.noneOf(NotificationType.class);
      for (String type : doc.getList("off", String.class, List.of())) {
        off.add(NotificationType.valueOf(type));
      }
      return new Settings(
          off,
          LocalTime.parse(doc.getString("quietFrom")),
          LocalTime.parse(doc.getString("quietUntil")));
    }
  }

  private final Documents preferences;

  public Preferences(Mongo mongo) {
    this.preferences = mongo.documents(SPEC);
  }

  /** A person's settings and the version of their document (0 before they saved any). */
  public record Versioned(Settings settings, long version) {}

  public Future<Settings> of(String personId) {
    return versioned(personId).map(Versioned::settings);
  }

  public Future<Versioned> versioned(String personId) {
    return preferences
        .byId(personId)
        .map(
            doc ->
                doc == null
                    ? new Versioned(Settings.DEFAULT, 0L)
                    : new Versioned(Settings.from(doc), versionOf(doc)));
  }

  /**
   * Saves the settings in one write, only if the person's document is still at {@code
   * expectedVersion} (else {@link StaleVersion}, and nothing changes); answers the new version.
   */
  public Future<Versioned> save(String personId, Settings settings, long expectedVersion) {
    return preferences
        .replaceIfVersion(personId, expectedVersion, settings.toDocument(personId))
        .compose(
            saved ->
                saved
                    ? Future.succeededFuture(new Versioned(settings, expectedVersion + 1))
                    : Future.failedFuture(new StaleVersion(personId, expectedVersion)));
  }

  private static long versionOf(Document doc) {
    Object version = doc.get(VersionedWrites.VERSION);
    return version instanceof Number n ? n.longValue() : 0L;
  }

  /** Erasure: the person's settings. */
  public Future<Void> forget(String personId) {
    return preferences.delete(new Document("_id", personId)).mapEmpty();
  }
}
