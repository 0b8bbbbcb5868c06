package nl.koers.insights;

import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import nl.koers.circle.AgeRules;
import nl.koers.platform.module.SharedStore;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What happened, as the region's indicators count it: no names, no free text, no person ids. A
 * capability records a fact in the same write as the change it describes (the document's {@link
 * #OUTBOX}); the insights relay adds it to the region's monthly rollup once.
 */
@SharedStore(
    why =
        "A capability records the fact of a change in the same atomic write as the change"
            + " (the embedded outbox), so it builds the fact with Facts; the fact holds no "
            + "names or ids")
public final class Facts {

  /** The embedded list a changed document keeps its facts in until they are counted. */
  public static final String OUTBOX = "insightsOutbox";

  /**
   * The professional whose help a fact is about. Counted as their organisation (and as one of the
   * organisation's contributors, by an opaque token); the id itself never reaches a rollup.
   */
  public static final String ABOUT_HELP_OF = "aboutHelpOf";

  /** Who a cell is about: young people's own answers, their parents', or their foster parents'. */
  public enum Audience {
    YOUTH,
    PARENT,
    FOSTER_PARENT
  }

  private Facts() {}

  /** The age band a young person is counted in. */
  public static String band(LocalDate dateOfBirth, Instant at) {
    int age = AgeRules.age(dateOfBirth, at);
    if (age < AgeRules.DECIDES_ALONE) {
      return "12-15";
    }
    return age < AgeRules.ADULT ? "16-17" : "18+";
  }

  /**
   * The finer band a young adult is counted in by the follow-up indicators: after youth care the
   * question is whether Koers loses touch as they grow older, which one 18+ band cannot show.
   */
  public static String youngAdultBand(LocalDate dateOfBirth, Instant at) {
    int age = AgeRules.age(dateOfBirth, at);
    if (age < 21) {
      return "18-20";
    }
    return age < 24 ? "21-23" : "24-27";
  }

  public static String month(Instant at) {
    return YearMonth.from(AgeRules.today(at)).toString();
  }

  /**
   * A fact: counters to add to one cell (region × month × audience × band) of one indicator. {@code
   * id} makes counting it twice impossible.
   */
  public static Document fact(
      String id,
      String regionId,
      String month,
      Audience audience,
      String band,
      String indicator,
      Map<String, Long> counters,
      Optional<String> aboutHelpOf) {
    return new Document("id", id)
        .append("regionId", regionId)
        .append("month", month)
        .append("cell", audience.name() + "|" + band)
        .append("indicator", indicator)
        .append("counters", new Document(counters))
        .append(ABOUT_HELP_OF, aboutHelpOf.orElse(null));
  }

  /** The update that records facts along with a change (one push per write). */
  public static Bson record(java.util.List<Document> facts) {
    return Updates.pushEach(OUTBOX, facts);
  }
}
