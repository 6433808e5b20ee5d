package vn.backancity.bot.delivery;

import java.time.Clock;
import java.time.Duration;
import vn.backancity.bot.chat.Reply;

/**
 * The replies to one inbound update. Each becomes an outbox row in the reply lane, keyed by the
 * update and the reply's position, so that processing the same update again (after a crash, before
 * it was marked done) adds nothing: a citizen gets each answer once. A reply not delivered within
 * the deadline is given up and counted as expired.
 */
public final class Replies {
  private final Outbox outbox;
  private final String inboundKey;
  private final Duration deadline;
  private final Clock clock;
  private int next;

  Replies(Outbox outbox, String inboundKey, Duration deadline, Clock clock) {
    this.outbox = outbox;
    this.inboundKey = inboundKey;
    this.deadline = deadline;
    this.clock = clock;
  }

  /** Queues a reply to a chat (committed when this returns). */
  public void send(Recipient to, Reply reply) {
    send(to, reply, null);
  }

  /**
   * Queues a reply that answers the citizen's message {@code replyTo} (the platform's id of it, or
   * null): a channel that can quote it does (Zalo).
   */
  public void send(Recipient to, Reply reply, String replyTo) {
    String key = "re:" + inboundKey + ":" + next++;
    outbox.enqueueReply(to, key, reply, clock.millis() + deadline.toMillis(), replyTo);
  }
}
