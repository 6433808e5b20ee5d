/**
 * The channel-agnostic conversation: what the bot replies to questions and commands, its Vietnamese
 * texts, and the directory of chats. No Javalin, no Telegram or Zalo types.
 */
package vn.backancity.bot.chat;
