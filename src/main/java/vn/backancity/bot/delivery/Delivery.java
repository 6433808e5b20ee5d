package vn.backancity.bot.delivery;

import java.time.Duration;

/** How one attempt to send an outbox message went, as a channel's {@link Sender} reports it. */
public sealed interface Delivery {
  /** The platform took the message. */
  record Sent() implements Delivery {}

  /** Too many messages: stop sending on this channel for {@code retryAfter}, then resume. */
  record RateLimited(Duration retryAfter) implements Delivery {}

  /** The chat cannot be reached any more (blocked, deactivated, kicked, unfollowed). */
  record ChatGone(String reason) implements Delivery {}

  /** Not sent; {@code retry} when trying later may work (5xx, network), false when it cannot. */
  record Failed(String reason, boolean retry) implements Delivery {}

  /** Not sent now by the platform's rules (Zalo's reply window); kept until the chat writes. */
  record Held(String reason) implements Delivery {}
}
