package vn.backancity.bot.delivery;

/**
 * Told what became of every platform message an outbox worker tried to send, so that deliveries can
 * be counted per channel (metrics) without the worker knowing how they are counted.
 */
@FunctionalInterface
public interface DeliveryOutcomes {
  /** What one send attempt came to, as the worker decided it. */
  enum Outcome {
    /** The platform took the message (or the part). */
    SENT,
    /** It failed in a way worth trying again; the row waits for its backoff. */
    RETRY,
    /** It failed and was given up (a refusal, the attempts or the reply deadline used up). */
    FAILED,
    /** The platform answered 429: the whole channel pauses for its retry_after. */
    RATE_LIMITED,
    /** The chat cannot be reached any more (blocked, deactivated, kicked). */
    CHAT_GONE,
    /** Held by the platform's rules (Zalo's reply window) until the chat writes. */
    HELD
  }

  /** Counts nothing. */
  DeliveryOutcomes NONE = (channel, outcome) -> {};

  void record(String channel, Outcome outcome);
}
