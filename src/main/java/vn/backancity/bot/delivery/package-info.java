/**
 * Every outgoing message leaves through here: the outbox table (rows written in the transaction
 * that decides them, claimed with a lease; replies to citizens in a lane of their own), the
 * per-channel worker with its token bucket, send window, per-chat pacing, 429 pauses, retries with
 * backoff and parts sent one by one, and each channel's {@link vn.backancity.bot.delivery.Sender}.
 */
package vn.backancity.bot.delivery;
