package vn.backancity.bot.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket per client (Bucket4j): {@code perMinute} requests at once, refilled evenly over
 * the minute. The buckets live in a bounded Caffeine cache, so a flood of made-up client addresses
 * costs at most {@code maxClients} buckets; a bucket idle for a minute is full again, so forgetting
 * it then changes nothing. Time comes from the injected clock, for tests that move it by hand.
 */
final class ClientRateLimiter {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final Bandwidth limit;
  private final TimeMeter time;
  private final Cache<String, Bucket> buckets;

  ClientRateLimiter(int perMinute, int maxClients, Clock clock) {
    if (perMinute < 1 || maxClients < 1) {
      throw new IllegalArgumentException("rate and client count must be at least 1");
    }
    this.limit = Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, WINDOW).build();
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxClients)
            .expireAfterAccess(WINDOW)
            .ticker(time::currentTimeNanos)
            // Eviction on the calling thread: no background task, and tests see it at once.
            .executor(Runnable::run)
            .build();
  }

  /**
   * Takes one request from the client's allowance.
   *
   * @return 0 when the request may go ahead; else the whole seconds (at least 1) until it would
   */
  long tryAcquire(String client) {
    Bucket bucket =
        buckets.get(
            client, k -> Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return 0;
    }
    long nanos = probe.getNanosToWaitForRefill();
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  /** Clients with a bucket now (after pending evictions). */
  long clients() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }
}
