/**
 * Subscriptions to the daily digest and to topics (saved searches, with excluded words and a mode:
 * alert, digest only, muted), quiet hours, the commands that change them, and the scheduler that
 * decides digests and topic alerts on the tick of an injected clock.
 */
package vn.backancity.bot.subscription;
