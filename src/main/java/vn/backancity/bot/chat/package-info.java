/**
 * The channel-agnostic conversation: what the bot replies to questions and commands, its Vietnamese
 * texts, the directory of chats, and the record of updates already handled. No Javalin, no Telegram
 * or Zalo types.
 */
package vn.backancity.bot.chat;
