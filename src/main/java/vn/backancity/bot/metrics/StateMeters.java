package vn.backancity.bot.metrics;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.catalog.ArticleCatalog;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.inbox.Inbox;
import vn.backancity.bot.search.ArticleIndex;

/**
 * What the service holds and how far behind it is, as gauges: {@code bot.outbox.messages} per
 * channel and status, {@code bot.index.documents}, {@code bot.index.size} (bytes on disk) and
 * {@code bot.index.lag} (article changes in the database that this instance's index does not hold
 * yet). They are read together at most once per {@link #FRESH}, however many scrapes come, so that
 * a flood of scrapes cannot take the connection pool; a part that cannot be read shows as NaN until
 * the next read.
 */
public final class StateMeters implements MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(StateMeters.class);
  static final Duration FRESH = Duration.ofSeconds(2);

  /** Every status an outbox row can have; the gauges of each exist even at 0. */
  static final List<String> STATUSES =
      List.of(
          Outbox.QUEUED,
          Outbox.SENDING,
          Outbox.HELD,
          Outbox.SENT,
          Outbox.FAILED,
          Outbox.BLOCKED,
          Outbox.CANCELLED,
          Outbox.EXPIRED);

  /** One read; {@code outbox} is null and the numbers NaN where the read failed. */
  record Snapshot(
      Map<String, Map<String, Integer>> outbox,
      double documents,
      double bytes,
      double lag,
      double inboxWait) {}

  private final LoadingCache<Boolean, Snapshot> snapshot;
  private final List<String> channels;

  /**
   * @param channels the channels whose outbox gauges are registered
   * @param ticker how time passes for the {@link #FRESH} window
   */
  public StateMeters(
      ArticleIndex index,
      ArticleCatalog catalog,
      Outbox outbox,
      Inbox inbox,
      List<String> channels,
      Ticker ticker) {
    this(
        () ->
            new Snapshot(
                orNull("outbox rows", outbox::channelCounts),
                orNaN("index documents", index::size),
                orNaN("index size", index::bytesOnDisk),
                orNaN("index lag", catalog::lag),
                orNaN("inbox wait", inbox::oldestPendingSeconds)),
        channels,
        ticker);
  }

  StateMeters(Supplier<Snapshot> read, List<String> channels, Ticker ticker) {
    this.channels = List.copyOf(channels);
    // One loader at a time: scrapes that come while it reads wait for its result.
    this.snapshot =
        Caffeine.newBuilder().expireAfterWrite(FRESH).ticker(ticker).build(k -> read.get());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String channel : channels) {
      for (String status : STATUSES) {
        Gauge.builder("bot.outbox.messages", () -> outboxRows(channel, status))
            .description("Outbox rows by channel and status")
            .tags("channel", channel, "status", status)
            .strongReference(true)
            .register(registry);
      }
    }
    Gauge.builder("bot.index.documents", () -> current().documents())
        .description("Articles in this instance's search index")
        .strongReference(true)
        .register(registry);
    Gauge.builder("bot.index.size", () -> current().bytes())
        .description("The search index's files on disk")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
    Gauge.builder("bot.inbox.oldest.pending", () -> current().inboxWait())
        .description("How long the oldest webhook update not yet handled has waited")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
    Gauge.builder("bot.index.lag", () -> current().lag())
        .description("Article changes in the database that this instance's index does not hold yet")
        .strongReference(true)
        .register(registry);
  }

  Snapshot current() {
    return snapshot.get(Boolean.TRUE);
  }

  private double outboxRows(String channel, String status) {
    Map<String, Map<String, Integer>> rows = current().outbox();
    if (rows == null) {
      return Double.NaN;
    }
    return rows.getOrDefault(channel, Map.of()).getOrDefault(status, 0);
  }

  private static <T> T orNull(String what, Supplier<T> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      log.warn("Metrics: cannot read {}: {}", what, e.toString());
      return null;
    }
  }

  private static double orNaN(String what, Supplier<? extends Number> read) {
    Number value = orNull(what, read);
    return value == null ? Double.NaN : value.doubleValue();
  }
}
