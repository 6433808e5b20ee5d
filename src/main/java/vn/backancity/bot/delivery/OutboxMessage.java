package vn.backancity.bot.delivery;

/** One claimed outbox row: a message for one chat, as stored. */
public record OutboxMessage(
    long id,
    String channel,
    String chatId,
    String chatKind,
    String kind,
    String payload,
    int attempts) {

  /** Groups (and channels) get fewer messages a minute than private chats. */
  public boolean toGroup() {
    return !"private".equals(chatKind);
  }
}
