/**
 * The channel-agnostic conversation: what the bot replies to questions and commands, its texts
 * (keys of the i18n bundles, in Vietnamese and English), and the directory of chats with each
 * chat's language. No Javalin, no Telegram or Zalo types.
 */
package vn.backancity.bot.chat;
