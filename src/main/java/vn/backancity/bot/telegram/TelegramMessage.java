package vn.backancity.bot.telegram;

import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/** One sendMessage: HTML text within Telegram's limit, and an optional inline keyboard. */
record TelegramMessage(String html, InlineKeyboardMarkup keyboard) {}
