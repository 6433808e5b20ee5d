package vn.backancity.bot.telegram;

import java.time.Duration;
import java.util.List;
import vn.backancity.bot.chat.ChatLanguages;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.delivery.Delivery;
import vn.backancity.bot.delivery.Sender;

/**
 * The outbox's way out to Telegram: renders a message as Telegram HTML and sends it, translating
 * Bot API errors: 429 → pause for retry_after, 403 (blocked, deactivated, kicked) or "chat not
 * found" → chat gone, other 4xx → failed for good, 5xx and network errors → retry later.
 */
public final class TelegramSender implements Sender {
  private final TelegramGateway gateway;
  private final boolean paidBroadcast;
  private final ChatLanguages languages;
  private final TelegramFormatter formatter = new TelegramFormatter();

  /**
   * @param paidBroadcast send with allow_paid_broadcast (needed above ~30 messages/s; costs Stars)
   */
  public TelegramSender(TelegramGateway gateway, boolean paidBroadcast) {
    this(gateway, paidBroadcast, ChatLanguages.VIETNAMESE);
  }

  /**
   * @param languages each chat's language, for the bot's own words in what it renders
   */
  public TelegramSender(TelegramGateway gateway, boolean paidBroadcast, ChatLanguages languages) {
    this.gateway = gateway;
    this.paidBroadcast = paidBroadcast;
    this.languages = languages;
  }

  @Override
  public String channel() {
    return TelegramUpdates.CHANNEL;
  }

  @Override
  public List<Part> render(String chatId, Reply message) {
    long id;
    try {
      id = Long.parseLong(chatId);
    } catch (NumberFormatException e) {
      return List.of(() -> new Delivery.Failed("not a Telegram chat id: " + chatId, false));
    }
    Language lang = languages.of(TelegramUpdates.CHANNEL, chatId);
    return formatter.render(message, lang).stream().<Part>map(m -> () -> send(id, m)).toList();
  }

  private Delivery send(long chatId, TelegramMessage message) {
    try {
      gateway.send(chatId, message, paidBroadcast);
      return new Delivery.Sent();
    } catch (TelegramFailure f) {
      return outcome(f);
    }
  }

  static Delivery outcome(TelegramFailure f) {
    String reason = f.code() + " " + f.getMessage();
    if (f.code() == 429) {
      int seconds = f.retryAfter() == null ? 1 : Math.max(1, f.retryAfter());
      return new Delivery.RateLimited(Duration.ofSeconds(seconds));
    }
    if (f.chatGone()
        || (f.code() == 400 && String.valueOf(f.getMessage()).contains("chat not found"))) {
      return new Delivery.ChatGone(reason);
    }
    if (f.code() >= 400 && f.code() < 500 && f.code() != 401 && f.code() != 404) {
      return new Delivery.Failed(reason, false);
    }
    return new Delivery.Failed(reason, true);
  }
}
