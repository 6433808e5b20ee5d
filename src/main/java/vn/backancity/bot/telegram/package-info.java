/**
 * The Telegram channel: the webhook route, mapping updates to the chat core, HTML rendering and
 * sending through telegrambots-client.
 */
package vn.backancity.bot.telegram;
