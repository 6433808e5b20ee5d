package vn.backancity.bot.telegram;

import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * One sendMessage: HTML text within Telegram's limit, an optional inline keyboard, and the link to
 * preview.
 *
 * @param previewUrl the link Telegram shows a large preview of (its page's picture, title and
 *     description), or null for no preview at all
 */
record TelegramMessage(String html, InlineKeyboardMarkup keyboard, String previewUrl) {

  /** A message without a link preview. */
  TelegramMessage(String html, InlineKeyboardMarkup keyboard) {
    this(html, keyboard, null);
  }
}
