package vn.backancity.bot.delivery;

import java.util.List;
import vn.backancity.bot.chat.Reply;

/**
 * A channel's way out: renders a message as the platform messages it becomes, each of which is
 * sent, paced and recorded on its own by the outbox worker.
 */
public interface Sender {
  /** The channel name rows carry in the outbox: "telegram", "zalo". */
  String channel();

  /**
   * The platform messages, in order, that {@code message} to {@code chatId} becomes. Rendering is a
   * pure function of its arguments, so that a retry can resume at the first unsent part.
   */
  List<Part> render(String chatId, Reply message);

  /**
   * As {@link #render(String, Reply)}, for a message that answers the citizen's message {@code
   * replyTo} (the platform's id of it, or null); a channel that cannot quote it ignores it.
   */
  default List<Part> render(String chatId, String replyTo, Reply message) {
    return render(chatId, message);
  }

  /** One platform message, ready to go. */
  interface Part {
    /** Sends it; reports platform and network errors as a {@link Delivery}, never by throwing. */
    Delivery send();
  }
}
