package nl.koers.insights;

import com.mongodb.client.model.Filters;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.koers.circle.AgeRules;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.CollectionSpec.Index;
import nl.koers.platform.mongo.Documents;
import nl.koers.platform.mongo.Mongo;
import org.bson.Document;

/**
 * What the region's indicators publish: closed months only, each frozen at its first publication.
 *
 * <p>A month (Europe/Amsterdam) is published from 00:00 on day {@link #PUBLISHED_FROM_DAY} of the
 * next month; before that it is in no answer, so a reader never sees a month move while answers
 * come in. The two days between the month's end and its publication let the relay and the hourly
 * state snapshot (JIM coverage, plan coverage, ...) finish counting it; the state indicators of a
 * month are its last snapshot in that month.
 *
 * <p>At first publication every region's rollup of that month is copied, once, into this collection
 * (one document per region and month, {@code regionId|month}), and then the month's list of regions
 * ({@code *|month}), once: that list decides which copies the month has, so a region that only
 * starts counting later does not join a published comparison. Both are written with {@link
 * Mongo#insertOnce} under deterministic ids: any number of instances may publish at once, the first
 * copy stays and everyone serves it. Facts that arrive for a month after it was published (an
 * answer to an earlier month's request, a signal acted on late) go on being counted in the rollup
 * but never change a published cell: published numbers never move, by any number of people.
 */
public final class PublishedIndicators {

  public static final CollectionSpec SPEC =
      CollectionSpec.of("publishedIndicators", Index.ascending("byMonth", "month"));

  /** A closed month is published from this day of the next month, 00:00 in Amsterdam. */
  public static final int PUBLISHED_FROM_DAY = 3;

  static final String REGION = "region";
  static final String MONTH = "month";

  /** A month of a query's period: published, or from when it will be. */
  public record MonthStatus(YearMonth month, boolean published, Instant publishedFrom) {}

  private final Documents published;
  private final Documents rollups;
  private final Clock clock;

  public PublishedIndicators(Mongo mongo, Clock clock) {
    this.published = mongo.documents(SPEC);
    this.rollups = mongo.documents(Rollups.SPEC);
    this.clock = clock;
  }

  /** When {@code month} is published: 00:00 Amsterdam on day 3 of the next month. */
  public static Instant publishedFrom(YearMonth month) {
    return month.plusMonths(1).atDay(PUBLISHED_FROM_DAY).atStartOfDay(AgeRules.ZONE).toInstant();
  }

  /** The months from {@code from} to {@code to} and whether each is published now. */
  public List<MonthStatus> months(YearMonth from, YearMonth to) {
    Instant now = clock.instant();
    List<MonthStatus> months = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      Instant at = publishedFrom(m);
      months.add(new MonthStatus(m, !now.isBefore(at), at));
    }
    return months;
  }

  /** The latest month that is published now. */
  YearMonth latestPublished() {
    YearMonth month = YearMonth.from(AgeRules.today(clock.instant()));
    while (clock.instant().isBefore(publishedFrom(month))) {
      month = month.minusMonths(1);
    }
    return month;
  }

  /** One region's report from {@code from} to {@code to}: published months only, as frozen. */
  public Future<Insights.Report> report(String regionId, YearMonth from, YearMonth to) {
    List<MonthStatus> months = months(from, to);
    List<String> published =
        months.stream().filter(MonthStatus::published).map(m -> m.month().toString()).toList();
    return frozen(published)
        .compose(
            every ->
                offTheEventLoop(
                    () ->
                        Insights.report(
                            regionId,
                            from,
                            to,
                            months,
                            every.stream()
                                .filter(d -> regionId.equals(d.getString("regionId")))
                                .toList(),
                            every)));
  }

  /**
   * Publishing every region's months for the comparison is CPU work in the tens of milliseconds
   * (benchmark): a worker thread does it, so other requests on the event loop do not wait.
   */
  private static <T> Future<T> offTheEventLoop(java.util.concurrent.Callable<T> work) {
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    if (context == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return context.executeBlocking(work, false);
  }

  /** Publishes the latest published month and the one before, where not yet done (a job). */
  public Future<Integer> publishDue() {
    YearMonth latest = latestPublished();
    return frozen(List.of(latest.minusMonths(1).toString(), latest.toString())).map(List::size);
  }

  /**
   * Every region's frozen rollups of {@code months} (all published): months not published yet are
   * published first.
   */
  Future<List<Document>> frozen(List<String> months) {
    if (months.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return stored(months)
        .compose(
            stored -> {
              Set<String> listed = new HashSet<>();
              stored.forEach(
                  d -> {
                    if (MONTH.equals(d.getString("kind"))) {
                      listed.add(d.getString("month"));
                    }
                  });
              List<String> missing = months.stream().filter(m -> !listed.contains(m)).toList();
              if (missing.isEmpty()) {
                return Future.succeededFuture(served(stored));
              }
              Future<Void> done = Future.succeededFuture();
              for (String month : missing) {
                done = done.compose(v -> publish(month));
              }
              return done.compose(v -> stored(months)).map(PublishedIndicators::served);
            });
  }

  private Future<List<Document>> stored(List<String> months) {
    return published.list(Filters.in("month", months));
  }

  /** The copies each month's list of regions names; nothing else. */
  private static List<Document> served(List<Document> stored) {
    Map<String, Set<String>> regions = new HashMap<>();
    for (Document d : stored) {
      if (MONTH.equals(d.getString("kind"))) {
        regions.put(d.getString("month"), new HashSet<>(d.getList("regions", String.class)));
      }
    }
    List<Document> served = new ArrayList<>();
    for (Document d : stored) {
      if (REGION.equals(d.getString("kind"))
          && regions
              .getOrDefault(d.getString("month"), Set.of())
              .contains(d.getString("regionId"))) {
        served.add(d);
      }
    }
    return served;
  }

  /**
   * The month's first publication: each region's rollup copied once, then the list of regions once.
   * Another instance may be doing the same: whatever was stored first stays.
   */
  private Future<Void> publish(String month) {
    Date at = Date.from(clock.instant());
    return rollups
        .list(rollups.find(Filters.eq("month", month)).projection(new Document("applied", 0)))
        .compose(
            rollups -> {
              Set<String> regions = new TreeSet<>();
              List<Future<Document>> copies = new ArrayList<>();
              for (Document rollup : rollups) {
                String regionId = rollup.getString("regionId");
                regions.add(regionId);
                copies.add(
                    published.insertOnce(
                        new Document("_id", Rollups.id(regionId, month))
                            .append("kind", REGION)
                            .append("regionId", regionId)
                            .append("month", month)
                            .append("synthetic", rollup.getBoolean("synthetic", false))
                            .append("publishedAt", at)
                            .append("cells", rollup.get("cells", new Document()))
                            .append("orgs", rollup.get("orgs", new Document()))));
              }
              return Future.all(copies)
                  .compose(
                      v ->
                          published.insertOnce(
                              new Document("_id", "*|" + month)
                                  .append("kind", MONTH)
                                  .append("month", month)
                                  .append("publishedAt", at)
                                  .append("regions", new ArrayList<>(regions))));
            })
        .mapEmpty();
  }
}
