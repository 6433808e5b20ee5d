package vn.backancity.bot.feed;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the poller in the background: every minute (or every interval, when that is shorter) it
 * polls the feeds whose time has come (each feed's next poll is its interval, or its backoff, after
 * the last).
 */
public final class FeedScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);
  static final Duration TICK = Duration.ofMinutes(1);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "feed-poller");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param mayAct true while this instance holds the feed poller's role: one instance of the
   *     cluster polls, so a feed is fetched once per interval
   */
  public FeedScheduler(
      FeedPoller poller, Duration firstDelay, Duration interval, BooleanSupplier mayAct) {
    long tick = Math.max(100, Math.min(TICK.toMillis(), interval.toMillis()));
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            if (!mayAct.getAsBoolean()) {
              return;
            }
            poller.pollAll(false);
          } catch (RuntimeException e) {
            log.error("Feed polling failed", e);
          }
        },
        firstDelay.toMillis(),
        tick,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
