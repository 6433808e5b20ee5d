package vn.backancity.bot.zalo;

import java.util.ArrayList;
import java.util.List;
import vn.backancity.bot.chat.ChatLanguages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.delivery.Delivery;
import vn.backancity.bot.delivery.Sender;

/**
 * The outbox's way out to Zalo. A push to a user outside the reply window (48 h, 8 messages) is not
 * sent blindly: it is held until the user writes again, or, when configured, sent as a paid
 * message. Zalo's errors: no answer (the deadline included) → retry later; -213 (not a follower) →
 * chat gone; -230/-232 (no recent interaction) → held; others → failed with Zalo's message.
 */
final class ZaloSender implements Sender {
  static final String CHANNEL = "zalo";
  static final int NOT_FOLLOWER = -213;
  static final List<Integer> NO_INTERACTION = List.of(-230, -232);

  private final ZaloGateway gateway;
  private final ReplyWindows windows;
  private final boolean paidOutsideWindow;
  private final ChatLanguages languages;
  private final ZaloFormatter formatter = new ZaloFormatter();

  ZaloSender(ZaloGateway gateway, ReplyWindows windows, boolean paidOutsideWindow) {
    this(gateway, windows, paidOutsideWindow, ChatLanguages.VIETNAMESE);
  }

  /**
   * @param languages each chat's language, for the bot's own words in what it renders
   */
  ZaloSender(
      ZaloGateway gateway,
      ReplyWindows windows,
      boolean paidOutsideWindow,
      ChatLanguages languages) {
    this.languages = languages;
    this.gateway = gateway;
    this.windows = windows;
    this.paidOutsideWindow = paidOutsideWindow;
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public List<Part> render(String chatId, Reply message) {
    return render(chatId, null, message);
  }

  /** The answer's first message quotes the user's question ({@code replyTo}, its msg_id). */
  @Override
  public List<Part> render(String chatId, String replyTo, Reply message) {
    List<ZaloMessage> messages = formatter.messages(message, languages.of(CHANNEL, chatId));
    List<Part> parts = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      ZaloMessage m = messages.get(i);
      String quote = i == 0 ? replyTo : null;
      parts.add(() -> send(chatId, m, quote));
    }
    return parts;
  }

  /**
   * One message: each counts against the reply window's free messages, a quoting one too (it is a
   * consultation message like any other). A quote Zalo refuses never costs the answer: it is sent
   * again, unquoted, within the same deadline and the same free message.
   */
  private Delivery send(String chatId, ZaloMessage text, String quote) {
    String path = ZaloGateway.CS;
    if (!windows.tryUse(chatId)) {
      if (!paidOutsideWindow) {
        return new Delivery.Held("outside Zalo's reply window: held until the user writes");
      }
      path = ZaloGateway.TRANSACTION;
      quote = null; // the paid endpoint is for notices, not for quoted consultations
      text = new ZaloMessage(text.text()); // nor for a consultation's buttons
    }
    Deadline by = gateway.newDeadline();
    ZaloGateway.Result r = gateway.send(path, chatId, text, quote, by);
    if (quote != null && refused(r)) {
      r = gateway.send(path, chatId, text, null, by);
    }
    if (r.ok()) {
      return new Delivery.Sent();
    }
    String reason = "Zalo " + r.error() + " " + r.message();
    if (r.error() == null) {
      return new Delivery.Failed(reason, true);
    }
    if (r.error() == NOT_FOLLOWER) {
      return new Delivery.ChatGone(reason);
    }
    if (NO_INTERACTION.contains(r.error())) {
      return new Delivery.Held(reason);
    }
    if (r.error() == ZaloGateway.INVALID_TOKEN) {
      return new Delivery.Failed(reason, true);
    }
    return new Delivery.Failed(reason, false);
  }

  /** Zalo answered with an error that is about the message itself (the quote, maybe). */
  private static boolean refused(ZaloGateway.Result r) {
    return r.error() != null
        && !r.ok()
        && r.error() != ZaloGateway.INVALID_TOKEN
        && r.error() != NOT_FOLLOWER
        && !NO_INTERACTION.contains(r.error());
  }
}
