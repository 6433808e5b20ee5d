package vn.backancity.bot.delivery;

/**
 * One claimed outbox row: a message for one chat, as stored.
 *
 * @param partsSent how many of the platform messages it renders into were already sent
 * @param expiresAt epoch ms after which it is not sent, 0 when it never expires
 * @param replyTo the platform's id of the citizen's message it answers (Zalo quotes it), or null
 */
public record OutboxMessage(
    long id,
    String channel,
    String chatId,
    String chatKind,
    String kind,
    String payload,
    int attempts,
    int partsSent,
    long expiresAt,
    String replyTo) {

  /** Groups (and channels) get fewer messages a minute than private chats. */
  public boolean toGroup() {
    return !"private".equals(chatKind);
  }

  /** A reply to a citizen: retried until its deadline rather than a number of attempts. */
  public boolean reply() {
    return "reply".equals(kind);
  }
}
