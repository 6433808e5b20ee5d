package vn.backancity.bot.config;

import java.time.Duration;

/**
 * How the outbox sends: per channel, a global rate (messages per second), one message per chat per
 * {@code perChat}, {@code groupPerMinute} messages a minute to a group, parallel sends, the lease
 * on claimed rows, and retries with exponential backoff. Replies to citizens are retried until
 * {@code replyDeadline}; pushes expire {@code pushExpiry} after their time; finished rows are kept
 * for {@code retention}.
 */
public record DeliverySettings(
    double rate,
    Duration perChat,
    int groupPerMinute,
    int concurrency,
    Duration lease,
    int maxAttempts,
    Duration backoff,
    Duration maxBackoff,
    Duration poll,
    Duration replyDeadline,
    Duration pushExpiry,
    Duration retention) {

  public DeliverySettings {
    if (!(rate > 0 && rate <= 1000)) {
      throw new IllegalArgumentException("delivery.rate must be above 0 and at most 1000");
    }
    if (groupPerMinute < 1 || concurrency < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "delivery.group-per-minute, concurrency and max-attempts must be at least 1");
    }
    if (lease.toMillis() < 1000) {
      throw new IllegalArgumentException("delivery.lease must be at least 1s");
    }
    if (replyDeadline.toMillis() < 1000 || pushExpiry.toMillis() < 60_000) {
      throw new IllegalArgumentException(
          "delivery.reply-deadline must be at least 1s and delivery.push-expiry at least 1m");
    }
    if (retention.toHours() < 1) {
      throw new IllegalArgumentException("delivery.retention must be at least 1h");
    }
  }

  /** The same settings at another rate. */
  public DeliverySettings withRate(double newRate) {
    return new DeliverySettings(
        newRate,
        perChat,
        groupPerMinute,
        concurrency,
        lease,
        maxAttempts,
        backoff,
        maxBackoff,
        poll,
        replyDeadline,
        pushExpiry,
        retention);
  }
}
