package vn.backancity.bot.delivery;

import vn.backancity.bot.chat.Reply;

/** A channel's way out: renders a message in the platform's format and sends it to one chat. */
public interface Sender {
  /** The channel name rows carry in the outbox: "telegram", "zalo". */
  String channel();

  /** Sends; reports platform and network errors as a {@link Delivery}, never by throwing. */
  Delivery send(String chatId, Reply message);
}
