package vn.backancity.bot.config;

import java.time.Duration;

/**
 * How inbound updates are worked: {@code workers} threads handle them, a claimed update not
 * finished within {@code lease} is taken again (its worker died), one that fails is tried {@code
 * maxAttempts} times, and finished ones are kept for {@code retention} (so that a platform's
 * redelivery is still recognized) before they are pruned.
 */
public record InboxSettings(int workers, Duration lease, int maxAttempts, Duration retention) {
  public InboxSettings {
    if (workers < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("inbox.workers and inbox.max-attempts must be at least 1");
    }
    if (lease.toMillis() < 1000) {
      throw new IllegalArgumentException("inbox.lease must be at least 1s");
    }
    // Telegram redelivers for up to 24 h: a shorter retention would answer a redelivery twice.
    if (retention.compareTo(Duration.ofHours(25)) < 0) {
      throw new IllegalArgumentException("inbox.retention must be at least 25h");
    }
  }
}
