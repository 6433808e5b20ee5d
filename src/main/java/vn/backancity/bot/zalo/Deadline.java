package vn.backancity.bot.zalo;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * When one message to Zalo must be over, all its calls together (token refresh, the retry after a
 * rejected token, every part of a long text). On the monotonic clock: it bounds real network time,
 * which no injected clock can speed up.
 */
record Deadline(long nanoTime, Duration length) {
  static Deadline after(Duration length) {
    return new Deadline(System.nanoTime() + length.toNanos(), length);
  }

  /** The time left, or an exception (a network timeout, so retryable) when none is. */
  long nanosLeft() throws InterruptedIOException {
    long left = nanoTime - System.nanoTime();
    if (left <= 0) {
      throw new InterruptedIOException(expired());
    }
    return left;
  }

  String expired() {
    return "timeout: no answer from Zalo within " + length.toMillis() + " ms";
  }
}
