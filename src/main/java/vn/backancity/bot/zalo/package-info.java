/**
 * The Zalo Official Account channel: signed webhook events mapped to the same chat core as
 * Telegram, replies and pushes sent through Zalo's OpenAPI with stored, refreshed tokens, each
 * message within a deadline well under the outbox lease, and Zalo's 48-hour reply window respected
 * (pushes held until the user writes).
 */
package vn.backancity.bot.zalo;
