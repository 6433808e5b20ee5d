package vn.backancity.bot.inbox;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets the webhooks keep the core during a burst. Acknowledging an update (check, parse, one
 * group-committed insert) costs a fraction of handling it (answer, question log, outbox), and on
 * one core the two share the CPU: handling at full speed while updates pour in halves the
 * acknowledgements. The inbox exists to absorb bursts, so while updates arrive faster than {@link
 * #BURST_PER_SECOND} per core they are handled by one thread at a time, each followed by a pause
 * three times as long as its handling took (at most {@link #SHARE} of that thread's time); once
 * arrivals slow down below {@link #CALM_PER_SECOND} for {@link #CALM_FOR}, every worker thread
 * handles again and the backlog drains. Handling never stops: under an endless flood it goes on at
 * that share, and only what arrives beyond it waits.
 *
 * <p>The rate is read from the inbox's count of accepted updates over windows of {@link #WINDOW} (a
 * longer one when the worker was idle). Time comes from the injected ticker (nanoseconds).
 */
final class HandlingPace {
  /**
   * Arrivals per second and core from which the inbox is handled at a reduced share. Below it one
   * core both acknowledges (about 0.3 ms each) and handles (about 1 ms each) what arrives, so a
   * slower pace would only make citizens wait.
   */
  static final int BURST_PER_SECOND = 400;

  /**
   * Arrivals per second below which a burst is over. Lower than the start: handling at full speed
   * takes the CPU from the webhooks, so that the rate they manage falls below the start's while the
   * senders still push as hard as they can; only arrivals that really slow down end a burst.
   */
  static final int CALM_PER_SECOND = 100;

  static final Duration WINDOW = Duration.ofMillis(250);

  /** How long arrivals must stay below {@link #CALM_PER_SECOND} for a burst to be over. */
  static final Duration CALM_FOR = Duration.ofSeconds(1);

  /** The share of one thread's time that handling takes during a burst. */
  static final double SHARE = 0.25;

  /**
   * The longest an update waits while handling is slowed: a claim whose oldest update waited longer
   * is handled with every worker, burst or not. A steady load the machine can serve, arriving at a
   * rate that never ends the burst, would otherwise grow the backlog for as long as it lasts.
   */
  static final Duration MAX_LAG = Duration.ofSeconds(10);

  /** No pause longer than this (a slow update must not hold the next one back for long). */
  static final Duration MAX_PAUSE = Duration.ofMillis(100);

  private final LongSupplier nanos;
  private final long burstPerSecond;
  private final long calmPerSecond;
  private long windowStart;
  private long acceptedAtStart;
  private boolean burst;
  private long calm; // nanoseconds of calm windows in a row during a burst

  /** A pace for a machine with {@code cores} cores: the rates above are per core. */
  HandlingPace(LongSupplier nanos, int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1");
    }
    this.nanos = nanos;
    this.burstPerSecond = (long) BURST_PER_SECOND * cores;
    this.calmPerSecond = (long) CALM_PER_SECOND * cores;
    this.windowStart = nanos.getAsLong();
  }

  /**
   * Whether updates are arriving in a burst now.
   *
   * @param accepted the inbox's count of updates accepted so far
   */
  synchronized boolean burst(long accepted) {
    long now = nanos.getAsLong();
    long elapsed = now - windowStart;
    if (elapsed >= WINDOW.toNanos()) {
      long arrived = accepted - acceptedAtStart;
      if (!burst) {
        burst = arrived * 1_000_000_000L >= burstPerSecond * elapsed;
        calm = 0;
      } else if (arrived * 1_000_000_000L < calmPerSecond * elapsed) {
        // One slow window is not the end: a commit that waits for a checkpoint stalls arrivals.
        calm += elapsed;
        burst = calm < CALM_FOR.toNanos();
      } else {
        calm = 0;
      }
      windowStart = now;
      acceptedAtStart = accepted;
    }
    return burst;
  }

  /** How long to pause after an update whose handling took {@code handledNanos}, in a burst. */
  static long pauseNanos(long handledNanos) {
    return Math.min((long) (handledNanos * (1 - SHARE) / SHARE), MAX_PAUSE.toNanos());
  }

  /** The ticker's time now. */
  long now() {
    return nanos.getAsLong();
  }
}
