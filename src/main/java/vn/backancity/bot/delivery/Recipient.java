package vn.backancity.bot.delivery;

import vn.backancity.bot.chat.Language;

/**
 * A chat on a channel, with its kind (private, group, supergroup, channel) and the language the
 * bot's own texts to it are in.
 */
public record Recipient(String channel, String chatId, String kind, Language language) {
  public Recipient {
    language = language == null ? Language.VI : language;
  }

  /** A chat spoken to in Vietnamese, the default. */
  public Recipient(String channel, String chatId, String kind) {
    this(channel, chatId, kind, Language.VI);
  }

  /** The same chat, spoken to in {@code lang}. */
  public Recipient in(Language lang) {
    return new Recipient(channel, chatId, kind, lang);
  }
}
