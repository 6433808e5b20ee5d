package vn.backancity.bot.chat;

/**
 * The language of the bot's own texts to each chat, read when a message to it is rendered ({@link
 * ChatDirectory#language} in the running service).
 */
@FunctionalInterface
public interface ChatLanguages {
  /** Every chat in Vietnamese. */
  ChatLanguages VIETNAMESE = (channel, chatId) -> Language.VI;

  Language of(String channel, String chatId);
}
