package vn.backancity.bot.delivery;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The platform counts messages by when they reach it, somewhere between our sending and its answer.
 * Evenly spaced starts are not enough when the network bunches them (a slow first connection, a
 * pause): several delayed messages then land in the same second as later ones. This window closes
 * that gap: a message may start only once the message {@code size} sends earlier has been answered
 * for a whole second, so no {@code size + 1} messages can ever reach the platform within one
 * second, whatever the delays. Times are nanoseconds from an injected ticker.
 */
final class SendWindow {
  private static final long SECOND = 1_000_000_000L;
  private static final long IN_FLIGHT = Long.MAX_VALUE;

  private final long[] answered;
  private final LongSupplier ticker;
  private int next;

  /** At most {@code size} messages reaching the platform in any one second. */
  SendWindow(int size, LongSupplier ticker) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1");
    }
    this.answered = new long[size];
    java.util.Arrays.fill(answered, Long.MIN_VALUE / 2);
    this.ticker = ticker;
  }

  /**
   * Nanoseconds to wait before the next message may start (0: now); while that message is still in
   * flight, one second is reported (it is rechecked after waiting).
   */
  synchronized long waitNanos() {
    long oldest = answered[next];
    if (oldest == IN_FLIGHT) {
      return SECOND;
    }
    return Math.max(0, oldest + SECOND - ticker.getAsLong());
  }

  /** Waits, parking the caller, until a message may start, and takes its slot. */
  int acquire() {
    long wait;
    while ((wait = waitNanos()) > 0) {
      LockSupport.parkNanos(Math.min(wait, 10_000_000L));
    }
    return start();
  }

  /** Takes the next slot now (the caller checked {@link #waitNanos}). */
  synchronized int start() {
    int slot = next;
    answered[slot] = IN_FLIGHT;
    next = (next + 1) % answered.length;
    return slot;
  }

  /** The message in {@code slot} was answered (or failed): its second starts now. */
  synchronized void answered(int slot) {
    answered[slot] = ticker.getAsLong();
  }
}
