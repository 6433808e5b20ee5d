package vn.backancity.bot.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test sets and moves by hand: frozen, or running (moving with real time from where it
 * was set, for tests where real-time workers and a jumped date meet).
 */
public final class MutableClock extends Clock {
  private final boolean running;
  private volatile Instant base;
  private volatile long baseNanos;

  public MutableClock(Instant start) {
    this(start, false);
  }

  public MutableClock(Instant start, boolean running) {
    this.running = running;
    set(start);
  }

  public synchronized void set(Instant instant) {
    base = instant;
    baseNanos = System.nanoTime();
  }

  public synchronized void advance(Duration d) {
    set(instant().plus(d));
  }

  @Override
  public Instant instant() {
    return running ? base.plusNanos(System.nanoTime() - baseNanos) : base;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new Clock() {
      @Override
      public Instant instant() {
        return MutableClock.this.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return MutableClock.this.withZone(other);
      }
    };
  }
}
