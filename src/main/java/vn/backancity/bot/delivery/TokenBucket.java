package vn.backancity.bot.delivery;

import java.util.function.LongSupplier;

/**
 * A rate limit that spaces permits evenly ({@code rate} a second, no bursts: a platform counting
 * messages over any one-second window never sees more than the rate) and can be paused, as after a
 * 429. Times are nanoseconds from an injected ticker.
 */
final class TokenBucket {
  private final long interval;
  private final LongSupplier ticker;
  private long next;
  private long pausedUntil;

  TokenBucket(double rate, LongSupplier ticker) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("rate must be positive");
    }
    this.interval = Math.round(1_000_000_000d / rate);
    this.ticker = ticker;
    this.next = ticker.getAsLong();
    this.pausedUntil = next;
  }

  /** Takes the next permit; returns how many nanoseconds to wait before using it (0: now). */
  synchronized long reserve() {
    long now = ticker.getAsLong();
    long at = Math.max(Math.max(next, now), pausedUntil);
    next = at + interval;
    return at - now;
  }

  /** No permit before {@code nanos} from now (a later pause wins over an earlier one). */
  synchronized void pauseFor(long nanos) {
    long until = ticker.getAsLong() + nanos;
    pausedUntil = Math.max(pausedUntil, until);
    next = Math.max(next, pausedUntil);
  }

  /** Nanoseconds until the pause ends, 0 when not paused. */
  synchronized long pausedFor() {
    return Math.max(0, pausedUntil - ticker.getAsLong());
  }
}
