/**
 * Every outgoing push leaves through here: the outbox table (rows written in the transaction that
 * decides them, claimed with a lease), the per-channel worker with its token bucket, per-chat
 * pacing, 429 pauses, retries with backoff, and each channel's {@link
 * vn.backancity.bot.delivery.Sender}.
 */
package vn.backancity.bot.delivery;
